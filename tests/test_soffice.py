"""LibreOffice found where it is installed: --soffice, $JUNHENG_SOFFICE, PATH, then the usual install folders of
Windows, macOS and Linux; a missing LibreOffice says that nothing was written.

The machine's real LibreOffice is hidden (PATH lookups and install folders monkeypatched) so every case runs the
same anywhere; the fake soffice is a small script that writes a PDF where LibreOffice would."""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

import generator.render.pdf as pdf
from generator.errors import InputErrors
from conftest import REPO

SCHOOL = REPO / "samples/dongshe-primary.yaml"


@pytest.fixture
def no_libreoffice(monkeypatch):
    """Nothing on PATH, no install folder: only what a test names is found."""
    monkeypatch.setattr(pdf.shutil, "which", lambda name, *a, **k: None)
    monkeypatch.setattr(pdf, "soffice_candidates", lambda platform=None, environ=None: [])
    monkeypatch.delenv(pdf.SOFFICE_ENV, raising=False)
    pdf.set_soffice(None)
    yield
    pdf.set_soffice(None)


def test_windows_program_files(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name, *a, **k: None)
    x86 = tmp_path / "Program Files (x86)"
    soffice = x86 / "LibreOffice" / "program" / "soffice.exe"
    soffice.parent.mkdir(parents=True)
    soffice.write_bytes(b"")
    environ = {"ProgramFiles": str(tmp_path / "Program Files"), "ProgramFiles(x86)": str(x86)}
    places = pdf.soffice_candidates("win32", environ)
    assert places[0] == str(tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe")
    assert str(soffice) in places
    assert pdf.soffice_command("win32", environ) == str(soffice)
    assert pdf.soffice_command("win32", {"ProgramFiles": str(tmp_path / "nowhere")}) is None


def test_macos_and_linux_folders(monkeypatch):
    assert pdf.soffice_candidates("darwin", {"HOME": "/Users/li"})[0] == \
        "/Applications/LibreOffice.app/Contents/MacOS/soffice"
    monkeypatch.setattr("glob.glob", lambda pattern: ["/opt/libreoffice7.6/program/soffice",
                                                      "/opt/libreoffice24.2/program/soffice"])
    linux = pdf.soffice_candidates("linux", {})
    assert linux[:2] == ["/opt/libreoffice24.2/program/soffice", "/opt/libreoffice7.6/program/soffice"]
    assert "/usr/lib/libreoffice/program/soffice" in linux


def test_path_first(monkeypatch):
    monkeypatch.delenv(pdf.SOFFICE_ENV, raising=False)
    monkeypatch.setattr(pdf.shutil, "which", lambda name, *a, **k: "/usr/bin/libreoffice" if name == "libreoffice"
                        else None)
    assert pdf.soffice_command("linux", {}) == "/usr/bin/libreoffice"


def test_environment_variable(tmp_path, no_libreoffice):
    fake = tmp_path / "soffice"
    fake.write_bytes(b"")
    assert pdf.soffice_command("linux", {pdf.SOFFICE_ENV: str(fake)}) == str(fake)
    with pytest.raises(InputErrors) as caught:
        pdf.soffice_command("linux", {pdf.SOFFICE_ENV: str(tmp_path / "missing")})
    assert "JUNHENG_SOFFICE" in caught.value.describe("zh") and "missing" in caught.value.describe("zh")


def _fake_soffice(folder: Path) -> Path:
    """A stand-in for LibreOffice: writes <outdir>/<stem>.pdf for every file it is given."""
    script = folder / "fake-soffice"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib\n"
        "args = sys.argv[1:]\n"
        "out = pathlib.Path(args[args.index('--outdir') + 1])\n"
        "for name in args[args.index('--outdir') + 2:]:\n"
        "    (out / (pathlib.Path(name).stem + '.pdf')).write_bytes(b'%PDF-1.4 fake ' + name.encode())\n",
        encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


@pytest.mark.skipif(os.name == "nt", reason="the stand-in is a script run through its #! line")
def test_soffice_option_is_used(tmp_path, run, no_libreoffice):
    fake = _fake_soffice(tmp_path)
    out = tmp_path / "报告.docx"
    result = run("report", SCHOOL, "-o", out, "--pdf", "--soffice", fake)
    assert result.exit_code in (0, 1), result.output
    assert out.is_file() and (tmp_path / "报告.pdf").read_bytes().startswith(b"%PDF-1.4 fake")
    assert f"已写入 {tmp_path / '报告.pdf'}" in result.output


def test_soffice_option_naming_nothing(tmp_path, run, no_libreoffice):
    out = tmp_path / "报告.docx"
    result = run("plan", SCHOOL, "-o", out, "--pdf", "--soffice", tmp_path / "LibreOffice/soffice.exe")
    assert result.exit_code == 2
    assert "指定的 LibreOffice 程序不存在" in result.output and "soffice.exe" in result.output
    assert "未写入任何文件" in result.output and not out.exists()


def test_missing_libreoffice_says_nothing_was_written(tmp_path, run, no_libreoffice):
    out = tmp_path / "报告.docx"
    result = run("report", SCHOOL, "-o", out, "--pdf")
    assert result.exit_code == 2
    assert "找不到 LibreOffice" in result.output and "未写入任何文件" in result.output
    assert "--soffice" in result.output and not out.exists()
    english = run("report", SCHOOL, "-o", out, "--pdf", "--lang", "en")
    assert "nothing was written" in english.output and english.exit_code == 2


@pytest.mark.parametrize("verb", [("report",), ("plan",), ("audit",), ("slogans",), ("publicity",)])
def test_every_pdf_verb_takes_soffice(run, verb):
    result = run(*verb, "--help")
    assert "--pdf" in result.output and "--soffice" in result.output
