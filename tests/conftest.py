"""Test set-up: one database per run (SQLite by default, PostgreSQL when
TEST_DATABASE_URL is set), migrated with our own revisions; every test runs
inside one outer transaction that is rolled back, so tests never see each
other's rows and pass in any order."""

import os
import re

import pytest
import time_machine
from flask.testing import FlaskClient
from flask_migrate import upgrade
from flask_sqlalchemy.session import Session as FlaskSession

from tests.databases import drop_all_tables
from tracker import create_app
from tracker.extensions import db

TEST_PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    return os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'tracker-test.db'}"
    )


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "test-secret",
        }
    )
    app.instance_path = str(tmp_path_factory.mktemp("instance"))
    app.test_client_class = FreshContextClient
    with app.app_context():
        drop_all_tables(db.engine)
        upgrade()
        db.engine.dispose()
    return app


class FreshContextClient(FlaskClient):
    """Each request in its own app context, as in production: otherwise requests reuse
    the test's context and share `g` (and the signed-in user cached there)."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


class _BoundSession(FlaskSession):
    """Flask-SQLAlchemy's session ignores a session-level bind; tests need it to
    run every query on the connection that holds the outer transaction."""

    def get_bind(self, *args, **kwargs):
        return self.bind


@pytest.fixture
def db_session(app):
    """`db.session`, with every commit turned into a savepoint of a rolled-back transaction."""
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original = db.session
        db.session = db._make_scoped_session(
            {"bind": connection, "join_transaction_mode": "create_savepoint",
             "class_": _BoundSession}
        )
        try:
            yield db.session
        finally:
            db.session.remove()
            db.session = original
            outer.rollback()
            connection.close()


@pytest.fixture
def client(app, db_session):
    return app.test_client()


@pytest.fixture
def on_20_march_2023():
    """Monday 20/03/2023, 09:00 in Vietnam."""
    with time_machine.travel("2023-03-20 09:00 +07:00", tick=False):
        yield


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "no CSRF token in the page"
    return match.group(1)


def sign_in(client, login: str, password: str = TEST_PASSWORD):
    token = csrf_token_from(client.get("/sign-in").get_data(as_text=True))
    return client.post(
        "/sign-in", data={"login": login, "password": password, "csrf_token": token}
    )
