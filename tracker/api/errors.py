"""Every failure under /api/v1 is JSON: {"message", "errors": {field: [messages]}}, plus
"current" for a conflict; never a page, never a redirect to the sign-in page."""

from typing import Any

from flask import Blueprint, current_app, jsonify, request
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.wrappers import Response

from tracker.core.db import RETRY_AFTER_SECONDS, is_database_unavailable
from tracker.core.errors import Conflict, DomainError
from tracker.core.http_messages import HTTP_MESSAGES
from tracker.core.validation import REQUIRED
from tracker.extensions import db

# marshmallow ships no Vietnamese; these are the built-in messages our fields can raise.
_MARSHMALLOW_MESSAGES = {
    "Missing data for required field.": REQUIRED,
    "Field may not be null.": _l("Trường này không được để trống (null)."),
    "Not a valid string.": _l("Cần một chuỗi ký tự."),
    "Not a valid utf-8 string.": _l("Cần một chuỗi ký tự."),
    "Not a valid integer.": _l("Nhập một số nguyên."),
    "Number too large.": _l("Số quá lớn."),
    "Not a valid boolean.": _l("Cần true hoặc false."),
    "Not a valid date.": _l("Ngày không hợp lệ (YYYY-MM-DD)."),
    "Not a valid list.": _l("Cần một danh sách."),
    "Unknown field.": _l("Trường này không có trong API."),
    "Invalid input type.": _l("Dữ liệu gửi lên không hợp lệ."),
    "Invalid value.": _l("Giá trị không hợp lệ."),
}
INVALID_INPUT = _l("Thông tin chưa hợp lệ.")


def json_error(status: int, message: Any, errors: dict[str, list[Any]] | None = None,
               **extra: Any) -> tuple[Response, int]:
    body = {"message": str(message),
            "errors": {field: [str(m) for m in messages]
                       for field, messages in (errors or {}).items()},
            **extra}
    response = jsonify(body)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response, status


def field_messages(messages: Any) -> list[str]:
    """A marshmallow error tree (lists, per-index dicts) as one flat list, translated."""
    if isinstance(messages, dict):
        return [m for value in messages.values() for m in field_messages(value)]
    if isinstance(messages, list):
        return [m for value in messages for m in field_messages(value)]
    return [str(_MARSHMALLOW_MESSAGES.get(messages, messages))]


def register_errors(bp: Blueprint, prefix: str) -> None:
    @bp.errorhandler(DomainError)
    def domain_error(error: DomainError):
        db.session.rollback()
        extra = {"current": error.current} if isinstance(error, Conflict) else {}
        return json_error(error.status_code, error.message, error.errors, **extra)

    @bp.errorhandler(ValidationError)
    def invalid_input(error: ValidationError):
        db.session.rollback()
        messages = error.messages if isinstance(error.messages, dict) else {"_": error.messages}
        return json_error(422, INVALID_INPUT,
                          {field: field_messages(m) for field, m in messages.items()})

    @bp.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        db.session.rollback()
        status = error.code or 500
        response, status = json_error(status, HTTP_MESSAGES.get(status, error.description))
        if getattr(error, "valid_methods", None):  # 405: say which methods would do
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response, status

    @bp.errorhandler(OperationalError)
    def database_unavailable(error: OperationalError):
        """Busy past the busy timeout or out of reach: 503, try again later."""
        if not is_database_unavailable(error):
            raise error
        db.session.rollback()
        current_app.logger.warning("Database unavailable: %s", error.orig)
        response, status = json_error(503, HTTP_MESSAGES[503])
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response, status

    @bp.errorhandler(InternalServerError)
    def internal_error(_error: InternalServerError):
        db.session.rollback()
        return json_error(500, HTTP_MESSAGES[500])

    @bp.before_app_request
    def unmatched_api_url():
        """An unknown address or method under the prefix is answered in JSON too: routing
        fails before any blueprint is chosen, so the blueprint's handlers never see it."""
        failure = request.routing_exception
        if request.path.startswith(prefix) and isinstance(failure, HTTPException) \
                and (failure.code or 500) >= 400:
            return http_error(failure)
        return None
