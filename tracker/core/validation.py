"""Helpers for services that gather every problem with an input before refusing it."""

from enum import Enum
from typing import Any, TypeVar

from flask_babel import lazy_gettext as _l

from tracker.core.errors import ValidationFailed

E = TypeVar("E", bound=Enum)

REQUIRED = _l("Trường này là bắt buộc.")


class Problems:
    """Collects messages per field; `raise_if_any` raises them all at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[Any]] = {}

    def add(self, field: str, message: Any) -> None:
        self.errors.setdefault(field, []).append(message)

    def require(self, field: str, value: Any) -> None:
        if value in (None, "", [], ()):
            self.add(field, REQUIRED)

    def enum(self, enum_class: type[E], value: Any, field: str, message: Any) -> E | None:
        if value is None or isinstance(value, enum_class):
            return value
        try:
            return enum_class(value)
        except ValueError:
            self.add(field, message)
            return None

    def raise_if_any(self, message: Any = None) -> None:
        if self.errors:
            raise ValidationFailed(message or _l("Thông tin chưa hợp lệ."), errors=self.errors)
