import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import csrf_token_from, sign_in
from tests.factories import DocumentFactory, OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import audit_actions
from tracker.core.roles import Role
from tracker.documents.models import Document
from tracker.extensions import db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# Valid as a PNG's signature and as HTML to a browser that sniffs.
PNG_HTML = b"\x89PNG\r\n\x1a\n<html><script>alert(document.cookie)</script></html>"
PDF_WITH_JAVASCRIPT = PDF + b"<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"
_DOCX_TYPES = ('<Types><Override PartName="/word/document.xml" ContentType="application/'
               'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_DOCM_TYPES = ('<Types><Override PartName="/word/document.xml" ContentType="application/'
               'vnd.ms-word.document.macroEnabled.main+xml"/></Types>')


def _docx(content_types: str = _DOCX_TYPES, **parts: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in parts.items():
            archive.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


def _docx_bomb() -> bytes:
    """A Word document of a few hundred kB that unzips to 128 MiB (the limit is 100 MB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _DOCX_TYPES)
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/image1.png", "w", force_zip64=True) as filler:
            for _ in range(8):
                filler.write(bytes(16 * 1024 * 1024))
    return buffer.getvalue()


def _zip_not_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("setup.exe", "MZ")
    return buffer.getvalue()


@pytest.fixture
def document(db_session, app, tmp_path):
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    unit = UnitFactory()
    OfficialFactory(unit=unit, username="chutich", role=Role.CHAIRMAN)
    OfficialFactory(unit=unit, username="tuphap1")
    OfficialFactory(unit=UnitFactory(), username="xakhac")
    yield DocumentFactory(unit=unit, number=14)
    app.config["UPLOAD_FOLDER"] = ""


def _upload(client, document, content: bytes, name: str):
    token = csrf_token_from(client.get(f"/documents/{document.id}").get_data(as_text=True))
    return client.post(f"/documents/{document.id}/attachment", content_type="multipart/form-data",
                       data={"csrf_token": token, "attachment": (io.BytesIO(content), name)})


def _stored(app) -> list[Path]:
    folder = Path(app.config["UPLOAD_FOLDER"])
    return sorted(folder.iterdir()) if folder.exists() else []


def test_the_chairman_attaches_a_pdf_that_the_unit_reads(client, app, document):
    sign_in(client, "chutich")
    response = _upload(client, document, PDF, "Kế hoạch 14.pdf")
    assert response.status_code == 302
    db.session.refresh(document)
    assert (document.attachment_name, document.attachment_type, document.attachment_size) == (
        "Kế hoạch 14.pdf", "application/pdf", len(PDF))
    stored = _stored(app)
    assert [p.name for p in stored] == [document.attachment_path]
    assert "Kế hoạch 14" not in document.attachment_path  # a random name on disk
    assert audit_actions(document)[-1] == "attach"
    reader = client.application.test_client()
    sign_in(reader, "tuphap1")
    served = reader.get(f"/documents/{document.id}/attachment")
    assert served.status_code == 200 and served.data == PDF
    assert served.mimetype == "application/pdf"
    assert served.headers["X-Content-Type-Options"] == "nosniff"


def test_a_docx_is_recognised_by_its_content_and_downloaded(client, app, document):
    sign_in(client, "chutich")
    assert _upload(client, document, _docx(), "quyet-dinh").status_code == 302
    db.session.refresh(document)
    assert document.attachment_name == "quyet-dinh.docx"
    served = client.get(f"/documents/{document.id}/attachment")
    assert "attachment" in served.headers["Content-Disposition"]


@pytest.mark.parametrize(("content", "name"), [
    (b"MZ\x90\x00 not a pdf", "ke-hoach.pdf"),
    (_zip_not_word(), "bao-cao.docx"),
    (b"", "rong.pdf"),
])
def test_a_file_that_is_not_what_its_name_says_is_refused(client, app, document, content, name):
    sign_in(client, "chutich")
    response = _upload(client, document, content, name)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Chỉ nhận tệp PDF, Word (DOCX) hoặc ảnh PNG, JPEG" in html or "Tệp rỗng." in html
    db.session.refresh(document)
    assert document.attachment_path is None and _stored(app) == []


def test_a_file_over_20_mb_is_refused(client, app, document):
    sign_in(client, "chutich")
    response = _upload(client, document, PDF + b"0" * (20 * 1024 * 1024), "lon.pdf")
    assert response.status_code == 422
    assert "Tệp lớn hơn 20 MB." in response.get_data(as_text=True)
    assert _stored(app) == []


def test_replacing_removes_the_old_file_and_others_cannot_touch_it(client, app, document):
    sign_in(client, "chutich")
    _upload(client, document, PDF, "a.pdf")
    first = _stored(app)
    _upload(client, document, b"\x89PNG\r\n\x1a\n" + b"0" * 32, "scan.png")
    assert len(_stored(app)) == 1 and _stored(app) != first
    officer = client.application.test_client()
    sign_in(officer, "tuphap1")
    assert _upload(officer, document, PDF, "b.pdf").status_code == 403
    stranger = client.application.test_client()
    sign_in(stranger, "xakhac")
    assert stranger.get(f"/documents/{document.id}/attachment").status_code == 404
    assert client.application.test_client().get(
        f"/documents/{document.id}/attachment").status_code == 302  # to the sign-in page


def test_registering_with_a_file_keeps_both_or_neither(client, app, document):
    sign_in(client, "chutich")
    token = csrf_token_from(client.get("/documents/new").get_data(as_text=True))
    data = {"csrf_token": token, "doc_type": "QĐ", "number": "35", "symbol": "QĐ-UBND",
            "issuer": document.unit.name, "issued_on": "2023-03-07", "title": "Kiểm soát TTHC",
            "reform_area": "", "implements": "0"}
    refused = client.post("/documents/new", content_type="multipart/form-data",
                          data=data | {"attachment": (io.BytesIO(b"not a pdf"), "qd.pdf")})
    assert refused.status_code == 422 and _stored(app) == []
    assert db.session.scalar(select(func.count()).select_from(Document)) == 1
    accepted = client.post("/documents/new", content_type="multipart/form-data",
                           data=data | {"attachment": (io.BytesIO(PDF), "qd.pdf")})
    assert accepted.status_code == 302
    registered = db.session.scalar(select(Document).where(Document.number == 35))
    assert registered.attachment_name == "qd.pdf" and len(_stored(app)) == 1


@pytest.mark.parametrize("content", [PDF, PDF_WITH_JAVASCRIPT], ids=["pdf", "pdf-with-javascript"])
def test_a_pdf_is_downloaded_never_opened_in_our_origin(client, document, content):
    sign_in(client, "chutich")
    assert _upload(client, document, content, "ke-hoach.pdf").status_code == 302
    served = client.get(f"/documents/{document.id}/attachment")
    assert served.status_code == 200 and served.data == content
    assert served.headers["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in served.headers["Content-Security-Policy"]
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["X-Frame-Options"] == "DENY"
    assert served.headers["Cache-Control"] == "no-store"


def test_an_image_opens_in_the_browser_sandboxed_even_if_it_is_also_html(client, document):
    sign_in(client, "chutich")
    assert _upload(client, document, PNG_HTML, "anh-chup.html").status_code == 302
    db.session.refresh(document)
    assert document.attachment_name == "anh-chup.png"
    served = client.get(f"/documents/{document.id}/attachment")
    assert served.headers["Content-Disposition"].startswith("inline;")
    assert served.mimetype == "image/png"
    policy = served.headers["Content-Security-Policy"]
    assert "sandbox" in policy.split("; ") and "default-src 'none'" in policy
    assert served.headers["X-Content-Type-Options"] == "nosniff"


def test_a_word_document_that_unzips_into_a_bomb_is_refused(client, app, document):
    sign_in(client, "chutich")
    response = _upload(client, document, _docx_bomb(), "ke-hoach.docx")
    assert response.status_code == 422
    assert "Tệp Word quá lớn khi giải nén." in response.get_data(as_text=True)
    assert _stored(app) == []


@pytest.mark.parametrize("macro_document", [
    _docx(**{"word__vbaProject.bin": b"VBA"}),
    _docx(_DOCM_TYPES),
], ids=["vba-part", "macro-enabled-type"])
def test_a_word_document_with_macros_is_refused(client, app, document, macro_document):
    sign_in(client, "chutich")
    response = _upload(client, document, macro_document, "bao-cao.docx")
    assert response.status_code == 422
    assert "Tệp Word có macro" in response.get_data(as_text=True)
    assert _stored(app) == []


def test_a_name_with_control_characters_is_cleaned_and_the_file_downloads(client, document):
    sign_in(client, "chutich")
    # U+202E reverses what follows: "hoach\u202efdp.exe" would show as "hoachexe.pdf".
    assert _upload(client, document, PDF, "Kế\x00hoạch\t14\u202e.pdf").status_code == 302
    db.session.refresh(document)
    assert document.attachment_name == "Kế hoạch 14.pdf"
    served = client.get(f"/documents/{document.id}/attachment")
    assert served.status_code == 200 and served.data == PDF
    assert "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%2014.pdf" in served.headers[
        "Content-Disposition"]


def test_evidence_is_served_like_a_documents_file(client, db_session, app, tmp_path,
                                                  on_20_march_2023):
    app.config["UPLOAD_FOLDER"] = str(tmp_path)
    try:
        unit = UnitFactory()
        task = TaskFactory(unit=unit, lead=OfficialFactory(unit=unit, username="tuphap1"))
        sign_in(client, "tuphap1")
        token = csrf_token_from(client.get(f"/tasks/{task.id}").get_data(as_text=True))
        client.post(f"/tasks/{task.id}/progress", content_type="multipart/form-data",
                    data={"csrf_token": token, "percent": "50", "note": "Xong",
                          "version": task.version,
                          "evidence": (io.BytesIO(PDF_WITH_JAVASCRIPT), "bien\x00ban.pdf")})
        db.session.refresh(task)
        update = task.progress_updates[-1]
        assert update.evidence_name == "bien ban.pdf"
        served = client.get(f"/tasks/{task.id}/evidence/{update.id}")
        assert served.headers["Content-Disposition"].startswith("attachment;")
        assert "sandbox" in served.headers["Content-Security-Policy"]
    finally:
        app.config["UPLOAD_FOLDER"] = ""
