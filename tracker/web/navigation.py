"""What the navigation bar needs on every page: the unread count and the admin's links."""

from typing import Any

from flask import Flask, has_request_context
from flask_login import current_user

from tracker.extensions import db
from tracker.notifications.services import unread_count
from tracker.org.below import has_units_below
from tracker.org.policy import can_create_units_under, can_manage_officials, can_manage_unit
from tracker.org.setup import needs_setup


def navigation_context() -> dict[str, Any]:
    # E-mails are rendered by the scheduler, outside any request: nobody is signed in there.
    if not (has_request_context() and current_user.is_authenticated):
        return {}
    unit = current_user.unit
    runs_unit = can_manage_unit(current_user, unit)
    return {
        "unread_notifications": unread_count(db.session, current_user),
        "can_manage_unit": can_manage_officials(current_user, unit),
        "can_create_units": can_create_units_under(current_user, unit),
        "oversees_units": has_units_below(db.session, unit),
        # The unit's own admin is led to the set-up until the unit has departments.
        "unit_needs_setup": runs_unit and needs_setup(unit),
    }


def register_navigation(app: Flask) -> None:
    app.context_processor(navigation_context)
