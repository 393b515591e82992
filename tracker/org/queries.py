"""Reading officials for the admin's list: filters, folded search, pages in Vietnamese name
order; the units an admin runs; the positions a form suggests; a list filter's pickers."""

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from tracker.core.actor import Actor
from tracker.core.paging import PER_PAGE, Page
from tracker.core.roles import Role
from tracker.core.search import matches_words, search_words
from tracker.core.text import clean, fold, name_sort_key
from tracker.org.models import Department, Official, Unit
from tracker.org.policy import can_manage_officials, require_officials_manager

# Titles of a commune's UBND, before and after 1 July 2025, offered beside those in use.
COMMON_POSITIONS = (
    "Chủ tịch UBND",
    "Phó Chủ tịch UBND",
    "Chánh Văn phòng",
    "Phó Chánh Văn phòng",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Giám đốc Trung tâm Phục vụ hành chính công",
    "Chuyên viên",
    "Công chức Văn phòng - Thống kê",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Địa chính - Xây dựng",
    "Công chức Tài chính - Kế toán",
    "Công chức Văn hóa - Xã hội",
    "Trưởng Công an",
    "Chỉ huy trưởng Quân sự",
)

# A name's place in Vietnamese order costs some 40 µs to work out and every list page
# sorts the unit's officials: kept per name (a rename is a new name), a province's worth.
_name_order = lru_cache(maxsize=4096)(name_sort_key)


@dataclass(frozen=True)
class OfficialFilters:
    text: str = ""  # in the full name, username or e-mail, diacritics and case aside
    department_id: int | None = None
    role: Role | None = None
    active: bool | None = None  # None: active and inactive alike


def search_officials(
    session: Session, actor: Actor, unit: Unit, filters: OfficialFilters, page: int = 1,
    per_page: int = PER_PAGE,
) -> Page[Official]:
    """One page of the unit's officials matching `filters`: active ones first, then by
    given name the Vietnamese way (which no collation gives alike on both databases; a
    unit has some dozens of officials, so the order is made here).

    :raise PermissionDenied: unless the actor manages the unit's officials.
    """
    require_officials_manager(actor, unit)
    rows = session.execute(
        select(Official.id, Official.full_name, Official.active)
        .where(Official.unit_id == unit.id, *_conditions(filters))
    ).all()
    rows.sort(key=lambda row: (not row.active, _name_order(row.full_name), row.id))
    chosen = [row.id for row in rows[(page - 1) * per_page:page * per_page]]
    found = {o.id: o for o in session.scalars(
        select(Official).where(Official.id.in_(chosen)).options(selectinload(Official.department)))}
    return Page([found[i] for i in chosen], len(rows), page, per_page)


def _conditions(filters: OfficialFilters) -> list:
    conditions = []
    if words := search_words(filters.text):
        email = func.coalesce(Official.email, "")
        conditions.append(matches_words(words, Official.name_key, Official.username, email))
    if filters.department_id is not None:
        conditions.append(Official.department_id == filters.department_id)
    if filters.role is not None:
        conditions.append(Official.role == filters.role)
    if filters.active is not None:
        conditions.append(Official.active.is_(filters.active))
    return conditions


def units_managed_by(actor: Official) -> list[Unit]:
    """The units whose officials the actor manages: their own, and a province admin's
    communes directly below."""
    units = [actor.unit, *sorted(actor.unit.children, key=lambda unit: unit.name)]
    return [unit for unit in units if can_manage_officials(actor, unit)]


def position_suggestions(session: Session, unit: Unit) -> list[str]:
    """The positions the unit's officials hold, then the common titles not among them."""
    used = [clean(p) for p in session.scalars(
        select(Official.position).where(Official.unit_id == unit.id, Official.position != "")
        .distinct())]
    used = sorted(set(used), key=fold)
    return [*used, *(title for title in COMMON_POSITIONS if title not in used)]


def official_names(session: Session, unit: Unit) -> list[tuple[int, str]]:
    """The unit's officials as a filter picker offers them, (id, full name) in Vietnamese
    name order: two columns, not whole officials (a province's registry has hundreds)."""
    rows = session.execute(
        select(Official.id, Official.full_name).where(Official.unit_id == unit.id)).all()
    return sorted(((row.id, row.full_name) for row in rows),
                  key=lambda row: (_name_order(row[1]), row[0]))


def department_names(session: Session, unit: Unit) -> list[tuple[int, str]]:
    """The unit's departments, closed ones included, (id, name) in the unit's order."""
    return [(row.id, row.name) for row in session.execute(
        select(Department.id, Department.name).where(Department.unit_id == unit.id)
        .order_by(Department.position, Department.id))]
