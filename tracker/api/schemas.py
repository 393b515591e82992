"""What the API reads (load) and writes (dump). Loading checks shapes and types only;
the services judge the values, as they do for the pages' forms."""

from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validates_schema
from marshmallow.validate import Length, OneOf, Range

from tracker.core.clock import today_in
from tracker.core.reform_areas import ReformArea
from tracker.core.roles import Role
from tracker.core.text import has_control_characters
from tracker.core.validation import CONTROL_CHARACTERS, MAX_ID, MAX_PAGE, MAX_YEAR, MIN_YEAR
from tracker.documents.types import DocumentType
from tracker.tasks.models import ExtensionState, Recurrence, TaskState
from tracker.tasks.queries import TaskSort
from tracker.tasks.status import TaskClass, classify

MAX_PER_PAGE = 100


def _enum(enum: type, **kwargs: Any) -> fields.Enum:
    return fields.Enum(enum, by_value=True,
                       error_messages={"unknown": _l("Lựa chọn không hợp lệ.")}, **kwargs)


def _id(**kwargs: Any) -> fields.Integer:
    return fields.Integer(strict=True, validate=Range(1, MAX_ID, error=_l("Mã không hợp lệ.")),
                          **kwargs)


def _no_control_characters(value: str) -> None:
    if has_control_characters(value):
        raise ValidationError(str(CONTROL_CHARACTERS))  # a lazy one reads as a list of letters


def _text(max_length: int, **kwargs: Any) -> fields.String:
    too_long = Length(max=max_length, error=_l("Tối đa %(max)d ký tự.", max=max_length))
    return fields.String(validate=[too_long, _no_control_characters], **kwargs)


def _page() -> fields.Integer:
    return fields.Integer(load_default=1, validate=Range(1, MAX_PAGE, error=_l(
        "Số trang phải từ 1 trở lên.")))


def _per_page(default: int) -> fields.Integer:
    return fields.Integer(load_default=default, validate=Range(1, MAX_PER_PAGE, error=_l(
        "Mỗi trang từ 1 đến %(max)d dòng.", max=MAX_PER_PAGE)))


class Body(Schema):
    """A JSON body: a field the API does not know is refused, not silently dropped."""


class Query(Schema):
    """Query-string parameters: strings, so numbers are read leniently; others are ignored."""

    class Meta:
        unknown = EXCLUDE


# Input ---------------------------------------------------------------------------------------

class DocumentListQuery(Query):
    doc_type = _enum(DocumentType, data_key="type")
    year = fields.Integer(validate=Range(MIN_YEAR, MAX_YEAR, error=_l("Năm không hợp lệ.")))
    source = fields.String(validate=OneOf(["own", "received"], error=_l(
        "Lựa chọn không hợp lệ.")))
    page = _page()
    per_page = _per_page(50)


class DocumentIn(Body):
    doc_type = _enum(DocumentType, required=True)
    number = fields.Integer(strict=True, required=True)
    symbol = _text(60, required=True)
    issuer = _text(200, metadata={"description": "Mặc định: tên đơn vị"})
    issued_on = fields.Date(required=True)
    title = _text(2000, required=True)
    reform_area = _enum(ReformArea, allow_none=True)
    implements = _id(allow_none=True)
    issued_by_unit = fields.Boolean(allow_none=True)


class TaskListQuery(Query):
    task_class = _enum(TaskClass, data_key="class")
    state = _enum(TaskState)
    area = _enum(ReformArea)
    department = fields.Integer(validate=Range(1, MAX_ID, error=_l("Mã không hợp lệ.")))
    official = fields.Integer(validate=Range(1, MAX_ID, error=_l("Mã không hợp lệ.")))
    lead = fields.Integer(validate=Range(1, MAX_ID, error=_l("Mã không hợp lệ.")))
    document = fields.Integer(validate=Range(1, MAX_ID, error=_l("Mã không hợp lệ.")))
    due_from = fields.Date(data_key="from")
    due_to = fields.Date(data_key="to")
    counted = fields.Boolean(load_default=False, metadata={
        "description": "true: không kể nhiệm vụ đã hủy (như cột Tổng của trang chủ)"})
    q = _text(200, load_default="")
    sort = _enum(TaskSort, load_default=TaskSort.DUE)
    order = fields.String(load_default="asc", validate=OneOf(["asc", "desc"], error=_l(
        "Lựa chọn không hợp lệ.")))
    page = _page()
    per_page = _per_page(50)


