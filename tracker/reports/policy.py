"""Who may see, compile and sign a unit's reports."""

from tracker.core.actor import Actor
from tracker.core.roles import Role
from tracker.org.models import Unit
from tracker.org.policy import can_view_unit, leads_unit
from tracker.reports.models import Report


def can_view_report(actor: Actor, report: Report) -> bool:
    """The unit sees its drafts; the levels above see what it has signed."""
    if actor.is_system or actor.unit_id == report.unit_id:
        return True
    return report.is_final and can_view_unit(actor, report.unit)


def can_compile(actor: Actor, unit: Unit) -> bool:
    """The office that compiles the report (the unit's office department) and the leaders."""
    if leads_unit(actor, unit):
        return True
    office = unit.settings.office_department_id if unit.settings else None
    return (actor.unit_id == unit.id and office is not None
            and actor.department_id == office and actor.role is Role.OFFICER)


def can_sign(actor: Actor, unit: Unit) -> bool:
    """The chairman; the vice-chairmen too ("KT. CHỦ TỊCH") unless the unit says not."""
    if actor.is_system:
        return True
    if actor.unit_id != unit.id:
        return False
    if actor.role is Role.CHAIRMAN:
        return True
    allowed = unit.settings is None or unit.settings.vice_chairmen_sign_reports
    return actor.role is Role.VICE_CHAIRMAN and allowed


def chairs_unit(actor: Actor, unit: Unit) -> bool:
    """The unit's chairman (and the system): who may take a signature back."""
    return actor.is_system or (actor.unit_id == unit.id and actor.role is Role.CHAIRMAN)
