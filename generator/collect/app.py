"""`junheng serve --data DIR`: the stateless pages of generator.web, plus the collect API and pages over one
store. generator.web knows nothing of this package; this package adds itself to the application."""
from __future__ import annotations

from dataclasses import dataclass

from flask import request
from werkzeug.exceptions import MethodNotAllowed, NotFound

from generator.collect.county import Evaluations
from generator.collect.db import Store
from generator.collect.guard import secure_headers
from generator.collect import api, pages, pages_school


@dataclass
class CollectState:
    store: Store
    evaluations: Evaluations
    lang: str = "zh"


def create_collect_app(data, db_url: str | None = None, lang: str = "zh", **web_options):
    from generator.web.app import create_app

    app = create_app(lang=lang, **web_options)
    store = Store(data, db_url)
    app.config["COLLECT"] = CollectState(store, Evaluations(store), lang)
    app.config["LOGIN_URL"] = "/login"          # the stateless pages link to it (generator.web.app)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(pages.blueprint)
    _own_paths(app)
    return app


OWN_PREFIXES = ("/api/", "/collect", "/login", "/logout")


def _own_paths(app) -> None:
    """A path under this package's prefixes that no route matches (404, 405) answers as this package does —
    JSON under /api/, a collect page elsewhere — with the collect pages' headers; other paths keep the
    stateless pages' own handlers."""

    def own() -> bool:
        return request.path.startswith(OWN_PREFIXES)

    for code, exception in ((404, NotFound), (405, MethodNotAllowed)):
        previous = app.error_handler_spec.get(None, {}).get(code, {}).get(exception)

        def handler(error, previous=previous):
            if request.path.startswith("/api/"):
                return api.http_error(error)
            if own():
                return pages.http_error(error)
            if previous is not None:
                return previous(error)
            return error

        app.register_error_handler(exception, handler)

    @app.after_request
    def headers(response):
        return secure_headers(response) if own() else response
