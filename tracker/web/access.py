"""Keeping a whole blueprint's pages to the officials who may use them."""

from collections.abc import Callable

from flask import Blueprint, abort
from flask_login import current_user, login_required

from tracker.org.models import Official, Unit


def restrict_pages(bp: Blueprint, allowed: Callable[[Official, Unit], bool]) -> None:
    """Every page of `bp` needs a signed-in official for whom `allowed(official, their
    unit)` holds, else 403. The services check again on every write: this keeps the
    pages themselves (forms, lists) private."""

    @bp.before_request
    @login_required
    def _allowed_only() -> None:
        if not allowed(current_user, current_user.unit):
            abort(403)
