"""What the scheduler's log says of a pass: values a person can read, not Python reprs."""

import logging
from datetime import UTC, datetime

from flask_migrate import upgrade

from jobs.runner import _tick
from tests.databases import fresh_database
from tests.jobs.scenario import build_commune
from tracker import create_app
from tracker.extensions import db

FIRST_OVERDUE_MORNING = datetime(2023, 2, 6, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội


def test_a_pass_logs_the_kinds_written_and_the_days_scanned_by_value(tmp_path, caplog):
    with fresh_database(f"sqlite:///{tmp_path / 'x.db'}", tmp_path) as url:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})
        with app.app_context():
            upgrade()
            build_commune()
            db.session.commit()
            db.session.remove()
        with caplog.at_level(logging.INFO, logger="jobs"):
            _tick(app, lambda: FIRST_OVERDUE_MORNING)
        with app.app_context():
            db.engine.dispose()
    assert "Pass: scanned [xa-nhac-viec 2023-02-06], written {" in caplog.text
    assert "'overdue': 6" in caplog.text
    assert "NotificationKind" not in caplog.text and "datetime.date" not in caplog.text
