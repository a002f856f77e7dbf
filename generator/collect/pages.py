"""The collect pages (server-rendered, Chinese): login, campaigns, the county's board, a school's form, the
county verdicts. Forms post with the session's CSRF token; every answer carries guard.secure_headers."""
from __future__ import annotations

import secrets
from http import HTTPStatus
import tempfile
from pathlib import Path

from flask import Blueprint, make_response, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from flask import g
from urllib.parse import quote

from generator.collect import accounts, campaigns
from generator.collect.campaigns import Refused
from generator.collect.guard import COOKIE, secure_headers, state, who
from generator.i18n import message
from generator.model import schema
from generator.collect import centres, county, standards
from generator.i18n import status_word as verdict_word, yes_no

blueprint = Blueprint("collect_pages", __name__, template_folder="templates", static_folder="static",
                      static_url_path="/collect-static")
LOGIN_COOKIE = "junheng_login"
STATUS_ORDER = ("missing", "draft", "returned", "submitted", "accepted")


def status_word(status: str) -> str:
    return message(f"col_status_{status}", state().lang)


def profile_names() -> list[tuple[str, str]]:
    """Every shipped standard as (id, its Chinese name)."""
    from generator.criteria.profile_names import profile_choices
    return profile_choices()


@blueprint.app_context_processor
def words():
    return {"status_word": status_word, "yes": yes_no(True), "no": yes_no(False), "stage_words": schema.STAGE_LABELS,
            "standard_title": standard_title}


def standard_title(profile: str) -> str:
    """A campaign's standard by its Chinese name (the county's own file by the name it gives itself)."""
    from generator.criteria.profile_names import profile_title
    return profile_title(standards.path_of(state().store.data, profile))


@blueprint.after_request
def headers(response):
    return secure_headers(response)


def page(template: str, status: int = 200, **context):
    context.setdefault("account", g.get("account"))
    context.setdefault("csrf", g.get("csrf"))
    return make_response(render_template(template, **context), status)


@blueprint.errorhandler(Refused)
def refused(error: Refused):
    if error.status == HTTPStatus.UNAUTHORIZED:
        return redirect(url_for("collect_pages.login", next=request.path))
    text = message(error.msg_id, state().lang, **error.params)
    return page("collect_error.html", error.status, message=text, errors=error.errors)


@blueprint.errorhandler(HTTPException)
def http_error(error: HTTPException):
    words = {404: "没有这个页面", 405: message("col_not_allowed", state().lang), 400: "请求无法处理"}
    return page("collect_error.html", error.code or 400, message=words.get(error.code, error.name), errors=[])


# ---------------------------------------------------------------- login
@blueprint.route("/login", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        sent, kept = request.form.get("login_token", ""), request.cookies.get(LOGIN_COOKIE, "")
        if not kept or not secrets.compare_digest(sent, kept):
            error = message("col_csrf", state().lang)
        else:
            try:
                account = accounts.login(state().store, request.form.get("name", ""),
                                         request.form.get("password", ""))
            except accounts.AccountError as refused_login:
                error = message(refused_login.msg_id, state().lang, **refused_login.params)
            else:
                session_id, _ = accounts.open_session(state().store, account)
                target = request.args.get("next", "")
                if not target.startswith("/") or target.startswith("//"):
                    target = url_for("collect_pages.home")
                response = redirect(target)
                response.set_cookie(COOKIE, session_id, httponly=True, samesite="Strict",
                                    secure=request.is_secure, max_age=accounts.SESSION_HOURS * 3600)
                response.delete_cookie(LOGIN_COOKIE)
                return response
    token = secrets.token_urlsafe(24)
    response = page("collect_login.html", 401 if error else 200, error=error, login_token=token, account=None)
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="Strict", secure=request.is_secure,
                        max_age=3600)
    return response


@blueprint.post("/logout")
def logout():
    who(api=False)
    accounts.close_session(state().store, request.cookies.get(COOKIE, ""))
    response = redirect(url_for("collect_pages.login"))
    response.delete_cookie(COOKIE)
    return response


# ---------------------------------------------------------------- campaigns
@blueprint.get("/collect")
def home():
    account = who(api=False)
    return page("collect_home.html", campaigns=campaigns.listing(state().store, account),
                profiles=profile_names())


@blueprint.post("/collect/campaigns")
def create():
    """A campaign of the county's own county: a shipped standard, or the county's own profile file."""
    account = who(api=False)
    campaigns.need_role(account, "county")
    profile = request.form.get("profile")
    upload = request.files.get("profile_file")
    if upload is not None and upload.filename:
        profile = standards.save(state().store.data, upload.read(standards.MAX_PROFILE_BYTES + 1), state().lang)
    number = campaigns.create(state().store, account, account.county, request.form.get("year"), profile)
    return redirect(url_for("collect_pages.board", campaign_id=number))


def _board_rows(campaign, account):
    rows = campaigns.statuses(state().store, account, campaign.id)
    verdicts = {}
    try:
        made = state().evaluations.get(campaign)
    except Refused:
        made = None
    if made is not None:
        for entry in made.result.included_schools:
            name = entry.school.name
            for suffix in schema.PART_SUFFIX.values():       # a spanning school's 学段 parts
                name = name.removesuffix(suffix)
            verdicts.setdefault(name, []).append(entry.status)
    for row in rows:
        states = verdicts.get(row["name"], [])
        row["verdict"] = ("fail" if "fail" in states else "missing" if "missing" in states else
                          "pass" if states else "")
    return rows, made


