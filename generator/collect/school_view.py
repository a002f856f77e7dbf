"""One school's form and its own verdicts: the form's inputs (every field with its Chinese label, unit and
学段), the form's answers read back into a fact mapping, and what the page shows as the clerk types — the
checker's messages field by field, the verdicts and 尚缺 of that school under the campaign's standard."""
from __future__ import annotations

from generator.collect.facts import check_school
from generator.i18n import yes_no
from generator.model import schema
from generator.i18n import message

# fields the form does not show one input per value for: statements about a written report (the audit's
# business) are kept as they are stored
KEPT = ("kind", "name", "claims", "breakdowns")
ENUMS = {"ownership": schema.OWNERSHIPS, "location": schema.LOCATIONS, "affiliation": schema.AFFILIATIONS,
         "category": schema.CATEGORIES, "stage": schema.STAGE_LABELS}


def form_fields(stage: str | None, facts: dict) -> list[dict]:
    """The inputs of the form, in the schema's order, each with its current text."""
    parts = schema.STAGE_PARTS.get(stage or "", ("primary",))
    rows = []
    for fld in schema.SCHOOL_FIELDS:
        if fld.key in KEPT:
            continue
        value = facts.get(fld.key)
        row = {"key": fld.key, "label": fld.label, "unit": fld.unit, "type": fld.type, "help": fld.help,
               "required": fld.required, "inputs": []}
        if fld.type == "stage_count":
            current = value if isinstance(value, dict) else ({parts[0]: value} if value is not None else {})
            for part in parts:
                row["inputs"].append({"name": f"f.{fld.key}.{part}", "label": schema.PART_LABELS[part],
                                      "value": _text(current.get(part))})
        elif fld.type == "labs":
            current = value if isinstance(value, dict) else {}
            for lab, label in schema.LAB_LABELS.items():
                row["inputs"].append({"name": f"f.labs.{lab}", "label": label, "value": _text(current.get(lab))})
        elif fld.type == "subjects":
            current = value if isinstance(value, dict) else {}
            for subject, label in schema.SUBJECT_LABELS.items():
                entry = current.get(subject) if isinstance(current.get(subject), dict) else {}
                for side, word in (("required", "应配"), ("actual", "实配")):
                    row["inputs"].append({"name": f"f.subject_teachers.{subject}.{side}",
                                          "label": f"{label}{word}", "value": _text(entry.get(side))})
        elif fld.type == "enum":
            row["choices"] = [("", "—")] + list(ENUMS.get(fld.key, {c: c for c in fld.choices}).items())
            row["inputs"].append({"name": f"f.{fld.key}", "label": "", "value": _text(value)})
        elif fld.type == "bool":
            row["choices"] = [("", "—"), ("true", yes_no(True)), ("false", yes_no(False))]
            row["inputs"].append({"name": f"f.{fld.key}", "label": "",
                                  "value": "" if value is None else ("true" if value is True else
                                                                     "false" if value is False else str(value))})
        elif fld.type == "count_list":
            text = "、".join(str(v) for v in value) if isinstance(value, list) else _text(value)
            row["inputs"].append({"name": f"f.{fld.key}", "label": "", "value": text})
        elif fld.type == "text_map":
            text = "\n".join(f"{k}：{v}" for k, v in value.items()) if isinstance(value, dict) else _text(value)
            row["inputs"].append({"name": f"f.{fld.key}", "label": "", "value": text, "multiline": True})
        else:
            row["inputs"].append({"name": f"f.{fld.key}", "label": "", "value": _text(value)})
        rows.append(row)
    return rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def facts_from_form(form: dict, stored: dict) -> dict:
    """The form's answers as a fact mapping (blank inputs leave a fact out); claims and breakdowns kept."""
    facts = {key: stored[key] for key in ("claims", "breakdowns") if key in stored}
    nested: dict = {}
    for name, raw in form.items():
        if not name.startswith("f.") or not isinstance(raw, str):
            continue
        text = raw.strip()
        if not text:
            continue
        path = name[2:].split(".")
        key = path[0]
        if len(path) == 1:
            facts[key] = _read_single(key, text)
        elif len(path) == 2:
            nested.setdefault(key, {})[path[1]] = text
        elif len(path) == 3:
            nested.setdefault(key, {}).setdefault(path[1], {})[path[2]] = text
    facts.update(nested)
    return facts


def _read_single(key: str, text: str):
    fld = schema.field_index(schema.SCHOOL_FIELDS).get(key)
    if fld is None:
        return text
    if fld.type == "count_list":
        pieces = [p for p in text.replace("，", ",").replace("、", ",").replace(" ", ",").split(",") if p]
        return pieces
    if fld.type == "text_map":
        mapping = {}
        for line in text.splitlines():
            head, sep, tail = line.replace("：", ":", 1).partition(":")
            if sep and head.strip():
                mapping[head.strip()] = tail.strip()
            elif line.strip():
                mapping[line.strip()] = ""
        return mapping
    if fld.type == "bool":
        return {"true": True, "false": False}.get(text, text)
    return text


def checked_view(campaign, name: str, stage: str | None, body: dict, lang: str = "zh", data_dir=None) -> dict:
    """What the form shows as the clerk types: field errors, and the school's own verdicts when it can be
    evaluated. `body`: {"form": {input name: text}} from the page, or a fact mapping."""
    mapping = facts_from_form(body["form"], {}) if isinstance(body.get("form"), dict) else body
    checked = check_school(mapping, name, stage, lang)
    view = {"errors": [{"field": e["field"], "message": e["message"], "incomplete": e["incomplete"]}
                       for e in checked.errors], "verdicts": [], "missing": []}
    if checked.subject is not None and not checked.unusable:
        view.update(school_verdicts(campaign, checked.subject, lang, data_dir))
    return view


def school_verdicts(campaign, subject, lang: str = "zh", data_dir=None) -> dict:
    """The school's verdict rows as `junheng check` prints them, and the facts still missing (尚缺)."""
    from generator.collect.county import options
    from generator.service.evaluate import evaluate_subject
    from generator.web.views import verdict_rows

    result = evaluate_subject(subject, options(campaign, data_dir)).result
    missing = sorted({key for verdict in result.verdicts if verdict.status == "missing"
                      for key in (verdict.missing or ())})
    return {"verdicts": verdict_rows(result.verdicts, lang),
            "missing": [schema.label_of(key) for key in missing],
            "overall": message("result_pass" if result.passed else "result_missing" if result.status == "missing"
                               else "result_fail", lang), "status": result.status}
