import io
import json

import pytest
from docx import Document as DocxDocument

from tracker.core.actor import SYSTEM
from tracker.reports.services import create_report, edit_section


@pytest.fixture
def runner(app, commune):
    return app.test_cli_runner()


def test_build_writes_each_format(runner, tmp_path):
    for fmt in ("md", "json", "docx"):
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(args=["report", "build", "--period", "2023-Q1", "--unit",
                                     "pho-phong", "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert "tạo từ dữ liệu" in result.output
    assert "## IV. NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN QUÝ II NĂM 2023" in \
        (tmp_path / "report.md").read_text()
    assert json.loads((tmp_path / "report.json").read_text())["period"] == "2023-Q1"
    docx = DocxDocument(io.BytesIO((tmp_path / "report.docx").read_bytes()))
    assert any(p.text == "BÁO CÁO" for p in docx.paragraphs)


def test_build_prints_the_draft_the_office_is_editing(runner, commune, db_session):
    report = create_report(db_session, SYSTEM, commune, "2023-Q1")
    edit_section(db_session, SYSTEM, report, "III.1", "- Điểm mạnh do Văn phòng viết.",
                 report.version)
    # Without --unit: the only commune.
    result = runner.invoke(args=["report", "build", "--period", "2023-q1", "--out", "-"])
    assert result.exit_code == 0, result.output
    assert "- Điểm mạnh do Văn phòng viết." in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["--period", "2023-Q2"], "Kỳ báo cáo không hợp lệ"),
    (["--period", "2023-Q1", "--unit", "khong-co"], "Không tìm thấy đơn vị"),
    (["--period", "2023-Q1", "--unit", "duc-pho", "--format", "docx", "--out", "-"], "DOCX"),
])
def test_bad_arguments_fail_with_a_message(runner, args, message):
    result = runner.invoke(args=["report", "build", "--out", "-", *args])
    assert result.exit_code != 0
    assert message in result.output
