"""A school's page: the form for the school (save a draft, submit, upload the school's workbook), the review
for the county (its facts against last year, the history, accept / return with a comment, or its own entry),
read-only for an inspector; and the county's own facts (government items) for the county."""
from __future__ import annotations

import tempfile
from http import HTTPStatus
from pathlib import Path

from flask import redirect, request, url_for

from generator.collect import campaigns
from generator.collect.campaigns import Refused
from generator.collect.guard import state, who
from generator.collect.pages import blueprint, page
from generator.collect.school_view import ENUMS, checked_view, facts_from_form, form_fields
from generator.model import schema
from generator.collect.pages import status_word
from generator.i18n import message, yes_no


def _last_year(campaign, name: str) -> dict:
    last = campaigns.previous(state().store, campaign)
    if last is None:
        return {}
    for row in campaigns.stored_schools(state().store, last):
        if row.name == name:
            return row.facts or {}
    return {}


def _changes(facts: dict, before: dict) -> list[dict]:
    rows = []
    for fld in schema.SCHOOL_FIELDS:
        if fld.key in ("kind", "name", "claims", "breakdowns", "narrative", "responsibles"):
            continue
        now, then = facts.get(fld.key), before.get(fld.key)
        if now is None and then is None:
            continue
        rows.append({"label": fld.label, "unit": fld.unit, "now": _shown(now), "then": _shown(then),
                     "changed": bool(before) and now != then})
    return rows


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return "，".join(f"{schema.PART_LABELS.get(k, schema.LAB_LABELS.get(k, schema.SUBJECT_LABELS.get(k, k)))} "
                        f"{_shown(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "、".join(_shown(v) for v in value)
    if isinstance(value, bool):
        return yes_no(value)
    for words in ENUMS.values():
        if isinstance(value, str) and value in words:
            return words[value]
    return str(value)


def _history_rows(history: list[dict]) -> list[dict]:
    """The history as the page shows it: newest first, each field by its Chinese label, values in words."""
    rows = []
    for change in reversed(history):
        field = change["field"]
        label = ("填报状态" if field == "status" else "退回意见" if field == "comment" else schema.label_of(field))
        old, new = change["old"], change["new"]
        if field == "status":
            old, new = (status_word(v) if v else "" for v in (old, new))
        else:
            old, new = _shown(old), _shown(new)
        rows.append({"at": change["at"], "by": change["by"], "field": label, "old": old, "new": new})
    return rows


def _render(campaign, account, name, found, form_facts=None, errors=None, status=200, note=None):
    facts = form_facts if form_facts is not None else found["facts"]
    view = checked_view(campaign, name, found["stage"], facts, state().lang, state().store.data) if facts else \
        {"errors": [], "verdicts": [], "missing": []}
    if errors is not None:
        view["errors"] = errors
    for error in view["errors"]:       # the list above the form names each field as the form labels it
        error["label"] = schema.label_of(error["field"].split(".")[0]) if error["field"] else ""
    history = campaigns.history(state().store, account, campaign.id, name)
    last = _last_year(campaign, name)
    return page("collect_school.html", status, campaign=campaign, name=name, found=found, view=view,
                fields=form_fields(found["stage"], {"stage": found["stage"], **facts} if found["stage"] else facts),
                changes=_changes(found["facts"], last), has_last=bool(last),
                history=_history_rows(history)[:300], note=note,
                editable=(account.role == "school" and found["status"] in ("missing", "draft", "returned"))
                or account.role == "county",
                errors_by_field={e["field"].split(".")[0]: e["message"] for e in view["errors"]})


@blueprint.get("/collect/<int:campaign_id>/schools/<path:name>")
def school(campaign_id, name):
    account = who(api=False)
    campaign = campaigns.need_campaign(state().store, account, campaign_id)
    found = campaigns.school(state().store, account, campaign.id, name, state().lang)
    # last year's facts as the start, only when there are any: an empty start would blank the form
    form_facts = (_last_year(campaign, name) or None) if request.args.get("from") == "last" else None
    return _render(campaign, account, name, found, form_facts)


@blueprint.post("/collect/<int:campaign_id>/schools/<path:name>/save")
def save(campaign_id, name):
    account = who(api=False)
    campaign = campaigns.need_campaign(state().store, account, campaign_id)
    found = campaigns.school(state().store, account, campaign.id, name, state().lang)
    facts = facts_from_form(request.form, found["facts"])
    version = request.form.get("version") or None
    try:
        campaigns.put_school(state().store, account, campaign.id, name, facts, version, state().lang)
        if request.form.get("then") == "submit":
            campaigns.step(state().store, account, campaign.id, name, "submit", lang=state().lang)
    except Refused as refused:
        if refused.status not in (409, 422):
            raise
        # the page comes back with what the clerk typed: nothing typed is lost
        current = campaigns.school(state().store, account, campaign.id, name, state().lang)
        return _render(campaign, account, name, current, facts, refused.errors or None, refused.status,
                       note=message(refused.msg_id, state().lang, **refused.params))
    return redirect(url_for("collect_pages.school", campaign_id=campaign.id, name=name))


@blueprint.post("/collect/<int:campaign_id>/schools/<path:name>/<any(submit, accept, return):what>")
def school_step(campaign_id, name, what):
    account = who(api=False)
    campaign = campaigns.need_campaign(state().store, account, campaign_id)
    campaigns.step(state().store, account, campaign.id, name, what, request.form.get("comment"),
                   request.form.get("version") or None, state().lang)
    if account.role == "county":
        return redirect(url_for("collect_pages.board", campaign_id=campaign.id))
    return redirect(url_for("collect_pages.school", campaign_id=campaign.id, name=name))


@blueprint.post("/collect/<int:campaign_id>/schools/<path:name>/upload")
def upload(campaign_id, name):
    """The school's own workbook or YAML, read as `junheng check` reads it, saved as a draft (or the county's
    entry)."""
    from generator.collect.importing import school_from_file
    account = who(api=False)
    campaign = campaigns.need_campaign(state().store, account, campaign_id)
    found = campaigns.school(state().store, account, campaign.id, name, state().lang)
    campaigns.need_role(account, "school", "county")       # an inspector's file is not even read
    with tempfile.TemporaryDirectory(prefix="junheng-upload-") as folder:
        facts = school_from_file(request.files.get("file"), Path(folder), name, state().lang)
    try:
        campaigns.put_school(state().store, account, campaign.id, name, facts, None, state().lang)
    except Refused as refused:
        if refused.status != HTTPStatus.UNPROCESSABLE_ENTITY:
            raise
        return _render(campaign, account, name, found, facts, refused.errors, 422,
                       note=message(refused.msg_id, state().lang))
    return redirect(url_for("collect_pages.school", campaign_id=campaign.id, name=name))


# ---------------------------------------------------------------- the county's own facts
COUNTY_KEYS = ("province", "satisfaction_rate", "recognition_rate")


@blueprint.route("/collect/<int:campaign_id>/government", methods=["GET", "POST"])
def government(campaign_id):
    account = who(api=False)
    campaign = campaigns.need_campaign(state().store, account, campaign_id)
    campaigns.need_role(account, "county", "inspector")
    current = dict(campaign.county_facts or {})
    errors, status = [], 200
    if request.method == "POST":
        campaigns.need_role(account, "county")
        facts = {k: v for k, v in current.items() if k not in COUNTY_KEYS and k != "government"}
        for key in COUNTY_KEYS:
            text = request.form.get(f"c.{key}", "").strip()
            if text:
                facts[key] = text
        items = {}
        for fld in schema.GOVERNMENT_FIELDS:
            text = request.form.get(f"g.{fld.key}", "").strip()
            if text:
                items[fld.key] = {"true": True, "false": False}.get(text, text) if fld.type == "bool" else text
        facts["government"] = items
        try:
            campaigns.put_county(state().store, account, campaign.id, facts, state().lang)
            return redirect(url_for("collect_pages.board", campaign_id=campaign.id))
        except Refused as refused:
            if refused.status != HTTPStatus.UNPROCESSABLE_ENTITY:
                raise
            errors, status, current = refused.errors, 422, facts
    return page("collect_government.html", status, campaign=campaign, current=current,
                county_fields=[f for f in schema.COUNTY_FIELDS if f.key in COUNTY_KEYS],
                government_fields=schema.GOVERNMENT_FIELDS, errors=errors,
                editable=account.role == "county")
