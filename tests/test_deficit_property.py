"""尚缺 (criteria §7) as a property: for any failing per-student value, the reported deficit is
positive and, added to the total, makes the value meet its standard — also for a 学段's part of a
split total (九年一贯制), whose share has no finite decimal (500/940). Areas and money are rounded
UP at their last place, so the deficit less one cent still falls short (nothing is added twice)."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings, strategies as st

from conftest import examples
from generator.criteria.indicators import measure_rule, school_parts, threshold_for
from generator.criteria.profiles import load_profile
from generator.model.subjects import School
from generator.numbers import compare, for_comparison, rational

PROFILES = {name: load_profile(name) for name in ("quality-2017", "basic-2012")}
# per-student and per-100-student rules on a total that a spanning school splits by weight
SPLIT_KINDS = ("per_student", "per_100_students")


def _rules(profile):
    split = profile.monitoring["split"]["fields"]
    return [r for r in profile.basic_rules if r.measure in SPLIT_KINDS and r.of in split]


totals = st.decimals(min_value=Decimal(0), max_value=Decimal(10_000_000), places=4, allow_nan=False,
                     allow_infinity=False)


@settings(max_examples=examples(300), deadline=None)
@given(profile_name=st.sampled_from(sorted(PROFILES)), spanning=st.booleans(),
       primary=st.integers(1, 3000), junior=st.integers(1, 3000), total=totals, data=st.data())
def test_the_deficit_added_meets_the_standard(profile_name, spanning, primary, junior, total, data):
    profile = PROFILES[profile_name]
    rule = data.draw(st.sampled_from(_rules(profile)))
    of = rule.of
    if rule.measure == "per_100_students" or of in ("books", "computers", "multimedia_classrooms"):
        total = total.to_integral_value()          # a count of things is whole
    if spanning:
        facts = {"students": {"primary": primary, "junior": junior}, of: total}
        school = School(name="九年校", stage="nine_year", facts=facts, file="property.yaml")
    else:
        facts = {"students": {"primary": primary}, of: total}
        school = School(name="小学", stage="primary", facts=facts, file="property.yaml")
    for part in school_parts(school, profile.monitoring["split"]):
        standard = threshold_for(rule, part)
        if standard is None:
            continue
        measured = measure_rule(rule, part, standard)
        if compare(measured.value, rule.op, standard):
            continue
        deficit = Fraction(Decimal(str(measured.deficit)))
        assert deficit > 0, (rule.id, part.part, measured)
        factor = 100 if rule.measure == "per_100_students" else 1
        after = (rational(part.facts[of]) + deficit) * factor / part.students
        assert compare(for_comparison(after), rule.op, standard), (rule.id, part.part, measured)
        # the smallest such amount at its last place: one step less still falls short of the standard
        step = Fraction(1) if isinstance(measured.deficit, int) else Fraction(1, 100)
        short = (rational(part.facts[of]) + deficit - step) * factor / part.students
        assert short < standard, (rule.id, part.part, measured)
