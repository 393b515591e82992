"""Who may see and change what in the organisation. Services call these first."""

from flask_babel import lazy_gettext as _l

from tracker.core.actor import Actor
from tracker.core.errors import PermissionDenied
from tracker.core.roles import Role
from tracker.org.models import Unit, UnitLevel


def can_view_unit(actor: Actor, unit: Unit) -> bool:
    """Members of a unit see it; the level above (any unit up the tree) sees it too."""
    if actor.is_system:
        return True
    return actor.unit_id == unit.id or any(a.id == actor.unit_id for a in unit.ancestors())


def can_manage_officials(actor: Actor, unit: Unit) -> bool:
    """The unit's admin; a province's admin also runs the communes directly below it
    (a new commune's first accounts, a commune whose admin has left)."""
    if actor.is_system:
        return True
    if actor.role is not Role.ADMIN:
        return False
    province_above = unit.parent is not None and unit.parent.level == UnitLevel.PROVINCE
    return actor.unit_id == unit.id or (province_above and actor.unit_id == unit.parent_id)


def leads_unit(actor: Actor, unit: Unit) -> bool:
    """Chairman and vice-chairmen register documents and assign tasks in their own unit."""
    return actor.is_system or (actor.role.leads_unit and actor.unit_id == unit.id)


def require_officials_manager(actor: Actor, unit: Unit) -> None:
    """:raise PermissionDenied: unless the actor is the unit's admin (or the system)."""
    if not can_manage_officials(actor, unit):
        raise PermissionDenied(_l("Chỉ quản trị của đơn vị (hoặc của tỉnh, với xã trực thuộc) "
                                  "được quản lý cán bộ, công chức."))


def can_manage_unit(actor: Actor, unit: Unit) -> bool:
    """The unit's own admin sets it up: departments, settings. A province admin does not
    run the communes below; it creates them (`can_create_units_under`)."""
    return actor.is_system or (actor.role is Role.ADMIN and actor.unit_id == unit.id)


def require_unit_admin(actor: Actor, unit: Unit) -> None:
    """:raise PermissionDenied: unless the actor is the unit's own admin (or the system)."""
    if not can_manage_unit(actor, unit):
        raise PermissionDenied(_l("Chỉ quản trị của đơn vị được thay đổi đơn vị này."))


def can_create_units_under(actor: Actor, parent: Unit | None) -> bool:
    """The system creates any unit; since 2025 a province's admin creates its communes."""
    if actor.is_system:
        return True
    return (parent is not None and parent.level == UnitLevel.PROVINCE
            and actor.role is Role.ADMIN and actor.unit_id == parent.id)
