"""Word lists for synthetic units: invented Vietnamese names and places, and the phrasing
of commune plans, decisions, tasks and results. Every name is made up from common parts;
none is meant to be a real person or commune."""

from tracker.core.reform_areas import ReformArea
from tracker.core.roles import Role
from tracker.demo.data import OFFICE
from tracker.documents.types import DocumentType

A = ReformArea
T = DocumentType

# Family names with rough weights (Nguyễn is about a third of the country).
FAMILY_NAMES = (
    ("Nguyễn", 30), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Huỳnh", 5), ("Hoàng", 4),
    ("Phan", 4), ("Vũ", 3), ("Võ", 4), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2),
    ("Ngô", 2), ("Dương", 1), ("Lý", 1), ("Trương", 1), ("Đinh", 1), ("Lương", 1),
    ("Mai", 1), ("Châu", 1), ("Đoàn", 1), ("Cao", 1), ("Lâm", 1), ("Tạ", 1),
)
MIDDLE_NAMES = {
    "male": ("Văn", "Văn", "Văn", "Đức", "Minh", "Quốc", "Hữu", "Thành", "Công", "Ngọc"),
    "female": ("Thị", "Thị", "Thị", "Thị Thu", "Thị Kim", "Thị Mỹ", "Thị Bích", "Ngọc",
               "Thanh", "Thị Hồng"),
}
GIVEN_NAMES = {
    "male": ("Hùng", "Dũng", "Tuấn", "Nam", "Long", "Phúc", "Tâm", "Thắng", "Khoa", "Tín",
             "Hải", "Sơn", "Bình", "Trung", "Hiếu", "Quang", "Thịnh", "Vinh", "Đức", "Toàn",
             "Cường", "Lộc", "Tài", "Nhân", "Hòa"),
    "female": ("Hà", "Linh", "Oanh", "Ánh", "Thủy", "Ngọc", "Nhung", "Lan", "Hương", "Mai",
               "Trang", "Hằng", "Yến", "Thảo", "Vân", "Phương", "Diễm", "Hạnh", "Loan", "Nga",
               "Tuyết", "Dung", "Quyên", "Hiền", "Xuân"),
}

# Place names are two of these: "Tịnh Phong", "An Hòa" … (pairs that sound like communes).
PLACE_SYLLABLES = (
    "An", "Bình", "Phú", "Hòa", "Tân", "Thạnh", "Long", "Phước", "Đức", "Hưng", "Thuận", "Mỹ",
    "Lợi", "Xuân", "Sơn", "Hải", "Trung", "Nghĩa", "Tịnh", "Phổ", "Hành", "Minh", "Quang",
    "Thanh", "Vĩnh", "Khánh", "Lộc", "Thọ", "Cát", "Tiên", "Phong", "Châu", "Hiệp", "Điền",
    "Lâm", "Kỳ", "Thắng", "Định", "Đông", "Tây",
)

# (username stem, how many, role, position, department): one commune's officials.
STAFF = (
    ("chutich", 1, Role.CHAIRMAN, "Chủ tịch UBND xã", None),
    ("phochutich", 2, Role.VICE_CHAIRMAN, "Phó Chủ tịch UBND xã", None),
    ("vanphong", 2, Role.OFFICER, f"Công chức {OFFICE}", OFFICE),
    ("tuphap", 2, Role.OFFICER, "Công chức Tư pháp - Hộ tịch", "Tư pháp - Hộ tịch"),
    ("vanhoa", 2, Role.OFFICER, "Công chức Văn hóa - Xã hội", "Văn hóa - Xã hội"),
    ("taichinh", 2, Role.OFFICER, "Công chức Tài chính - Kế toán", "Tài chính - Kế toán"),
    ("diachinh", 2, Role.OFFICER, "Công chức Địa chính - Xây dựng", "Địa chính - Xây dựng"),
    ("congan", 1, Role.OFFICER, "Trưởng Công an xã", "Công an xã"),
    ("quansu", 1, Role.OFFICER, "Chỉ huy trưởng Ban Chỉ huy quân sự xã",
     "Ban Chỉ huy quân sự xã"),
    ("quantri", 1, Role.ADMIN, "Quản trị hệ thống", None),
)

# Which departments usually lead the tasks of an area.
LEADING_DEPARTMENTS = {
    A.DIRECTION: (OFFICE,),
    A.INSTITUTIONS: ("Tư pháp - Hộ tịch",),
    A.PROCEDURES: ("Tư pháp - Hộ tịch", OFFICE, "Địa chính - Xây dựng"),
    A.ORGANISATION: (OFFICE, "Công an xã", "Ban Chỉ huy quân sự xã"),
    A.CIVIL_SERVICE: (OFFICE,),
    A.PUBLIC_FINANCE: ("Tài chính - Kế toán",),
    A.DIGITAL_GOVERNMENT: (OFFICE, "Văn hóa - Xã hội", "Công an xã"),
}

