"""A draft through its life: edited, regenerated, checked, signed and frozen."""

from datetime import date

import pytest
import time_machine

from tests.helpers import audit_actions
from tracker.core.actor import SYSTEM
from tracker.core.errors import Conflict, PermissionDenied, ValidationFailed
from tracker.core.reform_areas import ReformArea
from tracker.org.settings import update_unit_settings
from tracker.reports.services import (
    create_report,
    edit_section,
    finalise_report,
    keep_section,
    regenerate_report,
    report_content,
    report_docx,
    report_findings,
    reset_section,
    set_dossier_figures,
    update_details,
)
from tracker.tasks.models import Task, TaskState
from tracker.tasks.services import complete_task, update_task

SEED_DOSSIERS = {"received": 720, "carried_over": 3, "new": 717, "on_time": 708, "late": 10,
                 "in_progress": 2, "as_of": date(2023, 3, 10), "departments": [
                     {"name": "Hồ sơ thuộc bộ phận Tư pháp - Hộ tịch", "received": 667},
                     {"name": "Hồ sơ thuộc bộ phận Địa chính - Xây dựng", "received": 0},
                     {"name": "Hồ sơ thuộc bộ phận Văn hóa - Xã hội", "received": 50},
                     {"name": "Lĩnh vực tiếp công dân, xử lý đơn và khiếu nại tố cáo",
                      "received": 3}]}


def _open_procedures_task(db_session, commune) -> Task:
    return db_session.query(Task).filter_by(
        unit_id=commune.id, reform_area=ReformArea.PROCEDURES, state=TaskState.OPEN,
        title="Rà soát, đánh giá thủ tục hành chính năm 2023").one()


def test_regenerating_updates_data_but_keeps_what_the_office_wrote(
        report, db_session, office, commune, official):
    edit_section(db_session, office, report, "III.1", "- Lãnh đạo quan tâm, chỉ đạo sát sao.",
                 report.version)
    own_words = "- Kết quả do Văn phòng viết lại."
    edit_section(db_session, office, report, "II.procedures", own_words, report.version)
    figures_before = report.section("II").text
    task = _open_procedures_task(db_session, commune)
    complete_task(db_session, official("tuphap1"), task, result="Đã rà soát xong 45 thủ tục.",
                  completed_on=date(2023, 3, 14), version=task.version)

    kept = regenerate_report(db_session, office, report, report.version)

    assert kept == ["II.procedures"]
    assert report.section("II").text != figures_before
    assert "Đã hoàn thành: 14 (đúng hạn: 11; quá hạn: 03)." in report.section("II").text
    assert report.section("II.procedures").text == own_words
    assert report.section("II.procedures").stale
    assert "Đã rà soát xong 45 thủ tục" in report.section("II.procedures").generated_text
    assert report.section("III.1").text == "- Lãnh đạo quan tâm, chỉ đạo sát sao."
    assert task.title not in report.section("IV.1.procedures").text
    assert any(f.key == "II.procedures" for f in report_findings(report))
    # Asked for, the data replaces the edit.
    reset_section(db_session, office, report, "II.procedures", report.version)
    assert "Đã rà soát xong 45 thủ tục" in report.section("II.procedures").text
    assert not report.section("II.procedures").edited


def test_a_stale_form_is_a_conflict_and_changes_nothing(report, db_session, office):
    seen = report.version
    edit_section(db_session, office, report, "III.1", "Bản thứ nhất.", seen)
    with pytest.raises(Conflict):
        edit_section(db_session, office, report, "III.1", "Bản cũ ghi đè.", seen)
    assert report.section("III.1").text == "Bản thứ nhất."


def test_the_checks_find_the_seed_reports_slips(report, db_session, office):
    edit_section(db_session, office, report, "title",
                 "Công tác cải cách hành chính Quý I năm 2022 và phương hướng nhiệm vụ Quý II "
                 "năm 2023", report.version)
    edit_section(db_session, office, report, "IV.2",
                 "a) Cải cách thể chế\nb) Thủ tục\nc) Bộ máy\nd) Công vụ\ne) Tài chính công",
                 report.version)
    set_dossier_figures(db_session, office, report, SEED_DOSSIERS | {"in_progress": 1},
                        report.version)

    messages = {f.key: [] for f in report_findings(report)}
    for finding in report_findings(report):
        messages[finding.key].append(finding.message)

    assert messages["title"] == [
        'Tên báo cáo phải ghi kỳ báo cáo "Quý I năm 2023".',
        "Tên báo cáo ghi năm 2022, không khớp với kỳ báo cáo Quý I năm 2023.",
    ]
    assert messages["IV.2"][0] == "Mục IV.2: sau điểm d) phải là điểm đ), không phải e)."
    assert messages["figures"] == [
        "Trả đúng hạn + trả quá hạn + đang giải quyết = 719, khác tổng số hồ sơ tiếp nhận (720)."]


