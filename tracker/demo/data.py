"""What the demo's 2023 unit holds: UBND xã Phổ Phong as its Q1 2023 CCHC report
describes it, on 15/03/2023, the day the office sits down to write that report.

The units, the twelve positions, the documents and the work are the report's; the
officials' names are invented. Dates the report does not give (a few of the
province's decisions on administrative procedures, Nghị quyết 20/2020/NQ-HĐND, the
deadlines of the work planned for Quý II) are plausible stand-ins. Whenever the demo
is loaded, this unit lives in 2023: nothing in it happens after 14/03/2023, and the
open work is due in Quý II 2023 (15/03 – 14/06), as the report's section IV plans it.
The live work of today is the present-day commune's (tracker.demo.present_day).
"""

from dataclasses import dataclass
from datetime import date

from tracker.core.reform_areas import ReformArea
from tracker.core.roles import Role
from tracker.documents.types import DocumentType
from tracker.org.presets import Preset, department_names
from tracker.tasks.models import Recurrence

PROVINCE = "UBND tỉnh Quảng Ngãi"
DISTRICT = "UBND thị xã Đức Phổ"
COMMUNE = "UBND xã Phổ Phong"
GOVERNMENT = "Chính phủ"
PROVINCIAL_COUNCIL = "HĐND tỉnh Quảng Ngãi"
PROVINCIAL_PARTY_STANDING = "Ban Thường vụ Tỉnh ủy Quảng Ngãi"

COMMUNE_CODE = "pho-phong"
EMAIL_DOMAIN = "phophong.example"  # reserved: demo e-mails can never reach anyone


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    place_name: str
    level: str
    parent_code: str | None = None


UNITS = (
    DemoUnit("quang-ngai", PROVINCE, "Quảng Ngãi", "province"),
    DemoUnit("duc-pho", DISTRICT, "Đức Phổ", "district", "quang-ngai"),
    DemoUnit(COMMUNE_CODE, COMMUNE, "Phổ Phong", "commune", "duc-pho"),
)

# The seed's civil-servant titles are the 2023 preset's, its office ("Văn phòng - Thống kê") first.
DEPARTMENTS = department_names(Preset.COMMUNE_2023)
OFFICE = DEPARTMENTS[0]


@dataclass(frozen=True)
class DemoOfficial:
    username: str
    full_name: str
    position: str
    role: Role
    department: str | None = None
    unit_code: str | None = None  # a unit other than the commune's (a viewer above it)


OFFICIALS = (
    DemoOfficial("chutich", "Nguyễn Văn Hùng", "Chủ tịch UBND xã", Role.CHAIRMAN),
    DemoOfficial("phochutich", "Trần Thị Thu Hà", "Phó Chủ tịch UBND xã", Role.VICE_CHAIRMAN),
    DemoOfficial("vanphong1", "Lê Thị Mỹ Linh", "Công chức Văn phòng - Thống kê",
                 Role.OFFICER, OFFICE),
    DemoOfficial("vanphong2", "Phạm Văn Đức", "Công chức Văn phòng - Thống kê",
                 Role.OFFICER, OFFICE),
    DemoOfficial("tuphap1", "Võ Thị Kim Oanh", "Công chức Tư pháp - Hộ tịch",
                 Role.OFFICER, "Tư pháp - Hộ tịch"),
    DemoOfficial("tuphap2", "Huỳnh Văn Tâm", "Công chức Tư pháp - Hộ tịch",
                 Role.OFFICER, "Tư pháp - Hộ tịch"),
    DemoOfficial("vanhoa1", "Đặng Thị Ngọc Ánh", "Công chức Văn hóa - Xã hội",
                 Role.OFFICER, "Văn hóa - Xã hội"),
    DemoOfficial("vanhoa2", "Bùi Văn Phúc", "Công chức Văn hóa - Xã hội",
                 Role.OFFICER, "Văn hóa - Xã hội"),
    DemoOfficial("taichinh1", "Ngô Thị Thanh Thủy", "Công chức Tài chính - Kế toán",
                 Role.OFFICER, "Tài chính - Kế toán"),
    DemoOfficial("taichinh2", "Đỗ Văn Long", "Công chức Tài chính - Kế toán",
                 Role.OFFICER, "Tài chính - Kế toán"),
    DemoOfficial("diachinh1", "Phan Văn Nam", "Công chức Địa chính - Xây dựng",
                 Role.OFFICER, "Địa chính - Xây dựng"),
    DemoOfficial("diachinh2", "Trương Thị Bích Ngọc", "Công chức Địa chính - Xây dựng",
                 Role.OFFICER, "Địa chính - Xây dựng"),
    DemoOfficial("congan", "Lương Văn Thắng", "Trưởng Công an xã", Role.OFFICER, "Công an xã"),
    DemoOfficial("quansu", "Đinh Văn Khoa", "Chỉ huy trưởng Ban Chỉ huy quân sự xã",
                 Role.OFFICER, "Ban Chỉ huy quân sự xã"),
    DemoOfficial("quantri", "Mai Văn Tín", "Quản trị hệ thống", Role.ADMIN),
    DemoOfficial("noivu.ducpho", "Châu Thị Hồng Nhung",
                 "Chuyên viên Phòng Nội vụ thị xã Đức Phổ", Role.VIEWER, unit_code="duc-pho"),
)


