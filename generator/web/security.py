"""The headers every page of `junheng serve` sends: a Content-Security-Policy with no inline script or
style (scripts and styles from our own origin only; charts are inline SVG, images data: URIs), no
framing, no MIME sniffing, no referrer to other sites, and no cache for what shows someone's data."""
from __future__ import annotations

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def secure_headers(response, data_page: bool = True):
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if data_page:
        response.headers["Cache-Control"] = "no-store"
    return response
