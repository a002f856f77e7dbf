"""Word documents from .docx templates: render, list fields, convert to PDF.

The shared machinery every document verb uses (自查报告, 整改方案, 宣传方案, 审核意见 …).

    from generator.documents import render_docx, convert_to_pdf, template_fields

    render_docx("report-school.docx", context, "东社小学自查报告.docx", force=False)
    convert_to_pdf("东社小学自查报告.docx")            # → 东社小学自查报告.pdf beside it
    template_fields("report-school.docx")              # → ["school", "verdict_rows", …]

Templates are real .docx files with docxtpl tags (Jinja inside Word runs; `{%tr for … %}`
for table rows). A template is named either by a file name in doc_templates/
(generator.resources.templates_dir()) or by a path to a user's own .docx (a letterhead).

Guarantees:

- **Sandboxed and escaped.** Rendering uses jinja2.sandbox.SandboxedEnvironment with
  autoescape, so a school called `A&B <一小> {{x}}` appears literally and a user's template
  cannot reach Python internals. Undefined names are errors (StrictUndefined), reported as
  InputErrors that name the template and the field, never as a traceback.
- **Deterministic.** Same template + same context → same bytes: the zip is written with
  fixed timestamps in the template's own member order; nothing reads the clock.
- **Atomic, never clobbering.** The output is written through generator.writing (temp
  file + rename); an existing output is refused without `force=True` (InputErrors →
  exit 2 via cli.fail_input).
- **Fast.** A template is prepared once per process (docxtpl's own patch_xml, then the
  Jinja source compiled once) and cached; each render only runs the compiled template
  and docxtpl's post-processing, then appends the rendered parts to a zip of the
  untouched members compressed once (their compressed bytes are copied, not recompressed).
  bench/bench_docs.py measures this against loading a DocxTemplate afresh per document.
"""
from __future__ import annotations

import difflib
import io
import os
import re
import shutil
import subprocess
import tempfile
import threading
import zipfile
from pathlib import Path

from . import i18n
from .errors import InputError, InputErrors
from .resources import templates_dir
from .writing import check_writable, write_bytes_atomic

MESSAGES = {
    "template_missing": {"zh": "找不到模板“{name}”（内置模板：{known}）",
                         "en": "template '{name}' not found (shipped templates: {known})"},
    "template_unreadable": {"zh": "模板不是可用的 .docx 文件：{detail}",
                            "en": "the template is not a usable .docx file: {detail}"},
    "template_syntax": {"zh": "模板标签写法有误：{detail}（附近文字：{near}）",
                        "en": "template tag error: {detail} (near: {near})"},
    "template_unknown_field": {"zh": "模板使用了不存在的字段“{name}”",
                               "en": "the template uses a field that does not exist: '{name}'"},
    "template_fields_hint": {"zh": "（可用字段见 --list-fields）", "en": " (see --list-fields for the fields)"},
    "template_render": {"zh": "模板填写失败：{detail}", "en": "the template could not be filled: {detail}"},
    "template_unsafe": {"zh": "模板试图执行不允许的操作：{detail}",
                        "en": "the template tried an operation that is not allowed: {detail}"},
    "soffice_missing": {"zh": "未安装 LibreOffice（找不到 soffice 命令），无法生成 PDF；"
                              "请安装 libreoffice-writer（Debian/Ubuntu：apt-get install libreoffice-writer-nogui）"
                              "后重试，或去掉 --pdf。Word 文件已照常生成。",
                        "en": "LibreOffice is not installed (no `soffice` command), so no PDF can be made; "
                              "install libreoffice-writer (Debian/Ubuntu: apt-get install "
                              "libreoffice-writer-nogui) or drop --pdf. The Word file was written as usual."},
    "pdf_failed": {"zh": "LibreOffice 转换 PDF 失败：{detail}", "en": "LibreOffice could not convert to PDF: {detail}"},
}
i18n.MESSAGES.update(MESSAGES)

