"""The JSON API of the contract's third round (`/api/…`), a Flask blueprint. Every refusal is JSON with a
message in the server's language: 401 no or a bad token, 403 outside the account's rights, 404 unknown (or not
the account's to know), 409 a step that does not apply, 422 a value that cannot be used; never 500."""
from __future__ import annotations

import io
from http import HTTPStatus

from flask import Blueprint, Response, jsonify, request, send_file
from werkzeug.exceptions import HTTPException

import tempfile
from pathlib import Path

from generator.collect import campaigns, county
from generator.collect.campaigns import Refused
from generator.collect.guard import secure_headers, state, who
from generator.i18n import message
from generator.collect import centres

blueprint = Blueprint("collect_api", __name__, url_prefix="/api")


def _lang() -> str:
    return state().lang


def _body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Refused(422, "col_bad_json")
    return data


def _version():
    """The version the writer read (If-Match: "3", or ?version=3); None: no check."""
    raw = request.headers.get("If-Match", request.args.get("version", "")).strip().strip('"')
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise Refused(422, "col_unusable", errors=[{"field": "If-Match", "message": raw, "incomplete": False}]) \
            from None


@blueprint.errorhandler(Refused)
def refused(error: Refused):
    body = {"error": message(error.msg_id, _lang(), **error.params)}
    if error.errors:
        body["errors"] = [{"field": e["field"], "message": e["message"]} for e in error.errors]
    response = jsonify(body)
    response.status_code = error.status
    if error.status == HTTPStatus.UNAUTHORIZED:
        response.headers["WWW-Authenticate"] = 'Bearer realm="junheng"'
    return response


@blueprint.errorhandler(HTTPException)
def http_error(error: HTTPException):
    words = {404: "col_no_campaign", 405: "col_not_allowed", 413: "web_too_large"}
    msg = message(words[error.code], _lang(), limit=20) if error.code in words else error.name
    response = jsonify({"error": msg})
    response.status_code = error.code or 500
    return response


@blueprint.after_request
def headers(response):
    return secure_headers(response)


@blueprint.post("/campaigns")
def create_campaign():
    account = who(api=True)
    data = _body()
    number = campaigns.create(state().store, account, data.get("county"), data.get("year"), data.get("profile"))
    return jsonify({"id": number}), 201


@blueprint.get("/campaigns")
def list_campaigns():
    account = who(api=True)
    return jsonify({"campaigns": [{"id": c.id, "county": c.county, "year": c.year, "profile": c.profile}
                                  for c in campaigns.listing(state().store, account)]})


@blueprint.put("/campaigns/<campaign_id>/county")
def put_county(campaign_id):
    account = who(api=True)
    campaigns.put_county(state().store, account, campaign_id, _body(), _lang())
    return jsonify({"status": "ok"})


@blueprint.get("/campaigns/<campaign_id>/schools/<path:name>/facts")
def get_facts(campaign_id, name):
    account = who(api=True)
    found = campaigns.school(state().store, account, campaign_id, name, _lang())
    response = jsonify({"facts": found["facts"], "status": found["status"], "version": found["version"],
                        "comment": found["comment"],
                        "errors": [{"field": e["field"], "message": e["message"]} for e in found["errors"]]})
    response.headers["ETag"] = f'"{found["version"]}"'
    return response


@blueprint.put("/campaigns/<campaign_id>/schools/<path:name>/facts")
def put_facts(campaign_id, name):
    account = who(api=True)
    done = campaigns.put_school(state().store, account, campaign_id, name, _body(), _version(), _lang())
    response = jsonify({"status": done["status"], "version": done["version"],
                        "errors": [{"field": e["field"], "message": e["message"]} for e in done["errors"]]})
    response.headers["ETag"] = f'"{done["version"]}"'
    return response


