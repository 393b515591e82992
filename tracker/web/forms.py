"""What the page forms share: WTForms' own messages in our language, and a service's
ValidationFailed shown beside the fields it names."""

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from tracker.core.errors import ValidationFailed

# WTForms ships no Vietnamese catalogue; these are the built-in messages our fields can raise.
_WTFORMS_MESSAGES = {
    "Not a valid integer value.": _l("Nhập một số nguyên."),
    "Not a valid date value.": _l("Ngày không hợp lệ."),
    "Not a valid choice.": _l("Lựa chọn không hợp lệ."),
    "Invalid Choice: could not coerce.": _l("Lựa chọn không hợp lệ."),
    "This field is required.": _l("Trường này là bắt buộc."),
}


class _Messages:
    def gettext(self, string: str) -> str:
        return str(_WTFORMS_MESSAGES.get(string, string))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form: Any) -> _Messages:
            return _Messages()


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
