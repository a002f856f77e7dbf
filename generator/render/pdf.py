"""PDFs of the .docx files: LibreOffice (a private profile per run, bounded in time), the font map
(doc_templates/fonts.conf) and a warning per substituted face, and byte-identical output (fixed dates and
document id)."""
from __future__ import annotations

import glob
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from xml.sax.saxutils import escape

from generator import i18n
from generator.errors import InputError, InputErrors
from generator.resources import templates_dir
from generator.io.writing import check_writable, write_bytes_atomic

# Font named in a document → (free face fonts.conf prefers, the Debian package that has it).
# convert_many_to_pdf() warns once per process about each face that is not installed.
PDF_FONTS = {
    "仿宋": ("FandolFang", "texlive-lang-chinese"),
    "楷体": ("AR PL UKai CN", "fonts-arphic-ukai"),
    "宋体": ("Noto Serif CJK SC", "fonts-noto-cjk"),
    "方正小标宋简体": ("Noto Serif CJK SC", "fonts-noto-cjk"),
    "黑体": ("Noto Sans CJK SC", "fonts-noto-cjk"),
    "Times New Roman": ("Liberation Serif", "fonts-liberation2"),
}
FONTCONFIG_NAME = "fonts.conf"


# Where LibreOffice puts soffice when it is installed but not on PATH (Windows never puts it there).
SOFFICE_ENV = "JUNHENG_SOFFICE"
_CHOSEN: list = [None]          # --soffice PATH of the running command (set_soffice)


def set_soffice(path) -> None:
    """The --soffice option of the running verb (None: look where LibreOffice is usually installed)."""
    _CHOSEN[0] = str(path) if path else None


def soffice_candidates(platform: str | None = None, environ=None) -> list[str]:
    """The places LibreOffice's soffice is installed by default on this kind of machine, in the order tried."""
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    if platform.startswith("win"):
        places = []
        for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
            root = environ.get(variable)
            if root:
                places.append(str(Path(root) / "LibreOffice" / "program" / "soffice.exe"))
        places += _windows_registry()
        return list(dict.fromkeys(places))
    if platform == "darwin":
        return ["/Applications/LibreOffice.app/Contents/MacOS/soffice",
                str(Path(environ.get("HOME", "~")) / "Applications/LibreOffice.app/Contents/MacOS/soffice")]
    # the newest first: /opt/libreoffice24.2 before /opt/libreoffice7.6
    newest = sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True,
                    key=lambda place: [int(part) for part in re.findall(r"\d+", place)])
    return [*newest,
            "/usr/lib/libreoffice/program/soffice", "/usr/lib64/libreoffice/program/soffice",
            "/snap/bin/libreoffice"]


def _windows_registry() -> list[str]:
    """LibreOffice's install folder as its installer records it (optional: any failure gives nothing)."""
    try:
        import winreg
    except ImportError:
        return []
    found = []
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(hive, r"SOFTWARE\LibreOffice\UNO\InstallPath") as key:
                folder = winreg.QueryValueEx(key, "")[0]
        except OSError:
            continue
        found.append(str(Path(folder) / "soffice.exe"))
    return found


def soffice_command(platform: str | None = None, environ=None) -> str | None:
    """The soffice to run: --soffice, else $JUNHENG_SOFFICE, else `soffice` / `libreoffice` on PATH, else the
    usual install folders (soffice_candidates). A path named by option or variable that is not a file raises
    InputErrors ("soffice_not_found"): the user said where it is, so nothing else is tried."""
    environ = os.environ if environ is None else environ
    named = _CHOSEN[0] or environ.get(SOFFICE_ENV) or None
    if named:
        if Path(named).is_file():
            return str(Path(named))
        found = shutil.which(named)
        if found:
            return found
        key = "--soffice" if _CHOSEN[0] else SOFFICE_ENV
        raise InputErrors([InputError(None, None, key, "soffice_not_found", path=named)])
    on_path = shutil.which("soffice") or shutil.which("libreoffice")
    if on_path:
        return on_path
    for place in soffice_candidates(platform, environ):
        if Path(place).is_file():
            return place
    return None


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


# Line breaking (首尾字符) for Chinese text: characters that never start a line (the usual list plus
# the unit ㎡) and never end one (the usual list plus the digits, so a number always goes with its
# unit: "55.56万元", "1500册", "5.2㎡" are never split). The decimal point, the ratio's colon, the
# minus sign and the slash of a unit ("4.1%", "8.9:1", "-1.2%", "元/生") never end a line either, and
# the slash never starts one: in these documents they only ever stand inside a figure. The templates
# carry the same lists for Word/WPS (tools/gbt9704.py, w:noLineBreaksBefore/After); LibreOffice does not read those from a
# .docx, so the private profile of each PDF run sets them (Tools › Options › Asian Layout).
NO_LINE_START = ("!%),.:;?]}¢°·ˇˉ―‖’”…‰′″℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｝～￠"
                 "㎡/")
