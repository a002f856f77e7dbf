"""The audit reads what the evaluation decided and recomputes only what it must.

A deficit claim about a rule is checked against the 尚缺 the evaluation decided for that rule
(the number `junheng check` prints); only a claim that names its own `standard`, which no
verdict measured, is recomputed. The tests alter the evaluation's verdict: an audit that
re-derived the deficit itself would not see the change.
"""
from __future__ import annotations

from decimal import Decimal

import generator.audit.core as audit_core
from conftest import school, write_yaml
from generator.audit.core import audit_facts
from generator.criteria.profiles import load_profile
from generator.io.facts import load_facts


def _audit_with_k1_deficit(tmp_path, monkeypatch, deficit, claims):
    real = audit_core.evaluate_school

    def altered(subject, profile, engine="auto"):
        result = real(subject, profile, engine)
        for verdict in result.verdicts:
            if verdict.rule == "K1":
                verdict.deficit = deficit
        return result

    monkeypatch.setattr(audit_core, "evaluate_school", altered)     # where the audit looks it up
    path = write_yaml(tmp_path / "s.yaml", school(building_area_m2=4999.5, claims=claims))
    return audit_facts(load_facts(path), load_profile("basic-2012"))


def test_deficit_is_the_evaluations(tmp_path, monkeypatch):
    # the true K1 shortfall is 5.2 × 1000 − 4999.5 = 200.5 ㎡; the evaluation is made to say 777
    result = _audit_with_k1_deficit(tmp_path, monkeypatch, Decimal(777),
                                    [{"of": "K1", "measure": "deficit", "value": 777}])
    row = result.rows[0]
    assert (row.of, row.measure, row.recomputed, row.status) == ("K1", "deficit", Decimal(777), "agree")


def test_unaltered_evaluation_gives_the_checks_deficit(tmp_path, monkeypatch):
    result = _audit_with_k1_deficit(tmp_path, monkeypatch, Decimal("200.5"),
                                    [{"of": "K1", "measure": "deficit", "value": "200.5"}])
    assert (result.rows[0].recomputed, result.rows[0].status) == (Decimal("200.5"), "agree")


def test_a_claims_own_standard_is_recomputed(tmp_path, monkeypatch):
    # standard 6 ㎡ per student, measured by no verdict: 6 × 1000 − 4999.5 = 1000.5, not the verdict's 777
    result = _audit_with_k1_deficit(tmp_path, monkeypatch, Decimal(777),
                                    [{"of": "K1", "measure": "deficit", "value": "1000.5", "standard": 6}])
    row = result.rows[0]
    assert (row.recomputed, row.standard, row.status) == (Decimal("1000.5"), Decimal(6), "agree")
