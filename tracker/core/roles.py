"""The roles an official can hold. What each role may do is decided by each domain's policy."""

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Role(StrEnum):
    ADMIN = "admin"
    CHAIRMAN = "chairman"
    VICE_CHAIRMAN = "vice_chairman"
    OFFICER = "officer"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        return str(_ROLE_LABELS[self])

    @property
    def leads_unit(self) -> bool:
        """Chairman and vice-chairmen register plans and assign tasks in their unit."""
        return self in (Role.CHAIRMAN, Role.VICE_CHAIRMAN)


_ROLE_LABELS = {
    Role.ADMIN: _l("Quản trị"),
    Role.CHAIRMAN: _l("Chủ tịch"),
    Role.VICE_CHAIRMAN: _l("Phó Chủ tịch"),
    Role.OFFICER: _l("Công chức"),
    Role.VIEWER: _l("Cấp trên (chỉ xem)"),
}
