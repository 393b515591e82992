"""A live server on its own database and real Chromium driven by Playwright.

The server commits for real, so it gets a fresh database (never the one the
rolled-back tests share), dropped at the end.
"""

import threading
from pathlib import Path

import pytest
from flask_migrate import upgrade
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

from tests.databases import fresh_database
from tracker import create_app
from tracker.extensions import db

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="module")
def live_app(database_url, tmp_path_factory):
    with fresh_database(database_url, tmp_path_factory.mktemp("live")) as url:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "live"})
        with app.app_context():
            upgrade()
        yield app
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="module")
def live_url(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in_page(page, live_url: str, username: str, password: str) -> None:
    """Sign in through the form, as an official does, and land on the home page."""
    page.goto(f"{live_url}/sign-in")
    page.get_by_label("Tên đăng nhập hoặc e-mail").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_url}/")


def record_progress(page, percent: int, note: str) -> None:
    """On a task's page, as its lead: record how far it has come."""
    page.get_by_label("Tiến độ (%)").fill(str(percent))
    page.get_by_label("Đã làm được gì").fill(note)
    page.get_by_role("button", name="Ghi nhận tiến độ").click()
    expect(page.get_by_text("Đã ghi nhận tiến độ.")).to_be_visible()


def complete(page, result: str) -> None:
    """On a task's page, as its lead: mark it done today with its result."""
    page.get_by_label("Kết quả (đưa vào báo cáo)").fill(result)
    page.get_by_role("button", name="Đánh dấu hoàn thành").click()
    expect(page.get_by_text("Nhiệm vụ đã hoàn thành.")).to_be_visible()
