"""What the unit's admin does to an official's account beyond its details: a new password
the official must change, and unlocking an account locked by failed sign-ins."""

from sqlalchemy.orm import Session

from tracker.audit.services import record_event
from tracker.core.actor import Actor
from tracker.org.models import Official
from tracker.org.policy import require_officials_manager
from tracker.org.services import set_password
from tracker.org.sign_in import forget_all_attempts
from tracker.org.units import new_password


def reset_password(
    session: Session, actor: Actor, official: Official, password: str | None = None
) -> str | None:
    """Give the official a new password, `password` or a generated one, which they must
    change at their next sign-in; their sessions end and their API tokens are revoked.
    Returns the generated password (shown once, never kept), or None when one was given.

    :raise PermissionDenied: unless the actor manages the official's unit.
    :raise ValidationFailed: a given password too short.
    """
    require_officials_manager(actor, official.unit)
    generated = None if password else new_password()
    set_password(session, actor, official, password or generated, must_change=True)
    return generated


def unlock(session: Session, actor: Actor, official: Official) -> int:
    """Clear the failed sign-ins counted against the official, from every address, so
    they may sign in again at once; how many counters were cleared (0: nothing was locked).

    :raise PermissionDenied: unless the actor manages the official's unit.
    """
    require_officials_manager(actor, official.unit)
    cleared = forget_all_attempts(session, official)
    if cleared:
        record_event(session, actor, official, "unlock", {"sign_in_attempts": [cleared, 0]},
                     unit_id=official.unit_id)
    return cleared
