"""What /api/v1/units reads and writes: the units directly below the caller's, with the
figures the oversight page shows for each."""

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields

from tracker.api.schemas import Query
from tracker.core.reform_areas import ReformArea
from tracker.org.models import UnitLevel
from tracker.reports.oversight import Submission


class UnitsQuery(Query):
    area = fields.Enum(ReformArea, by_value=True,
                       error_messages={"unknown": _l("Lựa chọn không hợp lệ.")},
                       metadata={"description": "Chỉ tính nhiệm vụ của một lĩnh vực CCHC"})


class UnitOut(Schema):
    id = fields.Integer()
    code = fields.String()
    name = fields.String()
    place_name = fields.String()
    level = fields.Enum(UnitLevel, by_value=True)


class FiguresOut(Schema):
    """Tasks by class as the oversight page counts them, as of today."""

    open = fields.Integer(metadata={"description": "Chưa hoàn thành (kể cả quá hạn)"})
    overdue = fields.Integer()
    done_on_time = fields.Integer()
    done_late = fields.Integer()
    cancelled = fields.Integer()
    completion_rate = fields.Float(allow_none=True, metadata={
        "description": "Phần trăm hoàn thành trên số nhiệm vụ đã đến hạn, một chữ số "
                       "thập phân như trang theo dõi; null: chưa có nhiệm vụ nào đến hạn"})
    due_next_7_days = fields.Integer(metadata={
        "description": "Nhiệm vụ đang làm có hạn từ ngày mai đến 7 ngày tới"})


class SignedReportOut(Schema):
    id = fields.Integer()
    period = fields.String(metadata={"description": "Mã kỳ báo cáo: 2026-Q3, 2026-H1 …"})
    signed_on = fields.Date()


class SubmissionOut(Schema):
    """The report of the period due now against the unit's due date."""

    period = fields.String()
    due_date = fields.Date()
    state = fields.Enum(Submission, by_value=True)


class UnitBelowOut(FiguresOut):
    unit = fields.Nested(UnitOut)
    last_report = fields.Nested(SignedReportOut, allow_none=True)  # null: none signed yet
    submission = fields.Nested(SubmissionOut)


class TotalsOut(FiguresOut):
    submitted = fields.Integer(metadata={
        "description": "Số đơn vị đã nộp báo cáo kỳ này (đúng hạn hoặc muộn)"})


class UnitsOut(Schema):
    unit = fields.Nested(UnitOut)  # the caller's
    day = fields.Date(metadata={"description": "Số liệu tính đến ngày này"})
    period = fields.String(metadata={"description": "Kỳ báo cáo đến hạn nộp lúc này"})
    area = fields.Enum(ReformArea, by_value=True, allow_none=True)
    units = fields.List(fields.Nested(UnitBelowOut), metadata={
        "description": "Các đơn vị trực thuộc, theo tên; rỗng với cấp xã"})
    totals = fields.Nested(TotalsOut)
