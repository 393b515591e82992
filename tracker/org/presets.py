"""Ready-made sets of departments a new unit starts from: a commune's rooms since 1 July
2025 (Nghị định 150/2025/NĐ-CP), or the titles of the 2023 civil servants of a xã."""

from dataclasses import dataclass
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from tracker.core.actor import Actor
from tracker.core.text import fold
from tracker.org.departments import create_department
from tracker.org.models import CommuneKind, Department, Unit
from tracker.org.policy import require_unit_admin
from tracker.org.settings import update_unit_settings


class Preset(StrEnum):
    COMMUNE_2025 = "2025"
    COMMUNE_2023 = "2023"
    EMPTY = "empty"

    @property
    def label(self) -> str:
        return str(_PRESET_LABELS[self])


_PRESET_LABELS = {
    Preset.COMMUNE_2025: _l("Xã, phường từ 01/7/2025 (các phòng theo Nghị định 150/2025)"),
    Preset.COMMUNE_2023: _l("Xã trước năm 2025 (các chức danh công chức cấp xã)"),
    Preset.EMPTY: _l("Không thêm bộ phận"),
}


@dataclass(frozen=True)
class PresetDepartment:
    code: str
    name: str
    office: bool = False  # compiles the report (Văn phòng)


_ECONOMY = PresetDepartment("kt", "Phòng Kinh tế")
# A phường's economic room also runs infrastructure and urban affairs.
_ECONOMY_WARD = PresetDepartment("kt", "Phòng Kinh tế, Hạ tầng và Đô thị")
_COMMUNE_2025 = (
    PresetDepartment("vp", "Văn phòng HĐND và UBND", office=True),
    _ECONOMY,
    PresetDepartment("vhxh", "Phòng Văn hóa - Xã hội"),
    PresetDepartment("tthcc", "Trung tâm Phục vụ hành chính công"),
)
_COMMUNE_2023 = (
    PresetDepartment("vp-tk", "Văn phòng - Thống kê", office=True),
    PresetDepartment("tp-ht", "Tư pháp - Hộ tịch"),
    PresetDepartment("vh-xh", "Văn hóa - Xã hội"),
    PresetDepartment("tc-kt", "Tài chính - Kế toán"),
    PresetDepartment("dc-xd", "Địa chính - Xây dựng"),
    PresetDepartment("ca", "Công an xã"),
    PresetDepartment("qs", "Ban Chỉ huy quân sự xã"),
)


def preset_departments(preset: Preset, kind: CommuneKind | None) -> tuple[PresetDepartment, ...]:
    """The departments of `preset` for a unit of this kind (a phường's economic room)."""
    if preset is Preset.COMMUNE_2025:
        if kind is CommuneKind.PHUONG:
            return tuple(_ECONOMY_WARD if d is _ECONOMY else d for d in _COMMUNE_2025)
        return _COMMUNE_2025
    if preset is Preset.COMMUNE_2023:
        return _COMMUNE_2023
    return ()


def department_names(preset: Preset, kind: CommuneKind | None = None) -> tuple[str, ...]:
    """The preset's titles in order, the office first."""
    return tuple(department.name for department in preset_departments(preset, kind))


def apply_preset(session: Session, actor: Actor, unit: Unit, preset: Preset) -> list[Department]:
    """Add the preset's departments the unit lacks (by name, diacritics and case aside),
    deleting none; the preset's office becomes the report office when none is set.

    :raise PermissionDenied: unless the actor is the unit's admin.
    :return: the departments added.
    """
    require_unit_admin(actor, unit)
    by_name = {fold(d.name): d for d in unit.departments}
    codes = {d.code for d in unit.departments}
    added, office = [], None
    for spec in preset_departments(preset, unit.commune_kind):
        department = by_name.get(fold(spec.name))
        if department is None:
            department = create_department(session, actor, unit, name=spec.name,
                                           code=None if spec.code in codes else spec.code)
            added.append(department)
        if spec.office:
            office = department
    if office is not None and unit.settings.office_department_id is None and office.active:
        update_unit_settings(session, actor, unit, office_department=office)
    return added
