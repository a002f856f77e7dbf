"""Who is asking, and the headers every collect page sends.

An API call names its account with `Authorization: Bearer TOKEN`; a page uses the login session (a random id in
an HttpOnly, SameSite=Strict cookie; the server keeps its hash, the account and the session's CSRF token). Every
form that changes something carries the CSRF token, and a script call made with the session cookie sends it as
X-CSRF-Token: a request that changes something with a session but without the matching token is refused (403).
"""
from __future__ import annotations

import hmac
import secrets

from flask import current_app, g, request

from generator.collect import accounts
from generator.collect.campaigns import Refused

COOKIE = "junheng_session"
CHANGING = ("POST", "PUT", "PATCH", "DELETE")


def state():
    return current_app.config["COLLECT"]


def who(api: bool):
    """The account of this request, or Refused(401). `api`: a Bearer token is accepted (the JSON API)."""
    if "account" in g:
        return g.account
    header = request.headers.get("Authorization", "")
    if api and header:
        scheme, _, token = header.partition(" ")
        account = accounts.by_token(state().store, token.strip()) if scheme.lower() == "bearer" else None
        if account is None:
            raise Refused(401, "col_unauthorized")
        g.account, g.csrf, g.by_token = account, None, True
        return account
    found = accounts.session(state().store, request.cookies.get(COOKIE, ""))
    if found is None:
        raise Refused(401, "col_unauthorized")
    g.account, g.csrf = found
    g.by_token = False
    if request.method in CHANGING:
        sent = request.headers.get("X-CSRF-Token") or request.form.get("csrf_token") or ""
        if not hmac.compare_digest(sent.encode(), g.csrf.encode()):
            raise Refused(403, "col_csrf")
    return g.account


def nonce() -> str:
    if "nonce" not in g:
        g.nonce = secrets.token_urlsafe(16)
    return g.nonce


def secure_headers(response, data_page: bool = True):
    """CSP without inline script (scripts from our own origin only), no framing, no sniffing, no referrer to
    other sites, and nothing of a data page kept in a cache."""
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if data_page:
        response.headers["Cache-Control"] = "no-store"
    return response
