"""The fast line reader (generator.io.yaml_fast) gives exactly what the full loader gives — the
values, their types, `.line`, `.lines` and `.raws` — or steps aside (Fallback).

Checked on every YAML file in the repository and on generated documents made of the
pieces fact files are written with and of the pieces that trip YAML readers up.
"""
from __future__ import annotations

import math
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import examples
from generator.io import yaml_fast
from generator.io import yaml_source as facts   # the line-number loaders (facts files, profiles)

REPO = Path(__file__).resolve().parents[1]


def full(text):
    loader = facts._LineLoader(text)
    loader.name = "x.yaml"
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def fast(text):
    return yaml_fast.parse(text, facts.LineDict, facts.LineList)


def assert_same(a, b, where="$"):
    assert type(a) is type(b), (where, a, b)
    if isinstance(a, dict):
        assert list(a) == list(b), where
        assert (a.line, a.lines, a.raws) == (b.line, b.lines, b.raws), where
        for key in a:
            assert_same(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list):
        assert (len(a), a.line, a.lines) == (len(b), b.line, b.lines), where
        for index, (x, y) in enumerate(zip(a, b)):
            assert_same(x, y, f"{where}[{index}]")
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b), where
    else:
        assert a == b, (where, a, b)


def check_text(text):
    """Fast equals full wherever fast answers; where full refuses the text, fast must step aside."""
    try:
        expected = full(text)
    except Exception:   # noqa: BLE001 — any refusal of the full loader
        expected = Exception
    try:
        got = fast(text)
    except yaml_fast.Fallback:
        return False
    assert expected is not Exception, f"fast accepted what the full loader refuses:\n{text}"
    assert_same(got, expected)
    return True


def repository_yaml():
    listed = subprocess.run(["git", "ls-files", "*.yaml", "*.yml"], cwd=REPO, capture_output=True, text=True)
    return [REPO / name for name in listed.stdout.split()] or sorted(REPO.glob("samples/**/*.yaml"))


def test_every_yaml_file_in_the_repository():
    answered = 0
    for path in repository_yaml():
        answered += check_text(path.read_text(encoding="utf-8-sig"))
    assert answered >= 20        # the sample school files are read by the fast path


def test_a_sample_school_takes_the_fast_path_with_its_lines():
    text = (REPO / "samples/county/schools/chengguan-1.yaml").read_text(encoding="utf-8")
    data = fast(text)
    assert data["students"] == 2160 and data.lines["students"] == 10
    assert data["land_area_m2"] == "28,600" and data.raws["land_area_m2"] == "28,600"
    assert data["network_space_rate"] == "92%" and data["courses_complete"] is True
    assert data["labs"] == {"science": 2} and data["labs"].line == 25


@pytest.mark.parametrize("text", [
    "a: 1\n",
    "a:\n  b: 010\n  c: 0o17\n  d: 0x1F\n",
    "a: yes\nb: no\nc: on\nd: ~\ne: null\nf: NULL\ng:\nh: True\n",
    "a: 16:21\n",                 # base 60 in YAML 1.1; text here, and left to the full loader
    "a: 2024-02-30\n",
    "a: 1e3\nb: .5\nc: -.5\nd: .inf\ne: -.inf\nf: .nan\ng: +1\nh: -0\n",
    "a: 1_000\nb: 1,000\nc: 3,616 ㎡\nd: 65万元\ne: 85%\n",
    "a: 'it''s'\nb: \"x y\"\nc: ''\nd: \"\"\n",
    "a: x # comment\nb: y#z\n# full comment\n\nc:   spaced   value   \n",
    "list:\n- a\n- b\nnext: 1\n",
    "list:\n  - a\n  - {x: 1, y: 2}\n  - [1, 2, 3]\n  - []\n  - {}\n",
    "schools:\n  - name: a\n    stage: primary\n  - name: b\n    students: {primary: 1, junior: 2}\n",
    "- a\n- b: 1\n  c: 2\n-   d: 3\n    e: 4\n",
    "a: 1\na: 2\n",                 # duplicate key: the full loader names both lines
    "a: 1\n  b: 2\n",
    "a: b\n  c\n",                 # a multi-line plain scalar
    "a: &x 1\nb: *x\n",
    "<<: {a: 1}\n",
    "a: !!binary aGk=\n",
    "a: |\n  text\n",
    "---\na: 1\n",
    "a:\tb\n",
    "a: 1\r\nb: 2\r\n",
    "1: a\n2.5: b\nnull: c\ntrue: d\n010: e\n",
    "  a: 1\n  b: 2\n",
    "a: 1\n b: 2\n",
    "a: [1, 2\n",
    "a: {b: 1, b: 2}\n",
    "a: {b: c: d}\n",
    "a: [a b, c]\n",
    "a: - b\n",
    "- - a\n",
    "-\n  a: 1\n",
    "a: 1 #c\n#\n  #\nb: 2\n",
    "",
    "# only a comment\n",
    "just text\n",
    "a: x\u3000\nb: \u3000y\n",
    "a: 1\n...\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: 12345678901234567890123456789012345678901234567890\n",
    "a: -\nb: -1\nc: -x\n",
    "? a\n: b\n",
    "a: \"x\\ny\"\n",
])
def test_pieces(text):
    check_text(text)


