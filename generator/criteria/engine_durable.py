"""The `durable` backend: durable-rules, kept behind this one module.

durable_rules 2.0.28 (its last release, 2020) is source-only and its C core calls
PyEval_CallObject, which Python 3.13 removed: it is an optional dependency
(`pip install "junheng[durable]"`), imported only here and only when asked for.
generator.criteria.engine chooses between this backend and the native one.

Its traps, and how they are contained here:

* Its host starts two background threads (threading.Timer loops, re-armed every 0.2 s) that
  dispatch pending actions and timers of every ruleset, made for its asynchronous mode. They
  call the same C core as `post_batch` in our thread, and that core is not thread-safe: the
  race gave error 307 ("Could not complete and start action": an action completed twice; in
  1,000-event chunks after about 7,000 events) and, under a busy machine, a segmentation
  fault that killed the process. junheng posts synchronously — `post_batch` runs every action
  of its state before it returns — and uses no timers, so the host is made here without those
  threads (_synchronous_host) before the first ruleset is declared. With it, 400,000 events in
  1,000-event chunks ran in one ruleset without a single 307.
* It keeps one process-global host, and ruleset names are global to it: a name can be
  declared only once per process. Each profile's comparison rules are compiled once into a
  ruleset whose name is a hash of its content, and cached (RULESETS) — the same profile
  loaded twice reuses its ruleset; a changed profile gets a new name.
* Every `sid` it sees becomes a live state, and past 1,024 live states it raises
  MemoryError. Each evaluation posts its measurements under a fresh sid and deletes that
  state in a `finally`, so the number of live states never grows.
* Error 307 ("Could not complete and start action"; ERR_NODE_DELETED in durable's C core, a
  frame node deleted twice) was long taken for a state pool that wears out (measured then:
  1,000-event batches failed after 38,000 events, 50-event batches after 386,150); it was the
  dispatcher race above. The defences built for it stay, as a net for any error of the C core:
  measurements are posted in chunks of CHUNK events, each under its own state, deleted as
  soon as its chunk is decided; every ROTATE_EVENTS events the comparisons are compiled
  into a fresh generation of the ruleset (name suffix _g1, _g2 …); and since durable does
  not raise such an error from post_batch (the action callback logs it and the rest of the
  chunk goes undecided), any undecided key after a chunk means the chunk is posted once more
  to a fresh generation; only if that also leaves keys undecided does judge() fail.
* durable reports an error inside an action callback by logging it with its traceback
  (logger "durable", logger.exception): with no logging configured, Python prints that
  traceback on stderr. The logger is given a handler of ours that only records the
  message (it is the sign that a chunk went undecided) and does not propagate, so no
  traceback ever reaches the user. When the retry on a fresh generation also fails, the
  rest of the run is decided by the native backend (same verdicts) and one line says so
  (generator.criteria.engine_notice.note_fallback); durable is not asked again in this process.
  The same error appears at once when the process runs under tracemalloc, so memory is
  measured by RSS in bench/, never with tracemalloc around the engine.
* It passes facts as JSON, and its C parser cannot read exponent notation: a float that
  json.dumps writes as 5e-05 or 1e+16 made it segfault or leave the event undecided.
  And a double is exact only for short decimals. So each pair is encoded by
  _encode_pair: the two numbers themselves when both are doubles that json.dumps
  writes without an exponent and that compare exactly as the decimals do (every
  ordinary fact), otherwise the sign of their exact difference against 0, which
  decides the same comparison for any magnitude.

Everything else (which threshold applies, missing facts, deficits) is decided in Python
before the engine is asked; the engine decides pass / fail by the profile's operators.
"""
from __future__ import annotations

import hashlib
import itertools
import logging
import threading
from decimal import Decimal

from generator.criteria.engine_cache import compiled_once
from generator.numbers import COMPLEMENT, compare
from generator.criteria import engine_native

_LOCK = threading.Lock()
_SID_COUNTER = itertools.count(1)
CHUNK = 50  # events per engine state (see the error-307 trap above)
ROTATE_EVENTS = 100_000  # events per ruleset generation (see the error-307 trap above)
RULESETS: dict[str, "Ruleset"] = {}
# sid → {measurement key → "pass" | "fail"}; filled by the actions, emptied by judge().
_RESULTS: dict[str, dict] = {}