class TaskIn(Body):
    title = _text(500, required=True)
    description = _text(4000)
    reform_area = _enum(ReformArea, metadata={"description": "Mặc định: lĩnh vực của văn bản"})
    lead = _id(required=True)
    coordinators = fields.List(_id())
    followers = fields.List(_id())
    document = _id(allow_none=True)
    due = _text(200, allow_none=True, metadata={
        "description": "Thời hạn như kế hoạch ghi: 30/06/2023, trong 05 ngày làm việc, "
                       "Quý II/2023, thường xuyên …"})
    due_date = fields.Date(allow_none=True)
    recurrence = _enum(Recurrence, allow_none=True, metadata={
        "description": "Lặp lại: mỗi kỳ một nhiệm vụ, giao khi kỳ trước xong hoặc quá hạn"})

    @validates_schema
    def _one_deadline(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if "due" in data and "due_date" in data:
            raise ValidationError(_l("Gửi due hoặc due_date, không gửi cả hai."), "due")


class TaskUpdateIn(TaskIn):
    version = fields.Integer(strict=True, required=True)


class ProgressIn(Body):
    percent = fields.Integer(strict=True, required=True)
    note = _text(4000, load_default="")
    version = fields.Integer(strict=True, required=True)


class CompleteIn(Body):
    result = _text(4000, required=True)
    completed_on = fields.Date(metadata={"description": "Mặc định: hôm nay"})
    version = fields.Integer(strict=True, required=True)


class NoteIn(Body):
    note = _text(4000, required=True)


class ReasonIn(Body):
    """Cancelling a task, or sending a completed one back: a reason and the version seen."""

    reason = _text(4000, required=True)
    version = fields.Integer(strict=True, required=True)


class ExtensionIn(Body):
    proposed_due_date = fields.Date(required=True)
    reason = _text(4000, required=True)
    version = fields.Integer(strict=True, required=True)


class DecisionIn(Body):
    approve = fields.Boolean(required=True)
    granted_due_date = fields.Date(allow_none=True, metadata={
        "description": "Khi đồng ý: mặc định là ngày được đề nghị"})
    note = _text(4000, load_default="", metadata={"description": "Bắt buộc khi không đồng ý"})
    version = fields.Integer(strict=True, required=True)


class VersionIn(Body):
    version = fields.Integer(strict=True, required=True)


# Output --------------------------------------------------------------------------------------

class DepartmentRef(Schema):
    id = fields.Integer()
    name = fields.String()


class DepartmentOut(DepartmentRef):
    code = fields.String(allow_none=True)
    position = fields.Integer()
    active = fields.Boolean()


class OfficialRef(Schema):
    id = fields.Integer()
    full_name = fields.String()


class OfficialOut(OfficialRef):
    username = fields.String()
    position = fields.String()
    department = fields.Nested(DepartmentRef, allow_none=True)
    role = _enum(Role)
    active = fields.Boolean()


class DocumentRef(Schema):
    id = fields.Integer()
    reference = fields.String()
    title = fields.String()


class TallyOut(Schema):
    done = fields.Integer()
    total = fields.Integer(metadata={"description": "Không tính nhiệm vụ đã hủy"})


class DocumentOut(Schema):
    id = fields.Integer()
    doc_type = _enum(DocumentType)
    number = fields.Integer()
    symbol = fields.String()
    reference = fields.String()
    citation = fields.String()
    issuer = fields.String()
    issued_by_unit = fields.Boolean()
    issued_on = fields.Date()
    year = fields.Integer()
    title = fields.String()
    reform_area = _enum(ReformArea, allow_none=True)
    implements = fields.Nested(DocumentRef, allow_none=True)
    tasks = fields.Nested(TallyOut)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class TaskOut(Schema):
    id = fields.Integer()
    title = fields.String()
    description = fields.String()
    reform_area = _enum(ReformArea)
    document = fields.Nested(DocumentRef, allow_none=True)
    lead = fields.Nested(OfficialRef)
    coordinators = fields.List(fields.Nested(OfficialRef))
    followers = fields.List(fields.Nested(OfficialRef))
    assigned_by = fields.Nested(OfficialRef, allow_none=True)
    assigned_at = fields.DateTime()
    due_date = fields.Date(allow_none=True)
    due_wording = fields.String(allow_none=True)
    recurrence = _enum(Recurrence, allow_none=True)
    recurs_from_id = fields.Integer(allow_none=True, data_key="previous_occurrence")
    awaiting_confirmation = fields.Boolean()
    state = _enum(TaskState)
    # The class as of today in the unit's time zone, as the pages show it.
    task_class = fields.Function(lambda task: classify(task, today_in(task.unit.timezone)).value,
                                 data_key="class",
                                 metadata={"enum": [c.value for c in TaskClass]})
    progress_percent = fields.Integer()
    completed_on = fields.Date(allow_none=True)
    result = fields.String(allow_none=True)
    cancelled_on = fields.Date(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    version = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class ProgressOut(Schema):
    id = fields.Integer()
    created_at = fields.DateTime()
    author = fields.Nested(OfficialRef, allow_none=True)
    percent = fields.Integer(allow_none=True, metadata={"description": "null: một ghi chú"})
    note = fields.String()


class ExtensionOut(Schema):
    id = fields.Integer()
    requested_by = fields.Nested(OfficialRef)
    requested_at = fields.DateTime()
    due_date_before = fields.Date()
    proposed_due_date = fields.Date()
    reason = fields.String()
    state = _enum(ExtensionState)
    decided_by = fields.Nested(OfficialRef, allow_none=True)
    decided_at = fields.DateTime(allow_none=True)
    granted_due_date = fields.Date(allow_none=True)
    decision_note = fields.String(allow_none=True)


class TaskDetailOut(TaskOut):
    progress = fields.List(fields.Nested(ProgressOut), attribute="progress_updates")
    extensions = fields.List(fields.Nested(ExtensionOut), attribute="extension_requests")


class ErrorOut(Schema):
    message = fields.String()
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    current = fields.Dict(metadata={"description": "409: giá trị hiện tại của nhiệm vụ"})


def page_schema(item: type[Schema], *, capped: bool = False) -> type[Schema]:
    """A page of `item`s with the total that match (for the OpenAPI document too); with
    `capped`, whether that total is where the count stopped rather than all of them."""
    page = {
        "items": fields.List(fields.Nested(item)),
        "total": fields.Integer(),
        "page": fields.Integer(),
        "per_page": fields.Integer(),
    }
    if capped:
        page["capped"] = fields.Boolean(metadata={"description": (
            "true: có hơn `total` kết quả; tìm kiếm chỉ đếm đến 1.000 kết quả (hoặc đến"
            " trang được hỏi)")})
    return Schema.from_dict(page, name=f"{item.__name__.removesuffix('Out')}Page")


DocumentPage = page_schema(DocumentOut)
TaskPage = page_schema(TaskOut, capped=True)
OfficialList = Schema.from_dict({"items": fields.List(fields.Nested(OfficialOut))},
                                name="OfficialList")
DepartmentList = Schema.from_dict({"items": fields.List(fields.Nested(DepartmentOut))},
                                  name="DepartmentList")


class HandoverIn(Body):
    to = _id(required=True, metadata={"description": "Mã cán bộ nhận công việc"})
    dry_run = fields.Boolean(load_default=False, metadata={
        "description": "Chỉ đếm những gì sẽ chuyển, không ghi"})


class HandoverOut(Schema):
    applied = fields.Boolean(metadata={"description": "false khi chạy thử"})
    departing = fields.Nested(OfficialRef)
    receiver = fields.Nested(OfficialRef)
    task_count = fields.Integer(metadata={"description": "Số nhiệm vụ, mỗi nhiệm vụ một lần"})
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "Theo vai trò: lead, coordinator, follower"})
    task_ids = fields.Dict(keys=fields.String(), values=fields.List(fields.Integer()))


