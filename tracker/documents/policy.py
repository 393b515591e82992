"""Who may change a unit's document registry."""

from tracker.core.actor import Actor
from tracker.org.models import Unit
from tracker.org.policy import leads_unit


def can_edit_registry(actor: Actor, unit: Unit) -> bool:
    return leads_unit(actor, unit)
