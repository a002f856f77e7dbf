"""One language per run: click's own usage lines and errors in Chinese by default (English with --lang en or
JUNHENG_LANG=en), --help in one language with an example per verb, Ctrl-C as 已中断 with exit 130 on every verb,
the same exit code for the same facts whatever the verb, and piped output that is never wrapped."""
from __future__ import annotations

import re
import warnings

import click
import pytest
from click.testing import CliRunner

from conftest import REPO
from generator.cli import main
from generator.cli.localized import chosen_language, one_language

COUNTY = REPO / "samples/county/county.yaml"
SCHOOL = REPO / "samples/dongshe-primary.yaml"
BILINGUAL = re.compile(r"[\u4e00-\u9fff）] ?/ [A-Za-z(]")     # "中文 / English" left in a help text
CJK = re.compile(r"[\u4e00-\u9fff]")


def invoke(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def test_missing_argument_in_chinese_and_english():
    result = invoke("check")
    assert result.exit_code == 2
    assert "用法: main check [选项] FACTS" in result.output
    assert "运行 'main check --help' 查看帮助和例子。" in result.output
    assert "错误：缺少参数 'FACTS'。" in result.output
    assert "Usage" not in result.output and "Error" not in result.output
    english = invoke("check", "--lang", "en")
    assert english.exit_code == 2 and "Error: Missing argument 'FACTS'." in english.output
    assert "Usage: main check [OPTIONS] FACTS" in english.output
    by_env = invoke("check", env={"JUNHENG_LANG": "en"})
    assert "Error: Missing argument 'FACTS'." in by_env.output


@pytest.mark.parametrize("args, words", [
    (("check", SCHOOL, "--nope"), "错误：没有选项 '--nope'。"),
    (("chek", SCHOOL), "错误：没有命令 'chek'。是否想写 'check'？"),
    (("check", SCHOOL, "--engine", "fast"), "'fast' 不是以下之一：'auto', 'durable', 'native'。"),
    (("check", SCHOOL, "--profile"), "选项 '--profile' 后面要写一个值。"),
    (("check", SCHOOL, "extra.yaml"), "多余的参数（extra.yaml）"),
    (("export", SCHOOL), "缺少选项 '-o' / '--output'。"),
])
def test_click_errors_in_chinese_exit_2(args, words):
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert not re.search(r"\b(Error|Usage|No such|Missing|Invalid|Try)\b", result.output)


def test_language_is_read_before_click_parses():
    assert chosen_language(["check", "x", "--lang", "en"]) == "en"
    assert chosen_language(["--lang=en", "check"]) == "en"
    assert chosen_language(["check", "--", "--lang", "en"]) == "zh"
    assert invoke("--lang", "en", "check").output.count("Missing argument") == 1


def test_one_language_split():
    assert one_language("覆盖已有文件 / overwrite existing files", "zh") == "覆盖已有文件"
    assert one_language("覆盖已有文件（退出码 2）/ overwrite (exit 2)", "en") == "overwrite (exit 2)"
    assert one_language("Show the version and exit.", "zh") == "显示版本号并退出。"
    assert one_language("plain", "zh") == "plain"


def _verbs(group=main, path=()):
    for name, command in group.commands.items():
        yield path + (name,), command
        if isinstance(command, click.Group):
            yield from _verbs(command, path + (name,))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_is_in_one_language(lang):
    pages = [invoke("--help", "--lang", lang).output]
    pages += [invoke(*path, "--help", "--lang", lang).output for path, _ in _verbs()]
    for page in pages:
        assert not BILINGUAL.search(page), page
        assert ("用法:" in page) == (lang == "zh") and ("Usage:" in page) == (lang == "en")
    overview = pages[0]
    assert ("130" in overview) and (("已中断" in overview) if lang == "zh" else ("interrupted" in overview))


MAIN_VERBS = ("check", "rules", "profiles", "new", "report", "plan", "audit", "slogans", "publicity", "export",
              "serve", "accounts", "backup", "restore")


def _description(page: str) -> str:
    """A help page's first line after its usage line: the verb's description."""
    return next(line.strip() for line in page.splitlines()[1:] if line.strip())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_verb_is_described_in_the_runs_language(lang):
    # the verbs list and each help page: English words under --lang en (accounts, backup and restore were
    # listed in Chinese), Chinese ones otherwise; a description starts with a letter of its language
    starts = (lambda text: text[:1].isascii() and text[:1].isalpha()) if lang == "en" else \
        (lambda text: bool(CJK.match(text)))
    overview = invoke("--help", "--lang", lang).output
    listed = overview.split("Commands:" if lang == "en" else "命令:")[1]
    for path, _ in _verbs():
        if len(path) == 1:
            line = next(line for line in listed.splitlines() if line.split()[:1] == [path[0]])
            assert starts(line.split(None, 1)[1]), line
        page = invoke(*path, "--help", "--lang", lang).output
        assert starts(_description(page)), (path, page)


def test_help_uses_no_deprecated_click_function():
    # click 8.5 deprecates click.utils.make_default_short_help: the verbs list is shortened by click's own
    # Command.get_short_help_str, with no warning on any click this runs on
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for lang in ("zh", "en"):
            result = invoke("--help", "--lang", lang)
            assert result.exit_code == 0, result.output
            accounts = invoke("accounts", "--help", "--lang", lang)
            assert accounts.exit_code == 0, accounts.output


@pytest.mark.parametrize("verb", MAIN_VERBS)
def test_every_verb_teaches_with_an_example(verb):
    zh = invoke(verb, "--help").output
    en = invoke(verb, "--help", "--lang", "en").output
    assert "例：" in zh and f"junheng {verb}" in zh
    assert "Examples:" in en and f"junheng {verb}" in en


@pytest.mark.parametrize("verb", sorted({path[0] for path, _ in _verbs()}))
def test_ctrl_c_on_every_verb_is_interrupted_130(verb, monkeypatch):
    command = main.commands[verb]

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    target = next(iter(command.commands.values())) if isinstance(command, click.Group) else command
    monkeypatch.setattr(target, "parse_args", interrupted)       # Ctrl-C as the verb starts its work
    args = [verb, target.name] if target is not command else [verb]
    result = invoke(*args)
    assert result.exit_code == 130, (verb, result.output)
    assert result.output.strip().splitlines()[-1] == "已中断"
    assert "Aborted" not in result.output


def test_ctrl_c_while_loading_the_facts(monkeypatch):
    import generator.io.facts as facts

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(facts, "read_source", interrupted)     # inside load_facts, wherever it was imported
    result = invoke("check", SCHOOL)
    assert result.exit_code == 130 and "已中断" in result.output
    english = invoke("check", SCHOOL, "--lang", "en")
    assert english.exit_code == 130 and "Interrupted" in english.output


def test_one_county_one_exit_code_whatever_the_verb(tmp_path):
    codes = {
        "check": invoke("check", COUNTY).exit_code,
        "plan": invoke("plan", COUNTY, "-o", tmp_path / "p.docx").exit_code,
        "plan --least-cost": invoke("plan", COUNTY, "--least-cost").exit_code,
        "report": invoke("report", COUNTY, "-o", tmp_path / "r.docx").exit_code,
    }
    assert set(codes.values()) == {1}, codes


def test_piped_output_is_not_wrapped():
    from generator.render.console import PIPED_WIDTH, terminal_console
    assert terminal_console().width == PIPED_WIDTH          # stdout under the test runner is not a terminal
    lines = invoke("check", COUNTY).output.splitlines()
    assert max(len(line) for line in lines) > 80            # a wide table stays one line per row
    for line in lines:                                      # no figure split from its unit at a line start
        assert not re.match(r"^\s*(元|册|台|㎡|人)\b", line), line