# Every member of the written zip carries this timestamp: output bytes never depend on the clock.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

# GB/T 9704 fonts → the free CJK face of the same kind. Templates name the official fonts
# (what an office PC has); tools/gbt9704.py writes these as w:altName in fontTable.xml (Word
# uses them), and convert_to_pdf() gives LibreOffice the same pairs as its font replacement
# table, so a PDF made on a machine without the official fonts is still 仿宋-like serif,
# 黑体-like sans, and never a Japanese-first fallback.
CJK_FONT_FALLBACKS = {
    "方正小标宋简体": "Noto Serif CJK SC",
    "仿宋_GB2312": "Noto Serif CJK SC",
    "仿宋": "Noto Serif CJK SC",
    "楷体_GB2312": "Noto Serif CJK SC",
    "楷体": "Noto Serif CJK SC",
    "宋体": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
}

_DOCUMENT_PART = "word/document.xml"
_CORE_PART = "docProps/core.xml"
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_BODY_MARKER = "junheng-body-goes-here"


# ---------------------------------------------------------------- Jinja environment
def _environment():
    """A sandboxed, autoescaping, strict environment that compiles each source only once.

    docxtpl's render_xml_part() calls `jinja_env.from_string(xml)` on every render; keeping
    the compiled template per source string lets us call docxtpl's own function and still
    compile once per process.
    """
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    class _CompilingOnceEnvironment(SandboxedEnvironment):
        def __init__(self):
            super().__init__(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
            self._compiled: dict[str, object] = {}
            self._lock = threading.Lock()

        def from_string(self, source, globals=None, template_class=None):
            if globals is not None or template_class is not None:
                return super().from_string(source, globals, template_class)
            compiled = self._compiled.get(source)
            if compiled is None:
                compiled = super().from_string(source)
                with self._lock:
                    self._compiled[source] = compiled
            return compiled

    return _CompilingOnceEnvironment()


# ---------------------------------------------------------------- templates
def shipped_templates() -> list[str]:
    folder = templates_dir()
    return sorted(p.name for p in folder.glob("*.docx")) if folder.is_dir() else []


def resolve_template(template) -> Path:
    """A shipped template name ("report-school.docx") or a path to a user's .docx.

    A Path (what --template gives) is the user's file and nothing else. A bare name is a
    shipped template first: a file of the same name in the working directory is very
    often a document junheng wrote there (`-o plan.docx`), and must never be taken for
    the template. Only a bare name that is not shipped falls back to such a file.
    """
    if isinstance(template, Path) or "/" in str(template) or os.sep in str(template):
        path = Path(template)
        if path.is_file():
            return path.resolve()
        raise InputErrors([InputError(str(template), None, None, "template_missing", name=str(template),
                                      known="、".join(shipped_templates()) or "—")])
    shipped = templates_dir() / str(template)
    if shipped.is_file():
        return shipped.resolve()
    if not str(template).endswith(".docx") and (templates_dir() / f"{template}.docx").is_file():
        return (templates_dir() / f"{template}.docx").resolve()
    if Path(template).is_file():
        return Path(template).resolve()
    raise InputErrors([InputError(str(template), None, None, "template_missing", name=str(template),
                                  known="、".join(shipped_templates()) or "—")])


class PreparedTemplate:
    """One .docx template made ready to render many times.

    Holds the template's zip members as bytes, the Jinja sources of every part that
    carries tags (body, headers, footers, footnotes, core properties), and a docxtpl
    DocxTemplate whose functions (patch_xml, render_xml_part, fix_tables, fix_docpr_ids)
    do the docx-specific work, so that behaviour matches docxtpl exactly.
    """

    def __init__(self, path: Path):
        from docxtpl import DocxTemplate
        from lxml import etree

        self.path = path
        raw = path.read_bytes()
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                self.members = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
            self.docxtpl = DocxTemplate(io.BytesIO(raw))
            self.docxtpl.init_docx()
        except Exception as exc:   # a zip that is not a docx: python-docx/zipfile say why
            raise self._error("template_unreadable", detail=str(exc) or type(exc).__name__) from None
        self.env = _environment()
        tpl = self.docxtpl
        names = {name for name, _ in self.members}
        if _DOCUMENT_PART not in names:
            raise self._error("template_unreadable", detail=f"no {_DOCUMENT_PART}")

        # The body is rendered on its own (as docxtpl does) and spliced back into document.xml.
        self.body_source = tpl.patch_xml(tpl.get_xml())
        root = etree.fromstring(dict(self.members)[_DOCUMENT_PART])
        body = root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body")
        root.replace(body, etree.Comment(_BODY_MARKER))
        shell = etree.tostring(root, encoding="unicode")
        self.document_prefix, self.document_suffix = shell.split(f"<!--{_BODY_MARKER}-->")

        # Headers, footers and footnotes that carry tags, by zip member name.
        self.part_sources: dict[str, tuple[object, str]] = {}
        for rel in tpl.docx.part.rels.values():
            if rel.is_external or rel.reltype not in (tpl.HEADER_URI, tpl.FOOTER_URI):
                continue
            self._add_part(rel.target_part)
        for part in tpl.docx.part.package.parts:
            if part.content_type.endswith("wordprocessingml.footnotes+xml"):
                self._add_part(part)
        core = dict(self.members).get(_CORE_PART, b"").decode("utf-8")
        self.core_text = core or None
        self.core_source = core if ("{{" in core or "{%" in core) else None

        # Compile everything now: a syntax error surfaces before any output is attempted.
        self.fields = self._collect_fields()

        # The members no render changes are compressed once, into a base zip; each document
        # is that base plus its rendered parts appended (zipfile's append mode), so the
        # untouched parts (styles, fonts, settings…) are copied as compressed bytes.
        self.rendered_names = {_DOCUMENT_PART, *self.part_sources}
        if self.core_text:
            self.rendered_names.add(_CORE_PART)       # always rewritten: it carries the metadata
        self.base_zip = _zip_bytes([(name, data) for name, data in self.members if name not in self.rendered_names])

    def _add_part(self, part):
        source = self.docxtpl.patch_xml(self.docxtpl.get_part_xml(part))
        if "{{" in source or "{%" in source:
            self.part_sources[str(part.partname).lstrip("/")] = (part, source)

    def _error(self, msg_id, key=None, **params) -> InputErrors:
        return InputErrors([InputError(str(self.path), None, key, msg_id, **params)])

    def _sources(self):
        # render_xml_part() puts each <w:p on its own line before compiling; do the same
        # so that error line numbers and the compile cache agree with it.
        yield re.sub(r"<w:p([ >])", r"\n<w:p\1", self.body_source)
        for _part, source in self.part_sources.values():
            yield re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
        if self.core_source:
            yield self.core_source

    def _collect_fields(self) -> list[str]:
        from jinja2 import TemplateSyntaxError, meta

        fields: set[str] = set()
        for source in self._sources():
            try:
                fields |= meta.find_undeclared_variables(self.env.parse(source))
                self.env.from_string(source)
            except TemplateSyntaxError as exc:
                lines = source.splitlines()[max((exc.lineno or 1) - 3, 0):(exc.lineno or 1) + 2]
                near = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", " ".join(lines))).strip()[:80]
                raise self._error("template_syntax", detail=exc.message or str(exc), near=near or "—") from None
        return sorted(fields)

    # -- rendering
    def check_context(self, context: dict) -> None:
        """Every name the template uses must be in the context; suggest the closest one."""
        unknown = [name for name in self.fields if name not in context and name not in self.env.globals]
        if unknown:
            errors = []
            for name in unknown:
                match = difflib.get_close_matches(name, list(context), n=1, cutoff=0.5)
                if match:
                    errors.append(InputError(str(self.path), None, name, "template_unknown_field", "did_you_mean",
                                             {"suggestion": match[0]}, name=name))
                else:
                    errors.append(InputError(str(self.path), None, name, "template_unknown_field",
                                             "template_fields_hint", name=name))
            raise InputErrors(errors)

    def render(self, context: dict, metadata: dict | None = None) -> bytes:
        """The filled document as .docx bytes (deterministic); `metadata` (e.g. the profile and
        the engine that decided) goes into the document properties' keywords."""
        from jinja2 import TemplateError, UndefinedError
        from jinja2.exceptions import SecurityError

        self.check_context(context)
        tpl = self.docxtpl
        try:
            body_xml = tpl.render_xml_part(self.body_source, tpl.docx.part, context, self.env)
            tree = tpl.fix_tables(body_xml)
            tpl.docx_ids_index = 1000     # as render_init(): drawing ids restart for each document
            tpl.fix_docpr_ids(tree)
            from lxml import etree
            replaced = {_DOCUMENT_PART: (self.document_prefix + etree.tostring(tree, encoding="unicode")
                                         + self.document_suffix)}
            for name, (part, source) in self.part_sources.items():
                replaced[name] = _XML_DECLARATION + tpl.render_xml_part(source, part, context, self.env)
            if self.core_text:
                core = self.env.from_string(self.core_source).render(context) if self.core_source else self.core_text
                replaced[_CORE_PART] = _stamp_keywords(core, metadata)
        except SecurityError as exc:
            raise self._error("template_unsafe", detail=str(exc)) from None
        except UndefinedError as exc:
            raise self._error("template_render", detail=str(exc)) from None
        except TemplateError as exc:
            raise self._error("template_render", detail=str(exc)) from None
        return _zip_bytes([(name, replaced[name].encode("utf-8")) for name, _ in self.members if name in replaced],
                          base=self.base_zip)


def _stamp_keywords(core_xml: str, metadata: dict | None) -> str:
    """docProps/core.xml with cp:keywords set to "key=value; …" (File › Properties in Word/WPS)."""
    if not metadata:
        return core_xml
    from xml.sax.saxutils import escape
    words = escape("; ".join(f"{key}={value}" for key, value in metadata.items()))
    stamped, count = re.subn(r"<cp:keywords\s*/>|<cp:keywords>.*?</cp:keywords>",
                             lambda _: f"<cp:keywords>{words}</cp:keywords>", core_xml, count=1, flags=re.S)
    if count:
        return stamped
    return core_xml.replace("</cp:coreProperties>", f"<cp:keywords>{words}</cp:keywords></cp:coreProperties>", 1)


def _zip_bytes(members, base: bytes | None = None) -> bytes:
    """A zip of (name, data) with fixed timestamps; appended to the `base` zip's bytes if given."""
    buffer = io.BytesIO(base or b"")
    with zipfile.ZipFile(buffer, "a" if base else "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return buffer.getvalue()


_CACHE: dict[tuple, PreparedTemplate] = {}
_CACHE_LOCK = threading.Lock()


def prepare(template) -> PreparedTemplate:
    """The prepared template, cached per process (keyed by path, size and mtime)."""
    path = resolve_template(template)
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    prepared = _CACHE.get(key)
    if prepared is None:
        prepared = PreparedTemplate(path)
        with _CACHE_LOCK:
            _CACHE[key] = prepared
    return prepared


# ---------------------------------------------------------------- public API
def render_docx_bytes(template, context: dict, metadata: dict | None = None) -> bytes:
    """Fill `template` with `context`; the .docx as bytes. Raises InputErrors on bad templates."""
    return prepare(template).render(context, metadata)


def render_docx(template, context: dict, output, *, force: bool = False, metadata: dict | None = None) -> Path:
    """Fill `template` with `context` and write the .docx to `output`, atomically.

    template: a file name in doc_templates/ or a path to a user's .docx.
    context:  a dict of plain values (str, numbers, lists, dicts); every value is XML-escaped.
    output:   refused (InputErrors, "output_exists") if it exists and force is False.
    Returns the output path.
    """
    check_writable(output, force)     # refuse before doing the work
    data = render_docx_bytes(template, context, metadata)
    return write_bytes_atomic(output, data, force=force)


def template_fields(template) -> list[str]:
    """The top-level variable names a template uses (its tags), sorted."""
    return list(prepare(template).fields)


def soffice_command() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_path, pdf_path=None, *, force: bool = False) -> Path:
    """Convert a .docx to PDF with LibreOffice (headless); returns the PDF path.

    pdf_path defaults to the .docx path with a .pdf suffix. Each run uses a private
    LibreOffice profile directory (-env:UserInstallation) so parallel conversions do not
    collide on the user's profile lock. Raises InputErrors ("soffice_missing") with an
    install hint when LibreOffice is absent, and refuses an existing PDF without force.
    """
    docx_path = Path(docx_path)
    pdf_path = Path(pdf_path) if pdf_path is not None else docx_path.with_suffix(".pdf")
    check_writable(pdf_path, force)
    [produced] = convert_many_to_pdf([docx_path])
    try:
        return write_bytes_atomic(pdf_path, produced.read_bytes(), force=force)
    finally:
        shutil.rmtree(produced.parent, ignore_errors=True)


def _seed_profile(profile: Path) -> None:
    """A private LibreOffice profile whose font replacement table maps the GB/T 9704 fonts."""
    from xml.sax.saxutils import escape

    pairs = []
    for index, (font, substitute) in enumerate(CJK_FONT_FALLBACKS.items()):
        pairs.append(
            '<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">'
            f'<node oor:name="_{index}" oor:op="replace">'
            '<prop oor:name="Always" oor:op="fuse"><value>true</value></prop>'
            '<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>'
            f'<prop oor:name="ReplaceFont" oor:op="fuse"><value>{escape(font)}</value></prop>'
            f'<prop oor:name="SubstituteFont" oor:op="fuse"><value>{escape(substitute)}</value></prop>'
            '</node></item>')
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
            '<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>'
            + "".join(pairs) + "</oor:items>\n")
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(text, encoding="utf-8")


