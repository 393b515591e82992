"""What the commands look up by what the administrator types: a unit, an account."""

import click

from tracker.extensions import db
from tracker.org.models import Official, Unit
from tracker.org.services import find_by_login
from tracker.org.units import get_unit


def unit_or_only(unit_code: str | None) -> Unit:
    """The unit of that code, or the instance's only unit when none is given.

    :raise click.ClickException: no code given and the instance has several units.
    """
    if unit_code:
        return get_unit(db.session, unit_code)
    units = db.session.scalars(db.select(Unit).limit(2)).all()
    if len(units) != 1:
        raise click.ClickException("Hãy chọn đơn vị bằng --unit CODE.")
    return units[0]


def official_by_login(login: str) -> Official:
    """:raise click.ClickException: no account has that username or e-mail."""
    official = find_by_login(db.session, login)
    if official is None:
        raise click.ClickException(f"Không có tài khoản {login}.")
    return official
