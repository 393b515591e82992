"""Helpers for services that gather every problem with an input before refusing it."""

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from flask_babel import lazy_gettext as _l

from tracker.core.errors import ValidationFailed

E = TypeVar("E", bound=Enum)
T = TypeVar("T")

REQUIRED = _l("Trường này là bắt buộc.")
CONTROL_CHARACTERS = _l("Có ký tự điều khiển không hợp lệ (như NUL); hãy xóa ký tự đó rồi "
                        "gửi lại.")
# No column holds a whole number beyond 64 bits; a larger one is refused where it is read.
MAX_WHOLE_NUMBER = 2**63 - 1
NUMBER_TOO_LARGE = _l("Số quá lớn.")
# Ids are 32-bit integers on PostgreSQL: a larger number must never reach a query.
MAX_ID = 2**31 - 1
# A document's year, as a filter may ask for it.
MIN_YEAR, MAX_YEAR = 1900, 9999
# No plan sets a deadline this far; beyond it the periods a date falls in run out of years.
LATEST_DUE_DATE = date(2099, 12, 31)
TOO_FAR = _l("Thời hạn quá xa: chọn một ngày đến hết năm 2099.")
# Far past any unit's list, and its offset still far inside a 64-bit integer.
MAX_PAGE = 100_000


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

    def gather(self, call: Callable[[], T], prefix: str = "") -> T | None:
        """Run a service call, keeping its field problems (named `prefix`+field) instead
        of letting them raise, so a form that feeds two services reports both at once."""
        try:
            return call()
        except ValidationFailed as error:
            for field, messages in error.errors.items():
                for message in messages:
                    self.add(prefix + field, message)
            if not error.errors:
                self.add(prefix.rstrip("_") or "form", error.message)
            return None

    def raise_if_any(self, message: Any = None) -> None:
        if self.errors:
            raise ValidationFailed(message or _l("Thông tin chưa hợp lệ."), errors=self.errors)
