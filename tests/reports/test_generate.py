"""The Q1 2023 report of the demo commune, generated from its documents and tasks."""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine

from tracker.core.actor import SYSTEM
from tracker.core.periods import ReportingPeriod
from tracker.reports.content import BlockKind
from tracker.reports.services import create_report, preview_content, report_content
from tracker.tasks.models import Task, TaskState
from tracker.tasks.services import create_task
from tracker.tasks.status import TaskClass, classify

# The commune's own documents dated 15/12/2022 – 14/03/2023, read off the seed report
# (and the registry): 541/QĐ-UBND (2021) and 655/QĐ-UBND (2021) are outside the period.
OWN_IN_Q1 = {
    "Quyết định số 1147/QĐ-UBND ngày 26/12/2022", "Quyết định số 1152/QĐ-UBND ngày 30/12/2022",
    "Quyết định số 04/QĐ-UBND ngày 05/01/2023", "Kế hoạch số 04/KH-UBND ngày 06/01/2023",
    "Kế hoạch số 12/KH-UBND ngày 01/02/2023", "Kế hoạch số 13/KH-UBND ngày 01/02/2023",
    "Kế hoạch số 14/KH-UBND ngày 01/02/2023", "Kế hoạch số 16/KH-UBND ngày 01/02/2023",
    "Quyết định số 13/QĐ-UBND ngày 10/02/2023", "Quyết định số 14/QĐ-UBND ngày 10/02/2023",
    "Kế hoạch số 24/KH-UBND ngày 03/3/2023", "Kế hoạch số 27/KH-UBND ngày 06/3/2023",
    "Quyết định số 35/QĐ-UBND ngày 07/3/2023", "Kế hoạch số 28/KH-UBND ngày 07/3/2023",
    "Kế hoạch số 30/KH-UBND ngày 08/3/2023",
}
CUTOFF = date(2023, 3, 14)
_CITATION = re.compile(r"^(\S+(?: \S+)?) số (\S+) ngày (\d\d/\d\d?/\d{4})")


@pytest.fixture
def content(commune, db_session):
    return report_content(create_report(db_session, SYSTEM, commune, "2023-Q1"))


