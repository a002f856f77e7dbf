"""Generated malformed fact files: always a clean exit (2 for bad input), never a traceback."""
import string

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import examples
from generator.cli import main
from generator.model.schema import SCHOOL_FIELDS

KEYS = [f.key for f in SCHOOL_FIELDS] + [f.label for f in SCHOOL_FIELDS] + ["studnets", "学生人数", ""]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**12), st.floats(allow_nan=True),
                    st.text(max_size=12), st.sampled_from(["13,125", "85%", "-3", "1e999", "nan", "１２", "12.5.1"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.sampled_from(KEYS + ["primary", "junior"]),
                                                                        inner, max_size=4)), max_leaves=10)
documents = st.dictionaries(st.sampled_from(KEYS), values, max_size=12).map(
    lambda d: {"kind": "school", **d} if d.get("kind") is None else d)
raw_text = st.text(alphabet=string.printable + "：，学生数【】{}[]&*!|>'\"", max_size=120)


def _assert_clean(result):
    assert result.exit_code in (0, 1, 2), result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_generated_fact_mappings(tmp_path, document):
    path = tmp_path / "facts.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    _assert_clean(CliRunner().invoke(main, ["check", str(path), "--json"]))


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw_text)
def test_generated_raw_text(tmp_path, text):
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    _assert_clean(result)
    if result.exit_code == 2:
        assert str(path) in result.stderr
