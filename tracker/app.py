"""The application factory."""

from pathlib import Path
from typing import Any

from flask import Flask, has_request_context
from flask_login import current_user
from werkzeug.routing import IntegerConverter

from tracker import cli, models  # noqa: F401  (every table registered for migrations)
from tracker.api import register_api
from tracker.config import load_config
from tracker.core.validation import MAX_ID
from tracker.extensions import babel, bootstrap, csrf, db, limiter, login_manager, migrate
from tracker.web import register_web
from tracker.web.language import select_locale

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_relative_config=True,
    )
    load_config(app, overrides)
    # Before any route is added: every <int:…> in a path is an id no larger than the database's.
    app.url_map.converters["int"] = IdConverter
    _init_extensions(app)
    register_web(app)
    register_api(app)
    cli.register(app)
    return app


class IdConverter(IntegerConverter):
    """`<int:…>` bounded to the ids a table can hold: /tasks/2147483648 is no task (404),
    not an integer overflow in the query (500)."""

    def __init__(self, map: Any, *args: Any, max: int = MAX_ID, **kwargs: Any) -> None:
        super().__init__(map, *args, max=max, **kwargs)


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    bootstrap.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=_select_timezone)
    login_manager.init_app(app)
    limiter.init_app(app)


def _select_timezone() -> str | None:
    if has_request_context() and current_user.is_authenticated:
        return current_user.unit.timezone
    return None
