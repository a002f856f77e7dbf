"""A loaded profile's rules, typed and frozen: one dataclass per kind of rule, read by attributes only.

A profile is loaded once per process and handed to every caller (generator.criteria.profiles caches it): a caller
that changed a rule, a threshold case or an exclusion list would change it for every later evaluation in the process
(the web serves many). So the profile, its checks done, builds every section once (`freeze_section`, called by
`Profile` itself): each entry of a rule list becomes the frozen dataclass of its kind —

    basic_conditions.rules      SchoolRule        (a 办学基本条件 / 优质均衡 resource rule)
    monitoring.indicators       Indicator         (a 差异系数 indicator)
    county.conditions           CountyCondition   (C1–C4, QC1–QC6)
    government.items            GovernmentItem    (B1–B23, P/E/V), its `checks` GovernmentCheck, each `deduct` Deduct
    a threshold's list of cases Case              (by location, by class count)
    monitoring.cv               CvLimit           (the 差异系数 limit)
    basic_conditions.pass_rule  PassRule          (when a school meets the basic conditions)

— whose fields are every key a rule file may give that kind. The fields are the one statement of those keys: the
loader refuses any other key (generator.criteria.profile_check.check_keys reads them from here), so a typo in a
county's own profile is named with its line instead of silently ignored. A key the file does not give reads as its
field's default: "" for words, () for stages, what leaving it out means where a file may (a check's `op: "=="`,
`min_met: all`, `composite: true`), None otherwise; `stated` keeps the keys the file gave, in its order.

Two settings of a section are rules too and typed the same way: the 差异系数 limit (monitoring's `cv`, CvLimit) and
the pass rule of the basic conditions (`pass_rule`, PassRule). Every other mapping of a section (its own settings,
`split`, `exclude`, a threshold table by 学段) stays a `FrozenDict`, every list a `FrozenList`: they read like the
dict and list they were (JSON, ==, iteration) and refuse any change.

A rule is read by attributes only (`rule.of`, `rule.threshold`, `case.classes_max`, `check.deduct.per`): it has no
`rule["of"]` and no `rule.get("of")`, so a reader of the old mapping fails at once. What must see a rule as a mapping
— `junheng rules --json`, a profile that inherits another and applies its overrides, a test that edits a copy —
asks for one with `to_mapping()` (or `thaw` of a whole section: an ordinary, editable deep copy, as `copy.deepcopy`
of a section gives). A rule built on the spot or in a test goes through `as_rule` (or its kind's `from_mapping`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields


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


class _Typed:
    """What every typed rule kind shares: built from a rule file's mapping, given back as one."""
    __slots__ = ()
    kind = ""                           # the words an unknown key's error names the kind by

    @classmethod
    def allowed_keys(cls) -> tuple[str, ...]:
        """Every key a rule file may give this kind, in the order of its fields."""
        return tuple(f.name for f in fields(cls) if f.name != "stated")

    @classmethod
    def from_mapping(cls, data) -> "_Typed":
        """The typed, frozen rule of a rule file's mapping (its keys checked by the loader before)."""
        unknown = [key for key in data if key not in cls.allowed_keys()]
        if unknown:
            raise ValueError(f"{cls.__name__} has no field {', '.join(map(str, unknown))}")
        values = {key: cls._freeze_value(key, value) for key, value in data.items()}
        return cls(**values, stated=tuple(data))

    @classmethod
    def _freeze_value(cls, key, value):
        return freeze(value)

    def to_mapping(self) -> dict:
        """The rule as its file states it: the keys it gave, in their order, as plain dicts and lists."""
        return {key: thaw(getattr(self, key)) for key in self.stated}

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self.to_mapping()

    def __reduce__(self):                   # pickled for worker processes (frozen, slotted: rebuilt by keyword)
        return _rebuild, (type(self), tuple((f.name, getattr(self, f.name)) for f in fields(self)))


def _rebuild(cls, items):
    return cls(**dict(items))