@dataclass(frozen=True)
class DemoDocument:
    key: str
    doc_type: DocumentType
    number: int
    symbol: str
    issuer: str
    issued_on: date
    title: str
    reform_area: ReformArea
    implements: str | None = None


A = ReformArea
T = DocumentType

# In the order a document must be registered: what another implements comes first.
DOCUMENTS = (
    # Higher levels.
    DemoDocument("nd-59-2012", T.ND, 59, "2012/NĐ-CP", GOVERNMENT, date(2012, 7, 23),
                 "Về theo dõi tình hình thi hành pháp luật", A.INSTITUTIONS),
    DemoDocument("ct-31-tu", T.CT, 31, "CT/TU", PROVINCIAL_PARTY_STANDING, date(2014, 6, 13),
                 "Về chủ trương không uống rượu, bia vào buổi trưa các ngày làm việc",
                 A.CIVIL_SERVICE),
    DemoDocument("nd-16-2015", T.ND, 16, "2015/NĐ-CP", GOVERNMENT, date(2015, 2, 14),
                 "Quy định cơ chế tự chủ của đơn vị sự nghiệp công lập", A.PUBLIC_FINANCE),
    DemoDocument("qd-2040-2018", T.QD, 2040, "QĐ-UBND", PROVINCE, date(2018, 11, 16),
                 "Quy định thủ tục hành chính tiếp nhận giải quyết và không tiếp nhận giải "
                 "quyết tại Bộ phận Một cửa ở cấp xã", A.PROCEDURES),
    DemoDocument("nq-17-2019", T.NQ, 17, "NQ-CP", GOVERNMENT, date(2019, 3, 7),
                 "Về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai "
                 "đoạn 2019 - 2020, định hướng đến năm 2025", A.DIGITAL_GOVERNMENT),
    DemoDocument("kh-61-2019", T.KH, 61, "KH-UBND", PROVINCE, date(2019, 4, 10),
                 "Thực hiện Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ về phát triển "
                 "Chính phủ điện tử giai đoạn 2019 - 2020, định hướng đến năm 2025",
                 A.DIGITAL_GOVERNMENT, implements="nq-17-2019"),
    DemoDocument("nq-20-2020", T.NQ, 20, "2020/NQ-HĐND", PROVINCIAL_COUNCIL, date(2020, 7, 17),
                 "Quy định chức danh, số lượng, chế độ đối với người hoạt động không chuyên "
                 "trách ở cấp xã, ở thôn, tổ dân phố", A.ORGANISATION),
    DemoDocument("kh-2665-2020", T.KH, 2665, "KH-UBND", DISTRICT, date(2020, 9, 18),
                 "Ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước thị xã "
                 "Đức Phổ giai đoạn 2021 - 2023, định hướng 2025", A.DIGITAL_GOVERNMENT),
    DemoDocument("nq-76-2021", T.NQ, 76, "NQ-CP", GOVERNMENT, date(2021, 7, 15),
                 "Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn "
                 "2021 - 2030", A.DIRECTION),
    DemoDocument("nq-16-2021", T.NQ, 16, "2021/NQ-HĐND", PROVINCIAL_COUNCIL, date(2021, 7, 21),
                 "Bố trí Công an bán chuyên trách ở thôn", A.ORGANISATION),
    DemoDocument("qd-768-2021", T.QD, 768, "QĐ-UBND", PROVINCE, date(2021, 8, 26),
                 "Ban hành Kế hoạch cải cách hành chính tỉnh Quảng Ngãi giai đoạn 2021 - 2025",
                 A.DIRECTION, implements="nq-76-2021"),
    DemoDocument("qd-48-2021", T.QD, 48, "2021/QĐ-UBND", PROVINCE, date(2021, 9, 22),
                 "Ban hành Quy định một số biện pháp chấn chỉnh kỷ luật, kỷ cương hành chính "
                 "trong đội ngũ cán bộ, công chức, viên chức của tỉnh Quảng Ngãi",
                 A.CIVIL_SERVICE),
    DemoDocument("qd-947-2021", T.QD, 947, "QĐ-UBND", PROVINCE, date(2021, 10, 11),
                 "Giao số lượng cán bộ, công chức cấp xã năm 2021", A.ORGANISATION),
    DemoDocument("qd-1285-2021", T.QD, 1285, "QĐ-UBND", PROVINCE, date(2021, 11, 5),
                 "Công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của UBND "
                 "cấp xã", A.PROCEDURES),
    DemoDocument("qd-1744-2022", T.QD, 1744, "QĐ-UBND", PROVINCE, date(2022, 9, 12),
                 "Công bố danh mục thủ tục hành chính được sửa đổi, bổ sung thuộc thẩm quyền "
                 "giải quyết của UBND cấp xã", A.PROCEDURES),
    DemoDocument("qd-1878-2022", T.QD, 1878, "QĐ-UBND", PROVINCE, date(2022, 10, 3),
                 "Công bố danh mục thủ tục hành chính mới ban hành thuộc thẩm quyền giải "
                 "quyết của UBND cấp xã", A.PROCEDURES),
    DemoDocument("qd-2552-2022", T.QD, 2552, "QĐ-UBND", PROVINCE, date(2022, 12, 9),
                 "Công bố danh mục thủ tục hành chính bị bãi bỏ thuộc thẩm quyền giải quyết "
                 "của UBND cấp xã", A.PROCEDURES),
    # The commune's own, before Q1 2023.
    DemoDocument("qd-541-2021", T.QD, 541, "QĐ-UBND", COMMUNE, date(2021, 10, 13),
                 "Ban hành Quy chế làm việc của UBND xã Phổ Phong nhiệm kỳ 2021 - 2026",
                 A.CIVIL_SERVICE),
    DemoDocument("qd-655-2021", T.QD, 655, "QĐ-UBND", COMMUNE, date(2021, 12, 22),
                 "Thành lập Tổ kiểm tra chấp hành kỷ luật, kỷ cương hành chính",
                 A.CIVIL_SERVICE, implements="qd-48-2021"),
    DemoDocument("qd-1147-2022", T.QD, 1147, "QĐ-UBND", COMMUNE, date(2022, 12, 26),
                 "Kiện toàn Bộ phận Tiếp nhận và trả kết quả tại Ủy ban nhân dân xã Phổ Phong",
                 A.PROCEDURES, implements="qd-2040-2018"),
    # The report prints "năm 2022" for a plan issued on 30/12/2022 that the rest of the
    # report calls the 2023 plan; the registry keeps what the plan is about.
    DemoDocument("qd-1152-2022", T.QD, 1152, "QĐ-UBND", COMMUNE, date(2022, 12, 30),
                 "Ban hành Kế hoạch cải cách hành chính xã Phổ Phong năm 2023", A.DIRECTION,
                 implements="qd-768-2021"),
    # The commune's own, in Q1 2023.
    DemoDocument("qd-04-2023", T.QD, 4, "QĐ-UBND", COMMUNE, date(2023, 1, 5),
                 "Ban hành mục tiêu chất lượng năm 2023 áp dụng tại UBND xã Phổ Phong",
                 A.DIGITAL_GOVERNMENT, implements="qd-1152-2022"),
    DemoDocument("kh-04-2023", T.KH, 4, "KH-UBND", COMMUNE, date(2023, 1, 6),
                 "Duy trì và cải tiến hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO "
                 "9001:2015 tại UBND xã Phổ Phong", A.DIGITAL_GOVERNMENT,
                 implements="qd-04-2023"),
    DemoDocument("kh-12-2023", T.KH, 12, "KH-UBND", COMMUNE, date(2023, 2, 1),
                 "Triển khai công tác phổ biến, giáo dục pháp luật, hòa giải ở cơ sở và nhiệm "
                 "vụ xây dựng xã đạt chuẩn tiếp cận pháp luật năm 2023", A.INSTITUTIONS),
    DemoDocument("kh-13-2023", T.KH, 13, "KH-UBND", COMMUNE, date(2023, 2, 1),
                 "Kiểm tra, rà soát văn bản quy phạm pháp luật năm 2023", A.INSTITUTIONS),
    DemoDocument("kh-14-2023", T.KH, 14, "KH-UBND", COMMUNE, date(2023, 2, 1),
                 "Triển khai công tác thi hành pháp luật về xử lý vi phạm hành chính năm 2023 "
                 "trên địa bàn xã Phổ Phong", A.INSTITUTIONS),
    DemoDocument("kh-16-2023", T.KH, 16, "KH-UBND", COMMUNE, date(2023, 2, 1),
                 "Theo dõi thi hành pháp luật trong lĩnh vực trọng tâm liên ngành năm 2023 "
                 "trên địa bàn xã", A.INSTITUTIONS, implements="nd-59-2012"),
    DemoDocument("qd-13-2023", T.QD, 13, "QĐ-UBND", COMMUNE, date(2023, 2, 10),
                 "Ban hành Quy chế chi tiêu nội bộ của cơ quan Ủy ban nhân dân xã Phổ Phong",
                 A.PUBLIC_FINANCE, implements="qd-1152-2022"),
    DemoDocument("qd-14-2023", T.QD, 14, "QĐ-UBND", COMMUNE, date(2023, 2, 10),
                 "Ban hành Quy chế quản lý, sử dụng tài sản công trong cơ quan Ủy ban nhân dân "
                 "xã Phổ Phong", A.PUBLIC_FINANCE, implements="qd-1152-2022"),
    DemoDocument("kh-24-2023", T.KH, 24, "KH-UBND", COMMUNE, date(2023, 3, 3),
                 "Tuyên truyền cải cách hành chính năm 2023 trên địa bàn xã Phổ Phong",
                 A.DIRECTION, implements="qd-1152-2022"),
    DemoDocument("kh-27-2023", T.KH, 27, "KH-UBND", COMMUNE, date(2023, 3, 6),
                 "Rà soát, đánh giá thủ tục hành chính năm 2023 trên địa bàn xã Phổ Phong",
                 A.PROCEDURES, implements="qd-1152-2022"),
    DemoDocument("qd-35-2023", T.QD, 35, "QĐ-UBND", COMMUNE, date(2023, 3, 7),
                 "Ban hành Kế hoạch hoạt động kiểm soát thủ tục hành chính năm 2023 trên địa "
                 "bàn xã Phổ Phong", A.PROCEDURES, implements="qd-1152-2022"),
    DemoDocument("kh-28-2023", T.KH, 28, "KH-UBND", COMMUNE, date(2023, 3, 7),
                 "Truyền thông về hoạt động kiểm soát thủ tục hành chính năm 2023",
                 A.PROCEDURES),
    DemoDocument("kh-30-2023", T.KH, 30, "KH-UBND", COMMUNE, date(2023, 3, 8),
                 "Khắc phục những hạn chế trong thực hiện cải cách hành chính năm 2022",
                 A.DIRECTION, implements="qd-1152-2022"),
)


