"""Which backend decides the comparisons: `durable` (durable-rules) or `native` (pure Python).

Both are compiled from the same (rule id, operator) pairs of a profile and answer the same
question — does this value meet this standard by this operator — so every verdict is the
same on both (tests/test_engine_backends.py runs every rule case and a generated province
on each). `auto` is native: durable-rules decides only when asked for by name (`--engine
durable`), because its C core can wear out mid-run (error 307) on a large county:

* durable_rules is source-only and breaks on Python 3.13+ (its C core calls the removed
  PyEval_CallObject), so it is an optional extra, `pip install "junheng[durable]"`;
* whether it works is found out once per process by building a one-rule ruleset and
  judging one comparison with it (an import that succeeds can still fail to build).
"""
from __future__ import annotations

import threading

ENGINES = ("auto", "durable", "native")

_PROBE_LOCK = threading.Lock()
_DURABLE_PROBE: list = []          # [None] when durable works, [reason] when it does not


class EngineUnavailable(Exception):
    """An explicitly chosen backend cannot run here; str() says why and how to get it."""


def durable_problem() -> str | None:
    """None when durable-rules works in this process, else why not (probed once)."""
    with _PROBE_LOCK:
        if not _DURABLE_PROBE:
            _DURABLE_PROBE.append(_probe_durable())
        return _DURABLE_PROBE[0]


def _probe_durable() -> str | None:
    try:
        from generator.criteria import engine_durable
        verdict = engine_durable.ruleset_for([("PROBE", ">=")]).judge(
            [{"key": "k", "rule": "PROBE", "value": 2, "standard": 1}], fallback=False)
    except Exception as error:  # noqa: BLE001 — ImportError, an undefined C symbol, a build error
        return f"{type(error).__name__}: {error}".strip()
    if verdict != {"k": "pass"}:
        return f"unexpected probe result {verdict!r}"
    return None


def resolve(choice: str | None) -> tuple[str, str | None]:
    """The backend that will decide, and a notice when `auto` had to fall back.

    Raises EngineUnavailable for an explicit `durable` that cannot run here.
    """
    choice = choice or "auto"
    if choice not in ENGINES:
        raise ValueError(f"unknown engine {choice!r}")
    if choice in ("native", "auto"):
        return "native", None
    problem = durable_problem()
    if problem is not None:
        raise EngineUnavailable(problem)
    return "durable", None



def ruleset_for(comparisons: list[tuple[str, str]], engine: str = "auto"):
    """The compiled ruleset of the chosen backend; it has .judge(measurements) and .engine."""
    backend, _ = resolve(engine)
    if backend == "durable":
        from generator.criteria import engine_durable
        return engine_durable.ruleset_for(comparisons)
    from generator.criteria import engine_native
    return engine_native.ruleset_for(comparisons)
