"""How dates and numbers are written on pages: the Vietnamese way (01/02/2023, 10.455)."""

from datetime import date, datetime
from typing import Any

from flask import Flask
from flask_babel import format_decimal, get_locale, to_user_timezone
from flask_babel import gettext as _


def vn_date(value: date | None) -> str:
    return "" if value is None else f"{value:%d/%m/%Y}"


def vn_datetime(value: datetime | None) -> str:
    return "" if value is None else f"{to_user_timezone(value):%d/%m/%Y %H:%M}"


def percent(value: float | None) -> str:
    """96,6% in Vietnamese, 96.6% in English; a dash when there is nothing to divide."""
    return "—" if value is None else f"{format_decimal(value, format='#,##0.0')}%"


def official_name(official: Any) -> str:
    """An official's name as lists and pickers show it: one who left is marked, since
    their tasks and history stay under their name."""
    if official is None:
        return ""
    if official.active:
        return official.full_name
    return _("%(name)s (đã nghỉ)", name=official.full_name)


def register_formatting(app: Flask) -> None:
    app.add_template_filter(official_name)
    app.add_template_filter(vn_date)
    app.add_template_filter(percent)
    app.add_template_filter(vn_datetime)
    app.add_template_global(get_locale)
