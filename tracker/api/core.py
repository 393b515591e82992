"""The API's blueprint and what every endpoint shares: who is calling (a personal token
or the browser's session), the CSRF rule for the session, reading input, and the
description of each endpoint that the OpenAPI document is built from."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, current_app, g, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import validate_csrf
from marshmallow import Schema
from wtforms import ValidationError as CSRFInvalid

from tracker.api.errors import json_error, register_errors
from tracker.extensions import csrf, db
from tracker.org.models import Official
from tracker.org.tokens import authenticate_token

PREFIX = "/api/v1"
CSRF_HEADER = "X-CSRFToken"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

bp = Blueprint("api", __name__, url_prefix=PREFIX)
# A token is no ambient credential, so token requests need no CSRF token; session
# requests are checked in `_authenticate` against a header instead of a form field.
csrf.exempt(bp)
register_errors(bp, PREFIX + "/")


@dataclass(frozen=True)
class Endpoint:
    """What the OpenAPI document says of one route."""

    summary: str
    query: type[Schema] | None = None
    body: type[Schema] | None = None
    response: type[Schema] | None = None
    status: int = 200
    public: bool = False
    # For a change (PATCH): True, or the body's fields that may be left out.
    partial: bool | tuple[str, ...] = False

    def body_schema(self) -> Schema:
        assert self.body is not None
        return self.body(partial=self.partial)


def endpoint(rule: str, method: str, doc: Endpoint) -> Callable:
    """`bp.route` for one method, keeping `doc` on the view for the OpenAPI document."""
    def register(view: Callable) -> Callable:
        view.api_doc = doc  # type: ignore[attr-defined]
        return bp.route(rule, methods=[method])(view)
    return register


def official() -> Official:
    """The official this request acts for (set by `_authenticate`)."""
    return g.api_official


def load_body() -> dict[str, Any]:
    """The JSON object sent, loaded by the body schema the endpoint documents.

    :raise MalformedBody: answered as 400.
    :raise marshmallow.ValidationError: answered as 422 with the fields' messages.
    """
    try:
        data = request.get_json(silent=True)
    except RecursionError:  # nested deeper than the JSON decoder follows: not our shape either
        raise MalformedBody() from None
    if not isinstance(data, dict):
        raise MalformedBody()
    return _doc().body_schema().load(data)


def load_query() -> dict[str, Any]:
    """The query string, loaded by the query schema the endpoint documents."""
    schema = _doc().query
    assert schema is not None
    return schema().load(request.args.to_dict())


def _doc() -> Endpoint:
    return current_app.view_functions[request.endpoint].api_doc


class MalformedBody(Exception):
    """The body is not a JSON object (or not sent as application/json)."""


@bp.errorhandler(MalformedBody)
def _malformed(_error: MalformedBody):
    return json_error(400, _l("Nội dung gửi lên phải là một đối tượng JSON "
                              "(Content-Type: application/json)."))


@bp.before_request
def _authenticate():
    """A Bearer token, else the signed-in session; a session's change needs its CSRF token."""
    if _doc().public:
        return None
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme:
        if scheme.lower() != "bearer":
            return json_error(401, _l("Chỉ nhận khóa API dạng Authorization: Bearer <khóa>."))
        g.api_official = authenticate_token(db.session, secret.strip())
        return _password_changed_first()
    if not current_user.is_authenticated:
        return json_error(401, _l("Vui lòng đăng nhập hoặc gửi khóa API."))
    if request.method not in _SAFE_METHODS and not _csrf_ok():
        return json_error(400, _l("Thiếu hoặc sai mã CSRF: gửi header X-CSRFToken."))
    g.api_official = current_user._get_current_object()
    return _password_changed_first()


def _password_changed_first():
    """A password the admin reset is changed in the browser before the account does anything."""
    if g.api_official.must_change_password:
        return json_error(403, _l("Tài khoản cần đổi mật khẩu do quản trị đặt: đăng nhập trên "
                                  "trình duyệt và đổi mật khẩu trước khi dùng API."))
    return None


def _csrf_ok() -> bool:
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return True
    try:
        validate_csrf(request.headers.get(CSRF_HEADER))
    except CSRFInvalid:
        return False
    return True
