"""What the page forms share: WTForms' own messages in our language, no control character
in any field and no number too large for the database, a service's ValidationFailed shown
beside the fields it names; and what a query string may carry."""

from collections.abc import Mapping
from typing import Any

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, IntegerField, ValidationError
from wtforms import Form as PlainForm
from wtforms.validators import Length, NumberRange, Optional

from tracker.core.errors import ValidationFailed
from tracker.core.text import has_control_characters
from tracker.core.validation import (
    CONTROL_CHARACTERS,
    MAX_PAGE,
    MAX_WHOLE_NUMBER,
    NUMBER_TOO_LARGE,
    REQUIRED,
)
from tracker.web.errors import render_error

# WTForms ships no Vietnamese catalogue; these are the built-in messages our fields can raise.
_WTFORMS_MESSAGES = {
    "Not a valid integer value.": _l("Nhập một số nguyên."),
    "Not a valid date value.": _l("Ngày không hợp lệ."),
    "Not a valid choice.": _l("Lựa chọn không hợp lệ."),
    "Invalid Choice: could not coerce.": _l("Lựa chọn không hợp lệ."),
    "This field is required.": REQUIRED,
}


class _Messages:
    def gettext(self, string: str) -> str:
        return str(_WTFORMS_MESSAGES.get(string, string))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


class _RefusesHostileInput:
    def process(self, *args: Any, **kwargs: Any) -> None:
        """A whole number too large for any column is refused as it is read: WTForms'
        NumberRange would compare it as a float, which it does not fit from 309 digits."""
        super().process(*args, **kwargs)
        for field in self._fields.values():
            if isinstance(field, IntegerField) and abs(field.data or 0) > MAX_WHOLE_NUMBER:
                field.data = None
                field.process_errors.append(NUMBER_TOO_LARGE)

    def validate(self, extra_validators: Mapping[str, Any] | None = None) -> bool:
        """Every field, whatever its type, also refuses control characters in what was sent."""
        extra = extra_validators or {}
        return super().validate(extra_validators={
            name: [*extra.get(name, ()), refuse_control_characters]
            for name in self._fields})


class Form(_RefusesHostileInput, FlaskForm):
    class Meta:
        def get_translations(self, form: Any) -> _Messages:
            return _Messages()


class VersionedForm(Form):
    """A form that changes a versioned object (core.versioning): it sends back the version
    the official saw, so a change someone made meanwhile is answered as a conflict."""

    version = HiddenField()

    @property
    def seen_version(self) -> int:
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return -1  # missing or tampered: matches no version, so a conflict


class RowForm(_RefusesHostileInput, PlainForm):
    """One row of a page's form (a FieldList of FormFields): the page's form carries the
    CSRF token, each row is validated like a form of its own."""

    Meta = Form.Meta


def at_most(characters: int) -> Length:
    """A length limit whose message is in the reader's language."""
    return Length(max=characters, message=_l("Tối đa %(max)d ký tự."))


def refuse_control_characters(_form: Any, field: Field) -> None:
    sent = getattr(field, "raw_data", None) or ()
    if any(isinstance(value, str) and has_control_characters(value) for value in sent):
        raise ValidationError(CONTROL_CHARACTERS)


def show_errors(form: Form, error: ValidationFailed, aliases: dict[str, str] | None = None) -> None:
    """Put the service's messages on the form's fields (`aliases`: service name → field);
    a message for no field of the form goes on top of the form."""
    for name, messages in error.errors.items():
        field = form._fields.get((aliases or {}).get(name, name))
        if field is None:
            form.form_errors.extend(messages)
        else:
            field.errors = [*field.errors, *messages]
    if not error.errors:
        form.form_errors.append(error.message)


def yes_no(value: Any) -> bool:
    """Coerce a "1"/"0" radio choice (or the bool it was filled from) to a bool."""
    if str(value) in ("1", "True"):
        return True
    if str(value) in ("0", "False"):
        return False
    raise ValueError(value)  # WTForms shows "Invalid Choice", translated above


def page_number(values: Mapping[str, Any]) -> int:
    """The page asked for in `values` (a query string or a form), 1 when there is none and
    bounded, so that no number reaches the query's OFFSET as an overflow."""
    try:
        page = int(values.get("page", 1))
    except (TypeError, ValueError):
        return 1
    return min(max(page, 1), MAX_PAGE)


def page_field() -> IntegerField:
    """A list's `?page=`: absent means 1; anything but a whole number from 1 to MAX_PAGE
    is refused with its reason (the list answers 422), never clamped in silence."""
    return IntegerField(validators=[
        Optional(), NumberRange(min=1, message=_l("Số trang phải từ 1 trở lên.")),
        NumberRange(max=MAX_PAGE, message=_l("Số trang tối đa là %(max)d."))],
        invalid_value_message=_l("Nhập một số nguyên."))


def register_query_guard(app: Flask) -> None:
    """Pages read their query string without a form too (search words, filters, `next`):
    a control character in any parameter is refused before a view sees it. The API
    answers in JSON and checks its own input."""
    @app.before_request
    def refuse_control_characters_in_query():
        if request.blueprint == "api":
            return None
        for name, value in request.args.items(multi=True):
            if has_control_characters(name) or has_control_characters(value):
                shown = name.encode("unicode_escape").decode("ascii")
                return render_error(400, _l("Tham số “%(name)s” của địa chỉ: %(problem)s",
                                            name=shown, problem=CONTROL_CHARACTERS))
        return None
