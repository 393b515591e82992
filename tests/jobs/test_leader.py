from sqlalchemy import create_engine

from jobs.leader import FileLeaderLock, PostgresLeaderLock, leader_lock_for


def test_only_one_file_lock_holder_at_a_time(tmp_path):
    first, second = FileLeaderLock(tmp_path / "s.lock"), FileLeaderLock(tmp_path / "s.lock")
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def test_only_one_advisory_lock_holder_at_a_time(database_url, tmp_path):
    engine = create_engine(database_url)
    try:
        first, second = leader_lock_for(engine, str(tmp_path)), leader_lock_for(
            engine, str(tmp_path))
        assert first.acquire() and first.still_held()
        assert not second.acquire()
        first.release()
        assert second.acquire()
        second.release()
    finally:
        engine.dispose()


def test_a_dead_leaders_advisory_lock_is_freed(database_url):
    engine = create_engine(database_url)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        return  # SQLite's file lock is freed by the operating system, shown above
    try:
        leader, standby = PostgresLeaderLock(engine), PostgresLeaderLock(engine)
        assert leader.acquire()
        leader.connection.invalidate()  # the connection dies as with a killed process
        assert not leader.still_held()
        assert standby.acquire()
        standby.release()
    finally:
        engine.dispose()