def test_the_sections_follow_the_seed_report(content):
    assert content.kind_title == "BÁO CÁO"
    assert content.title == ("Công tác cải cách hành chính Quý I năm 2023 và phương hướng "
                             "nhiệm vụ Quý II năm 2023")
    assert [(s.number, s.title) for s in content.sections] == [
        ("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"),
        ("II", "KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"),
        ("III", "ĐÁNH GIÁ CHUNG"),
        ("IV", "NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN QUÝ II NĂM 2023"),
    ]
    results = content.sections[1].children
    assert [(s.number, s.title) for s in results] == [
        ("1", "Cải cách thể chế"), ("2", "Cải cách thủ tục hành chính"),
        ("3", "Cải cách tổ chức bộ máy"), ("4", "Cải cách chế độ công vụ"),
        ("5", "Cải cách tài chính công"),
        ("6", "Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
    ]
    assessment = content.sections[2].children
    assert [s.title for s in assessment] == ["Mặt tích cực", "Tồn tại, hạn chế"]
    assert content.closing.endswith("của UBND xã Phổ Phong./.")


def test_the_header_names_the_unit_alone_and_the_place(content):
    header = content.header
    # NĐ 30/2020: a UBND's documents carry its own name only, no superior body's line.
    assert header.parent_name is None
    assert header.unit_name == "ỦY BAN NHÂN DÂN XÃ PHỔ PHONG"
    assert header.national_name == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert header.motto == "Độc lập - Tự do - Hạnh phúc"
    assert re.fullmatch(r"Số: +/BC-UBND", header.number_line)
    # Undated until signed: the day is left blank, the month is the report's.
    assert re.fullmatch(r"Phổ Phong, ngày +tháng 3 năm 2023", header.place_date)
    assert content.signature.lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert content.signature.name == "Nguyễn Văn Hùng"
    assert content.recipients == ["- UBND thị xã Đức Phổ;", "- CT, PCT UBND xã Phổ Phong;",
                                  "- Lưu: VT."]


def test_the_superior_body_and_the_signers_title_follow_the_units_settings(commune,
                                                                          db_session):
    settings = commune.settings
    settings.show_superior_body, settings.signer_title = True, "CHỦ TỊCH UBND"
    settings.signature_authority = "TM. ỦY BAN NHÂN DÂN XÃ"
    content = preview_content(db_session, SYSTEM, commune, ReportingPeriod.parse("2023-Q1"))
    assert content.header.parent_name == "UBND THỊ XÃ ĐỨC PHỔ"
    assert content.signature.lines == ["TM. ỦY BAN NHÂN DÂN XÃ", "CHỦ TỊCH UBND"]


def test_section_one_lists_exactly_the_communes_own_documents_of_the_period(content):
    point = content.sections[0].children[0]
    cited = [b.text for b in point.blocks if b.kind is BlockKind.SUBBULLET]
    assert {_CITATION.match(text).group(0) for text in cited} == OWN_IN_Q1
    assert len(cited) == len(OWN_IN_Q1)
    # The period runs 15/12–14/3, not the calendar quarter: the text says which days.
    assert point.blocks[1].text.startswith(
        "Trong kỳ báo cáo (từ 15/12/2022 đến 14/3/2023), UBND xã Phổ Phong đã ban hành 15 văn "
        "bản")
    # A title with its own "về" is cited without a second one.
    assert ("Kế hoạch số 28/KH-UBND ngày 07/3/2023 truyền thông về hoạt động kiểm soát thủ tục "
            "hành chính năm 2023;") in cited
    assert cited[0] == ("Quyết định số 1147/QĐ-UBND ngày 26/12/2022 về kiện toàn Bộ phận Tiếp "
                        "nhận và trả kết quả tại Ủy ban nhân dân xã Phổ Phong;")
    assert cited[-1].endswith(".")
    # The higher levels' documents they implement come first, with their issuer.
    assert point.blocks[0].text.startswith("Triển khai thực hiện Nghị định số 59/2012/NĐ-CP "
                                           "ngày 23/7/2012 của Chính phủ về theo dõi")


def test_the_figures_match_a_count_by_hand(content):
    """The demo's tasks as they stood at the end of 14/03/2023, counted from
    tracker/demo/data.py: 10 done on time and 3 late in Q1; 9 open on time, plus the
    one due "-1 working day" from 15/03 (14/03, still on time at the cut-off) = 10;
    overdue 10/03 and 27/02 = 2; 7 ongoing; 1 cancelled on 09/03 (not counted)."""
    figures = content.sections[1].blocks
    assert [b.text for b in figures] == [
        "Tình hình thực hiện nhiệm vụ cải cách hành chính (số liệu đến ngày 14/3/2023):",
        "Tổng số nhiệm vụ: 32.",
        "Đã hoàn thành: 13 (đúng hạn: 10; quá hạn: 03).",
        "Chưa hoàn thành: 19 (trong hạn: 17, trong đó thường xuyên: 07; quá hạn: 02).",
        "Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: 86,7% (13/15).",
        "Nhiệm vụ đã hủy, tạm dừng: 01.",
    ]
    # Cải cách thủ tục hành chính: 2 done on time (10/01, 14/02), 4 on time, 2 ongoing.
    procedures = content.sections[1].children[1]
    assert procedures.blocks[0].text == (
        "Tổng số nhiệm vụ: 08; đã hoàn thành: 02 (đúng hạn: 02; quá hạn: 0); chưa hoàn thành: "
        "06 (trong hạn: 06; quá hạn: 0).")


def test_results_carry_the_completed_tasks_result_text(content):
    institutions = [b.text for b in content.sections[1].children[0].blocks]
    # The result alone: it says what was done, so the title is not repeated before it.
    assert ("Đã gửi báo cáo công tác thi hành pháp luật về xử lý vi phạm hành chính Quý I năm "
            "2023 (hoàn thành quá hạn).") in institutions
    # Open work with a note written in the period says how far it got.
    assert any(t.startswith("Tự kiểm tra, rà soát, hệ thống hóa văn bản quy phạm pháp luật tại "
                            "địa phương (đang thực hiện, đạt 70%)") for t in institutions)


def test_section_four_lists_every_open_task_once_under_its_area(content, commune, db_session):
    open_tasks = [t for t in db_session.query(Task).filter_by(unit_id=commune.id)
                  if classify(t, CUTOFF) in
                  (TaskClass.IN_PROGRESS, TaskClass.OVERDUE, TaskClass.ONGOING)]
    assert len(open_tasks) == 19
    tasks_point = content.sections[3].children[0]
    lines = {child.title: [b.text for b in child.blocks if b.kind is BlockKind.BULLET]
             for child in tasks_point.children}
    assert sum(len(v) for v in lines.values()) == 19
    for task in open_tasks:
        found = [(area, line) for area, texts in lines.items() for line in texts
                 if line.startswith(f"{task.title}")]
        assert len(found) == 1, task.title
        area, line = found[0]
        assert area == task.reform_area.label
        # Assigned by post, as a report assigns work, not by personal name.
        assert f"Chủ trì: {task.lead.position}" in line and task.lead.full_name not in line
    # Lettered a), b) … without a gap, in the areas' order.
    assert [c.number for c in tasks_point.children] == ["a)", "b)", "c)", "d)", "đ)", "e)", "g)"]


def test_section_four_groups_next_carried_and_later_work_as_directives(content):
    digital = [b.text for b in content.sections[3].children[0].children[-1].blocks]
    assert digital == [
        "Nhiệm vụ đến hạn trong Quý II năm 2023:",
        "Đánh giá nội bộ hệ thống quản lý chất lượng theo TCVN ISO 9001:2015, theo Kế hoạch "
        "số 04/KH-UBND ngày 06/01/2023. Chủ trì: Công chức Văn phòng - Thống kê. Thời hạn: "
        "14/4/2023.",
        "Nhiệm vụ chuyển tiếp, đã quá hạn, cần tập trung hoàn thành:",
        "Kết nối hệ thống hội nghị truyền hình trực tuyến đến UBND xã, theo Kế hoạch số "
        "2665/KH-UBND ngày 18/9/2020. Chủ trì: Công chức Văn phòng - Thống kê; phối hợp: Công "
        "chức Tài chính - Kế toán. Thời hạn: 27/02/2023 (đã quá hạn).",
        "Nhiệm vụ thực hiện sau Quý II năm 2023 và nhiệm vụ thường xuyên:",
        "Giải quyết thủ tục hành chính trên phần mềm chuyên ngành, ứng dụng công nghệ thông "
        "tin trong xử lý công việc, theo Kế hoạch số 61/KH-UBND ngày 10/4/2019. Chủ trì: Công "
        "chức Địa chính - Xây dựng. Thời hạn: thường xuyên.",
    ]


def test_section_four_writes_the_deadline_as_the_plan_did(commune, db_session, official):
    chairman, lead = official("chutich"), official("tuphap1")
    with time_machine.travel(datetime(2023, 3, 10, 9, tzinfo=UTC), tick=False):
        monthly, worded = _plan_deadlines(db_session, commune, chairman, lead)
    report = report_content(create_report(db_session, SYSTEM, commune, "2023-Q1"))
    point = next(s for s in report.walk() if s.key == "IV.1.procedures")
    lines = [b.text for b in point.blocks]
    assert any(line.startswith(monthly.title) and line.endswith("Thời hạn: hằng tháng.")
               for line in lines)
    assert any(line.startswith(worded.title) and line.endswith("Thời hạn: Quý II/2023.")
               for line in lines)


def _plan_deadlines(db_session, commune, chairman, lead):
    monthly = create_task(db_session, chairman, commune, title="Báo cáo tình hình giải quyết "
                          "thủ tục hành chính", lead=lead, reform_area="procedures",
                          due_date=date(2023, 4, 24), recurrence="monthly", announce=False)
    worded = create_task(db_session, chairman, commune, title="Tổ chức tập huấn nghiệp vụ một "
                         "cửa", lead=lead, reform_area="procedures", due_date=date(2023, 6, 14),
                         due_wording="Quý II/2023", announce=False)
    return monthly, worded


def test_shortcomings_are_offered_from_the_overdue_work(content):
    shortcomings = content.sections[2].children[1]
    assert shortcomings.blocks[0].text == "Còn 02 nhiệm vụ chưa hoàn thành đúng thời hạn:"


def test_a_preview_stores_nothing_and_says_the_same(commune, db_session, content):
    preview = preview_content(db_session, SYSTEM, commune, ReportingPeriod.parse("2023-Q1"))
    assert preview.to_dict() == content.to_dict()


def test_a_done_task_completed_before_the_period_is_left_out(commune, db_session):
    done_before = [t for t in db_session.query(Task).filter_by(unit_id=commune.id)
                   if t.state is TaskState.DONE]
    report = preview_content(db_session, SYSTEM, commune, ReportingPeriod.parse("2023-Q3"))
    # Q3 runs 15/06 – 14/09/2023: the Q1 results are history by then.
    assert done_before
    assert "Tổng số nhiệm vụ: 19." in [b.text for b in report.sections[1].blocks]


def test_section_two_lists_the_staff_post_by_post_as_the_seed_does(content):
    organisation = next(s for s in content.walk() if s.key == "II.organisation")
    lines = [b.text for b in organisation.blocks]
    # The seed's nine posts and their counts; the admin account is no post.
    assert lines[:10] == [
        "Cán bộ, công chức của UBND xã Phổ Phong hiện có mặt: 14 người, cụ thể như sau:",
        "Chủ tịch UBND xã: 01.", "Phó Chủ tịch UBND xã: 01.",
        "Công chức Văn phòng - Thống kê: 02.", "Công chức Tư pháp - Hộ tịch: 02.",
        "Công chức Văn hóa - Xã hội: 02.", "Công chức Tài chính - Kế toán: 02.",
        "Công chức Địa chính - Xây dựng: 02.", "Trưởng Công an xã: 01.",
        "Chỉ huy trưởng Ban Chỉ huy quân sự xã: 01."]
