"""The package's one YAML writer (generator/io/yaml_writer.py): exact bytes for hand-written cases."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from generator.errors import Where
from generator.io.yaml_writer import Verbatim, comment, dump, flow_scalar, scalar

ROOT = Path(__file__).resolve().parent.parent


def test_annotated_scalars_keep_the_reports_digits():
    assert scalar(Decimal("9.6"), "9.60") == "9.60"            # the report's own precision
    assert scalar(Decimal("13125"), "13,125") == "13125"        # not plain digits: the number itself
    assert scalar(Decimal("0.85")) == "0.85"
    assert scalar(Decimal("12.000")) == "12"
    assert scalar(True) == "true"
    assert scalar(7) == "7"
    assert scalar('星火"小学"') == '"星火\\"小学\\""'           # double-quoted as JSON writes it


def test_comment_is_one_printable_line():
    assert comment("生均\n\t9.6㎡\x00，\u2028约") == "生均 9.6㎡ ， 约"


def test_flow_scalar_keeps_written_digits_or_a_string():
    assert flow_scalar(9.6, "9.60") == "9.60"
    assert flow_scalar(13125, "13,125") == "13,125"             # YAML would not read it as 13125: a string
    assert flow_scalar("9.60") == "'9.60'"
    assert flow_scalar({"b": 1, "a": [1, 2]}) == "{a: [1, 2], b: 1}"
    assert flow_scalar(None) == "null"


def test_document_dump():
    data = {"name": "星火小学", "line": Where(3, "学校基本情况!B3"), "value": Verbatim(9.6, "9.60"),
            "list": [1, 2]}
    assert dump(data, width=100) == "name: 星火小学\nline: 3\nvalue: 9.60\nlist:\n- 1\n- 2\n"
    assert dump({"b": 1, "a": 2}, flow=True, sort_keys=True, width=1000) == "{a: 2, b: 1}\n"


def test_no_other_yaml_writer_in_the_package():
    """Only yaml_writer.py dumps YAML: one writer, so every file junheng writes reads back the same way."""
    offenders = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative == "generator/io/yaml_writer.py":
            continue
        if re.search(r"\byaml\.(safe_)?dump(_all)?\(|SafeDumper|yaml\.Dumper", path.read_text(encoding="utf-8")):
            offenders.append(relative)
    assert offenders == []