def _threshold(value):
    """A threshold: a number, a table by 学段, or a list of cases (each a Case)."""
    if isinstance(value, list):
        return FrozenList(Case.from_mapping(case) if isinstance(case, dict) else freeze(case) for case in value)
    if isinstance(value, dict) and "value" not in value:
        return FrozenDict({stage: _threshold(cell) for stage, cell in value.items()})
    return freeze(value)


@dataclass(frozen=True, slots=True)
class Case(_Typed):
    """One case of a threshold: its standard `value`, where its conditions hold (the first case that holds
    applies; a case of no condition is the default)."""
    value: object = None
    location: object = None             # a location or a list of them (urban, town, rural)
    classes_max: int | None = None      # at most this many classes
    classes_min: int | None = None      # at least this many classes
    stated: tuple = field(default=(), repr=False, compare=False)
    kind = "threshold case"


@dataclass(frozen=True, slots=True)
class SchoolRule(_Typed):
    """A basic-condition rule (rules/basic_conditions/*.yaml, rules/quality/resources.yaml)."""
    id: str | None = None
    name: str = ""
    unit: str = ""
    measure: str | None = None
    of: str | None = None               # the fact measured
    per: str | None = None              # the fact divided by (rate_of)
    op: str | None = None
    wording: str = ""                   # the standard's own comparison word (不低于)
    stages: tuple = ()
    threshold: object = None            # a number, a table by 学段, or a list of cases (Case)
    required: object = None             # labs: 学段 → lab → count
    combined: object = None             # labs: a combined lab that replaces others in small schools
    decimals: int | None = None
    deficit_per: str | None = None      # a rate's 尚缺 counted in these people
    deficit_unit: str = ""
    effective: object = None
    source: str = ""
    provenance: str = ""
    stated: tuple = field(default=(), repr=False, compare=False)
    kind = "rule"

    @classmethod
    def _freeze_value(cls, key, value):
        return _threshold(value) if key == "threshold" else freeze(value)


@dataclass(frozen=True, slots=True)
class Indicator(_Typed):
    """A 差异系数 indicator (rules/monitoring.yaml, rules/quality/monitoring.yaml)."""
    id: str | None = None
    name: str = ""
    unit: str = ""
    measure: str | None = None
    of: str | None = None
    decimals: int | None = None
    effective: object = None
    source: str = ""
    provenance: str = ""
    stated: tuple = field(default=(), repr=False, compare=False)
    kind = "indicator"


@dataclass(frozen=True, slots=True)
class CountyCondition(_Typed):
    """A county condition (rules/county.yaml, rules/quality/county.yaml)."""
    id: str | None = None
    name: str = ""
    unit: str = ""
    measure: str | None = None
    of: str | None = None
    op: str | None = None
    threshold: object = None
    decimals: int | None = None
    wording: str = ""
    area: str | None = None             # items_not_met: the government area counted
    effective: object = None
    source: str = ""
    provenance: str = ""
    stated: tuple = field(default=(), repr=False, compare=False)
    kind = "condition"

    @classmethod
    def _freeze_value(cls, key, value):
        return _threshold(value) if key == "threshold" else freeze(value)


@dataclass(frozen=True, slots=True)
class Deduct(_Typed):
    """What a failed government check costs: `points`, once or per `per` of the gap."""
    points: object = None
    per: object = None
    stated: tuple = field(default=(), repr=False, compare=False)
    kind = "deduct"


@dataclass(frozen=True, slots=True)
class GovernmentCheck(_Typed):
    """One check of a government item: a government fact measured and compared."""
    measure: str | None = None
    of: object = None                   # a fact, or a list of facts
    op: str = "=="                      # a check that states no comparison: the fact equals its standard
    threshold: object = 1               # a yes/no check names no threshold: it is met when the fact is yes (1)
    unit: str = ""
    deduct: object = "all"              # "all" (the item's points) or a Deduct
    fallback: object = None
    min: object = None
    max: object = None
    stated: tuple = field(default=(), repr=False, compare=False)
    kind = "check"

    @classmethod
    def _freeze_value(cls, key, value):
        if key == "deduct":
            return Deduct.from_mapping(value) if isinstance(value, dict) else value
        return _threshold(value) if key == "threshold" else freeze(value)


