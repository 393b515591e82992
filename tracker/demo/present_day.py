"""The demo's present-day commune: UBND xã Nguyễn Nghiêm since the 2025 reform, with
work due around the day the demo is loaded, so the home page, the reminders and the
chairman's desk have something live to show.

Since 1 July 2025 a commune reports to the province directly (no district) and its
UBND has rooms (NĐ 150/2025/NĐ-CP) instead of the 2023 titles. The people are
invented. Every day of its history is counted in working days from the load day, so
it reads the same whenever the demo is loaded: this year's plan, work done on time
and late, work overdue, due today and due soon.
"""

from collections.abc import Callable
from datetime import date

from tracker.core.reform_areas import ReformArea as A
from tracker.core.roles import Role
from tracker.core.workdays import WorkingCalendar
from tracker.demo.data import (
    GOVERNMENT,
    PROVINCE,
    Cancelled,
    DemoCommune,
    DemoDocument,
    DemoOfficial,
    DemoTask,
    DemoUnit,
    Done,
    ExtensionAsked,
    InProgress,
)
from tracker.documents.types import DocumentType as T
from tracker.org.presets import Preset, department_names
from tracker.tasks.models import Recurrence

COMMUNE_CODE = "nguyen-nghiem"
COMMUNE = "UBND xã Nguyễn Nghiêm"
PROVINCE_CODE = "quang-ngai"  # created with the 2023 unit, which sat under it too
# The commune exists from the day the two-level government began.
FOUNDED = date(2025, 7, 1)
# How far back its history goes, in working days before the load day.
HISTORY_DAYS = 50

# The rooms of the 2025 preset: Văn phòng HĐND và UBND, Kinh tế, Văn hóa - Xã hội, the centre.
DEPARTMENTS = department_names(Preset.COMMUNE_2025)
OFFICE, ECONOMY, SOCIETY, SERVICE_CENTRE = DEPARTMENTS

# Usernames start with "nn." so they never clash with Phổ Phong's.
OFFICIALS = (
    DemoOfficial("nn.chutich", "Trần Minh Khang", "Chủ tịch UBND xã", Role.CHAIRMAN),
    DemoOfficial("nn.phochutich", "Nguyễn Thị Hồng Vân", "Phó Chủ tịch UBND xã",
                 Role.VICE_CHAIRMAN),
    DemoOfficial("nn.vanphong1", "Phạm Thị Thanh Tâm", "Chánh Văn phòng HĐND và UBND",
                 Role.OFFICER, OFFICE),
    DemoOfficial("nn.vanphong2", "Võ Minh Triết", "Chuyên viên Văn phòng HĐND và UBND",
                 Role.OFFICER, OFFICE),
    DemoOfficial("nn.kinhte1", "Huỳnh Công Danh", "Trưởng Phòng Kinh tế", Role.OFFICER,
                 ECONOMY),
    DemoOfficial("nn.kinhte2", "Lê Thị Kim Yến", "Chuyên viên Phòng Kinh tế", Role.OFFICER,
                 ECONOMY),
    DemoOfficial("nn.vanhoa1", "Đoàn Văn Lợi", "Trưởng Phòng Văn hóa - Xã hội", Role.OFFICER,
                 SOCIETY),
    DemoOfficial("nn.vanhoa2", "Nguyễn Thị Diệu Hiền", "Chuyên viên Phòng Văn hóa - Xã hội",
                 Role.OFFICER, SOCIETY),
    DemoOfficial("nn.phucvu1", "Trịnh Quốc Bảo", "Phó Giám đốc Trung tâm Phục vụ hành chính "
                 "công", Role.OFFICER, SERVICE_CENTRE),
    DemoOfficial("nn.phucvu2", "Hồ Thị Mai Phương", "Chuyên viên Trung tâm Phục vụ hành chính "
                 "công", Role.OFFICER, SERVICE_CENTRE),
    DemoOfficial("nn.quantri", "Lý Văn Hiếu", "Quản trị hệ thống", Role.ADMIN),
    DemoOfficial("sonoivu.quangngai", "Tạ Thị Ngọc Hân", "Chuyên viên Sở Nội vụ tỉnh Quảng "
                 "Ngãi", Role.VIEWER, unit_code=PROVINCE_CODE),
)

RECIPIENTS = f"{PROVINCE}\nSở Nội vụ tỉnh Quảng Ngãi\nCT, PCT UBND xã\nLưu: VT, VP"