class _Recorder(logging.Handler):
    """durable's own error log, kept instead of printed (see the traps above)."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 — a malformed log call must not raise here either
            message = str(record.msg)
        self.messages.append(message.splitlines()[0][:300] if message else "durable error")


_DURABLE_LOG = _Recorder()


def _contain_durable_log() -> None:
    log = logging.getLogger("durable")
    if _DURABLE_LOG not in log.handlers:
        log.addHandler(_DURABLE_LOG)
    log.propagate = False


_contain_durable_log()
_BROKEN: list = []        # [reason] once durable failed twice in a row: native decides from then on


def _condition(m, rule_id: str, op: str):
    # durable's expressions overload the comparison operators, so the one table (numbers.compare) builds them
    return (m.rule == rule_id) & compare(m.value, op, m.standard)


def _record(status: str):
    def action(c):
        _RESULTS[c.m.sid][c.m.key] = status
    return action


class Ruleset:
    """One compiled ruleset: for each (rule id, operator), a pass rule and a fail rule."""

    engine = "durable"

    def __init__(self, comparisons: list[tuple[str, str]]):
        digest = hashlib.sha1(repr(sorted(comparisons)).encode("utf-8")).hexdigest()[:16]
        self.base_name = f"junheng_{digest}"
        self.comparisons = list(comparisons)
        self.rule_ids = {rule_id for rule_id, _ in comparisons}
        self.generation = -1
        self._compile_next_generation()

    def _compile_next_generation(self) -> None:
        """Declare the comparisons as a new durable ruleset, with a state pool of its own."""
        from durable.lang import m, ruleset, when_all  # heavy: imported on first use

        _synchronous_host()
        self.generation += 1
        self.events_in_generation = 0
        self.name = self.base_name if self.generation == 0 else f"{self.base_name}_g{self.generation}"
        with ruleset(self.name):
            for rule_id, op in self.comparisons:
                when_all(_condition(m, rule_id, op))(_record("pass"))
                when_all(_condition(m, rule_id, COMPLEMENT[op]))(_record("fail"))

    def _post_chunk(self, chunk: list[dict], results: dict) -> None:
        """Post one chunk under a fresh state and delete the state, whatever happens."""
        from durable.lang import delete_state

        sid = f"e{next(_SID_COUNTER)}"
        events = []
        for item in chunk:
            value, standard = _encode_pair(item["value"], item["standard"])
            events.append({"sid": sid, "key": item["key"], "rule": item["rule"],
                           "value": value, "standard": standard})
        name = self.name
        _RESULTS[sid] = results
        try:
            _post_batch(name, events)
        finally:
            _RESULTS.pop(sid, None)
            try:
                delete_state(name, sid)
            except Exception:  # the state may not exist if the batch failed early
                pass
        self.events_in_generation += len(events)

    def judge(self, measurements: list[dict], fallback: bool = True) -> dict:
        """Decide each measurement {key, rule, value, standard}; returns key → status.
        Without `fallback` (the probe) a failure raises instead of handing over to native."""
        if not measurements:
            return {}
        for item in measurements:
            if item["rule"] not in self.rule_ids:
                raise KeyError(f"rule {item['rule']} is not in ruleset {self.name}")
        results: dict = {}
        with _LOCK:
            for start in range(0, len(measurements), CHUNK):
                chunk = measurements[start:start + CHUNK]
                if not _BROKEN or not fallback:
                    self._judge_chunk(chunk, results, fallback)
                if _BROKEN:
                    self._native_judge(chunk, results)
        missing = [item["key"] for item in measurements if item["key"] not in results]
        if missing:
            raise RuntimeError(f"rules engine left {len(missing)} measurement(s) undecided: {missing[:3]}")
        return results

    def _attempt(self, chunk: list[dict], results: dict) -> str | None:
        """Post one chunk; None when every key was decided, else what went wrong."""
        logged = len(_DURABLE_LOG.messages)
        try:
            if self.events_in_generation + len(chunk) > ROTATE_EVENTS:
                self._compile_next_generation()
            self._post_chunk(chunk, results)
        except Exception as error:  # noqa: BLE001 — durable raises its own C error type
            return f"{type(error).__name__}: {error}"
        if len(_DURABLE_LOG.messages) > logged:
            return _DURABLE_LOG.messages[-1]
        if any(item["key"] not in results for item in chunk):
            return "undecided events"
        return None

    def _judge_chunk(self, chunk: list[dict], results: dict, fallback: bool = True) -> None:
        """A worn-out state pool despite the rotation shows as a logged 307 or undecided keys
        (durable mostly does not raise): the chunk is posted once more to a fresh generation.
        Keys already decided by the failed attempt are decided again, identically. A second
        failure hands this chunk and the rest of the run to the native backend."""
        problem = self._attempt(chunk, results)
        if problem is None:
            return
        try:
            self._compile_next_generation()
        except Exception as error:  # noqa: BLE001
            problem = f"{type(error).__name__}: {error}"
        else:
            problem = self._attempt(chunk, results)
        if problem is not None and not fallback:
            raise RuntimeError(problem)
        if problem is not None:
            from generator.criteria.engine_notice import note_fallback
            _BROKEN.append(problem)
            note_fallback(problem)

    def _native_judge(self, chunk: list[dict], results: dict) -> None:
        results.update(engine_native.ruleset_for(self.comparisons).judge(chunk))


def _synchronous_host():
    """durable's process-global host, made once without its background dispatch threads (see the traps)."""
    from durable import engine as durable_engine, lang

    if lang._main_host is None:
        class SynchronousHost(durable_engine.Host):
            def _run(self):
                # the Timer loops that would dispatch actions beside post_batch, racing it in the C core
                pass
        lang._main_host = SynchronousHost()
    return lang._main_host


def _plain_float(number: Decimal) -> float | None:
    """The double for a decimal when it is exact and json.dumps writes it without an exponent."""
    as_float = float(number)
    text = repr(as_float)
    if "e" in text or "inf" in text or "nan" in text or Decimal(text) != number:
        return None
    return as_float


def _encode_pair(value, standard) -> tuple[float, float]:
    """(value, standard) as durable can parse them, deciding every operator as the decimals do."""
    value, standard = Decimal(value), Decimal(standard)
    as_floats = (_plain_float(value), _plain_float(standard))
    if None not in as_floats:
        return as_floats
    difference = value - standard
    return (float(difference > 0) - float(difference < 0), 0.0)


def _post_batch(ruleset_name: str, events: list[dict]) -> None:
    from durable.lang import post_batch
    post_batch(ruleset_name, events)


def ruleset_for(comparisons: list[tuple[str, str]]) -> Ruleset:
    """The compiled ruleset for these (rule id, operator) pairs, created once per process."""
    return compiled_once(RULESETS, _LOCK, comparisons, Ruleset)
