"""Links to the page being shown with some of its query parameters changed."""

from typing import Any

from flask import request, url_for


def this_page_with(**changes: Any) -> str:
    """This page's URL with its current parameters, some changed (None removes one)."""
    args: dict[str, Any] = {key: value for key, value in request.args.items() if value}
    args.update(changes)
    kept = {key: value for key, value in args.items() if value is not None}
    return url_for(request.endpoint or "", **(request.view_args or {}), **kept)
