"""`junheng new`: a blank fact file — every key empty, with its Chinese label, unit and what to write in a comment,
grouped as a clerk fills them in; and what a blank form still lacks (`check` on a form nobody has filled in).

Nothing is pre-filled but the form's own kind and, with `--stage`, its 学段: a sample number written as a value
would be read as a fact (a "blank" form that already passes or fails items)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.i18n import status_word
from generator.model import schema
from generator.io.yaml_writer import dump
from generator.errors import InputError, InputErrors
from generator.io.yaml_source import WORKBOOK_SUFFIXES, read_source

_HEADERS = {
    "school": "学校事实文件（junheng）。每个键也可以写成其中文名；数字可写成 \"13,125\"，比率可写成 \"85%\"。",
    "county": "县事实文件（junheng）。schools 下列出学校文件（相对本文件的路径）或直接写学校条目。",
    "centre": "中心学校事实文件（junheng），用于宣传方案：所辖学校及横幅悬挂地点。",
}
KEY_STYLES = ("en", "zh")


def _value(example) -> str:
    text = dump(example, flow=True, sort_keys=True, width=1000).strip()
    if text.endswith("\n...") or text.endswith("..."):
        text = text.rsplit("\n", 1)[0].strip()
    return text


def _key(fld, keys: str) -> str:
    if keys != "zh":
        return fld.key
    text = dump({fld.label: None}, flow=False, width=1000).strip()     # quoted by the writer when YAML needs it
    return text[:-1].rstrip() if text.endswith(":") else text.split(":")[0]


def _stage_help(fld, stage) -> str:
    """What a field needs for the chosen 学段 (per-学段 counts, the labs of that 学段)."""
    if stage is None:
        return fld.help
    parts = schema.STAGE_PARTS[stage]
    if fld.type == "stage_count":
        if len(parts) == 1:
            return ""
        spelled = ", ".join(f"{part}: {schema.PART_LABELS[part]}人数" for part in parts)
        return f"按学段填写 {{{spelled}}}"
    if fld.type == "labs":
        labs = dict.fromkeys(lab for part in parts for lab in schema.LABS_BY_PART[part])
        return " | ".join(f"{lab} {schema.LAB_LABELS[lab]}" for lab in labs) + "（写各类实验室间数）"
    return fld.help


def _comment(fld, keys: str, stage=None) -> str:
    """The field's description (schema.field_notes) after its name, as a YAML comment."""
    per_stage = stage is not None and fld.type == "stage_count" and len(schema.STAGE_PARTS[stage]) > 1
    shows_example = fld.example not in (None, [], {}) and fld.type not in ("claims", "breakdowns") \
        and fld.key != "kind" and not per_stage
    notes = schema.field_notes(fld, (_stage_help(fld, stage),), _value(fld.example) if shows_example else None)
    return "  # " + "；".join([fld.label if keys != "zh" else fld.key, *notes])


def _given(fld, kind: str, stage, keys: str) -> str:
    """The one value a blank form carries: its kind, and the 学段 chosen with --stage."""
    if fld.key == "kind":
        return kind if keys != "zh" else {v: k for k, v in schema.ENUM_ALIASES["kind"].items()
                                          if k in ("学校", "县", "中心学校")}[kind]
    if fld.key == "stage" and stage is not None:
        return stage if keys != "zh" else schema.STAGE_LABELS[stage]
    return ""


