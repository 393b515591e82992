"""One page per kind of failure: the person sees what went wrong, in their language,
and nothing half-written stays in the database."""

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

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

    @app.errorhandler(InternalServerError)
    def internal_error(_error: InternalServerError):
        db.session.rollback()
        return render_error(500, HTTP_MESSAGES[500])