NO_LINE_END = "$(£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥" + "0123456789" + ".:/-"


def _seed_profile(profile: Path) -> None:
    """A private LibreOffice profile: fonts come from fonts.conf (FONTCONFIG_FILE), not from
    LibreOffice's own replacement table, so that Word, the fontconfig file and the PDF agree; the
    Chinese line-breaking lists above are its only setting."""
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Office.Common/AsianLayout/StartEndCharacters">'
        '<node oor:name="zh-CN" oor:op="replace">'
        f'<prop oor:name="StartCharacters" oor:op="fuse"><value>{escape(NO_LINE_START)}</value></prop>'
        f'<prop oor:name="EndCharacters" oor:op="fuse"><value>{escape(NO_LINE_END)}</value></prop>'
        '</node></item>\n</oor:items>\n', encoding="utf-8")


def fontconfig_file() -> Path | None:
    path = templates_dir() / FONTCONFIG_NAME
    return path if path.is_file() else None


_SUBSTITUTIONS: list | None = None


def font_substitutions() -> list[dict]:
    """The PDF_FONTS whose preferred free face is not installed: [{font, face, used, package}].

    Asked of fontconfig itself (fc-match with junheng's fonts.conf), once per process; an
    empty list when fontconfig's tools are absent (Windows, macOS: the real fonts are used)."""
    global _SUBSTITUTIONS
    if _SUBSTITUTIONS is not None:
        return _SUBSTITUTIONS
    found = []
    config = fontconfig_file()
    if shutil.which("fc-match") and config is not None:
        env = {**os.environ, "FONTCONFIG_FILE": str(config)}
        for font, (face, package) in PDF_FONTS.items():
            try:
                used = subprocess.run(["fc-match", "-f", "%{family[0]}", font], capture_output=True, text=True,
                                      timeout=30, env=env).stdout.strip()
            except (OSError, subprocess.TimeoutExpired):
                continue
            if used and used != face:
                found.append({"font": font, "face": face, "used": used, "package": package})
    _SUBSTITUTIONS = found
    return found


# LibreOffice stamps every PDF with the clock (/CreationDate, xmp:CreateDate) and a random
# /ID. They are rewritten in place, with strings of the same length so the xref offsets stay
# right: the date becomes FIXED_PDF_DATE, the ID a hash of the document with both removed.
FIXED_PDF_DATE = "20240101000000"
_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})([^)]*)\)")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]*)(</xmp:)")
_XMP_UUID = re.compile(rb"uuid:[0-9a-fA-F-]{36}")
_PDF_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")


def normalize_pdf(data: bytes) -> bytes:
    """The same PDF with a fixed creation date and a content-derived document ID."""

    def fixed_date(match):
        tail = match.group(3)
        tail = re.sub(rb"[0-9]", b"0", tail)        # timezone +08'00' → +00'00'
        return match.group(1) + FIXED_PDF_DATE.encode() + tail + b")"

    def fixed_xmp(match):
        value = match.group(2)
        fixed = (b"2024-01-01T00:00:00" + re.sub(rb"[0-9]", b"0", value[19:]))[:len(value)]
        return match.group(1) + fixed + match.group(3)

    data = _PDF_DATE.sub(fixed_date, data)
    data = _XMP_DATE.sub(fixed_xmp, data)
    blank = _PDF_ID.sub(lambda m: b"/ID [<> <>]", data)
    blank = _PDF_CHECKSUM.sub(lambda m: m.group(1), blank)
    digest = hashlib.md5(_XMP_UUID.sub(b"uuid:", blank)).hexdigest().upper().encode()
    data = _XMP_UUID.sub(lambda m: b"uuid:" + (digest[:8] + b"-" + digest[8:12] + b"-" + digest[12:16] + b"-"
                                              + digest[16:20] + b"-" + digest[20:32]).lower(), data)

    def fixed_id(match):
        first, second = match.group(1), match.group(2)
        return (b"/ID [ <" + (digest * 4)[:len(first)] + b"> <" + (digest * 4)[:len(second)] + b"> ]")[
            :len(match.group(0))].ljust(len(match.group(0)), b" ")
    data = _PDF_CHECKSUM.sub(lambda m: m.group(1) + (digest * 4)[:len(m.group(2))], data)
    return _PDF_ID.sub(fixed_id, data)


