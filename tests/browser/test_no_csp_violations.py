"""Real Chromium enforces our Content-Security-Policy: the main pages work with it
(Bootstrap's menu included) and report no violation, and an uploaded image still shows
in its sandbox."""

import struct
import zlib

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import sign_in_page
from tracker.demo.loader import load_demo
from tracker.documents.models import Document
from tracker.extensions import db
from tracker.org.models import Official
from tracker.reports.services import create_report
from tracker.tasks.models import Task

pytestmark = pytest.mark.browser
PASSWORD = "demo-chinh-sach"
# Chromium reports a blocked script or style this way in the console; the listener added
# below reports those it might only raise as an event.
VIOLATION = "Content Security Policy"
REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", event =>
    console.error(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`));"""


@pytest.fixture(scope="module")
def demo(live_app, tmp_path_factory):
    live_app.config["UPLOAD_FOLDER"] = str(tmp_path_factory.mktemp("uploads"))
    with live_app.app_context():
        load_demo(db.session, password=PASSWORD)
        db.session.commit()
        task = db.session.scalars(select(Task).where(Task.title.contains("hội nghị"))).first()
        document = db.session.scalars(select(Document)).first()
        chairman = db.session.scalars(
            select(Official).where(Official.username == "chutich")).one()
        report = create_report(db.session, chairman, chairman.unit, "2023-Q1")
        db.session.commit()
        return {"task": task.id, "document": document.id, "report": report.id}


@pytest.fixture
def console(page):
    page.add_init_script(REPORT_VIOLATIONS)
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    return messages


def _png(width: int = 3, height: int = 2) -> bytes:
    """A real red PNG, small enough to write by hand."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def test_the_chairmans_pages_work_without_a_policy_violation(page, live_url, demo, console):
    sign_in_page(page, live_url, "chutich", PASSWORD)
    expect(page.get_by_test_id("chart-legend").first).to_be_visible()
    page.get_by_role("button", name="Mở menu").click()  # Bootstrap's script, from our origin
    expect(page.locator("#main-nav")).to_be_visible()
    for path in ("/tasks", "/my-tasks", "/documents", f"/documents/{demo['document']}",
                 f"/tasks/{demo['task']}", "/reports", f"/reports/{demo['report']}",
                 f"/reports/{demo['report']}/preview", "/notifications", "/profile",
                 "/tasks/import", "/documents/import", "/no-such-page"):
        page.goto(f"{live_url}{path}")
        expect(page.locator("footer")).to_be_visible()
    page.goto(f"{live_url}/tasks/{demo['task']}")
    expect(page.get_by_label("Tiến độ", exact=True)).to_be_visible()
    assert [text for text in console if VIOLATION in text] == []


def test_the_administrators_settings_work_without_a_policy_violation(page, live_url, demo,
                                                                     console):
    sign_in_page(page, live_url, "quantri", PASSWORD)
    page.goto(f"{live_url}/settings")
    expect(page.get_by_test_id("settings-form")).to_be_visible()
    assert [text for text in console if VIOLATION in text] == []


def test_an_uploaded_image_shows_in_its_sandbox(page, live_url, demo, console, tmp_path):
    image = tmp_path / "anh-chup.png"
    image.write_bytes(_png())
    sign_in_page(page, live_url, "chutich", PASSWORD)
    page.goto(f"{live_url}/documents/{demo['document']}")
    page.get_by_test_id("attachment-form").locator("input[type=file]").set_input_files(image)
    page.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_test_id("attachment")).to_contain_text("anh-chup.png")
    response = page.goto(f"{live_url}/documents/{demo['document']}/attachment")
    assert "sandbox" in response.headers["content-security-policy"]
    expect(page.locator("img")).to_be_visible()
    assert page.locator("img").evaluate("image => image.naturalWidth") == 3
    assert [text for text in console if VIOLATION in text] == []
