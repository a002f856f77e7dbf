"""Word documents from .docx templates: render, list fields, convert to PDF.

The shared machinery every document verb uses (自查报告, 整改方案, 宣传方案, 审核意见 …).

    from generator.render.documents import render_docx, template_fields
    from generator.render.pdf import convert_to_pdf

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
- **Atomic, never clobbering.** The output is written through generator.io.writing (temp
  file + rename); an existing output is refused without `force=True` (InputErrors →
  exit 2 via cli.fail_input).
- **Fast.** A template is prepared once per process (docxtpl's own patch_xml, then the
  Jinja source compiled once) and cached; each render only runs the compiled template
  and those of docxtpl's passes that have something to change (generator.render.docx_passes),
  then appends the rendered parts to a zip of the untouched members compressed once
  (generator.render.docx_zip: their compressed bytes are copied, not recompressed).
  bench/bench_docs.py measures this against loading a DocxTemplate afresh per document.
"""
from __future__ import annotations

import difflib
import html
import io
import os
import re
import threading
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from generator.errors import InputError, InputErrors
from generator.resources import templates_dir
from generator.io.writing import check_writable, write_bytes_atomic
from generator import limits
from generator.limits import check_docx
from generator.render.docx_zip import BaseZip
from generator.render.docx_passes import lined, parse_fixed, render_part, renumber_drawings
from generator.render.prose import centre_over
from generator.render.rendered_layout import finish_layout
from generator.render.template_limits import TemplateLimit, TemplateTimeout, count_output, guard_filters, guarded_binop, limited_range, time_limit


