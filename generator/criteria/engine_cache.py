"""Each backend's compiled rulesets, built once per process (engine_durable and engine_native):
a profile's (rule id, operator) pairs compiled the first time they are asked for."""
from __future__ import annotations


def compiled_once(cache: dict, lock, comparisons, build):
    """The backend's ruleset for these (rule id, operator) pairs, built once per process and kept in
    `cache` (each backend has its own cache and lock)."""
    unique = sorted(set(comparisons))
    key = repr(unique)
    with lock:
        compiled = cache.get(key)
        if compiled is None:
            compiled = cache[key] = build(unique)
    return compiled