def present_day_commune(today: date) -> DemoCommune | None:
    """The commune with its history dated from `today`; None before it can have one
    (a history that would start before the commune existed)."""
    calendar = WorkingCalendar()  # a new unit has no days of its own
    # Loaded on a weekend or holiday, "due in 0 days" is the next day someone is at work.
    anchor = today if calendar.is_working_day(today) else calendar.add_working_days(today, 1)

    def day(offset: int) -> date:
        return calendar.add_working_days(anchor, offset)

    if day(-HISTORY_DAYS - 2) < FOUNDED:
        return None
    return DemoCommune(
        units=(DemoUnit(COMMUNE_CODE, COMMUNE, "Nguyễn Nghiêm", "commune", PROVINCE_CODE),),
        departments=DEPARTMENTS, office=OFFICE, officials=OFFICIALS,
        documents=_documents(day, anchor.year), tasks=_tasks(day, anchor.year),
        setup_day=day(-HISTORY_DAYS - 2), email_domain="nguyennghiem.example",
        recipients=RECIPIENTS,
    )


def _documents(day: Callable[[int], date], year: int) -> tuple[DemoDocument, ...]:
    return (
        DemoDocument("nq-76-2021", T.NQ, 76, "NQ-CP", GOVERNMENT, date(2021, 7, 15),
                     "Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn "
                     "2021 - 2030", A.DIRECTION),
        DemoDocument("nd-150-2025", T.ND, 150, "2025/NĐ-CP", GOVERNMENT, date(2025, 6, 12),
                     "Quy định tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, thành "
                     "phố trực thuộc trung ương và Ủy ban nhân dân xã, phường, đặc khu",
                     A.ORGANISATION),
        DemoDocument("kh-cchc", T.KH, 5, "KH-UBND", COMMUNE, day(-HISTORY_DAYS),
                     f"Cải cách hành chính năm {year} trên địa bàn xã Nguyễn Nghiêm",
                     A.DIRECTION, implements="nq-76-2021"),
        DemoDocument("qd-trung-tam", T.QD, 48, "QĐ-UBND", COMMUNE, day(-30),
                     "Ban hành Quy chế tổ chức và hoạt động của Trung tâm Phục vụ hành chính "
                     "công xã Nguyễn Nghiêm", A.PROCEDURES, implements="nd-150-2025"),
    )


def _tasks(day: Callable[[int], date], year: int) -> tuple[DemoTask, ...]:
    return (*_settled(day, year), *_overdue(day), *_due_soon(day), *_ongoing(day))


def _settled(day: Callable[[int], date], year: int) -> tuple[DemoTask, ...]:
    """Done on time, done late, cancelled."""
    return (
        DemoTask(f"Quán triệt Kế hoạch cải cách hành chính năm {year} đến từng cán bộ, công "
                 "chức", A.DIRECTION, "kh-cchc", "nn.vanphong1", day(-48), due_on=day(-40),
                 outcome=Done(day(-42), "Đã quán triệt Kế hoạch tại hội nghị cán bộ, công chức "
                              "của UBND xã.")),
        DemoTask("Niêm yết công khai thủ tục hành chính tại Trung tâm Phục vụ hành chính công",
                 A.PROCEDURES, "qd-trung-tam", "nn.phucvu1", day(-29), due_on=day(-15),
                 outcome=Done(day(-17), "Đã niêm yết đủ thủ tục hành chính thuộc thẩm quyền "
                              "của UBND xã, kèm mã QR tra cứu.")),
        DemoTask("Ban hành Quy chế chi tiêu nội bộ sau sắp xếp tổ chức bộ máy", A.PUBLIC_FINANCE,
                 "kh-cchc", "nn.kinhte1", day(-45), coordinators=("nn.vanphong2",),
                 due_on=day(-20), outcome=Done(day(-21), "Đã tham mưu ban hành Quy chế chi "
                                               "tiêu nội bộ của UBND xã.")),
        DemoTask("Sắp xếp, số hóa hồ sơ cán bộ, công chức sau sắp xếp đơn vị hành chính",
                 A.CIVIL_SERVICE, "kh-cchc", "nn.vanphong2", day(-45), due_on=day(-25),
                 outcome=Done(day(-19), "Đã số hóa 46/46 hồ sơ cán bộ, công chức.")),
        DemoTask("Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực",
                 A.DIGITAL_GOVERNMENT, "qd-trung-tam", "nn.phucvu2", day(-28), due_on=day(-10),
                 outcome=Done(day(-4), "Đã số hóa 1.215 kết quả giải quyết thủ tục hành "
                              "chính.")),
        DemoTask("Mua sắm máy lấy số tự động cho Trung tâm Phục vụ hành chính công",
                 A.DIGITAL_GOVERNMENT, "qd-trung-tam", "nn.kinhte1", day(-29), due_on=day(-5),
                 outcome=Cancelled(day(-9), "Tạm dừng: tỉnh trang bị thống nhất cho các "
                                   "Trung tâm.")),
    )


