"""`flask db backup` under write load, then `flask db restore` into a fresh database:
every row committed before the backup began is there, and SQLite finds the file sound."""

import threading
import time

import pytest
from flask_migrate import upgrade
from flask_migrate.cli import db as database_group
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select, text
from sqlalchemy.engine import make_url

from tests.databases import fresh_database
from tracker import create_app
from tracker.core.backup import integrity_problems
from tracker.extensions import db

written = Table("written", MetaData(), Column("n", Integer, primary_key=True))


def _app_on(url):
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})


class Writer(threading.Thread):
    """Commits one row after another, one transaction each, noting each commit."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.engine = create_engine(url)
        self.committed: list[int] = []
        self.stop = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            with self.engine.begin() as connection:
                connection.execute(insert(written).values(n=n))
            self.committed.append(n)
        self.engine.dispose()


def _invoke(app, *arguments):
    return app.test_cli_runner().invoke(database_group, list(arguments))


@pytest.fixture
def source(database_url, tmp_path):
    """A migrated database with the `written` table, and its app."""
    with fresh_database(database_url, tmp_path) as url:
        app = _app_on(url)
        with app.app_context():
            upgrade()
            with db.engine.begin() as connection:
                written.create(connection)
            db.engine.dispose()
        yield url, app


def test_a_backup_made_under_write_load_restores_every_committed_row(
    source, database_url, tmp_path
):
    url, app = source
    backup = tmp_path / "tracker.backup"
    writer = Writer(url)
    writer.start()
    try:
        while len(writer.committed) < 200:
            time.sleep(0.01)
        committed_before = list(writer.committed)
        with app.app_context():
            made = _invoke(app, "backup", str(backup))
        time.sleep(0.1)  # the writer goes on after the backup
    finally:
        writer.stop.set()
        writer.join()
    assert made.exit_code == 0, made.output
    assert "Đã sao lưu cơ sở dữ liệu" in made.output
    (tmp_path / "restored").mkdir()
    with fresh_database(database_url, tmp_path / "restored") as restored_url:
        restored = _app_on(restored_url)
        with restored.app_context():
            done = _invoke(restored, "restore", str(backup))
            rows = set(db.session.scalars(select(written.c.n)))
            migrated = db.session.scalar(text("SELECT version_num FROM alembic_version"))
            db.session.remove()
            db.engine.dispose()
        if make_url(restored_url).get_backend_name() == "sqlite":
            assert integrity_problems(make_url(restored_url).database) == []
    assert done.exit_code == 0, done.output
    assert set(committed_before) <= rows
    assert len(rows) < len(writer.committed)  # what came after the backup is not in it
    assert migrated is not None


def test_a_restore_asks_before_replacing_data(source, tmp_path):
    _, app = source
    backup = tmp_path / "tracker.backup"
    with app.app_context():
        assert _invoke(app, "backup", str(backup)).exit_code == 0
        refused = _invoke(app, "restore", str(backup))
        assert refused.exit_code != 0 and "--yes" in refused.output
        again = _invoke(app, "backup", str(backup))
        assert again.exit_code != 0 and "đã có" in again.output
        assert _invoke(app, "restore", str(backup), "--yes").exit_code == 0
        db.engine.dispose()


def test_a_missing_or_broken_backup_is_refused_with_a_message(source, tmp_path):
    _, app = source
    broken = tmp_path / "broken.backup"
    broken.write_bytes(b"not a backup at all" * 100)
    with app.app_context():
        missing = _invoke(app, "restore", str(tmp_path / "none.backup"), "--yes")
        spoiled = _invoke(app, "restore", str(broken), "--yes")
        rows = db.session.execute(select(written.c.n)).all()
        db.session.remove()
        db.engine.dispose()
    assert missing.exit_code != 0 and "Không có tệp" in missing.output
    assert spoiled.exit_code != 0
    assert rows == []  # nothing was touched
