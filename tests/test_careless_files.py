"""Careless files and careless places, each said in words, exit 2, no traceback (and what need not be
refused, accepted): wrong types in a profile override, names of nothing, an output name over 255 bytes,
a folder that cannot be looked into, GBK fact files, 16-digit quoted numbers, 20,000 schools inline,
renamed and encrypted Office files, a full disk under --each-school, a workbook named .docx."""
from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO, school, write_yaml

SAMPLE = REPO / "samples" / "dongshe-primary.yaml"


def _profile(tmp_path, override: str) -> Path:
    path = tmp_path / "本县标准.yaml"
    path.write_text(f"inherits: basic-2012\nid: 本县\noverrides:\n  {override}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("override, named, words", [
    ("K3: {measure: eval}", "overrides.K3.measure", "未知的计算方式“eval”"),
    ("K3: {unit: [1, 2]}", "overrides.K3.unit", "应为文字"),
    ("K3: {name: [1]}", "overrides.K3.name", "应为文字"),
    ("K3: {of: 不存在的数据}", "overrides.K3.of", "没有名为“不存在的数据”的数据项"),
    ("K3: {of: book}", "overrides.K3.of", "是否想写“books”"),
    ("K3: {threshold: {primary: 20, highschool: 30}}", "overrides.K3.threshold.highschool", "的学段"),
    ("K3: {stages: [primary, mars]}", "overrides.K3.stages", "没有名为“mars”的学段"),
    ("K3: {threshold: {primary: [{location: mars, value: 20}, {value: 15}]}}",
     "overrides.K3.threshold.primary[0].location", "没有名为“mars”的城乡类别"),
    ("B8: {checks: [{measure: eval, of: funding_growth, op: '<=', threshold: 0}]}",
     "overrides.B8.checks[0].measure", "未知的计算方式“eval”"),
    ("K3: {threshold: -1}", "overrides.K3.threshold", "应为不小于 0 的数，实际是“-1”"),
])
def test_a_wrong_override_is_refused_naming_the_field(override, named, words, tmp_path, run):
    result = run("check", SAMPLE, "--profile", _profile(tmp_path, override))
    assert result.exit_code == 2, result.output
    assert named in result.stderr and words in result.stderr and "Traceback" not in result.output
    # said in Chinese throughout: no English detail inside the Chinese message
    assert not any(word in result.stderr for word in ("must be", "unknown", "is called", "did you mean"))


def test_every_shipped_profile_names_only_what_exists(run):
    # the same vocabulary check over the shipped rule files: nothing it refuses is in them
    from generator.criteria.profile_check import check_names
    for path in sorted((REPO / "rules").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("rules", "indicators", "items", "conditions"):
            rules = (data or {}).get(key) if isinstance(data, dict) else None
            for rule in rules if isinstance(rules, list) else []:
                check_names(path, None, str(rule.get("id")), {k: v for k, v in rule.items() if k != "measure"})


def test_an_output_name_over_255_bytes_is_exit_2(tmp_path, run):
    result = run("check", SAMPLE, "--xlsx", tmp_path / ("长" * 90 + ".xlsx"))
    assert result.exit_code == 2 and "无法写入" in result.stderr and "Traceback" not in result.output
    result = run("report", SAMPLE, "-o", tmp_path / ("长" * 90 + ".docx"))
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_an_output_in_a_folder_that_cannot_be_looked_into(tmp_path, run, monkeypatch):
    # as root the permission bits do not stop us: the refusal Path.is_dir raises is simulated
    real = Path.is_dir

    def is_dir(self):
        if "locked" in self.parts:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)
    monkeypatch.setattr(Path, "is_dir", is_dir)
    result = run("check", SAMPLE, "--xlsx", tmp_path / "locked" / "x.xlsx")
    assert result.exit_code == 2 and "Permission denied" in result.stderr and "Traceback" not in result.output


def test_a_gbk_fact_file_is_read(tmp_path, run):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    assert run("check", path, "--json").stdout == run("check", SAMPLE, "--json").stdout


