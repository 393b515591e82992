import io
from datetime import date
from html.parser import HTMLParser
from types import SimpleNamespace

import docx
import pytest
from sqlalchemy import select

from tests.conftest import csrf_token_from, sign_in
from tests.factories import DocumentFactory, OfficialFactory, UnitFactory
from tests.helpers import count_rows
from tracker.core.roles import Role
from tracker.documents.models import Document
from tracker.extensions import db
from tracker.org.models import UnitLevel

pytestmark = pytest.mark.usefixtures("on_20_march_2023")

REPORT = ("UBND xã đã ban hành Kế hoạch số 14/KH-UBND ngày 01/02/2023 về thi hành pháp luật và "
          "Kế hoạch số 13/KH-UBND ngày 01/02/2023 về kiểm tra, rà soát văn bản. Thực hiện Kế "
          "hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh về chuyển đổi số; Quyết định "
          "2552/QĐ-UBND; Quyết định số 5/QĐ-UBND ngày 31/02/2023 về thi đua khen thưởng.")


@pytest.fixture
def commune(db_session):
    province = UnitFactory(name="UBND tỉnh Quảng Ngãi", level=UnitLevel.PROVINCE)
    unit = UnitFactory(name="UBND xã Phổ Phong", parent=province)
    OfficialFactory(unit=unit, username="chutich", role=Role.CHAIRMAN)
    OfficialFactory(unit=unit, username="tuphap1", role=Role.OFFICER)
    registered = DocumentFactory(unit=unit, number=14, issuer="UBND xã Phổ Phong",
                                 issued_on=date(2023, 2, 1), title="Thi hành pháp luật")
    return SimpleNamespace(unit=unit, registered=registered)


class _ImportForm(HTMLParser):
    """What a browser sends for the import form: its inputs, ticked boxes, chosen options
    (the first when none is marked) and text areas; disabled fields are not sent."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._inside = False
        self._select: str | None = None
        self._textarea: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._inside = attrs.get("data-testid") == "import-form"
        elif not self._inside or "disabled" in attrs:
            return
        elif tag == "input" and (attrs.get("type") != "checkbox" or "checked" in attrs):
            self.fields[attrs["name"]] = attrs.get("value", "")
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and (
                "selected" in attrs or self._select not in self.fields):
            self.fields[self._select] = attrs["value"]
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        self._select = None if tag == "select" else self._select
        self._textarea = None if tag == "textarea" else self._textarea

    def handle_data(self, data):
        if self._textarea:
            # A browser drops the line break that opens a text area.
            start = not self.fields[self._textarea]
            self.fields[self._textarea] += data.removeprefix("\r\n") if start else data


def _preview(client, **data):
    token = csrf_token_from(client.get("/documents/import").get_data(as_text=True))
    return client.post("/documents/import", data={"csrf_token": token, **data},
                       content_type="multipart/form-data")


def _rows(fields: dict[str, str]) -> dict[str, dict[str, str]]:
    """The form's rows by the reference each was found as ("Kế hoạch số 14/KH-UBND …")."""
    rows: dict[str, dict[str, str]] = {}
    for name, value in fields.items():
        if name.startswith("rows-"):
            _, index, field = name.split("-", 2)
            rows.setdefault(index, {})[field] = value
    return {row["found"]: row | {"index": index} for index, row in rows.items()}


def test_the_chairman_pastes_a_report_checks_the_references_and_registers_them(client, commune):
    sign_in(client, "chutich")
    page = _preview(client, text=REPORT)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert (html.count('data-testid="import-row"'), html.count('data-testid="badge-new"'),
            html.count('data-testid="badge-registered"')) == (5, 4, 1)
    assert f'href="/documents/{commune.registered.id}"' in html
    assert "Ngày ban hành “31/02/2023” không hợp lệ; hãy nhập ngày đúng." in html
    assert "Đề xuất, hãy kiểm tra" in html  # 2552/QĐ-UBND names no issuer

    fields = _ImportForm(html).fields
    rows = _rows(fields)
    assert list(rows) == [
        "Kế hoạch số 14/KH-UBND ngày 01/02/2023", "Kế hoạch số 13/KH-UBND ngày 01/02/2023",
        "Kế hoạch số 61/KH-UBND ngày 10/4/2019", "Quyết định số 2552/QĐ-UBND",
        "Quyết định số 05/QĐ-UBND"]
    plan = rows["Kế hoạch số 61/KH-UBND ngày 10/4/2019"]
    assert (plan["selected"], plan["doc_type"], plan["number"], plan["symbol"], plan["issuer"],
            plan["issued_on"], plan["title"]) == (
        "y", "KH", "61", "KH-UBND", "UBND tỉnh Quảng Ngãi", "2019-04-10", "Chuyển đổi số")
    assert "selected" not in rows["Kế hoạch số 14/KH-UBND ngày 01/02/2023"]

    # As found, two chosen rows lack a date or a title: nothing is written, each says why.
    response = client.post("/documents/import/register", data=fields)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Chưa đăng ký văn bản nào: 2 dòng chưa hợp lệ" in html
    assert html.count("Trường này là bắt buộc.") == 3  # 2552: date and title; 05: date
    assert count_rows(Document) == 1

    # Corrected on the page: 2552 left out, the decision's date and its area filled in.
    fields = _ImportForm(html).fields
    rows = _rows(fields)
    del fields[f"rows-{rows['Quyết định số 2552/QĐ-UBND']['index']}-selected"]
    decision = rows["Quyết định số 05/QĐ-UBND"]["index"]
    fields |= {f"rows-{decision}-issued_on": "2023-02-28",
               f"rows-{decision}-reform_area": "civil_service"}
    response = client.post("/documents/import/register", data=fields)
    assert response.status_code == 302 and response.headers["Location"] == "/documents"
    assert "Đã đăng ký 3 văn bản." in client.get("/documents").get_data(as_text=True)
    registered = {d.reference: d for d in db.session.scalars(select(Document))}
    assert sorted(registered) == ["05/QĐ-UBND", "13/KH-UBND", "14/KH-UBND", "61/KH-UBND"]
    assert (registered["61/KH-UBND"].issuer, registered["61/KH-UBND"].issued_by_unit) == (
        "UBND tỉnh Quảng Ngãi", False)
    assert (registered["05/QĐ-UBND"].issued_on, registered["05/QĐ-UBND"].title,
            registered["05/QĐ-UBND"].reform_area.value) == (
        date(2023, 2, 28), "Thi đua khen thưởng", "civil_service")


