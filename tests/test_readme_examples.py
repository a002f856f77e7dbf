"""The README as a new user reads it: its first lines set up and test (the same test command as .ci/run), it
points at nothing outside the repository, and its `junheng` examples run one after another, as written, in a copy of
the repository — none stops with exit 2 (an output an earlier example wrote, a file that does not exist)."""
from __future__ import annotations

import re
import shlex
import shutil

import pytest
from click.testing import CliRunner

from conftest import REPO
from generator.cli import main

README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = line.strip()
            if not line.startswith("junheng "):
                continue
            line = re.sub(r"\s+#.*$", "", line)                 # the comment
            line = re.sub(r"\s*\[[^\]]*\]", "", line)            # an optional part: [--pdf]
            if line.split()[1] == "serve":                      # runs until stopped
                continue
            commands.append(line)
    return commands


def test_first_lines_set_up_and_test_as_ci_does():
    first = re.search(r"```bash\n(.*?)```", README, flags=re.S).group(1).splitlines()
    assert first[0].startswith("pip install . && junheng check samples/")
    assert first[1].startswith('pip install ".[test]" && python -m pytest -q')
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -q ".[test]"' in ci
    assert [line.strip() for line in ci.splitlines() if "pytest -" in line] == ["python -m pytest -q"]
    assert README.index("## 快速上手") < README.index("## For developers") < README.index("## Fact files")
    assert "py -m venv .venv" in README and r".venv\Scripts\activate" in README


def test_nothing_outside_the_repository_is_named():
    assert "../shared" not in README and "contract.md" not in README
    assert (REPO / "docs" / "json.md").is_file()
    for link in re.findall(r"\]\(((?:docs/)[^)#]+)", README):
        assert (REPO / link).is_file(), link


@pytest.mark.slow
def test_readme_examples_run_in_order(tmp_path, monkeypatch):
    for folder in ("samples", "rules", "doc_templates"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    commands = readme_commands()
    assert len(commands) > 40
    runner = CliRunner()
    stopped = []
    for command in commands:
        result = runner.invoke(main, shlex.split(command)[1:])
        if result.exit_code not in (0, 1):
            stopped.append((command, result.exit_code, result.output[-400:]))
    assert stopped == []