def blank_file(kind: str, stage: str | None = None, keys: str = "en") -> str:
    """The commented blank fact file of `junheng new KIND [--stage S] [--keys zh]`."""
    lines = [f"# {_HEADERS[kind]}", f"# 每个键都留空待填：不知道的就空着，需要它的指标报“{status_word('missing')}”，不会猜。",
             "# 填写后运行：junheng check 本文件"]
    for group, fields in schema.grouped_fields(kind):
        lines += ["", f"# —— {group} ——"]
        for fld in fields:
            given = _given(fld, kind, stage, keys)
            lines.append(f"{_key(fld, keys)}:{' ' + given if given else ''}{_comment(fld, keys, stage)}")
            if fld.key == "government":
                for gov in schema.GOVERNMENT_FIELDS:
                    lines.append(f"  {_key(gov, keys)}:{_comment(gov, keys)}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- a form nobody has filled in
@dataclass(frozen=True)
class Unfilled:
    """A fact file with nothing filled in but its identity (kind, name, 学段 …): what it still lacks, by group."""
    file: str
    kind: str
    groups: list          # [(group, [Field, …]), …] the keys still empty
    data: dict            # what is filled in (kind, name, stage, profile …)

    def as_json(self, profile=None) -> dict:
        """check --json's shape: every rule of the standard that applies to the form, each "missing"."""
        stage = self.data.get("stage")
        stage = schema.ENUM_ALIASES["stage"].get(stage, stage) if isinstance(stage, str) else None
        parts = set(schema.STAGE_PARTS.get(stage, schema.PART_LABELS))
        rules = []
        if profile is not None and self.kind == "school":
            rules = [rule for rule in profile.basic_rules if not rule.stages or parts & set(rule.stages)]
        elif profile is not None and self.kind == "county":
            rules = list(profile.county["conditions"])
        name = self.data.get("name")
        return {"subject": {"kind": self.kind, "name": name if isinstance(name, str) and name.strip() else None},
                "profile": profile.id if profile is not None else None,
                "verdicts": [{"rule": rule.id, "name": rule.name, "status": "missing"} for rule in rules],
                "passed": False, "status": "missing", "blank": True, "file": self.file,
                "to_fill": [{"group": group, "keys": [{"key": f.key, "label": f.label, "unit": f.unit,
                                                       "required": f.required} for f in fields]}
                            for group, fields in self.groups]}


def _empty(value, workbook: bool = False) -> bool:
    """Left blank as `new` leaves it: nothing after the key (a mapping of such keys, as government:). An empty
    list or mapping typed in a YAML file states a fact ("no schools"); a workbook cannot tell the two apart."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    if isinstance(value, dict):
        return all(_empty(item, workbook) for item in value.values())
    if isinstance(value, (list, tuple)):
        return workbook and all(_empty(item, workbook) for item in value)
    return False


def unfilled_form(path) -> Unfilled | None:
    """`path` as a blank form, or None. A blank form has every fact empty (only kind, name, 学段 and such may be
    given) and, in YAML, its required keys present but empty, as `junheng new` writes them: a file that leaves a
    required key out, or fills any fact, is checked (and its errors shown) as usual."""

    path = Path(path)
    workbook = path.suffix.lower() in WORKBOOK_SUFFIXES
    try:
        data = read_source(path)
    except (InputError, InputErrors) as error:
        errors = getattr(error, "errors", [error])
        # a fill-in workbook with no school row is a school form nobody has filled in
        if workbook and errors and all(getattr(e, "msg_id", None) == "workbook_no_rows" for e in errors):
            data = {"kind": "school"}
        else:
            return None
    if not hasattr(data, "items"):
        return None
    kind_raw = data.get("kind", data.get("类型"))
    kind = schema.ENUM_ALIASES["kind"].get(kind_raw, kind_raw) if isinstance(kind_raw, str) else None
    if kind not in schema.FIELDS_BY_KIND:
        return None
    index = schema.field_index(schema.FIELDS_BY_KIND[kind])
    given, present = {}, set()
    for raw_key, value in data.items():
        fld = index.get(str(raw_key))
        if fld is None:
            if not _empty(value, workbook):
                return None         # an unknown key with a value: the loader's error says what it is
            continue
        present.add(fld.key)
        if not _empty(value, workbook):
            given[fld.key] = value
    if set(given) - set(schema.IDENTITY_KEYS):
        return None
    required = {fld.key for fld in schema.FIELDS_BY_KIND[kind] if fld.required} - set(schema.IDENTITY_KEYS)
    if not workbook and not required <= present:
        return None
    groups = [(group, [f for f in fields if f.key not in given]) for group, fields in schema.grouped_fields(kind)]
    return Unfilled(str(path), kind, [(group, fields) for group, fields in groups if fields], given)