# The fonts a template names are the ones Word/WPS on a Windows PC have (GB/T 9704's
# 仿宋_GB2312 / 楷体_GB2312 / 方正小标宋简体 are not installed there by default, and Word would
# substitute arbitrarily). Each maps to a fontTable.xml w:altName (its English name, which
# Word also knows) and, for PDFs, to the free face doc_templates/fonts.conf prefers.
CJK_FONT_FALLBACKS = {
    "仿宋": "FangSong",
    "楷体": "KaiTi",
    "黑体": "SimHei",
    "宋体": "SimSun",
    # kept for templates made before the Windows names (and for other helpers' builders)
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "方正小标宋简体": "宋体",
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
        # Size limits (generator.render.template_limits): these operators are checked before they run.
        intercepted_binops = frozenset({"*", "**", "+", "%"})

        def __init__(self):
            super().__init__(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
            self._compiled: dict[str, object] = {}
            self._lock = threading.Lock()
            self.globals["range"] = limited_range
            self.filters = guard_filters(self.filters)
            self.concat = count_output          # output counted chunk by chunk

        def call_binop(self, context, operator, left, right):
            return guarded_binop(operator, left, right)

        def from_string(self, source, globals=None, template_class=None):
            if globals is not None or template_class is not None:
                return super().from_string(source, globals, template_class)
            compiled = self._compiled.get(source)
            if compiled is None:
                compiled = super().from_string(source)
                with self._lock:
                    self._compiled[source] = compiled
            return compiled

    env = _CompilingOnceEnvironment()
    env.filters["centre_over"] = centre_over      # 署名 centred over the 成文日期 (tools/gbt9704.add_signature)
    return env


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

        self.path = path
        # One prepared template serves every thread of the web server, and docxtpl keeps per-render state on its
        # object (the part being rendered, the drawings' numbering): renders of one template take turns. Under the
        # GIL they would anyway; the lock only keeps one render's numbering out of another's document.
        self._render_lock = threading.Lock()
        try:
            raw = check_docx(path, template=True)   # regular, within the size limits (generator.limits)
        except InputError as err:
            raise InputErrors([err]) from None
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                self.members = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
            self.docxtpl = DocxTemplate(io.BytesIO(raw))
            self.docxtpl.init_docx()
        except Exception as exc:   # a zip that is not a docx: python-docx/zipfile say why
            raise self._error("template_unreadable", detail=str(exc).splitlines()[0][:120] if str(exc) else "not a Word file") from None
        self.env = _environment()
        tpl = self.docxtpl
        names = {name for name, _ in self.members}
        if _DOCUMENT_PART not in names:
            raise self._error("template_unreadable", detail=f"no {_DOCUMENT_PART}")

        # The body is rendered on its own (as docxtpl does) and spliced back into document.xml.
        self.body_source = lined(tpl.patch_xml(tpl.get_xml()))
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
        self.base_zip = BaseZip([(name, data) for name, data in self.members if name not in self.rendered_names])

    def _add_part(self, part):
        source = self.docxtpl.patch_xml(self.docxtpl.get_part_xml(part))
        if "{{" in source or "{%" in source:
            self.part_sources[str(part.partname).lstrip("/")] = (part, lined(source))

    def _error(self, msg_id, key=None, **params) -> InputErrors:
        return InputErrors([InputError(str(self.path), None, key, msg_id, **params)])

    def _sources(self):
        # Each <w:p on its own line (docx_passes.lined, as docxtpl's render_xml_part compiles a
        # part), so that an error's line number is the paragraph's.
        yield self.body_source
        for _part, source in self.part_sources.values():
            yield source
        if self.core_source:
            yield self.core_source

    def _collect_fields(self) -> list[str]:
        from jinja2 import TemplateSyntaxError, meta

        self._check_fullwidth()
        fields: set[str] = set()
        for source in self._sources():
            try:
                fields |= meta.find_undeclared_variables(self.env.parse(source))
                self.env.from_string(source)
            except TemplateSyntaxError as exc:
                raise self._tag_error(source, exc.lineno, exc.message or str(exc)) from None
        return sorted(fields)

    def _check_fullwidth(self) -> None:
        """Tags typed with a Chinese input method (｛｛ ｝｝, ｛％ ％｝) would print literally."""
        for source in self._sources():
            for number, line in enumerate(source.splitlines()):
                text = _plain_text(line)
                match = _FULLWIDTH_TAG.search(text)
                if match:
                    start = max(match.start() - 10, 0)
                    raise self._error("template_fullwidth_braces", para=max(number, 1),
                                      near=text[start:match.end() + 20].strip())

    def _tag_error(self, source: str, lineno, detail: str) -> InputErrors:
        """"模板第 12 段（“…”）的标签 {% if … %} 有误：…": the paragraph (each <w:p> is one line of the
        compiled source) and the tag in it, as a clerk sees them in Word."""
        lines = source.splitlines()
        index = max((lineno or 1) - 1, 0)
        text = _plain_text(lines[index]) if index < len(lines) else ""
        if not re.search(r"\{[{%]", text):       # a tag opened on an earlier line (a table row, a run)
            for back in range(index - 1, max(index - 6, -1), -1):
                candidate = _plain_text(lines[back])
                if re.search(r"\{[{%]", candidate):
                    text = candidate
                    break
        tags = re.findall(r"\{[{%].*?[}%]\}|\{[{%][^}%]*$", text)
        paragraph = max(index, 1)      # line 1 is what precedes the first <w:p>
        return self._error("template_tag_error", para=paragraph, near=text.strip()[:60] or "—",
                           tag=tags[0] if tags else "—", detail=detail)

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
        """The filled document as .docx bytes (deterministic), within generator.render.template_limits;
        `metadata` (e.g. the profile and the engine that decided) goes into the document
        properties' keywords."""
        self.check_context(context)
        with self._render_lock:
            return self._render_in_turn(context, metadata)

    def _render_in_turn(self, context: dict, metadata: dict | None) -> bytes:
        tpl = self.docxtpl
        self._current = self.body_source
        try:
            with time_limit(limits.MAX_TEMPLATE_SECONDS):
                return self._render(context, tpl, metadata)
        except TemplateLimit as exc:
            # said in the reader's language when the error is described (both wordings travel with it)
            raise self._failed(exc, {"zh": exc.what_zh, "en": exc.what_en}) from None
        except TemplateTimeout:
            raise self._error("template_limit", detail=f"> {limits.MAX_TEMPLATE_SECONDS} s", near="—") from None
        except InputErrors:
            raise
        except RecursionError as exc:
            raise self._failed(exc, "recursion too deep") from None
        except SyntaxError as exc:          # lxml: the filled part is not well-formed Word XML
            raise self._error("template_failed", detail=str(exc).splitlines()[0][:120] if str(exc) else "XML",
                              near="—") from None
        except (ArithmeticError, TypeError, ValueError, LookupError, AttributeError, OSError,
                RuntimeError, MemoryError) as exc:
            # A user template that divides by zero, formats text as a number, includes a file …
            raise self._failed(exc, str(exc).splitlines()[0][:160] if str(exc) else "—") from None

    def _failed(self, exc, detail: str) -> InputErrors:
        """A render error as exit 2 naming the paragraph and the tag (docs' _tag_error), when the
        compiled template's line is known; else the text near the part being rendered."""
        line = _template_line(exc)
        if line is not None:
            return self._tag_error(self._current, line, detail)
        return self._error("template_failed", detail=detail, near="—")

    def _render(self, context, tpl, metadata=None) -> bytes:
        from jinja2 import TemplateError
        from jinja2.exceptions import SecurityError
        try:
            body_xml = render_part(tpl, self.body_source, tpl.docx.part, context, self.env)
            tree = parse_fixed(tpl, body_xml)
            renumber_drawings(tpl, tree, body_xml)
            finish_layout(tree)
            replaced = {_DOCUMENT_PART: (self.document_prefix + etree.tostring(tree, encoding="unicode")
                                         + self.document_suffix)}
            for name, (part, source) in self.part_sources.items():
                self._current = source
                replaced[name] = _XML_DECLARATION + render_part(tpl, source, part, context, self.env)
            if self.core_text:
                self._current = self.core_source or ""
                core = self.env.from_string(self.core_source).render(context) if self.core_source else self.core_text
                replaced[_CORE_PART] = _stamp_keywords(core, metadata)
        except SecurityError as exc:
            raise self._error("template_unsafe", detail=str(exc)) from None
        except (TemplateError, TypeError, ValueError, ArithmeticError, AttributeError, KeyError,
                IndexError) as exc:
            # a tag that fails on the data ("'>' not supported between …"): say which tag
            raise self._failed(exc, str(exc).splitlines()[0][:160] if str(exc) else "—") from None
        return self.base_zip.plus([(name, replaced[name].encode("utf-8")) for name, _ in self.members
                                   if name in replaced])


_FULLWIDTH_TAG = re.compile(r"｛[｛{％%]|[{｛][％｛]|[｝}％%]｝|％[}｝]")


def _plain_text(xml: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", xml))


def _template_line(exc) -> int | None:
    """The line of the compiled template where a render error happened (Jinja's frames are
    named "<template>")."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _stamp_keywords(core_xml: str, metadata: dict | None) -> str:
    """docProps/core.xml with cp:keywords set to "key=value; …" (File › Properties in Word/WPS)."""
    if not metadata:
        return core_xml
    words = escape("; ".join(f"{key}={value}" for key, value in metadata.items()))
    stamped, count = re.subn(r"<cp:keywords\s*/>|<cp:keywords>.*?</cp:keywords>",
                             lambda _: f"<cp:keywords>{words}</cp:keywords>", core_xml, count=1, flags=re.S)
    if count:
        return stamped
    return core_xml.replace("</cp:coreProperties>", f"<cp:keywords>{words}</cp:keywords></cp:coreProperties>", 1)


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


