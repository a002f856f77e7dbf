"""Ctrl-C and a hung LibreOffice: "已中断" / "Interrupted" with exit 130 on every verb (never click's
"Aborted!" with exit 1, the code for "falls short"); LibreOffice and its children killed, the PDF and
profile folders removed; a conversion that hangs is stopped after $JUNHENG_PDF_TIMEOUT seconds.
LibreOffice is simulated by a script that hangs with a child of its own."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals and process groups of POSIX")

HANGING_SOFFICE = """#!/bin/sh
sleep 300 &
echo $! >> "$FAKE_PIDS"
echo $$ >> "$FAKE_PIDS"
wait
"""


def _env(tmp_path, **extra):
    fake = tmp_path / "soffice"
    fake.write_text(HANGING_SOFFICE)
    fake.chmod(0o755)
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    return {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(temp), "JUNHENG_SOFFICE": str(fake),
            "FAKE_PIDS": str(tmp_path / "pids"), **extra}


def _sigint_default():
    # a test run started in the background inherits SIGINT ignored, and Python then never raises
    # KeyboardInterrupt: the CLI gets the ordinary disposition a terminal gives it
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie not yet reaped by its parent counts as gone
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def _pids(tmp_path):
    path = tmp_path / "pids"
    return [int(line) for line in path.read_text().split()] if path.exists() else []


def _wait_for(condition, seconds=300):
    end = time.time() + seconds
    while time.time() < end:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("lang, words", [("zh", "已中断"), ("en", "Interrupted")])
def test_ctrl_c_in_the_pdf_phase_kills_libreoffice_and_leaves_nothing(lang, words, tmp_path):
    env = _env(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "generator", "report", str(REPO / "samples" / "dongshe-primary.yaml"),
                                "-o", str(tmp_path / "r.docx"), "--pdf", "--lang", lang],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                               preexec_fn=_sigint_default)
    try:
        assert _wait_for(lambda: len(_pids(tmp_path)) == 2), "the fake LibreOffice never started"
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=180)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, err
    assert words in err and "Traceback" not in err and "Aborted" not in err
    assert _wait_for(lambda: not any(_alive(pid) for pid in _pids(tmp_path)), 30), "LibreOffice outlived the run"
    assert [p.name for p in (tmp_path / "tmp").iterdir() if p.name.startswith("junheng-")] == []


def test_a_hung_libreoffice_is_stopped_after_the_timeout(tmp_path):
    env = _env(tmp_path, JUNHENG_PDF_TIMEOUT="2")
    result = subprocess.run([sys.executable, "-m", "generator", "report", str(REPO / "samples" / "dongshe-primary.yaml"),
                             "-o", str(tmp_path / "r.docx"), "--pdf"], capture_output=True, text=True, env=env,
                            timeout=300)
    assert result.returncode == 2, result.stderr
    assert "超过 2 秒未完成" in result.stderr and "JUNHENG_PDF_TIMEOUT" in result.stderr
    # the Word file is complete and kept, and the message says so (README "Documents")
    assert "未生成任何 PDF；已写入的 Word 文件保留（1 个）" in result.stderr and (tmp_path / "r.docx").is_file()
    assert not (tmp_path / "r.pdf").exists()
    assert not any(_alive(pid) for pid in _pids(tmp_path))
    assert [p.name for p in (tmp_path / "tmp").iterdir() if p.name.startswith("junheng-")] == []


def test_pdf_timeout_reads_the_environment():
    from generator.render.pdf import DEFAULT_PDF_TIMEOUT, pdf_timeout
    assert pdf_timeout({"JUNHENG_PDF_TIMEOUT": "30"}) == 30
    assert pdf_timeout({"JUNHENG_PDF_TIMEOUT": "abc"}) == pdf_timeout({}) == DEFAULT_PDF_TIMEOUT
    assert pdf_timeout({"JUNHENG_PDF_TIMEOUT": "-1"}) == DEFAULT_PDF_TIMEOUT


@pytest.mark.parametrize("verb", [["check", "{county}"], ["rules"], ["export", "{county}", "-o", "{tmp}/x.xlsx"]])
def test_ctrl_c_on_any_verb_is_130_in_chinese(verb, tmp_path, monkeypatch, run):
    # KeyboardInterrupt raised inside the verb, as SIGINT raises it in the main thread
    import generator.criteria.profiles as profiles
    import generator.io.facts as facts

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    # inside the loaders, wherever a verb imported them from
    monkeypatch.setattr(profiles, "_CACHE", {})
    monkeypatch.setattr(profiles, "_load", interrupted)
    monkeypatch.setattr(facts, "read_source", interrupted)
    args = [a.format(county=REPO / "samples" / "county" / "county.yaml", tmp=tmp_path) for a in verb]
    result = run(*args)
    assert result.exit_code == 130 and "已中断" in result.stderr and "Aborted" not in result.output
    english = run(*args, "--lang", "en") if verb[0] != "export" else None
    if english is not None:
        assert english.exit_code == 130 and "Interrupted" in english.stderr


def test_an_unexpected_error_is_one_line_and_exit_3(monkeypatch, run):
    import generator.criteria.evaluate as evaluate

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(evaluate, "evaluate_school", broken)      # inside evaluate, wherever it was imported
    monkeypatch.delenv("JUNHENG_DEBUG", raising=False)
    result = run("check", REPO / "samples" / "dongshe-primary.yaml")
    assert result.exit_code == 3
    assert result.stderr.strip().count("\n") == 0 and "内部错误（ZeroDivisionError：division by zero）" in result.stderr
    assert "Traceback" not in result.output


def test_ctrl_c_while_the_output_reader_starts_still_ends_libreoffice(tmp_path, monkeypatch):
    # Ctrl-C can land in the instant after LibreOffice started and before junheng waits on it
    import threading
    from generator.render import pdf
    env = _env(tmp_path)

    class InterruptedThread(threading.Thread):
        def start(self):
            assert _wait_for(lambda: len(_pids(tmp_path)) == 2, 60), "the fake LibreOffice never started"
            raise KeyboardInterrupt
    monkeypatch.setattr(threading, "Thread", InterruptedThread)
    with pytest.raises(KeyboardInterrupt):
        pdf._run_soffice([env["JUNHENG_SOFFICE"]], env, timeout=60, total=1, progress=None)
    assert _wait_for(lambda: not any(_alive(pid) for pid in _pids(tmp_path)), 30), "LibreOffice outlived the run"
