import json

import docx
import pytest

REPORT = ("Thực hiện Kế hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh Quảng Ngãi về chuyển "
          "đổi số; Quyết định 2552/QĐ-UBND; Quyết định số 5/QĐ-UBND ngày 31/02/2023 về thi đua.")


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "bao-cao.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_extract_prints_one_line_per_reference_and_warns_about_invalid_dates(runner, report):
    result = runner.invoke(args=["documents", "extract", str(report)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Kế hoạch số 61/KH-UBND ngày 10/4/2019 — UBND tỉnh Quảng Ngãi — Chuyển đổi số",
        "Quyết định số 2552/QĐ-UBND",
        "Quyết định số 05/QĐ-UBND — Thi đua",
        "  Cảnh báo (05/QĐ-UBND): Ngày ban hành “31/02/2023” không hợp lệ; hãy nhập ngày đúng.",
        "Tìm thấy 3 văn bản.",
    ]


def test_extract_as_json(runner, report):
    result = runner.invoke(args=["documents", "extract", str(report), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"type": "KH", "number": 61, "symbol": "KH-UBND", "issuer": "UBND tỉnh Quảng Ngãi",
         "date": "2019-04-10", "title": "Chuyển đổi số"},
        {"type": "QĐ", "number": 2552, "symbol": "QĐ-UBND", "issuer": None, "date": None,
         "title": None},
        {"type": "QĐ", "number": 5, "symbol": "QĐ-UBND", "issuer": None, "date": None,
         "title": "Thi đua"},
    ]
    assert "31/02/2023" in result.stderr  # the warning stays out of the JSON


def test_extract_reads_a_word_document(runner, tmp_path):
    document = docx.Document()
    document.add_paragraph("Chỉ thị 31-CT/TU ngày 13/6/2014 của Ban Thường vụ Tỉnh ủy Quảng Ngãi.")
    path = tmp_path / "bao-cao.docx"
    document.save(path)
    result = runner.invoke(args=["documents", "extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{
        "type": "CT", "number": 31, "symbol": "CT/TU", "issuer": "Ban Thường vụ Tỉnh ủy Quảng Ngãi",
        "date": "2014-06-13", "title": None}]


def test_text_without_references(runner, tmp_path):
    path = tmp_path / "trong.txt"
    path.write_text("Trong quý, UBND xã tiếp nhận 720 hồ sơ.", encoding="utf-8")
    result = runner.invoke(args=["documents", "extract", str(path)])
    assert (result.exit_code, result.stdout) == (0, "Không tìm thấy văn bản nào.\n")
    assert json.loads(runner.invoke(args=["documents", "extract", str(path), "--json"]).stdout) \
        == []


@pytest.mark.parametrize(("name", "content", "message"), [
    ("khong-co.txt", None, "Không có tệp"),
    ("cu.txt", "Quán lý".encode("latin-1"), "Tệp văn bản phải mã hóa UTF-8"),
    ("anh.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16, "Chỉ nhận tệp văn bản .txt (UTF-8)"),
    ("rong.txt", b"", "Tệp rỗng."),
])
def test_an_unreadable_file_is_exit_status_1_with_the_reason(runner, tmp_path, name, content,
                                                              message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(args=["documents", "extract", str(path)])
    assert result.exit_code == 1
    assert message in result.output


def test_a_folder_is_not_a_file(runner, tmp_path):
    result = runner.invoke(args=["documents", "extract", str(tmp_path)])
    assert result.exit_code == 1 and "là một thư mục" in result.output
