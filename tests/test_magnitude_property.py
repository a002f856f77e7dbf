"""Every number the limits accept is decided: facts anywhere from 10^-6 to 10^15 with up to 15
significant digits, in a county's schools and government figures, give exit 0 or 1 with every
engine — never an exception (no Decimal InvalidOperation, no stall on a 5,000-digit integer).
Numbers just past the limits are refused with a message (exit 2)."""
from __future__ import annotations

import copy
import json
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings, strategies as st

from conftest import ENGINES, GOOD_PRIMARY, examples
from generator.model import schema
from generator.cli import main

SCHOOL_NUMBERS = [f.key for f in schema.SCHOOL_FIELDS if f.type == "number"]
SCHOOL_COUNTS = [f.key for f in schema.SCHOOL_FIELDS if f.type in ("count", "stage_count")]
GOVERNMENT_NUMBERS = [f.key for f in schema.GOVERNMENT_FIELDS if f.type == "number"]
RATES = [f.key for f in schema.GOVERNMENT_FIELDS if f.type == "rate"]


@st.composite
def magnitude(draw, low=-6, high=15, whole=False):
    """A decimal text with at most 15 significant digits, 10^low ≤ x ≤ 10^high (or 0)."""
    choice = draw(st.integers(0, 9))
    if choice == 0 and not whole:
        return "0"
    if choice <= 5:          # the edges, where a ratio of two facts is largest or smallest
        edge = draw(st.sampled_from([low, high, high - 1, max(low, 0)]))
        return format(Decimal(10) ** max(edge, 0 if whole else low), "f")
    digits = draw(st.integers(1, 15))
    mantissa = draw(st.integers(10 ** (digits - 1), 10 ** digits - 1))
    lowest = max(low, 0) if whole else low
    exponent = draw(st.integers(lowest - digits + 1, high - digits))
    value = Decimal(mantissa).scaleb(exponent)
    if value > Decimal(10) ** high:
        value = Decimal(10) ** high
    if value < Decimal(10) ** low:
        value = Decimal(10) ** low
    if whole:
        value = value.to_integral_value()
        if value == 0:
            value = Decimal(1)
    return format(value.normalize(), "f")


def _county(draw):
    schools = []
    for number in range(2):
        entry = copy.deepcopy(GOOD_PRIMARY)
        entry.pop("kind")
        entry["name"] = f"第{number}小学"
        for key in draw(st.lists(st.sampled_from(SCHOOL_NUMBERS), max_size=4, unique=True)):
            entry[key] = draw(magnitude())
        for key in draw(st.lists(st.sampled_from(SCHOOL_COUNTS), max_size=3, unique=True)):
            entry[key] = int(draw(magnitude(whole=True)))
        schools.append(entry)
    government = {key: draw(magnitude()) for key in GOVERNMENT_NUMBERS}   # every ratio check has both sides
    for key in draw(st.lists(st.sampled_from(RATES), max_size=3, unique=True)):
        government[key] = draw(magnitude(low=-6, high=0))
    return {"kind": "county", "name": "测试县", "schools": schools, "government": government}


@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_accepted_magnitude_is_decided(data, engine):
    county = _county(data.draw)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "county.yaml"
        text = yaml.safe_dump(county, allow_unicode=True, sort_keys=False)
        # the magnitudes as written (plain YAML numbers, not quoted text)
        path.write_text(text.replace("'", ""), encoding="utf-8")
        result = CliRunner().invoke(main, ["check", str(path), "--json", "--engine", engine])
    event(f"exit {result.exit_code}")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 2:
        # only a rate over 1 may be refused here (a rate is 0–1)
        assert "比率" in result.output, result.output[-1500:]
        return
    assert result.exit_code in (0, 1), result.output[-1500:]
    decided = json.loads(result.stdout)        # a notice on stderr (durable wearing out) is not the JSON
    # decided, and the exit code says what the JSON says: 1 exactly when something falls short
    # (`passed: false`); 0 when everything passed (or nothing could be judged: `passed: null`)
    assert decided["passed"] in (True, False, None)
    assert (decided["passed"] is False) is (result.exit_code == 1), (decided["passed"], result.exit_code)


@settings(max_examples=examples(30), deadline=None)
@given(st.sampled_from(["1000000000000001", "1e16", "0.0000001", "1234567890123456", "12345678901234567890"]),
       st.sampled_from(["books", "land_area_m2", "equipment_value_yuan"]))
def test_just_past_the_limits_is_refused(raw, key):
    data = copy.deepcopy(GOOD_PRIMARY)
    data.pop(key)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True) + f"{key}: {raw}\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert key in result.output and ("10^15" in result.output or "15 位" in result.output
                                     or "10^-6" in result.output)