@blueprint.get("/collect/<int:campaign_id>")
def board(campaign_id):
    account = who(api=False)
    campaign = campaigns.need_campaign(state().store, account, campaign_id)
    if account.role == "school":
        return redirect(url_for("collect_pages.school", campaign_id=campaign.id, name=account.school))
    rows, made = _board_rows(campaign, account)
    counts = {status: sum(1 for r in rows if r["status"] == status) for status in STATUS_ORDER}
    only = request.args.get("only", "")
    if only in STATUS_ORDER:
        rows = [r for r in rows if r["status"] == only]
    elif only in ("fail", "missing"):
        rows = [r for r in rows if r["verdict"] == only or (only == "missing" and r["status"] != "accepted")]
    # each row's words and link made here, once per status, not by the template per row (300 rows)
    base = url_for("collect_pages.school", campaign_id=campaign.id, name="NAME").rsplit("NAME", 1)[0]
    words = {status: status_word(status) for status in STATUS_ORDER}
    verdicts_said = {status: verdict_word(status) for status in ("pass", "fail", "missing", "n/a")}
    for row in rows:
        row["href"] = base + quote(row["name"], safe="")
        row["status_text"] = words.get(row["status"], row["status"])
        row["verdict_text"] = verdicts_said.get(row["verdict"], "")
        row["stage_text"] = schema.STAGE_LABELS.get(row["stage"], row["stage"] or "")
        row["updated_text"] = f"{row['updated_at'].replace('T', ' ').replace('Z', '')} {row['updated_by']}"
    return page("collect_board.html", campaign=campaign, rows=rows, counts=counts, only=only,
                order=STATUS_ORDER, evaluated=made is not None, verdict_word=verdict_word,
                last=campaigns.previous(state().store, campaign), centres=_centres(campaign))


def _centres(campaign) -> list[dict]:
    """The campaign's centre schools with their download links (the API's, which the session opens)."""

    return [{"name": row.name, "updated": f"{row.updated_at.replace('T', ' ').replace('Z', '')} {row.updated_by}",
             "href": f"/api/campaigns/{campaign.id}/centres/{quote(row.name, safe='')}/documents/"}
            for row in centres.listing(state().store, campaign)]


@blueprint.post("/collect/<int:campaign_id>/centres")
def upload_centre(campaign_id):
    """A centre school's fact file (its schools and banner sites) for the campaign's publicity."""
    account = who(api=False)
    campaign = campaigns.need_campaign(state().store, account, campaign_id)
    campaigns.need_role(account, "county")
    with tempfile.TemporaryDirectory(prefix="junheng-centre-") as folder:
        centre = centres.read_upload(request.files.get("file"), Path(folder), state().lang)
    centres.put(state().store, account, campaign.id, centre, state().lang)
    return redirect(url_for("collect_pages.board", campaign_id=campaign.id) + "#centres")


@blueprint.post("/collect/<int:campaign_id>/import")
def import_schools(campaign_id):
    """The school list from a county workbook or YAML, or last year's campaign: with "names" only the names
    and stages (the schools fill in); otherwise every complete school arrives accepted."""
    from generator.collect.importing import from_campaign, from_file
    account = who(api=False)
    campaign = campaigns.need_campaign(state().store, account, campaign_id)
    campaigns.need_role(account, "county")
    names_only = request.form.get("mode", "names") == "names"
    if request.form.get("source") == "last":
        last = campaigns.previous(state().store, campaign)
        if last is None:
            raise Refused(404, "col_no_campaign")
        mapping = from_campaign(state().store, last, names_only)
    else:
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            raise Refused(422, "web_no_file")
        with tempfile.TemporaryDirectory(prefix="junheng-import-") as folder:
            mapping = from_file(upload, Path(folder), names_only, state().lang)
    campaigns.put_county(state().store, account, campaign.id, mapping, state().lang)
    return redirect(url_for("collect_pages.board", campaign_id=campaign.id))


@blueprint.post("/collect/<int:campaign_id>/accounts")
def school_accounts(campaign_id):
    """School accounts with first-time passwords, to print and hand out (shown once, never stored readable)."""
    account = who(api=False)
    campaign = campaigns.need_campaign(state().store, account, campaign_id)
    campaigns.need_role(account, "county")
    names = [row["name"] for row in campaigns.statuses(state().store, account, campaign.id)]
    issued = accounts.school_accounts_for(state().store, campaign.county, names, f"{campaign.county}-")
    return page("collect_accounts.html", campaign=campaign, issued=issued)


@blueprint.get("/collect/<int:campaign_id>/verdicts")
def verdicts(campaign_id):
    from generator.web.views import check_view
    account = who(api=False)
    campaign = campaigns.need_campaign(state().store, account, campaign_id)
    campaigns.need_role(account, "county", "inspector")
    made = state().evaluations.get(campaign)
    plan = _least_cost(made)
    return page("collect_verdicts.html", campaign=campaign,
                view=check_view(made.result, state().lang, made.subject, made.rules), plan=plan)


def _least_cost(made) -> dict | None:
    """The least-cost plan's rows as its document words them (names, not keys or rule ids)."""
    from generator.render.least_cost_output import context
    try:
        county.document(made, "least-cost.json")
        words = context(made.plan)
    except Exception:          # noqa: BLE001 — the plan is an extra on the page; the verdicts stand without it
        return None
    return {"rows": words["lc_rows"], "total": words["lc_total"], "left": words["lc_left"]}