class OfficialFieldsIn(Body):
    """An official's details as the admin's form has them."""

    full_name = _text(120, required=True)
    position = _text(150, load_default="", metadata={
        "description": "Chức vụ, chức danh: Chủ tịch UBND, Chuyên viên …"})
    department = _id(allow_none=True, load_default=None, metadata={
        "description": "Mã bộ phận của đơn vị; null: chưa thuộc bộ phận nào"})
    email = _text(254, allow_none=True, load_default=None)
    phone = _text(30, allow_none=True, load_default=None)
    role = _enum(Role, required=True)


class OfficialIn(OfficialFieldsIn):
    username = _text(60, required=True)
    password = _text(200, allow_none=True, metadata={
        "description": "Bỏ trống: tạo mật khẩu ngẫu nhiên, trả về một lần. Cán bộ phải đổi "
                       "mật khẩu khi đăng nhập."})
    unit = _id(metadata={"description": "Mặc định: đơn vị của người gọi; quản trị tỉnh được "
                                        "chọn xã trực thuộc"})


class OfficialUpdateIn(OfficialFieldsIn):
    active = fields.Boolean(metadata={
        "description": "false: ngừng hoạt động (đăng xuất, thu hồi khóa API); true: hoạt động lại"})


class PasswordResetIn(Body):
    password = _text(200, allow_none=True, metadata={
        "description": "Bỏ trống: tạo mật khẩu ngẫu nhiên, trả về một lần"})


class OfficialDetailOut(OfficialOut):
    unit = fields.Nested(Schema.from_dict({"id": fields.Integer(), "code": fields.String(),
                                           "name": fields.String()}, name="UnitRef"))
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    must_change_password = fields.Boolean()


class OfficialPasswordOut(Schema):
    """An official just created or given a new password: the generated one, once."""

    official = fields.Nested(OfficialDetailOut)
    password = fields.String(allow_none=True, metadata={
        "description": "Mật khẩu được tạo, chỉ trả về lần này; null khi người gọi đã đặt"})


class DepartmentIn(Body):
    name = _text(150, required=True)
    code = _text(20, allow_none=True, load_default=None, metadata={
        "description": "Mã ngắn, không dấu, duy nhất trong đơn vị (ví dụ vp)"})


class DepartmentUpdateIn(DepartmentIn):
    position = fields.Integer(strict=True, validate=Range(1, MAX_ID, error=_l(
        "Thứ tự là một số nguyên từ 1.")), metadata={"description": "1: đứng đầu"})
    active = fields.Boolean(metadata={
        "description": "false: ngừng (không được khi còn cán bộ hoặc là bộ phận tổng hợp báo "
                       "cáo); true: mở lại"})
