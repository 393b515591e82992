"""GET /api/v1/openapi.json: the OpenAPI 3 document, built from the routes themselves
(each view's `Endpoint`) and the marshmallow schemas they load and dump, so it cannot
drift from what the API does."""

import re
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields
from marshmallow.validate import Length, OneOf, Range
from werkzeug.routing import Rule

from tracker.api.core import CSRF_HEADER, PREFIX, Endpoint, endpoint
from tracker.api.schemas import ErrorOut

_ERRORS = {
    "400": _l("JSON hỏng hoặc thiếu mã CSRF"),
    "401": _l("Chưa đăng nhập hoặc khóa API không hợp lệ"),
    "403": _l("Không có quyền"),
    "404": _l("Không tìm thấy (hoặc thuộc đơn vị khác)"),
    "409": _l("Nhiệm vụ đã được người khác cập nhật; current là giá trị hiện tại"),
    "422": _l("Thông tin chưa hợp lệ; errors theo từng trường"),
}
_PLAIN_TYPES: list[tuple[type, dict[str, Any]]] = [
    (fields.Integer, {"type": "integer"}),
    (fields.Number, {"type": "number"}),
    (fields.Boolean, {"type": "boolean"}),
    (fields.DateTime, {"type": "string", "format": "date-time"}),
    (fields.Date, {"type": "string", "format": "date"}),
    (fields.String, {"type": "string"}),
    (fields.Dict, {"type": "object"}),
    (fields.Function, {"type": "string"}),
]


@endpoint("/openapi.json", "GET", Endpoint(_l("Tài liệu OpenAPI này"), public=True))
def openapi():
    return build_document()


def build_document() -> dict[str, Any]:
    components: dict[str, Any] = {"ErrorOut": _object(ErrorOut(), {})}
    paths: dict[str, Any] = {}
    for rule in current_app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        doc: Endpoint = current_app.view_functions[rule.endpoint].api_doc
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            paths.setdefault(_path(rule), {})[method.lower()] = _operation(rule, doc, components)
    return {
        "openapi": "3.0.3",
        "info": {"title": "CCHC Tracker API", "version": "1"},
        "servers": [{"url": PREFIX}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(components.items())),
            "securitySchemes": {
                "token": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "session",
                            "description": str(_l("Phiên đăng nhập của trình duyệt; thao tác "
                                                  "ghi cần header %(header)s.",
                                                  header=CSRF_HEADER))},
            },
        },
        "security": [{"token": []}, {"session": []}],
    }


def _path(rule: Rule) -> str:
    """ "/api/v1/tasks/<int(max=…):task_id>" → "/tasks/{task_id}"."""
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule.removeprefix(PREFIX))


def _operation(rule: Rule, doc: Endpoint, components: dict[str, Any]) -> dict[str, Any]:
    parameters = [{"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}
                  for name in sorted(rule.arguments)]
    if doc.query is not None:
        for name, field in doc.query().load_fields.items():
            parameters.append({"name": field.data_key or name, "in": "query",
                               "required": field.required, "schema": _field(field, components)})
    operation: dict[str, Any] = {"summary": str(doc.summary), "operationId": rule.endpoint[4:],
                                 "parameters": parameters}
    if doc.body is not None:
        operation["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": _ref(doc.body_schema(), components, loading=True)}}}
    success = {"description": "OK"}
    if doc.response is not None:
        success["content"] = {"application/json": {"schema": _ref(doc.response(), components)}}
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
    operation["responses"] = {str(doc.status): success} | {
        code: {"description": str(_ERRORS[code]), **error} for code in _error_codes(rule, doc)}
    if doc.public:
        operation["security"] = []
    return operation


def _error_codes(rule: Rule, doc: Endpoint) -> list[str]:
    """The failures an operation can answer with."""
    codes = set() if doc.public else {"401"}
    if rule.arguments:
        codes.add("404")
    if doc.query is not None:
        codes.add("422")
    if doc.body is not None:
        codes |= {"400", "403", "422"}
        if "version" in doc.body().fields:
            codes.add("409")
    return sorted(codes)


def _ref(schema: Schema, components: dict[str, Any], *, loading: bool = False) -> dict[str, str]:
    name = type(schema).__name__ + ("Changes" if schema.partial else "")
    if name not in components:
        components[name] = {}  # a placeholder first: schemas may refer to themselves
        components[name] = _object(schema, components, loading=loading)
    return {"$ref": f"#/components/schemas/{name}"}


def _object(schema: Schema, components: dict[str, Any], *, loading: bool = False
            ) -> dict[str, Any]:
    chosen = schema.load_fields if loading else schema.dump_fields
    properties = {field.data_key or name: _field(field, components)
                  for name, field in chosen.items()}
    optional = set(chosen) if schema.partial is True else set(schema.partial or ())
    required = sorted(field.data_key or name for name, field in chosen.items()
                      if field.required and name not in optional)
    return {"type": "object", "properties": properties,
            **({"required": required} if required else {}),
            **({"additionalProperties": False} if loading else {})}


def _field(field: fields.Field, components: dict[str, Any]) -> dict[str, Any]:
    if isinstance(field, fields.Nested):
        nested = field.schema
        described = _ref(nested, components)
    elif isinstance(field, fields.List):
        described = {"type": "array", "items": _field(field.inner, components)}
    elif isinstance(field, fields.Enum):
        described = {"type": "string", "enum": [member.value for member in field.enum]}
    else:
        described = next(dict(kind) for cls, kind in _PLAIN_TYPES if isinstance(field, cls))
    described |= {key: value for key, value in field.metadata.items()
                  if key in ("description", "enum")}
    described |= _limits(field)
    if field.allow_none:
        described = {"allOf": [described], "nullable": True} if "$ref" in described \
            else described | {"nullable": True}
    return described


def _limits(field: fields.Field) -> dict[str, Any]:
    limits: dict[str, Any] = {}
    for validator in field.validators:
        if isinstance(validator, Length) and validator.max is not None:
            limits["maxLength"] = validator.max
        elif isinstance(validator, Range):
            limits |= {k: v for k, v in (("minimum", validator.min),
                                         ("maximum", validator.max)) if v is not None}
        elif isinstance(validator, OneOf):
            limits["enum"] = list(validator.choices)
    return limits