# The province's documents every commune receives: type, symbol, title, area.
# {province} is the province's place name, {year} the issue year.
PROVINCE_DOCUMENTS = (
    (T.QD, "QĐ-UBND", "Ban hành Kế hoạch cải cách hành chính tỉnh {province} năm {year}",
     A.DIRECTION),
    (T.KH, "KH-UBND", "Tuyên truyền cải cách hành chính tỉnh {province} năm {year}",
     A.DIRECTION),
    (T.QD, "QĐ-UBND", "Công bố danh mục thủ tục hành chính mới ban hành, sửa đổi, bổ sung "
     "thuộc thẩm quyền giải quyết của UBND cấp xã", A.PROCEDURES),
    (T.KH, "KH-UBND", "Chuyển đổi số tỉnh {province} năm {year}", A.DIGITAL_GOVERNMENT),
    (T.QD, "QĐ-UBND", "Giao số lượng cán bộ, công chức cấp xã năm {year}", A.ORGANISATION),
    (T.KH, "KH-UBND", "Kiểm tra công tác cải cách hành chính năm {year}", A.CIVIL_SERVICE),
)

# A commune's own plans and decisions: type, title, area. {place}: the commune's name.
COMMUNE_DOCUMENTS = (
    (T.KH, "Cải cách hành chính năm {year} trên địa bàn xã {place}", A.DIRECTION),
    (T.KH, "Tuyên truyền cải cách hành chính năm {year}", A.DIRECTION),
    (T.QD, "Ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm {year}", A.DIRECTION),
    (T.KH, "Kiểm tra, rà soát văn bản quy phạm pháp luật năm {year}", A.INSTITUTIONS),
    (T.KH, "Phổ biến, giáo dục pháp luật và hòa giải ở cơ sở năm {year}", A.INSTITUTIONS),
    (T.KH, "Theo dõi tình hình thi hành pháp luật năm {year} trên địa bàn xã", A.INSTITUTIONS),
    (T.KH, "Rà soát, đánh giá thủ tục hành chính năm {year} trên địa bàn xã {place}",
     A.PROCEDURES),
    (T.QD, "Ban hành Kế hoạch hoạt động kiểm soát thủ tục hành chính năm {year}",
     A.PROCEDURES),
    (T.QD, "Kiện toàn Bộ phận Tiếp nhận và trả kết quả xã {place}", A.PROCEDURES),
    (T.KH, "Nâng cao Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan "
     "hành chính năm {year}", A.PROCEDURES),
    (T.QD, "Phân công nhiệm vụ các thành viên UBND xã {place}", A.ORGANISATION),
    (T.QD, "Ban hành Quy chế làm việc của UBND xã {place}", A.CIVIL_SERVICE),
    (T.QD, "Thành lập Tổ kiểm tra chấp hành kỷ luật, kỷ cương hành chính", A.CIVIL_SERVICE),
    (T.KH, "Đào tạo, bồi dưỡng cán bộ, công chức xã năm {year}", A.CIVIL_SERVICE),
    (T.QD, "Ban hành Quy chế chi tiêu nội bộ năm {year}", A.PUBLIC_FINANCE),
    (T.QD, "Ban hành Quy chế quản lý, sử dụng tài sản công", A.PUBLIC_FINANCE),
    (T.KH, "Chuyển đổi số xã {place} năm {year}", A.DIGITAL_GOVERNMENT),
    (T.KH, "Duy trì, cải tiến hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO "
     "9001:2015", A.DIGITAL_GOVERNMENT),
    (T.KH, "Triển khai Đề án 06 về ứng dụng dữ liệu dân cư, định danh và xác thực điện tử "
     "năm {year}", A.DIGITAL_GOVERNMENT),
)
SYMBOLS = {T.KH: "KH-UBND", T.QD: "QĐ-UBND"}

