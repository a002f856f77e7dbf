"""Proof on the newest Python: a fresh virtual environment with Python 3.13+ installs junheng
(no compiler needed: durable-rules is left out by its environment marker) and checks a sample.

Runs wherever a Python 3.13 or newer interpreter is on the machine (on PATH, or under pyenv);
skipped with the reason elsewhere. It installs from the package index, as a user would.
"""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


def _newest_python() -> str | None:
    candidates = [shutil.which(f"python3.{minor}") for minor in (15, 14, 13)]
    roots = [os.environ.get("PYENV_ROOT"), str(Path.home() / ".pyenv")]
    for root in filter(None, roots):
        candidates += sorted(glob.glob(f"{root}/versions/3.1[3-9]*/bin/python3"), reverse=True)
    for candidate in filter(None, candidates):
        try:
            done = subprocess.run([candidate, "-c", "import sys; print(sys.version_info >= (3, 13))"],
                                  capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0 and done.stdout.strip() == "True":
            return candidate
    return None


@pytest.fixture(scope="module")
def newest():
    """Looked for when the test runs, not when it is collected (that starts a Python per candidate)."""
    found = _newest_python()
    if found is None:
        pytest.skip("no Python 3.13 or newer on this machine")
    return found


@pytest.mark.slow
@pytest.mark.network      # pip fetches junheng's dependencies from the package index
def test_fresh_install_on_newest_python_checks_a_county(tmp_path, newest):
    venv = tmp_path / "venv"
    subprocess.run([newest, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    # A copy of the tree, so the build writes nothing into the checkout.
    source = tmp_path / "src"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", "*.egg-info", "build", "__pycache__",
                                                                 ".pytest_cache", ".hypothesis"))
    # --no-compile: byte-compiling every dependency ahead costs a third of the install's CPU and proves nothing
    # here; the modules junheng imports below are compiled as they load.
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-compile",
                              str(source)],
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    junheng = venv / ("Scripts/junheng.exe" if sys.platform == "win32" else "bin/junheng")
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="200")
    done = subprocess.run([str(junheng), "check", str(REPO / "samples" / "county" / "county.yaml")],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env)
    assert done.returncode == 1, done.stdout[-2000:] + done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "清河县" in done.stdout and "结论" in done.stdout and "差异系数" in done.stdout
    as_json = subprocess.run([str(junheng), "check", str(REPO / "samples" / "county" / "county.yaml"), "--json"],
                             capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env)
    assert '"engine": "native"' in as_json.stdout
    durable = subprocess.run([str(junheng), "check", str(REPO / "samples" / "dongshe-primary.yaml"),
                              "--engine", "durable"], capture_output=True, text=True, timeout=300, env=env)
    assert durable.returncode == 2 and "Traceback" not in durable.stderr