def convert_many_to_pdf(docx_paths, timeout: int = 600) -> list[Path]:
    """Convert several .docx files in ONE LibreOffice run (start-up dominates the cost).

    Returns the PDFs in a fresh temporary directory (the caller moves or removes them);
    the order matches docx_paths. Names must be distinct by stem.
    """
    command = soffice_command()
    if command is None:
        raise InputErrors([InputError(None, None, None, "soffice_missing")])
    docx_paths = [Path(p).resolve() for p in docx_paths]
    outdir = Path(tempfile.mkdtemp(prefix="junheng-pdf-"))
    profile = Path(tempfile.mkdtemp(prefix="junheng-lo-profile-"))
    _seed_profile(profile)
    try:
        args = [command, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_paths)]
        try:
            completed = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                                       env={**os.environ, "HOME": str(profile)})
        except subprocess.TimeoutExpired:
            raise InputErrors([InputError(None, None, None, "pdf_failed", detail=f"timeout after {timeout}s")]) \
                from None
        produced = [outdir / (p.stem + ".pdf") for p in docx_paths]
        missing = [p for p in produced if not p.is_file()]
        if completed.returncode != 0 or missing:
            detail = (completed.stderr or completed.stdout or "").strip().splitlines()[-1:] or ["no PDF produced"]
            shutil.rmtree(outdir, ignore_errors=True)
            raise InputErrors([InputError(None, None, None, "pdf_failed", detail=detail[0])])
        return produced
    finally:
        shutil.rmtree(profile, ignore_errors=True)