# What a task asks for, per area. {field}: a field of procedures, {hamlet}: a hamlet,
# {period}: the quarter the task falls in ("quý II/2025").
TASK_TITLES = {
    A.DIRECTION: (
        "Xây dựng kế hoạch cải cách hành chính {period}",
        "Quán triệt kế hoạch cải cách hành chính đến từng cán bộ, công chức",
        "Tuyên truyền cải cách hành chính tại {hamlet}",
        "Tổng hợp báo cáo kết quả cải cách hành chính {period}",
        "Kiểm tra công tác cải cách hành chính tại Bộ phận Một cửa {period}",
        "Khắc phục hạn chế trong đánh giá Chỉ số cải cách hành chính",
    ),
    A.INSTITUTIONS: (
        "Kiểm tra, rà soát văn bản quy phạm pháp luật {period}",
        "Tuyên truyền, phổ biến pháp luật về {field} tại {hamlet}",
        "Lấy ý kiến nhân dân vào dự thảo văn bản pháp luật về {field}",
        "Theo dõi thi hành pháp luật trong lĩnh vực {field}",
        "Củng cố tổ hòa giải ở cơ sở tại {hamlet}",
    ),
    A.PROCEDURES: (
        "Niêm yết công khai thủ tục hành chính lĩnh vực {field} tại Bộ phận Một cửa",
        "Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực {field}",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính lĩnh vực {field}",
        "Giải quyết hồ sơ {field} đúng hạn, không để tồn đọng {period}",
        "Khảo sát mức độ hài lòng của người dân về thủ tục lĩnh vực {field}",
        "Cập nhật kế hoạch kiểm soát thủ tục hành chính {period}",
    ),
    A.ORGANISATION: (
        "Rà soát vị trí việc làm của cán bộ, công chức xã",
        "Kiện toàn các ban chỉ đạo, tổ công tác của UBND xã",
        "Sắp xếp người hoạt động không chuyên trách tại {hamlet}",
        "Kiện toàn lực lượng dân quân tại {hamlet}",
    ),
    A.CIVIL_SERVICE: (
        "Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính {period}",
        "Cử cán bộ, công chức tham gia bồi dưỡng nghiệp vụ {field}",
        "Đánh giá, xếp loại chất lượng cán bộ, công chức {period}",
        "Xây dựng kế hoạch đào tạo, bồi dưỡng cán bộ, công chức",
    ),
    A.PUBLIC_FINANCE: (
        "Công khai dự toán, quyết toán ngân sách xã {period}",
        "Rà soát, cập nhật Quy chế chi tiêu nội bộ",
        "Kiểm kê tài sản công tại trụ sở UBND xã",
        "Thu ngân sách trên địa bàn {hamlet} {period}",
    ),
    A.DIGITAL_GOVERNMENT: (
        "Sử dụng chữ ký số trong gửi, nhận văn bản điện tử {period}",
        "Hướng dẫn người dân nộp hồ sơ {field} trực tuyến",
        "Cập nhật dữ liệu dân cư phục vụ Đề án 06 tại {hamlet}",
        "Duy trì hệ thống quản lý chất lượng TCVN ISO 9001:2015 {period}",
        "Vận hành Trang thông tin điện tử của xã",
        "Triển khai kế hoạch chuyển đổi số tại {hamlet}",
    ),
}
FIELDS = (
    "hộ tịch", "chứng thực", "đất đai", "xây dựng", "người có công", "bảo trợ xã hội",
    "đăng ký kinh doanh", "nuôi con nuôi", "môi trường", "thi đua, khen thưởng",
)
HAMLETS = (
    *(f"thôn {n}" for n in range(1, 9)),
    "thôn Đông", "thôn Tây", "thôn Trung", "thôn An Lộc", "thôn Phước Hòa", "thôn Tân Mỹ",
)

RESULTS = (
    "Đã hoàn thành đúng nội dung kế hoạch; kết quả được tổng hợp vào báo cáo định kỳ.",
    "Đã triển khai đến {hamlet}; nhân dân đồng tình, không có ý kiến phản ánh.",
    "Đã thực hiện xong; không phát sinh hồ sơ trễ hạn trong kỳ.",
    "Đã tổ chức thực hiện, lập biên bản và báo cáo UBND xã.",
    "Hoàn thành; đã cập nhật kết quả lên hệ thống thông tin giải quyết thủ tục hành chính.",
    "Đã thực hiện; còn một số hạn chế được đưa vào kế hoạch kỳ sau.",
)
PROGRESS_NOTES = (
    "Đang triển khai theo kế hoạch.",
    "Đã xây dựng dự thảo, đang lấy ý kiến các bộ phận.",
    "Đang phối hợp với các thôn thực hiện.",
    "Đã thực hiện một phần, chờ hướng dẫn của cấp trên.",
    "Đang tổng hợp số liệu.",
)
CANCEL_REASONS = (
    "Cấp trên điều chỉnh kế hoạch, nhiệm vụ không còn phù hợp.",
    "Nhiệm vụ được lồng ghép vào kế hoạch khác.",
    "Tạm dừng chờ hướng dẫn của tỉnh sau sắp xếp đơn vị hành chính.",
    "Không bố trí được kinh phí trong năm.",
)
