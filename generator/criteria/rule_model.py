"""A loaded profile's rules, frozen: read-only mappings and lists, and the typed view a rule is read through.

A profile is loaded once per process and handed to every caller (generator.criteria.profiles caches it): a caller
that changed a rule, a threshold case or an exclusion list would change it for every later evaluation in the process
(the web serves many). So the loader freezes every section once, its checks done: `FrozenDict` and `FrozenList` read
like the dict and list they were (JSON, ==, `dict(rule)`, iteration) and refuse any change; a copy
(`copy.deepcopy`, `thaw`) is an ordinary, editable dict or list, for a profile that builds on another.

`Rule` is a frozen rule with attributes for what every rule states — `rule.id`, `rule.of`, `rule.measure`,
`rule.op`, `rule.stages`, `rule.threshold`, `rule.decimals`, `rule.unit`, `rule.name` — while the keys only some
rules have (`per`, `wording`, `deficit_unit` …) stay readable by `rule.get(key)`.
"""
from __future__ import annotations


def _refuse(self, *args, **kwargs):
    raise TypeError(f"a loaded profile is read-only ({type(self).__name__}); copy it (thaw) to change it")


class FrozenDict(dict):
    """A mapping of a loaded profile: reads as a dict, refuses changes."""
    __slots__ = ()
    __setitem__ = __delitem__ = setdefault = update = pop = popitem = clear = __ior__ = _refuse

    def __copy__(self):
        return dict(self)

    def __deepcopy__(self, memo):
        return thaw(self)

    def __reduce__(self):                   # pickled for worker processes: rebuilt without __setitem__
        return type(self), (dict(self),)


class FrozenList(list):
    """A list of a loaded profile: reads as a list, refuses changes."""
    __slots__ = ()
    __setitem__ = __delitem__ = append = extend = insert = pop = remove = clear = sort = reverse = \
        __iadd__ = __imul__ = _refuse

    def __copy__(self):
        return list(self)

    def __deepcopy__(self, memo):
        return thaw(self)

    def __reduce__(self):
        return type(self), (list(self),)


class Rule(FrozenDict):
    """A rule, a monitoring indicator, a county condition or a government item of a loaded profile."""
    __slots__ = ()

    @property
    def id(self) -> str | None:
        return self.get("id")

    @property
    def name(self) -> str:
        return self.get("name", "")

    @property
    def measure(self) -> str | None:
        return self.get("measure")

    @property
    def of(self) -> str | None:
        """The fact the rule measures (None for a rule of no one fact)."""
        return self.get("of")

    @property
    def op(self) -> str | None:
        return self.get("op")

    @property
    def stages(self) -> tuple:
        return tuple(self.get("stages") or ())

    @property
    def threshold(self):
        return self.get("threshold")

    @property
    def decimals(self) -> int | None:
        return self.get("decimals")

    @property
    def unit(self) -> str:
        return self.get("unit", "")


# The lists of a profile whose entries are rules (each with an id).
RULE_LISTS = {"basic_conditions": "rules", "monitoring": "indicators", "government": "items", "county": "conditions"}


def freeze(value, rules: bool = False):
    """`value` with every dict and list frozen, deeply; `rules`: a list of rules (their entries become Rule)."""
    if isinstance(value, dict):
        return FrozenDict({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        if rules:
            return FrozenList(Rule({key: freeze(item) for key, item in entry.items()}) if isinstance(entry, dict)
                              else freeze(entry) for entry in value)
        return FrozenList(freeze(item) for item in value)
    return value


def freeze_section(section: str, data: dict) -> FrozenDict:
    """One section of a profile (basic_conditions, monitoring, government, county), frozen; its rule list typed."""
    listed = RULE_LISTS.get(section)
    return FrozenDict({key: freeze(item, rules=key == listed) for key, item in data.items()})


def as_rule(rule) -> Rule:
    """A rule given as a plain mapping (one built on the spot, a test's) read through the same attributes."""
    return rule if isinstance(rule, Rule) else Rule(rule)


def thaw(value):
    """An editable deep copy: frozen mappings and lists become dicts and lists (a Rule too)."""
    if isinstance(value, dict):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, list):
        return [thaw(item) for item in value]
    return value