@blueprint.post("/campaigns/<campaign_id>/schools/<path:name>/validate")
def validate(campaign_id, name):
    """The form's check as the clerk types: the errors and the school's own verdicts; nothing stored."""
    from generator.collect.school_view import checked_view
    account = who(api=True)
    campaigns.need_role(account, "school", "county")
    found = campaigns.school(state().store, account, campaign_id, name, _lang())
    campaign = campaigns.need_campaign(state().store, account, campaign_id)
    return jsonify(checked_view(campaign, name, found["stage"], _body(), _lang(), state().store.data))


@blueprint.post("/campaigns/<campaign_id>/schools/<path:name>/<any(submit, accept, return):what>")
def take_step(campaign_id, name, what):
    account = who(api=True)
    data = request.get_json(silent=True) or {}
    comment = data.get("comment") if isinstance(data, dict) else None
    done = campaigns.step(state().store, account, campaign_id, name, what, comment, _version(), _lang())
    return jsonify(done)


@blueprint.get("/campaigns/<campaign_id>/status")
def status(campaign_id):
    account = who(api=True)
    return jsonify({"schools": campaigns.statuses(state().store, account, campaign_id)})


@blueprint.get("/campaigns/<campaign_id>/schools/<path:name>/history")
def history(campaign_id, name):
    account = who(api=True)
    return jsonify(campaigns.history(state().store, account, campaign_id, name))


def _readable(campaign_id):
    account = who(api=True)
    campaign = campaigns.need_campaign(state().store, account, campaign_id)
    campaigns.need_role(account, "county", "inspector")
    return campaign


@blueprint.get("/campaigns/<campaign_id>/check")
def check(campaign_id):
    made = state().evaluations.get(_readable(campaign_id))
    return Response(made.json_text() + "\n", mimetype="application/json")


@blueprint.get("/campaigns/<campaign_id>/documents/<kind>")
def document(campaign_id, kind):
    campaign = _readable(campaign_id)
    if kind not in county.DOCUMENTS:
        raise Refused(404, "col_no_document", kind=kind)
    data = county.document(state().evaluations.get(campaign), kind)
    name = f"{campaign.county}{campaign.year}年{county.DOCUMENT_NAMES[kind]}"
    return send_file(io.BytesIO(data), mimetype=county.DOCUMENTS[kind], as_attachment=True, download_name=name)


@blueprint.get("/campaigns/<campaign_id>/export")
def export(campaign_id):
    campaign = _readable(campaign_id)
    rows = campaigns.stored_schools(state().store, campaign)
    extra = centres.export_files(campaign, centres.listing(state().store, campaign))
    data = county.export_zip(campaign, rows, state().store.data, extra)
    return send_file(io.BytesIO(data), mimetype="application/zip",
                     as_attachment=True, download_name=f"{campaign.county}{campaign.year}.zip")


# ---------------------------------------------------------------- centre schools and their publicity
@blueprint.get("/campaigns/<campaign_id>/centres")
def list_centres(campaign_id):
    campaign = _readable(campaign_id)
    return jsonify({"centres": [{"name": row.name, "updated_at": row.updated_at, "updated_by": row.updated_by}
                                for row in centres.listing(state().store, campaign)]})


@blueprint.put("/campaigns/<campaign_id>/centres")
def put_centre(campaign_id):
    """A centre school's fact file as JSON (kind: centre, its schools and banner sites); replaces one of the
    same name."""

    account = who(api=True)
    campaigns.need_campaign(state().store, account, campaign_id)
    campaigns.need_role(account, "county")
    with tempfile.TemporaryDirectory(prefix="junheng-centre-") as folder:
        centre = centres.read_mapping(_body(), Path(folder), _lang())
    return jsonify({"name": centres.put(state().store, account, campaign_id, centre, _lang())})


@blueprint.get("/campaigns/<campaign_id>/centres/<path:name>/documents/<kind>")
def centre_document(campaign_id, name, kind):
    campaign, row = centres.need_centre(state().store, who(api=True), campaign_id, name)
    file_name, mimetype, data = centres.document(campaign, row, kind, state().store.data)
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=file_name)
