"""The reform areas (lĩnh vực CCHC), in the order the quarterly report lists them."""

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class ReformArea(StrEnum):
    DIRECTION = "direction"
    INSTITUTIONS = "institutions"
    PROCEDURES = "procedures"
    ORGANISATION = "organisation"
    CIVIL_SERVICE = "civil_service"
    PUBLIC_FINANCE = "public_finance"
    DIGITAL_GOVERNMENT = "digital_government"

    @property
    def label(self) -> str:
        return str(_AREA_LABELS[self])


_AREA_LABELS = {
    ReformArea.DIRECTION: _l("Công tác chỉ đạo, điều hành"),
    ReformArea.INSTITUTIONS: _l("Cải cách thể chế"),
    ReformArea.PROCEDURES: _l("Cải cách thủ tục hành chính"),
    ReformArea.ORGANISATION: _l("Cải cách tổ chức bộ máy"),
    ReformArea.CIVIL_SERVICE: _l("Cải cách chế độ công vụ"),
    ReformArea.PUBLIC_FINANCE: _l("Cải cách tài chính công"),
    ReformArea.DIGITAL_GOVERNMENT: _l("Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
}
