"""The revisions build exactly the schema the models describe, on both databases."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from tests.databases import fresh_database
from tests.factories import DocumentFactory, OfficialFactory, TaskFactory, UnitFactory
from tracker import create_app
from tracker.extensions import db
from tracker.tasks.models import ProgressUpdate


def _app_on(url):
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})


def test_upgrade_of_an_empty_database_matches_the_models(database_url, tmp_path):
    with fresh_database(database_url, tmp_path) as url:
        app = _app_on(url)
        with app.app_context():
            upgrade()
            with db.engine.connect() as connection:
                context = MigrationContext.configure(connection, opts={"compare_type": True})
                differences = compare_metadata(context, db.metadata)
            db.engine.dispose()
    assert differences == []


def test_downgrade_to_base_removes_every_table(database_url, tmp_path):
    with fresh_database(database_url, tmp_path) as url:
        app = _app_on(url)
        with app.app_context():
            upgrade()
            downgrade(revision="base")
            tables = set(inspect(db.engine).get_table_names())
            db.engine.dispose()
    assert tables <= {"alembic_version"}


def test_units_created_before_the_settings_revision_get_default_settings(database_url, tmp_path):
    with fresh_database(database_url, tmp_path) as url:
        app = _app_on(url)
        with app.app_context():
            upgrade(revision="5f839cf294c0")  # the initial schema, without unit_settings
            with db.engine.begin() as connection:
                connection.execute(text(
                    "INSERT INTO units (code, name, place_name, level, timezone, created_at)"
                    " VALUES ('cu', 'UBND xã Cũ', 'Cũ', 'commune', 'Asia/Ho_Chi_Minh',"
                    " CURRENT_TIMESTAMP)"))
            upgrade()
            with db.engine.connect() as connection:
                offsets = connection.execute(text(
                    "SELECT reminder_offsets FROM unit_settings JOIN units"
                    " ON units.id = unit_settings.unit_id WHERE units.code = 'cu'")).scalar()
            db.engine.dispose()
    assert offsets == "5,2,0"


def _fill_a_unit() -> None:
    """A unit, its officials, a document and a task with a coordinator and a progress note."""
    unit = UnitFactory(code="xa-du-lieu")
    lead = OfficialFactory(unit=unit, username="chutri")
    task = TaskFactory(unit=unit, lead=lead, document=DocumentFactory(unit=unit),
                       title="Nhiệm vụ còn dữ liệu", coordinators=[OfficialFactory(unit=unit)])
    db.session.add(ProgressUpdate(task=task, author_id=lead.id, percent=30, note="Đã làm"))
    db.session.commit()


# One step, back to before this year's last revisions, and to the initial schema: SQLite
# rebuilds the tables others refer to on the way, which failed with data in them.
@pytest.mark.parametrize("target", ["-1", "b8d4f2a6c9e3", "5f839cf294c0"])
def test_a_downgrade_with_data_works_and_the_upgrade_after_it_too(database_url, tmp_path,
                                                                  target):
    with fresh_database(database_url, tmp_path) as url:
        app = _app_on(url)
        with app.app_context():
            upgrade()
            _fill_a_unit()
            db.session.remove()
            downgrade(revision=target)
            upgrade()
            with db.engine.connect() as connection:
                titles = connection.execute(text("SELECT title FROM tasks")).scalars().all()
                if connection.dialect.name == "sqlite":
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    enforced = connection.exec_driver_sql("PRAGMA foreign_keys").scalar()
                    assert (broken, enforced) == ([], 1)
            db.engine.dispose()
    assert titles == ["Nhiệm vụ còn dữ liệu"]