def test_many_schools_inline_are_not_an_alias_bomb(tmp_path, monkeypatch):
    # 20,000 schools × 26 facts are 1,060,000 values, more than the alias budget, and not one alias;
    # here 2,000 schools against a budget made 10,000 (the same ratio, ten times faster)
    from generator import limits
    from generator.io.yaml_source import read_yaml
    monkeypatch.setattr(limits, "MAX_YAML_NODES", 10_000)
    def flow(value):
        return yaml.safe_dump(value, default_flow_style=True).replace("\n...", "").strip()
    facts = "".join(f"    {key}: {flow(value)}\n" for key, value in school().items() if key != "name")
    path = tmp_path / "big.yaml"
    path.write_text("kind: county\nname: 大县\nschools:\n" + "".join(
        f"  - name: 第{i}小学\n" + facts for i in range(2000)), encoding="utf-8")
    assert len(read_yaml(path)["schools"]) == 2000
    # with one alias that adds more than the budget, the same file is refused
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(path.read_text(encoding="utf-8").replace("schools:\n  - name: 第0小学", "schools: &all\n  - name: 第0小学")
                    + "copies: [" + ", ".join(["*all"] * 3) + "]\n", encoding="utf-8")
    with pytest.raises(Exception) as caught:
        read_yaml(bomb)
    assert "yaml_too_many" in repr(caught.value) or "10,000" in str(getattr(caught.value, "params", ""))


def test_the_real_alias_bomb_is_still_refused_at_once(tmp_path, run):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines + ["kind: school", "name: *a11"]) + "\n", encoding="utf-8")
    # (its time is bounded in test_safety.py: the budget is spent in at most 1,000,000 steps)
    result = run("check", path)
    assert result.exit_code == 2 and "别名" in result.stderr and "1,000,000" in result.stderr


@pytest.mark.parametrize("make, words", [
    (lambda t: shutil.copy(REPO / "doc_templates" / "plan.docx", t / "改名.yaml"), "这是 Word 文档"),
    (lambda t: shutil.copy(REPO / "doc_templates" / "plan.docx", t / "改名.xlsx"), "这是 Word 文档"),
    (lambda t: _ole(t / "加密.xlsx", "EncryptedPackage"), "加了打开密码（加密）"),
    (lambda t: _ole(t / "加密.yaml", "EncryptedPackage"), "加了打开密码（加密）"),
    (lambda t: _ole(t / "旧.yaml", "WordDocument"), "旧版 Word 文档"),
])
def test_a_file_that_is_not_what_its_name_says_is_named(make, words, tmp_path, run):
    path = make(tmp_path)
    result = run("check", path)
    assert result.exit_code == 2 and words in result.stderr
    assert "UTF-8" not in result.stderr and "BytesIO" not in result.stderr and "zip" not in result.stderr


def test_a_renamed_workbook_says_so(tmp_path, run):
    book = tmp_path / "s.xlsx"
    assert run("export", SAMPLE, "-o", book).exit_code == 0
    renamed = shutil.copy(book, tmp_path / "s.yaml")
    result = run("check", renamed)
    assert result.exit_code == 2 and "这是 Excel 工作簿" in result.stderr


def _ole(path, stream):
    # a Compound File header and a directory entry name, as an encrypted .xlsx / an old .doc holds
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + stream.encode("utf-16-le") + bytes(100))
    return path


def test_the_size_message_shows_the_size_past_the_limit():
    from generator.limits import size_text
    mb = 1 << 20
    assert size_text(21_000_000, 20 * mb) == "20.03 MB" and size_text(20 * mb) == "20 MB"
    assert size_text(int(21.3 * mb), 20 * mb) == "21.3 MB"
    assert size_text(20 * mb + 1, 20 * mb) == "20,971,521 B"


def test_check_xlsx_refuses_a_workbook_named_docx(tmp_path, run):
    result = run("check", SAMPLE, "--xlsx", tmp_path / "x.docx")
    assert result.exit_code == 2 and ".xlsx" in result.stderr and not (tmp_path / "x.docx").exists()


def test_each_school_on_a_full_disk_names_the_disk(tmp_path, run, monkeypatch):
    import os
    import generator.io.writing as writing

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(writing.os, "fsync", full)
    result = run("report", REPO / "samples" / "county" / "county.yaml", "--each-school", "-o", tmp_path / "each",
                 "--jobs", "1")
    assert result.exit_code == 2
    assert os.strerror(errno.ENOSPC) in result.stderr and "磁盘错误" in result.stderr
    assert "数据有误" not in result.stderr
    assert not [p for p in (tmp_path / "each").iterdir()] if (tmp_path / "each").exists() else True
