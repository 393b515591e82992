"""A unit set up by its own admin in one step: what it is called, its kind, its report
office and recipients, the signature, and departments from a preset."""

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from tracker.audit.services import record_event
from tracker.core.actor import Actor
from tracker.core.text import clean
from tracker.core.validation import Problems
from tracker.org.models import CommuneKind, Department, Unit, UnitLevel
from tracker.org.policy import require_unit_admin
from tracker.org.presets import Preset, apply_preset
from tracker.org.settings import update_unit_settings
from tracker.org.units import default_recipients

# The report's header and the settings a set-up form may change.
SETUP_SETTINGS = ("report_recipients", "signature_authority", "signer_title",
                  "show_superior_body")


def needs_setup(unit: Unit) -> bool:
    """A unit without departments has not been set up: its office cannot even be named."""
    return not unit.departments


def set_up_unit(
    session: Session, actor: Actor, unit: Unit, *, name: str, place_name: str,
    level: UnitLevel | str, commune_kind: CommuneKind | str | None,
    office_department: Department | None, preset: Preset | str = Preset.EMPTY,
    **settings: Any,
) -> list[Department]:
    """Apply the set-up form: the unit's names and kind, the preset's missing departments
    (the preset's office becomes the report office when none is chosen), then the
    settings; empty recipients become the default of a commune under a province.

    :raise PermissionDenied: unless the actor is the unit's own admin.
    :raise ValidationFailed: every field's problem at once; nothing is changed.
    :return: the departments the preset added.
    """
    require_unit_admin(actor, unit)
    problems = Problems()
    before = _identity(unit)
    _set_identity(unit, problems, name=name, place_name=place_name, level=level,
                  commune_kind=commune_kind)
    preset = problems.enum(Preset, preset, "preset", _l("Bộ bộ phận mẫu không hợp lệ."))
    problems.raise_if_any()
    added = apply_preset(session, actor, unit, preset) if preset else []
    if not clean(settings.get("report_recipients") or ""):
        settings["report_recipients"] = default_recipients(unit)
    chosen = {"office_department": office_department} if office_department else {}
    problems.gather(lambda: update_unit_settings(
        session, actor, unit, **chosen, **{k: settings[k] for k in SETUP_SETTINGS
                                           if k in settings}))
    problems.raise_if_any()
    after = _identity(unit)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    record_event(session, actor, unit, "set_up",
                 changes | {"departments_added": [None, [d.name for d in added]]},
                 unit_id=unit.id)
    return added


def _identity(unit: Unit) -> dict[str, Any]:
    return {"name": unit.name, "place_name": unit.place_name, "level": unit.level.value,
            "commune_kind": unit.commune_kind.value if unit.commune_kind else None}


def _set_identity(unit: Unit, problems: Problems, *, name: str, place_name: str,
                  level: Any, commune_kind: Any) -> None:
    name, place_name = clean(name), clean(place_name)
    problems.require("name", name)
    problems.require("place_name", place_name)
    for field, value in (("name", name), ("place_name", place_name)):
        if len(value) > (200 if field == "name" else 100):
            problems.add(field, _l("Quá dài."))
    level = problems.enum(UnitLevel, level, "level", _l("Cấp đơn vị không hợp lệ."))
    kind = problems.enum(CommuneKind, commune_kind or None, "commune_kind",
                         _l("Chọn xã, phường hoặc đặc khu."))
    if level == UnitLevel.COMMUNE and kind is None:
        problems.require("commune_kind", None)
    if level is not None and level not in (UnitLevel.PROVINCE, UnitLevel.COMMUNE):
        problems.add("level", _l("Từ 01/7/2025 chỉ còn cấp tỉnh và cấp xã."))
    parent = unit.parent
    if parent is not None and parent.level == UnitLevel.PROVINCE and level != UnitLevel.COMMUNE:
        problems.add("level", _l("Đơn vị trực thuộc tỉnh là xã, phường hoặc đặc khu."))
    if unit.children and level == UnitLevel.COMMUNE:
        problems.add("level", _l("Đơn vị có đơn vị trực thuộc không thể là cấp xã."))
    if problems.errors:
        return
    unit.name, unit.place_name, unit.level = name, place_name, level
    unit.commune_kind = kind if level == UnitLevel.COMMUNE else None