def _overdue(day: Callable[[int], date]) -> tuple[DemoTask, ...]:
    return (
        DemoTask("Cập nhật quy trình nội bộ giải quyết thủ tục hành chính trên Hệ thống thông "
                 "tin giải quyết thủ tục hành chính của tỉnh", A.PROCEDURES, "qd-trung-tam",
                 "nn.phucvu1", day(-28), coordinators=("nn.phucvu2",), due_on=day(-4),
                 outcome=InProgress(60, "Đã cập nhật 38/64 quy trình.", day(-2))),
        DemoTask("Kiện toàn Tổ công nghệ số cộng đồng ở các thôn", A.DIGITAL_GOVERNMENT,
                 "kh-cchc", "nn.vanhoa1", day(-40), followers=("nn.phochutich",),
                 due_on=day(-12), outcome=InProgress(50, "Còn 03 thôn chưa kiện toàn.", day(-8))),
        DemoTask("Rà soát, thống kê tài sản công của các xã cũ bàn giao", A.PUBLIC_FINANCE,
                 "kh-cchc", "nn.kinhte2", day(-40), coordinators=("nn.kinhte1",),
                 due_on=day(-2), outcome=ExtensionAsked(day(8), "Chờ biên bản bàn giao tài sản "
                                                        "của 01 xã cũ.")),
    )


def _due_soon(day: Callable[[int], date]) -> tuple[DemoTask, ...]:
    """Due today, in the coming days, and a monthly series."""
    return (
        DemoTask("Tổng hợp số liệu hồ sơ thủ tục hành chính cho báo cáo cải cách hành chính",
                 A.PROCEDURES, "kh-cchc", "nn.vanphong2", day(-20), coordinators=("nn.phucvu2",),
                 due_on=day(0), outcome=InProgress(80, "Còn số liệu của lĩnh vực đất đai.",
                                                   day(-1))),
        DemoTask("Tuyên truyền cải cách hành chính trên trang thông tin điện tử và hệ thống "
                 "truyền thanh xã", A.DIRECTION, "kh-cchc", "nn.vanhoa2", day(-30),
                 due_on=day(2), outcome=InProgress(30, "Đã đăng 02 tin bài.", day(-3))),
        DemoTask("Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền của UBND xã",
                 A.PROCEDURES, "kh-cchc", "nn.kinhte2", day(-30), coordinators=("nn.phucvu1",),
                 due_on=day(4)),
        DemoTask("Phân định rõ chức năng, nhiệm vụ của các phòng chuyên môn theo Nghị định "
                 "150/2025/NĐ-CP", A.ORGANISATION, "nd-150-2025", "nn.vanphong1", day(-35),
                 coordinators=("nn.kinhte1", "nn.vanhoa1"), due_on=day(15),
                 assigned_by="nn.phochutich"),
        # A monthly deliverable: its next occurrence comes when this one is done or past due.
        DemoTask("Báo cáo tình hình giải quyết thủ tục hành chính hằng tháng", A.PROCEDURES,
                 "qd-trung-tam", "nn.phucvu1", day(-10), coordinators=("nn.vanphong2",),
                 due_on=day(6), recurrence=Recurrence.MONTHLY),
    )


def _ongoing(day: Callable[[int], date]) -> tuple[DemoTask, ...]:
    """No due date: "thường xuyên"."""
    return (
        DemoTask("Tiếp nhận, giải quyết và trả kết quả thủ tục hành chính đúng hạn tại Trung tâm "
                 "Phục vụ hành chính công", A.PROCEDURES, "qd-trung-tam", "nn.phucvu2", day(-29)),
        DemoTask("Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính", A.CIVIL_SERVICE,
                 "kh-cchc", "nn.phochutich", day(-48), coordinators=("nn.vanphong1",)),
    )
