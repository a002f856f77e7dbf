"""Generated counties of 1–2,000 schools through every verb that writes and every web download.

For any county (basic-2012 or 优质均衡, tests/counties.py) the CLI ends with exit 0 or 1 and no
traceback, and every download of `junheng serve` answers 200 (a job: 303, then its download 200) or
4xx with a message — never 500 (tests/every_verb.py holds the list of steps).

The default run is small (a few counties of up to a dozen schools, and one of 120 schools — past the
100 整改 items where Chinese numerals once ran out — through the verbs that number items). For a
deeper search:

    HYPOTHESIS_PROFILE=deep python -m pytest tests/test_county_property.py     # 40 counties, up to 2,000 schools
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

import counties
import every_verb
from conftest import HYPOTHESIS_PROFILE
from generator.cli import main

DEEP = HYPOTHESIS_PROFILE == "deep"          # the profile every property test follows (conftest.py)
SIZES = st.one_of(st.integers(1, 12), st.integers(13, 2000)) if DEEP else st.integers(1, 12)
SETTINGS = settings(max_examples=40 if DEEP else 3, deadline=None, derandomize=not DEEP,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.slow
@SETTINGS
@given(kind=st.sampled_from(["basic", "quality"]), schools=SIZES, seed=st.integers(0, 10_000))
def test_every_verb_and_download_on_a_generated_county(kind, schools, seed):
    with tempfile.TemporaryDirectory(prefix="junheng-county-") as tmp:
        folder = Path(tmp)
        facts = counties.write_county(folder / f"{kind}-{schools}.yaml", schools, kind, seed)
        out = folder / "out"
        out.mkdir()
        every_verb.run_cli(facts, out)
        every_verb.run_web(facts, out / "自查报告.docx", jobs=every_verb.WEB_JOBS if DEEP else ("each",))


@pytest.mark.slow
def test_a_county_with_more_than_a_hundred_items(tmp_path):
    facts = counties.write_county(tmp_path / "county.yaml", 120, "basic", seed=11)   # about 130 items
    runner = CliRunner()
    ledger = tmp_path / "台账.xlsx"
    result = runner.invoke(main, ["plan", str(facts), "-o", str(tmp_path / "p.docx"), "--ledger", str(ledger)])
    every_verb._check("plan --ledger", result)
    from openpyxl import load_workbook
    rows = load_workbook(ledger).worksheets[0].max_row
    assert rows > 100, rows            # the case this test is for: more than a hundred items numbered
    every_verb._check("plan --least-cost", runner.invoke(main, ["plan", str(facts), "--least-cost"]))
    from generator.web.app import create_app
    app = create_app()
    try:
        client = app.test_client()
        for action in ("plan", "ledger", "least_cost"):
            import io
            response = client.post("/check", data={"action": action,
                                                   "file": (io.BytesIO(facts.read_bytes()), "county.yaml")},
                                   content_type="multipart/form-data")
            every_verb._web_ok(action, response, (200,))
    finally:
        app.config["JOBS"].shutdown()


def test_the_audit_reads_junhengs_own_county_report(tmp_path):
    facts = counties.write_county(tmp_path / "county.yaml", 8, "basic", seed=5)
    report = tmp_path / "r.docx"
    runner = CliRunner()
    every_verb._check("report", runner.invoke(main, ["report", str(facts), "-o", str(report)]))
    every_verb._check("audit", runner.invoke(main, ["audit", str(report)]))
