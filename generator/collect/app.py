"""`junheng serve --data DIR`: the stateless pages of generator.web, plus the collect API and pages over one
store. generator.web knows nothing of this package; this package adds itself to the application."""
from __future__ import annotations

from dataclasses import dataclass

from generator.collect.county import Evaluations
from generator.collect.db import Store


@dataclass
class CollectState:
    store: Store
    evaluations: Evaluations
    lang: str = "zh"


def create_collect_app(data, db_url: str | None = None, lang: str = "zh", **web_options):
    from generator.collect import api, pages, pages_school  # noqa: F401 (pages_school adds its routes)
    from generator.web.app import create_app

    app = create_app(lang=lang, **web_options)
    store = Store(data, db_url)
    app.config["COLLECT"] = CollectState(store, Evaluations(store), lang)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(pages.blueprint)
    return app