@dataclass(frozen=True, slots=True)
class GovernmentItem(_Typed):
    """A government item (rules/government.yaml B1–B23, rules/quality/government.yaml P/E/V)."""
    id: str | None = None
    name: str = ""
    area: str | None = None
    points: object = None               # None: met or not (优质均衡 scoring all_met)
    checks: tuple = ()
    effective: object = None
    source: str = ""
    provenance: str = ""
    stated: tuple = field(default=(), repr=False, compare=False)
    kind = "item"

    @classmethod
    def _freeze_value(cls, key, value):
        if key == "checks":
            return tuple(GovernmentCheck.from_mapping(check) for check in value or ())
        return freeze(value)


@dataclass(frozen=True, slots=True)
class CvLimit(_Typed):
    """The 差异系数 limit (monitoring's `cv`): each CV, kept to `decimals`, compared by `op` with its 学段's threshold;
    `composite` false judges every indicator's CV on its own (优质均衡) instead of their mean."""
    threshold: object = None            # 学段 → limit
    op: str | None = None
    decimals: int | None = None
    composite: bool = True
    weighting: str | None = None        # students: every CV is student-weighted (criteria §2.1)
    wording: str = ""
    effective: object = None
    source: str = ""
    provenance: str = ""
    stated: tuple = field(default=(), repr=False, compare=False)
    kind = "cv"

    @classmethod
    def _freeze_value(cls, key, value):
        return _threshold(value) if key == "threshold" else freeze(value)


@dataclass(frozen=True, slots=True)
class PassRule(_Typed):
    """When a school (a 学段 of it) meets the basic conditions: every applicable item (`min_met: all`), or at least
    `min_met` of them, at most `max_failed` not met, each one not met at `failed_floor` of its standard at least."""
    min_met: object = "all"
    max_failed: int | None = None
    failed_floor: object = None
    stated: tuple = field(default=(), repr=False, compare=False)
    kind = "pass rule"


# The settings of a section that are rules of their own (typed like a rule list's entries).
SETTINGS = {("monitoring", "cv"): CvLimit, ("basic_conditions", "pass_rule"): PassRule}

# The lists of a profile whose entries are rules, and the kind of each entry.
RULE_LISTS = {"basic_conditions": "rules", "monitoring": "indicators", "government": "items", "county": "conditions"}
RULE_KINDS = {"basic_conditions": SchoolRule, "monitoring": Indicator, "government": GovernmentItem,
              "county": CountyCondition}
Rule = SchoolRule | Indicator | CountyCondition | GovernmentItem


def freeze(value):
    """`value` with every dict and list frozen, deeply (a typed rule stays as it is)."""
    if isinstance(value, dict):
        return FrozenDict({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return FrozenList(freeze(item) for item in value)
    return value


def freeze_section(section: str, data) -> FrozenDict:
    """One section of a profile (basic_conditions, monitoring, government, county), frozen; its rule list typed.
    A section already frozen is returned as it is."""
    if isinstance(data, FrozenDict):
        return data
    listed, kind = RULE_LISTS.get(section), RULE_KINDS.get(section)

    def typed(key, item):
        if key == listed:
            return FrozenList(as_rule(entry, kind) for entry in item)
        if (section, key) in SETTINGS:
            return as_rule(item, SETTINGS[(section, key)])
        return freeze(item)
    return FrozenDict({key: typed(key, item) for key, item in data.items()})


def as_rule(rule, kind=SchoolRule):
    """A rule given as a mapping (one built on the spot, a test's) as the typed rule of `kind`; a typed rule as it is."""
    return rule if isinstance(rule, _Typed) else kind.from_mapping(rule)


def thaw(value):
    """An editable deep copy: frozen mappings and lists become dicts and lists, a typed rule its mapping."""
    if isinstance(value, _Typed):
        return value.to_mapping()
    if isinstance(value, dict):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [thaw(item) for item in value]
    return value