def test_a_word_document_is_read_like_pasted_text(client, commune):
    document = docx.Document()
    document.add_paragraph("Thực hiện Nghị định số 59/2012/NĐ-CP ngày 23/7/2012 của Chính phủ "
                           "về theo dõi tình hình thi hành pháp luật.")
    buffer = io.BytesIO()
    document.save(buffer)
    sign_in(client, "chutich")
    response = _preview(client, upload=(io.BytesIO(buffer.getvalue()), "bao-cao.docx"))
    assert response.status_code == 200
    (row,) = _rows(_ImportForm(response.get_data(as_text=True)).fields).values()
    assert (row["found"], row["issuer"], row["title"]) == (
        "Nghị định số 59/2012/NĐ-CP ngày 23/7/2012", "Chính phủ",
        "Theo dõi tình hình thi hành pháp luật")


@pytest.mark.parametrize(("data", "message"), [
    ({"upload": (io.BytesIO(b"%PDF-1.7\n%%EOF\n"), "bao-cao.txt")},
     "Chỉ nhận tệp văn bản .txt (UTF-8) hoặc Word .docx"),
    ({"upload": (io.BytesIO("Quán lý".encode("latin-1")), "bao-cao.txt")},
     "Tệp văn bản phải mã hóa UTF-8"),
    ({"upload": (io.BytesIO(b""), "rong.txt")}, "Tệp rỗng."),
    ({"text": "  "}, "Hãy dán nội dung hoặc chọn một tệp."),
])
def test_a_bad_upload_or_nothing_to_read_is_422_with_its_message(client, commune, data, message):
    sign_in(client, "chutich")
    response = _preview(client, **data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_text_without_references_says_so(client, commune):
    sign_in(client, "chutich")
    response = _preview(client, text="Trong quý, UBND xã tiếp nhận 720 hồ sơ.")
    assert response.status_code == 200
    assert 'data-testid="no-references"' in response.get_data(as_text=True)


def test_an_officer_may_look_but_not_register(client, commune):
    sign_in(client, "tuphap1")
    assert 'data-testid="import-documents"' in client.get("/documents").get_data(as_text=True)
    html = _preview(client, text=REPORT).get_data(as_text=True)
    assert html.count('data-testid="import-row"') == 5
    assert 'data-testid="register-references"' not in html and 'type="checkbox"' not in html
    token = csrf_token_from(html)
    response = client.post("/documents/import/register", data={
        "csrf_token": token, "rows-0-selected": "y", "rows-0-doc_type": "KH",
        "rows-0-number": "13", "rows-0-symbol": "KH-UBND", "rows-0-issuer": "UBND xã Phổ Phong",
        "rows-0-issued_on": "2023-02-01", "rows-0-title": "Kiểm tra", "rows-0-reform_area": ""})
    assert response.status_code == 403
    assert count_rows(Document) == 1


def test_the_page_needs_a_signed_in_official(client, commune):
    response = client.get("/documents/import")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_registering_with_nothing_ticked_is_422_with_its_message(client, commune):
    sign_in(client, "chutich")
    fields = _ImportForm(_preview(client, text=REPORT).get_data(as_text=True)).fields
    unticked = {name: value for name, value in fields.items() if not name.endswith("-selected")}
    response = client.post("/documents/import/register", data=unticked)
    assert response.status_code == 422
    assert "Hãy chọn ít nhất một văn bản để đăng ký." in response.get_data(as_text=True)
    assert count_rows(Document) == 1
