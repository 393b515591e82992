"""An official whose password the admin reset (or chose) changes it before anything else:
every page leads to the profile's password form until they do."""

from flask import Flask, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

# What such an official may still reach: the form itself, signing out, the language,
# the assets and the health check. The API answers for itself (403, in tracker.api.core).
_ALLOWED_ENDPOINTS = frozenset({
    "profile.index", "profile.change_password", "auth.sign_out", "auth.sign_out_everywhere",
    "auth.sign_in", "language.choose", "static",
})
_ALLOWED_BLUEPRINTS = frozenset({"api", "health", "bootstrap"})


def must_change_password_first() -> Response | None:
    if request.blueprint in _ALLOWED_BLUEPRINTS or request.endpoint in _ALLOWED_ENDPOINTS:
        return None
    if current_user.is_authenticated and current_user.must_change_password:
        return redirect(url_for("profile.index", _anchor="password"))
    return None


def register_password_guard(app: Flask) -> None:
    app.before_request(must_change_password_first)
