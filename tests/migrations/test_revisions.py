"""The revisions build exactly the schema the models describe, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from tests.databases import fresh_database
from tracker import create_app
from tracker.extensions import db


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