SCALARS = st.sampled_from([
    "1", "010", "0o17", "0x1F", "1.5", "-2", "+3", ".5", "1e3", ".inf", ".nan", "~", "null", "Null", "true",
    "False", "yes", "no", "on", "16:21", "2024-02-30", "85%", "92 %", "28,600", "3,616 ㎡", "65万元", "第0学校",
    "a b", "'q'", "'it''s'", '"dq"', '""', "''", "x #c", "x#c", "{a: 1}", "{a: 1, b: [1]}", "[1, 2]", "[]",
    "{}", "[a, b c]", "-", "-1", "-.5", "- x", "*a", "&a x", "!!str x", "|", ">", "@x", "`x", "%x", "<<",
    "a: b", "a:b", "x\u3000", "\u3000x", "'unterminated", "{b: 1, b: 2}", "{a: 1,}", "[1,]", "{ }", "[ ]",
    "12345678901234567890123456789012345678901234567890", "０１２", "1_000", "0.1e-5", "-0", "+.5",
])
KEYS = st.sampled_from(["a", "b", "name", "在校生数", "students", "1", "2.5", "null", "true", "010", "k_1",
                        "a b", "'q'", "-k", "<<", "x.y", "?", "1e3", "b"])


@st.composite
def documents(draw):
    lines = []
    depth_stack = [0]
    for _ in range(draw(st.integers(1, 14))):
        indent = draw(st.sampled_from(depth_stack + [depth_stack[-1] + 2, depth_stack[-1] + 4, 1]))
        if indent > depth_stack[-1]:
            depth_stack.append(indent)
        shape = draw(st.sampled_from(["kv", "kv", "key", "item", "item_kv", "comment", "blank", "item_empty"]))
        pad = " " * indent
        if shape == "kv":
            lines.append(f"{pad}{draw(KEYS)}: {draw(SCALARS)}")
        elif shape == "key":
            lines.append(f"{pad}{draw(KEYS)}:" + draw(st.sampled_from(["", " ", " # c"])))
        elif shape == "item":
            lines.append(f"{pad}- {draw(SCALARS)}")
        elif shape == "item_kv":
            lines.append(f"{pad}- {draw(KEYS)}: {draw(SCALARS)}")
        elif shape == "item_empty":
            lines.append(f"{pad}-")
        elif shape == "comment":
            lines.append(f"{pad}# {draw(SCALARS)}")
        else:
            lines.append("")
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=examples(1500), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents(text):
    check_text(text)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_count_is_the_expansion_walk(text):
    """Plain block YAML (what the fast reader takes) has no alias, so the expansion limit adds nothing
    for it: however many values it holds, it is bounded by the file size alone."""
    try:
        data, count = yaml_fast.parse_counted(text, facts.LineDict, facts.LineList)
    except yaml_fast.Fallback:
        return
    from generator import limits
    limits.check_expansion("x", data, limit=0)


def test_aliases_past_the_limit_are_refused_a_plain_file_is_not(tmp_path, monkeypatch):
    from generator.errors import InputError
    from generator import limits
    plain = tmp_path / "many.yaml"
    plain.write_text("a: [" + ", ".join(["1"] * 50) + "]\nb: 2\n", encoding="utf-8")
    aliased = tmp_path / "aliased.yaml"
    aliased.write_text("a: &x [" + ", ".join(["1"] * 50) + "]\nb: [*x, *x]\n", encoding="utf-8")
    monkeypatch.setattr(limits, "MAX_YAML_NODES", 40)
    monkeypatch.setattr(limits.check_expansion, "__defaults__", (40,))
    assert facts.read_yaml(plain)["b"] == 2                  # 51 values, none added by an alias
    with pytest.raises(InputError) as refused:
        facts.read_yaml(aliased)                             # the two aliases add 100 values
    assert refused.value.msg_id == "yaml_too_many"
