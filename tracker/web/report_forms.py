"""The report's forms besides its texts: the details, the figures entered by hand, and
signing, numbering and taking a signature back."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    IntegerField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, NumberRange, Optional

from tracker.reports.figures import DOSSIER_FIELDS
from tracker.reports.legal_figures import LEGAL_FIELDS
from tracker.reports.models import Report
from tracker.web.forms import Form, VersionedForm, at_most

_NUMBER = _l("Nhập một số nguyên không âm.")


class NumberForm(VersionedForm):
    number = IntegerField(_l("Số báo cáo"), validators=[
        InputRequired(_l("Nhập số văn thư cấp.")),
        NumberRange(1, 99_999, _l("Số báo cáo phải từ 1 đến 99.999."))],
        invalid_value_message=_l("Nhập một số nguyên."))
    issue_date = DateField(_l("Ngày vào số"), validators=[Optional()],
                           invalid_value_message=_l("Ngày không hợp lệ."))


class FinaliseForm(VersionedForm):
    accept = BooleanField(_l("Tôi đã xem các vấn đề ở trên và vẫn ký ban hành"))


class WithdrawForm(VersionedForm):
    reason = TextAreaField(_l("Lý do rút lại"), validators=[
        InputRequired(_l("Ghi lý do rút lại báo cáo đã ký.")), at_most(500)])


class DetailsForm(VersionedForm):
    number = IntegerField(_l("Số báo cáo"), validators=[Optional(), NumberRange(1, 99_999)],
                          invalid_value_message=_l("Nhập một số nguyên."))
    report_date = DateField(_l("Ngày báo cáo"), validators=[Optional()],
                            invalid_value_message=_l("Ngày không hợp lệ."))
    recipients = TextAreaField(_l("Nơi nhận (mỗi nơi một dòng)"))


class DepartmentLine(Form):
    class Meta:
        csrf = False

    name = StringField(_l("Bộ phận, lĩnh vực"), validators=[at_most(200)])
    received = IntegerField(_l("Số hồ sơ"), validators=[Optional(), NumberRange(min=0)],
                            invalid_value_message=_NUMBER)


class FiguresForm(VersionedForm):
    as_of = DateField(_l("Số liệu tính đến ngày"), validators=[Optional()],
                      invalid_value_message=_l("Ngày không hợp lệ."))
    departments = FieldList(FormField(DepartmentLine), min_entries=0)


for _key, _label in DOSSIER_FIELDS.items():
    setattr(FiguresForm, _key, IntegerField(_label, validators=[Optional(), NumberRange(min=0)],
                                            invalid_value_message=_NUMBER))


class LegalFiguresForm(VersionedForm):
    """The eight counts of II.1; 0 prints "Không.", blank is not entered."""


for _key, _label in LEGAL_FIELDS.items():
    setattr(LegalFiguresForm, _key, IntegerField(
        _label, validators=[Optional(), NumberRange(min=0)], invalid_value_message=_NUMBER))


def dossier_form(report: Report) -> FiguresForm:
    """The dossier block as stored, one line per department to start with, two blank."""
    stored = report.figures.get("dossiers") or {}
    lines = stored.get("departments") or [
        {"name": d.name, "received": None} for d in report.unit.active_departments]
    lines = [*lines, *({"name": "", "received": None} for _ in range(2))]
    as_of = date.fromisoformat(stored["as_of"]) if stored.get("as_of") else None
    return FiguresForm(formdata=None, version=report.version, as_of=as_of,
                       departments=lines, **{k: stored.get(k) for k in DOSSIER_FIELDS})


def legal_figures_form(report: Report) -> LegalFiguresForm:
    stored = report.figures.get("legal") or {}
    return LegalFiguresForm(formdata=None, version=report.version,
                            **{key: stored.get(key) for key in LEGAL_FIELDS})
