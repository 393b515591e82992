"""One page per kind of failure: the person sees what went wrong, in their language,
and nothing half-written stays in the database."""

from flask import Flask, current_app, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from tracker.core.db import RETRY_AFTER_SECONDS, is_database_unavailable
from tracker.core.errors import DomainError
from tracker.core.http_messages import HTTP_MESSAGES
from tracker.extensions import db


def render_error(status: int, message) -> tuple[str, int]:
    return render_template("errors/error.html", status=status, message=message), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        db.session.rollback()
        return render_error(error.status_code, error.message)

    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError):
        return render_error(
            400,
            _l("Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi thử lại."),
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        return render_error(status, HTTP_MESSAGES.get(status, error.description))

    @app.errorhandler(OperationalError)
    def database_unavailable(error: OperationalError):
        """Busy past the busy timeout or out of reach: 503, try again later. Any other
        OperationalError is a bug, and stays a 500."""
        if not is_database_unavailable(error):
            raise error
        db.session.rollback()
        current_app.logger.warning("Database unavailable: %s", error.orig)
        # Without the navigation and its context processors: they read the database.
        page = current_app.jinja_env.get_template("errors/unavailable.html")
        return page.render(message=HTTP_MESSAGES[503]), 503, {
            "Retry-After": str(RETRY_AFTER_SECONDS)}

    @app.errorhandler(InternalServerError)
    def internal_error(_error: InternalServerError):
        db.session.rollback()
        return render_error(500, HTTP_MESSAGES[500])
