"""The JSON API under /api/v1: the same services and permission checks as the pages,
for scripts and other tools (a personal token) or the browser (its session)."""

from flask import Flask

from tracker.api import (  # noqa: F401  (routes)
    assign_down,
    departments,
    documents,
    handover,
    officials,
    openapi,
    tasks,
    units,
)
from tracker.api.core import bp


def register_api(app: Flask) -> None:
    app.register_blueprint(bp)