@dataclass(frozen=True)
class Done:
    completed_on: date
    result: str


@dataclass(frozen=True)
class InProgress:
    percent: int
    note: str
    written_on: date


@dataclass(frozen=True)
class Cancelled:
    cancelled_on: date
    reason: str


@dataclass(frozen=True)
class ExtensionAsked:
    """The lead asks, on the load day, for the due date to move to `proposed_due`; the
    request waits for the chairman."""

    proposed_due: date
    reason: str


@dataclass(frozen=True)
class DemoTask:
    """A task; no `due_on` makes it ongoing ("thường xuyên")."""

    title: str
    reform_area: ReformArea
    document: str | None
    lead: str
    assigned_on: date
    coordinators: tuple[str, ...] = ()
    due_on: date | None = None
    outcome: Done | InProgress | Cancelled | ExtensionAsked | None = None
    assigned_by: str | None = None  # None: the commune's chairman
    followers: tuple[str, ...] = ()
    recurrence: Recurrence | None = None


TASKS = (
    # Done on time in Q1 2023 (section II of the report).
    DemoTask("Quán triệt Kế hoạch cải cách hành chính năm 2023 đến từng cán bộ, công chức",
             A.DIRECTION, "qd-1152-2022", "vanphong1", date(2023, 1, 3),
             coordinators=("tuphap1",), due_on=date(2023, 1, 31),
             outcome=Done(date(2023, 1, 16),
                          "Đã quán triệt Kế hoạch cải cách hành chính năm 2023 đến từng cán bộ, "
                          "công chức tại cuộc họp giao ban tháng 01/2023.")),
    DemoTask("Tuyên truyền cải cách hành chính qua các cuộc họp tháng và họp triển khai nhiệm "
             "vụ trọng tâm quý", A.DIRECTION, "kh-24-2023", "vanhoa1", date(2023, 3, 3),
             due_on=date(2023, 3, 10),
             outcome=Done(date(2023, 3, 9),
                          "Đã tuyên truyền cải cách hành chính trong đội ngũ cán bộ, công chức và "
                          "người hoạt động không chuyên trách ở xã và thôn qua các cuộc họp "
                          "tháng; nội dung tập trung vào bộ thủ tục hành chính cấp xã và Kế "
                          "hoạch cải cách hành chính năm 2023 của xã.")),
    DemoTask("Tuyên truyền Luật Nghĩa vụ quân sự trên hệ thống Đài truyền thanh xã",
             A.INSTITUTIONS, "kh-12-2023", "tuphap1", date(2023, 2, 2),
             coordinators=("quansu", "vanhoa2"), due_on=date(2023, 2, 28),
             outcome=Done(date(2023, 2, 20),
                          "Đã phát tin tuyên truyền Luật Nghĩa vụ quân sự trên hệ thống Đài "
                          "truyền thanh xã.")),
    DemoTask("Phối hợp UBMTTQVN xã lấy ý kiến nhân dân vào Dự thảo Luật Đất đai (sửa đổi)",
             A.INSTITUTIONS, "kh-12-2023", "tuphap2", date(2023, 2, 2),
             coordinators=("diachinh1",), due_on=date(2023, 3, 10),
             outcome=Done(date(2023, 3, 8),
                          "Đã phối hợp với UBMTTQVN xã lấy ý kiến vào Dự thảo Luật Đất đai sửa "
                          "đổi của cán bộ, công chức, người hoạt động không chuyên trách và nhân "
                          "dân 06 thôn trên địa bàn xã.")),
    DemoTask("Kiểm tra, rà soát văn bản quy phạm pháp luật Quý I năm 2023", A.INSTITUTIONS,
             "kh-13-2023", "tuphap1", date(2023, 2, 2), due_on=date(2023, 3, 14),
             outcome=Done(date(2023, 3, 13),
                          "Trong Quý I năm 2023 không có văn bản quy phạm pháp luật phải kiểm "
                          "tra, rà soát; không phát hiện văn bản trái pháp luật.")),
    DemoTask("Trang bị và bố trí Bộ phận Tiếp nhận và trả kết quả sau kiện toàn",
             A.PROCEDURES, "qd-1147-2022", "vanphong2", date(2022, 12, 27),
             coordinators=("taichinh1",), due_on=date(2023, 1, 13),
             outcome=Done(date(2023, 1, 10),
                          "Bộ phận Một cửa được trang bị 05 máy vi tính, 04 máy in, 01 máy scan "
                          "và camera theo dõi toàn bộ khu vực làm việc.")),
    DemoTask("Niêm yết công khai bộ thủ tục hành chính cấp xã tại Bộ phận Một cửa",
             A.PROCEDURES, "qd-2040-2018", "tuphap2", date(2023, 1, 3),
             due_on=date(2023, 2, 15),
             outcome=Done(date(2023, 2, 14),
                          "Các thủ tục hành chính thuộc thẩm quyền của UBND xã được niêm yết "
                          "công khai tại Bộ phận Một cửa theo đúng quy định.")),
    DemoTask("Tham mưu ban hành Quy chế chi tiêu nội bộ và Quy chế quản lý, sử dụng tài sản "
             "công năm 2023", A.PUBLIC_FINANCE, "qd-1152-2022", "taichinh1", date(2023, 1, 3),
             coordinators=("taichinh2",), due_on=date(2023, 2, 15),
             outcome=Done(date(2023, 2, 10),
                          "Đã tham mưu UBND xã ban hành Quyết định số 13/QĐ-UBND và Quyết định "
                          "số 14/QĐ-UBND ngày 10/02/2023.")),
    DemoTask("Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính Quý I năm 2023",
             A.CIVIL_SERVICE, "qd-655-2021", "vanphong1", date(2023, 1, 3),
             coordinators=("congan",), due_on=date(2023, 3, 14),
             outcome=Done(date(2023, 3, 13),
                          "Cán bộ, công chức chấp hành nghiêm nội quy, quy chế, giờ giấc làm "
                          "việc; chưa phát hiện dấu hiệu vi phạm kỷ luật, kỷ cương hành chính.")),
    DemoTask("Cử cán bộ, công chức tham gia tập huấn, bồi dưỡng chuyên môn, nghiệp vụ",
             A.CIVIL_SERVICE, "qd-1152-2022", "vanphong2", date(2023, 1, 3),
             due_on=date(2023, 3, 14),
             outcome=Done(date(2023, 3, 3),
                          "Đã cử 02 lượt cán bộ, công chức tham gia tập huấn, bồi dưỡng chuyên "
                          "môn, nghiệp vụ do các cấp tổ chức.")),
    # Done late in Q1 2023.
    DemoTask("Xây dựng mục tiêu chất lượng năm 2023 theo TCVN ISO 9001:2015",
             A.DIGITAL_GOVERNMENT, "qd-1152-2022", "vanphong1", date(2022, 12, 30),
             due_on=date(2023, 1, 4),
             outcome=Done(date(2023, 1, 5),
                          "Đã tham mưu ban hành Quyết định số 04/QĐ-UBND ngày 05/01/2023 về mục "
                          "tiêu chất lượng năm 2023.")),
    DemoTask("Báo cáo công tác thi hành pháp luật về xử lý vi phạm hành chính Quý I",
             A.INSTITUTIONS, "kh-14-2023", "congan", date(2023, 2, 2),
             coordinators=("tuphap1",), due_on=date(2023, 3, 6),
             outcome=Done(date(2023, 3, 10),
                          "Đã gửi báo cáo công tác thi hành pháp luật về xử lý vi phạm hành "
                          "chính Quý I năm 2023.")),
    DemoTask("Gửi, nhận văn bản điện tử tích hợp chữ ký số thay thế văn bản giấy",
             A.DIGITAL_GOVERNMENT, "kh-2665-2020", "vanphong2", date(2023, 1, 3),
             due_on=date(2023, 2, 28),
             outcome=Done(date(2023, 3, 7),
                          "Đã thực hiện đồng bộ việc gửi, nhận văn bản điện tử tích hợp chữ ký "
                          "số thay thế văn bản giấy; liên thông hệ thống báo cáo quốc gia với "
                          "hệ thống báo cáo cấp xã.")),
    # Open and on time (section IV of the report: the next quarter's work).
    DemoTask("Rà soát, đánh giá thủ tục hành chính năm 2023", A.PROCEDURES, "kh-27-2023",
             "tuphap1", date(2023, 3, 6), coordinators=("vanhoa1", "diachinh1"),
             due_on=date(2023, 4, 28),
             outcome=InProgress(40, "Đã rà soát xong nhóm thủ tục lĩnh vực hộ tịch.",
                                date(2023, 3, 13))),
    DemoTask("Truyền thông về hoạt động kiểm soát thủ tục hành chính trên Đài truyền thanh "
             "và trang thông tin điện tử xã", A.PROCEDURES, "kh-28-2023", "vanhoa2",
             date(2023, 3, 7), due_on=date(2023, 3, 31),
             outcome=InProgress(30, "Đã phát 02 bản tin trên Đài truyền thanh xã.",
                                date(2023, 3, 13))),
    DemoTask("Cập nhật, niêm yết thủ tục hành chính mới ban hành, sửa đổi, bổ sung, bãi bỏ và "
             "đăng tải trên trang thông tin điện tử xã", A.PROCEDURES, "qd-35-2023", "tuphap2",
             date(2023, 3, 7), coordinators=("vanphong2",), due_on=date(2023, 3, 31),
             outcome=InProgress(60, "Đã niêm yết danh mục theo Quyết định số 2552/QĐ-UBND.",
                                date(2023, 3, 13))),
    DemoTask("Sửa chữa, thay thế trang thiết bị và phần mềm bị lỗi phục vụ công tác cải cách "
             "hành chính", A.DIRECTION, "kh-30-2023", "vanphong2", date(2023, 3, 8),
             coordinators=("taichinh1",), due_on=date(2023, 5, 30),
             outcome=InProgress(20, "Đã lập danh mục thiết bị cần sửa chữa, thay thế.",
                                date(2023, 3, 13))),
    DemoTask("Theo dõi thi hành pháp luật trong lĩnh vực trọng tâm liên ngành", A.INSTITUTIONS,
             "kh-16-2023", "tuphap2", date(2023, 2, 2), coordinators=("congan",),
             due_on=date(2023, 5, 15)),
    DemoTask("Nghiên cứu sắp xếp tổ chức bộ máy, phân định rõ chức năng, nhiệm vụ của từng cán "
             "bộ, công chức", A.ORGANISATION, "qd-1152-2022", "vanphong1", date(2023, 1, 3),
             due_on=date(2023, 5, 31), assigned_by="phochutich"),
    DemoTask("Đánh giá nội bộ hệ thống quản lý chất lượng theo TCVN ISO 9001:2015",
             A.DIGITAL_GOVERNMENT, "kh-04-2023", "vanphong1", date(2023, 1, 9),
             coordinators=("vanphong2",), due_on=date(2023, 4, 14),
             outcome=InProgress(80, "Đã đánh giá xong 4/5 quy trình.", date(2023, 3, 13))),
    DemoTask("Đánh giá kết quả thực hiện thủ tục hành chính năm 2022; sơ kết, tổng kết công "
             "tác thủ tục hành chính", A.PROCEDURES, "qd-1152-2022", "tuphap1",
             date(2023, 1, 3), due_on=date(2023, 4, 20)),
    # Open and overdue.
    DemoTask("Tự kiểm tra, rà soát, hệ thống hóa văn bản quy phạm pháp luật tại địa phương",
             A.INSTITUTIONS, "kh-13-2023", "tuphap1", date(2023, 2, 2), due_on=date(2023, 3, 10),
             outcome=InProgress(70, "Còn chờ ý kiến của các ngành.", date(2023, 3, 7))),
    DemoTask("Kết nối hệ thống hội nghị truyền hình trực tuyến đến UBND xã",
             A.DIGITAL_GOVERNMENT, "kh-2665-2020", "vanphong2", date(2023, 1, 3),
             coordinators=("taichinh2",), followers=("phochutich",), due_on=date(2023, 2, 27),
             outcome=InProgress(50, "Đã lắp đặt thiết bị, chờ đường truyền.",
                                date(2023, 2, 22))),
    DemoTask("Rà soát, thống kê hồ sơ xử lý vi phạm hành chính trên địa bàn xã",
             A.INSTITUTIONS, "kh-14-2023", "congan", date(2023, 2, 2),
             coordinators=("tuphap2",), due_on=date(2023, 3, 14)),
    # One month's deliverable: a recurring series would go on assigning months after
    # 2023 here; the present-day commune has one.
    DemoTask("Báo cáo tình hình giải quyết thủ tục hành chính tháng 3 năm 2023", A.PROCEDURES,
             "qd-35-2023", "tuphap1", date(2023, 3, 7), coordinators=("vanphong1",),
             due_on=date(2023, 3, 24)),
    # Ongoing ("thường xuyên").
    DemoTask("Kiểm tra, giám sát cán bộ, công chức trong việc tiếp nhận và xử lý công việc của "
             "tổ chức, công dân", A.DIRECTION, "nq-76-2021", "phochutich", date(2023, 1, 3),
             coordinators=("vanphong1",)),
    DemoTask("Tiếp nhận, giải quyết và trả kết quả thủ tục hành chính đúng hạn theo cơ chế một "
             "cửa, một cửa liên thông", A.PROCEDURES, "qd-35-2023", "tuphap1", date(2023, 3, 7),
             coordinators=("diachinh2", "vanhoa1")),
    DemoTask("Thực hiện cơ chế tự chủ, tự chịu trách nhiệm về sử dụng biên chế và kinh phí",
             A.PUBLIC_FINANCE, "nd-16-2015", "taichinh2", date(2023, 1, 3)),
    DemoTask("Giải quyết thủ tục hành chính trên phần mềm chuyên ngành, ứng dụng công nghệ "
             "thông tin trong xử lý công việc", A.DIGITAL_GOVERNMENT, "kh-61-2019", "diachinh2",
             date(2023, 1, 3)),
    DemoTask("Không uống rượu, bia vào buổi trưa các ngày làm việc", A.CIVIL_SERVICE,
             "ct-31-tu", "vanphong1", date(2023, 1, 3), coordinators=("congan",)),
    DemoTask("Nâng cao trình độ cán bộ, công chức về quản lý nhà nước, pháp luật, tin học, ngoại "
             "ngữ", A.CIVIL_SERVICE, "qd-1152-2022", "vanphong2", date(2023, 1, 3)),
    DemoTask("Sắp xếp, bố trí Công an viên bán chuyên trách ở thôn", A.ORGANISATION,
             "nq-16-2021", "congan", date(2023, 1, 3)),
    # Cancelled.
    DemoTask("Mua sắm thêm máy scan cho Bộ phận Một cửa", A.DIGITAL_GOVERNMENT, "kh-2665-2020",
             "taichinh1", date(2023, 1, 3), due_on=date(2023, 3, 31),
             outcome=Cancelled(date(2023, 3, 9),
                               "Tạm dừng: chưa bố trí được kinh phí năm 2023; đưa vào kế hoạch "
                               "sửa chữa, thay thế trang thiết bị.")),
)


@dataclass(frozen=True)
class DemoCommune:
    """One commune of the demo and the history it is loaded with, every day a date."""

    units: tuple[DemoUnit, ...]  # the units to create, the commune last
    departments: tuple[str, ...]
    office: str  # the department that compiles the report
    officials: tuple[DemoOfficial, ...]
    documents: tuple[DemoDocument, ...]
    tasks: tuple[DemoTask, ...]
    setup_day: date  # the day it started keeping its registry here
    email_domain: str
    recipients: str = ""  # the report's Nơi nhận, a line each; empty: the unit's default

    @property
    def code(self) -> str:
        return self.units[-1].code

    @property
    def chairman(self) -> str:
        return next(o.username for o in self.officials if o.role is Role.CHAIRMAN)


PHO_PHONG_2023 = DemoCommune(
    units=UNITS, departments=DEPARTMENTS, office=OFFICE, officials=OFFICIALS,
    documents=DOCUMENTS, tasks=TASKS, setup_day=date(2022, 12, 1), email_domain=EMAIL_DOMAIN,
)
