"""Per-connection settings, writes made in passing, and the 503 for a database out of reach."""

import time

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, scoped_session, sessionmaker

from tests.bench.servers import free_port
from tests.databases import fresh_database
from tracker import create_app
from tracker.core.db import (
    IN_PASSING_TIMEOUT_MS,
    RETRY_AFTER_SECONDS,
    is_database_unavailable,
    transactions_that_write,
    write_in_passing,
)

counters = Table("counters", MetaData(), Column("id", Integer, primary_key=True),
                 Column("uses", Integer, nullable=False))


@pytest.fixture
def engine(database_url, tmp_path):
    """A database of its own with one row to count on, outside the tests' transaction."""
    with fresh_database(database_url, tmp_path) as url:
        engine = create_engine(url)
        with engine.begin() as connection:
            counters.create(connection)
            connection.execute(insert(counters).values(id=1, uses=0))
        yield engine
        engine.dispose()


def _uses(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(counters.c.uses)).scalar_one()


def _count_one_use(engine) -> bool:
    with Session(engine) as session:
        return write_in_passing(session, update(counters).values(uses=counters.c.uses + 1))


def _hold_the_write_lock(connection) -> None:
    """Leave `connection` in a transaction that holds what a write of the row needs."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("INSERT INTO counters (id, uses) VALUES (2, 0)")
    else:
        connection.execute(update(counters).where(counters.c.id == 1).values(uses=100))


def test_a_write_in_passing_is_committed_at_once(engine):
    with transactions_that_write(False):  # as in a GET request
        assert _count_one_use(engine)
    assert _uses(engine) == 1


def test_a_write_in_passing_gives_up_quickly_while_another_writes(engine):
    with engine.connect() as writer:
        _hold_the_write_lock(writer)
        started = time.monotonic()
        assert not _count_one_use(engine)
        waited = time.monotonic() - started
        writer.rollback()
    assert waited < IN_PASSING_TIMEOUT_MS / 1000 + 1
    assert _uses(engine) == 0
    assert _count_one_use(engine)  # the connection went back to the pool usable


def test_a_write_in_passing_inside_a_writing_transaction_does_not_wait_for_itself(engine):
    session = scoped_session(sessionmaker(engine))  # as Flask-SQLAlchemy's db.session
    with transactions_that_write(True):  # as in a POST request
        session.execute(select(counters.c.uses))  # on SQLite: holds the write lock now
        started = time.monotonic()
        assert write_in_passing(session, update(counters).values(uses=counters.c.uses + 1))
        waited = time.monotonic() - started
        session.commit()
    session.remove()
    assert waited < IN_PASSING_TIMEOUT_MS / 1000
    assert _uses(engine) == 1


def test_sqlite_transactions_that_read_do_not_take_the_write_lock(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'locks.db'}")
    with engine.begin() as connection:
        counters.create(connection)
    with engine.connect() as writer, engine.connect() as reader:
        writer.execute(insert(counters).values(id=1, uses=0))  # holds the write lock
        with transactions_that_write(False):
            assert reader.execute(select(counters.c.uses)).all() == []
        reader.rollback()
        writer.rollback()
    engine.dispose()


def test_a_locked_sqlite_database_is_unavailable_and_a_missing_table_is_a_bug(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'locks.db'}")
    with engine.connect() as writer, engine.connect() as impatient:
        writer.exec_driver_sql("CREATE TABLE t (n INTEGER)")  # holds the write lock
        impatient.connection.driver_connection.execute("PRAGMA busy_timeout=0")
        with pytest.raises(OperationalError) as locked:
            impatient.exec_driver_sql("SELECT 1")  # begins IMMEDIATE: needs the lock
        impatient.rollback()
        writer.rollback()
        with pytest.raises(OperationalError) as missing:
            impatient.exec_driver_sql("SELECT * FROM no_such_table")
    engine.dispose()
    assert is_database_unavailable(locked.value)
    assert not is_database_unavailable(missing.value)


def _unreachable(database_url: str, tmp_path) -> str:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return f"sqlite:///{tmp_path / 'no-such-folder' / 'tracker.db'}"
    return url.set(host="127.0.0.1", port=free_port()).render_as_string(hide_password=False)


@pytest.fixture
def unreachable_client(database_url, tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": _unreachable(
        database_url, tmp_path), "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False})
    app.config["PROPAGATE_EXCEPTIONS"] = False  # what production does with a 500
    return app.test_client()


def test_a_page_says_503_and_when_to_try_again_when_the_database_is_out_of_reach(
    unreachable_client
):
    response = unreachable_client.post("/sign-in", data={"login": "ai", "password": "x" * 12})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "Cơ sở dữ liệu đang bận hoặc tạm thời không truy cập được" in response.get_data(
        as_text=True)


def test_the_api_says_503_in_json_when_the_database_is_out_of_reach(unreachable_client):
    response = unreachable_client.get("/api/v1/tasks",
                                      headers={"Authorization": "Bearer khoa-bat-ky"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "tạm thời không truy cập được" in response.get_json()["message"]


def test_an_operational_error_that_is_a_bug_stays_a_500(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'empty.db'}"})
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().post("/sign-in", data={"login": "ai", "password": "x" * 12})
    assert response.status_code == 500  # no tables: "no such table", not a busy database

