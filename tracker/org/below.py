"""The units directly below a unit (a province's communes), as the level above reads them."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tracker.core.actor import Actor
from tracker.core.errors import NotFound
from tracker.core.text import vietnamese_sort_key
from tracker.org.models import Unit
from tracker.org.policy import can_view_unit

NO_UNIT = _l("Không tìm thấy đơn vị.")


def has_units_below(session: Session, unit: Unit) -> bool:
    return session.scalar(select(Unit.id).where(Unit.parent_id == unit.id).limit(1)) is not None


def units_below(session: Session, actor: Actor, unit: Unit) -> list[Unit]:
    """The units directly below `unit`, with their settings, in the order of their places.

    :raise NotFound: the actor may not see `unit`.
    """
    if not can_view_unit(actor, unit):
        raise NotFound(NO_UNIT)
    below = session.scalars(select(Unit).where(Unit.parent_id == unit.id)
                            .options(selectinload(Unit.settings)))
    return sorted(below, key=place_order)


def unit_below(session: Session, actor: Actor, unit: Unit, below_id: int) -> Unit:
    """A unit directly below `unit`.

    :raise NotFound: no such unit below it, or the actor may not see `unit`.
    """
    below = session.get(Unit, below_id)
    if below is None or below.parent_id != unit.id or not can_view_unit(actor, unit):
        raise NotFound(NO_UNIT)
    return below


def place_order(unit: Unit) -> tuple:
    """Units by their place's name (An Nhơn, Bình Sơn, Cà Mau), whatever they are called."""
    return vietnamese_sort_key(unit.place_name), vietnamese_sort_key(unit.name)