def test_the_seed_reports_dossier_block_adds_up_and_prints_as_it_does(report, db_session, office):
    set_dossier_figures(db_session, office, report, SEED_DOSSIERS, report.version)
    assert not [f for f in report_findings(report) if f.key == "figures"]
    procedures = report_content(report).sections[1].children[1]
    texts = [b.text for b in procedures.blocks]
    start = texts.index("Kết quả giải quyết thủ tục hành chính cho người dân, doanh nghiệp "
                        "(số liệu đến ngày 10/3/2023):")
    assert texts[start + 1:] == [
        "Tổng số hồ sơ tiếp nhận: 720 hồ sơ. Trong đó:",
        "Hồ sơ kỳ trước chuyển qua: 03.", "Hồ sơ mới tiếp nhận: 717.",
        "Kết quả giải quyết: 720 hồ sơ, trong đó:",
        "Trả đúng hạn: 708.", "Trả quá hạn: 10.",
        "Hồ sơ đang giải quyết chưa đến hạn trả: 02 hồ sơ.",
        "Số hồ sơ tiếp nhận của các bộ phận:",
        "Hồ sơ thuộc bộ phận Tư pháp - Hộ tịch: 667 hồ sơ.",
        "Hồ sơ thuộc bộ phận Địa chính - Xây dựng: 0 hồ sơ.",
        "Hồ sơ thuộc bộ phận Văn hóa - Xã hội: 50 hồ sơ.",
        "Lĩnh vực tiếp công dân, xử lý đơn và khiếu nại tố cáo: 03 hồ sơ.",
    ]


def test_bad_figures_are_refused_whole(report, db_session, office):
    with pytest.raises(ValidationFailed) as refused:
        set_dossier_figures(db_session, office, report, {
            "received": -1, "new": "nhiều", "departments": [{"name": "", "received": 5}]},
            report.version)
    assert set(refused.value.errors) == {"received", "new", "departments-0"}
    assert "dossiers" not in report.figures


def test_signing_freezes_the_report(report, db_session, office, official, commune):
    chairman = official("chutich")
    update_details(db_session, office, report, number=15, report_date=None,
                   recipients="UBND thị xã Đức Phổ\nCơ quan Tổ chức - Nội vụ thị xã",
                   version=report.version)
    with pytest.raises(ValidationFailed):
        finalise_report(db_session, chairman, report, accept_findings=False,
                        version=report.version)
    finalise_report(db_session, chairman, report, accept_findings=True, version=report.version)
    frozen, docx = report_content(report).to_dict(), report_docx(report)
    assert frozen["header"]["number_line"] == "Số: 15/BC-UBND"
    assert frozen["header"]["place_date"] == "Phổ Phong, ngày 15 tháng 3 năm 2023"
    assert frozen["recipients"][-1] == "- Lưu: VT."

    task = _open_procedures_task(db_session, commune)
    update_task(db_session, chairman, task, title="Một tên khác hẳn", version=task.version)
    complete_task(db_session, chairman, task, result="Xong.", completed_on=date(2023, 3, 13),
                  version=task.version)

    assert report_content(report).to_dict() == frozen
    assert report_docx(report) == docx
    with pytest.raises(Conflict):
        edit_section(db_session, office, report, "III.1", "Sửa sau khi ký.", report.version)
    assert audit_actions(report) == ["create", "update", "finalise"]


def test_who_may_compile_and_sign(report, db_session, official, commune):
    with pytest.raises(PermissionDenied):
        edit_section(db_session, official("tuphap1"), report, "III.1", "x", report.version)
    with pytest.raises(PermissionDenied):
        finalise_report(db_session, official("vanphong1"), report, accept_findings=True,
                        version=report.version)
    update_unit_settings(db_session, SYSTEM, commune, vice_chairmen_sign_reports=False)
    with pytest.raises(PermissionDenied):
        finalise_report(db_session, official("phochutich"), report, accept_findings=True,
                        version=report.version)
    update_unit_settings(db_session, SYSTEM, commune, vice_chairmen_sign_reports=True)
    finalise_report(db_session, official("phochutich"), report, accept_findings=True,
                    version=report.version)
    assert report_content(report).signature.lines == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_one_report_per_period_and_none_before_it_starts(report, db_session, office, commune):
    with pytest.raises(ValidationFailed):
        create_report(db_session, office, commune, "2023-Q1")
    with pytest.raises(ValidationFailed, match="chưa bắt đầu"):
        create_report(db_session, office, commune, "2023-Q3")
    with pytest.raises(ValidationFailed):
        create_report(db_session, office, commune, "2023-Q2")


def test_the_next_report_starts_from_the_signed_ones_prose_marked_until_read(
        report, db_session, office, commune, official):
    edit_section(db_session, office, report, "III.2", "- Trang thiết bị đã xuống cấp.",
                 report.version)
    with time_machine.travel(date(2023, 6, 16), tick=False):
        # A draft is not the previous report: nothing is carried from it.
        early = create_report(db_session, office, commune, "2023-H1")
    assert early.section("III.2").text != "- Trang thiết bị đã xuống cấp."
    db_session.delete(early)
    db_session.flush()
    finalise_report(db_session, official("chutich"), report, accept_findings=True,
                    version=report.version)
    with time_machine.travel(date(2023, 6, 16), tick=False):
        following = create_report(db_session, office, commune, "2023-H1")
    carried = following.section("III.2")
    assert carried.text == "- Trang thiết bị đã xuống cấp."
    assert carried.carried_over and not carried.edited
    assert ("III.2", 'Mục "Tồn tại, hạn chế" lấy nguyên từ báo cáo kỳ trước, chưa xem lại: '
            'sửa, hoặc bấm "Giữ nguyên".') in [(f.key, f.message)
                                               for f in report_findings(following)]
    keep_section(db_session, office, following, "III.2", following.version)
    assert not carried.carried_over and carried.text == "- Trang thiết bị đã xuống cấp."
    assert "III.2" not in {f.key for f in report_findings(following)}
    reset_section(db_session, office, following, "III.2", following.version)
    assert carried.carried_over  # back to the previous report's words: to be read again
    edit_section(db_session, office, following, "III.2", carried.text, following.version)
    assert not carried.carried_over  # saved as it was: read