def _run_soffice(args, env, timeout, total, progress) -> tuple[int, str]:
    """Run LibreOffice, telling `progress(done, total, name)` as it starts each file (it prints
    "convert A.docx -> A.pdf …" per file), so a batch is never silent for its whole run."""
    # its own process group (session): Ctrl-C reaches junheng, which then ends LibreOffice and every
    # helper it started, instead of leaving a half-done conversion running
    group = {"start_new_session": True} if os.name == "posix" else \
        {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    lines: list[str] = []

    def read():
        for line in process.stdout:
            lines.append(line)
            if progress is not None and line.startswith("convert "):
                done = sum(1 for seen in lines if seen.startswith("convert "))
                name = Path(line[len("convert "):].split(" -> ")[0].strip()).name
                progress(min(done, total), total, name)
    # guarded from the moment it runs: a Ctrl-C while the reader thread is still starting must end it too
    process = reader = None
    try:
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   encoding="utf-8", errors="replace", env=env, **group)
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        returncode = process.wait(timeout=timeout)
    except BaseException:          # the timeout, Ctrl-C, anything: LibreOffice does not outlive the run
        if process is not None:
            _end_group(process)
        raise
    finally:
        if reader is not None and reader.ident is not None:
            reader.join(timeout=5)
    return returncode, "".join(lines)


def _end_group(process) -> None:
    """Kill LibreOffice and every process of its group, and reap it."""
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except (ProcessLookupError, PermissionError, OSError):
        pass
    try:
        process.wait(timeout=10)
    except (subprocess.TimeoutExpired, OSError):
        pass


# LibreOffice is given this long for one run (all the PDFs of a verb), then killed; a hung conversion
# (a stuck profile lock, a dialog it cannot show) must never make junheng wait forever.
PDF_TIMEOUT_ENV = "JUNHENG_PDF_TIMEOUT"
DEFAULT_PDF_TIMEOUT = 600


def pdf_timeout(environ=None) -> float:
    """Seconds: $JUNHENG_PDF_TIMEOUT when it is a positive number, else DEFAULT_PDF_TIMEOUT."""
    environ = os.environ if environ is None else environ
    try:
        value = float(environ.get(PDF_TIMEOUT_ENV, ""))
    except ValueError:
        return DEFAULT_PDF_TIMEOUT
    return value if 0 < value < 10 ** 7 else DEFAULT_PDF_TIMEOUT


def convert_many_to_pdf(docx_paths, timeout: float | None = None, warn=None, lang: str = "zh",
                        progress=None) -> list[Path]:
    """Convert several .docx (or .xlsx) files in ONE LibreOffice run (start-up dominates the cost).

    Returns the PDFs in a fresh temporary directory (the caller moves or removes them);
    the order matches docx_paths. Names must be distinct by stem. Fonts are resolved by
    doc_templates/fonts.conf (FONTCONFIG_FILE); each font that had to be substituted is
    reported once through `warn` (default: standard error). Each PDF is normalized
    (normalize_pdf): the same document gives the same bytes.
    """
    command = soffice_command()
    if command is None:
        raise InputErrors([InputError(None, None, None, "soffice_missing")])
    timeout = pdf_timeout() if timeout is None else timeout
    docx_paths = [Path(p).resolve() for p in docx_paths]
    outdir = Path(tempfile.mkdtemp(prefix="junheng-pdf-"))
    profile = Path(tempfile.mkdtemp(prefix="junheng-lo-profile-"))
    try:
        return _convert(command, docx_paths, outdir, profile, timeout, warn, lang, progress)
    except BaseException:          # a failure, the timeout, Ctrl-C: no PDF folder is left behind
        shutil.rmtree(outdir, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _convert(command, docx_paths, outdir, profile, timeout, warn, lang, progress) -> list[Path]:
    _seed_profile(profile)
    args = [command, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_paths)]
    try:
        env = {**os.environ, "HOME": str(profile)}
        config = fontconfig_file()
        if config is not None:
            env["FONTCONFIG_FILE"] = str(config)
        returncode, output = _run_soffice(args, env, timeout, len(docx_paths), progress)
    except subprocess.TimeoutExpired:
        raise InputErrors([InputError(None, None, None, "pdf_timeout", seconds=f"{timeout:g}",
                                      env=PDF_TIMEOUT_ENV)]) from None
    except OSError as error:
        raise InputErrors([InputError(None, None, None, "pdf_failed", detail=f"{command}: {error.strerror}")]) \
            from None
    produced = [outdir / (p.stem + ".pdf") for p in docx_paths]
    missing = [p for p in produced if not p.is_file()]
    if returncode != 0 or missing:
        detail = output.strip().splitlines()[-1:] or ["no PDF produced"]
        shutil.rmtree(outdir, ignore_errors=True)
        raise InputErrors([InputError(None, None, None, "pdf_failed", detail=detail[0])])
    for pdf in produced:
        pdf.write_bytes(normalize_pdf(pdf.read_bytes()))
    _warn_substitutions(warn, lang)
    return produced


_WARNED: set = set()


def _warn_substitutions(warn, lang) -> None:
    for entry in font_substitutions():
        if entry["font"] in _WARNED:
            continue
        _WARNED.add(entry["font"])
        text = i18n.message("pdf_font_substituted", lang, **entry)
        if warn is not None:
            warn(text)
        else:
            print(text, file=sys.stderr)

