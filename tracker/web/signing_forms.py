"""The forms around a report's signature: sign, number, withdraw."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, IntegerField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional

from tracker.web.forms import VersionedForm, at_most


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
