"""The interface language: Vietnamese unless the person chose English with the footer's
links. The choice is a cookie, so it holds on the sign-in page too. The browser's
Accept-Language is not consulted: officials' machines are often set to English."""

from datetime import timedelta

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    has_request_context,
    redirect,
    request,
    url_for,
)
from werkzeug.wrappers import Response

from tracker.web.auth import safe_next

SUPPORTED_LOCALES = ("vi", "en")
LANGUAGE_COOKIE = "lang"
_KEPT_FOR = timedelta(days=365)

bp = Blueprint("language", __name__)


@bp.get("/language/<code>")
def choose(code: str) -> Response:
    """A plain link (no form, so it works on every page): remember `code`, then go back."""
    if code not in SUPPORTED_LOCALES:
        abort(404)
    response = redirect(safe_next(request.args.get("next")))
    response.set_cookie(
        LANGUAGE_COOKIE, code, max_age=_KEPT_FOR, httponly=True, samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response


def select_locale() -> str:
    chosen = request.cookies.get(LANGUAGE_COOKIE) if has_request_context() else None
    return chosen if chosen in SUPPORTED_LOCALES else current_app.config["DEFAULT_LOCALE"]


def language_url(code: str) -> str:
    """The switch's link, back to this page; a form's POST cannot be replayed by a GET."""
    here = request.full_path.rstrip("?") if request.method == "GET" else None
    return url_for("language.choose", code=code, next=here)


def register_language(app: Flask) -> None:
    app.register_blueprint(bp)
    app.add_template_global(language_url)
