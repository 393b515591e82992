"""Only one scheduler acts at a time: the one holding the leader lock.

PostgreSQL: a session-level advisory lock on a connection kept open; the server
frees it the moment that process dies. SQLite: an exclusive lock on a file beside
the database, which the operating system frees when the process dies.
"""

import fcntl
import os
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine, text

# Any constant shared by every scheduler of one database ("CCHC").
ADVISORY_LOCK_KEY = 0x43434843


class LeaderLock(Protocol):
    def acquire(self) -> bool: ...
    def still_held(self) -> bool: ...
    def release(self) -> None: ...


class PostgresLeaderLock:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.connection = None

    def acquire(self) -> bool:
        connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        taken = connection.execute(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
        ).scalar()
        if taken:
            self.connection = connection
        else:
            connection.close()
        return bool(taken)

    def still_held(self) -> bool:
        try:
            self.connection.execute(text("SELECT 1"))
        except Exception:  # the connection broke: the server has freed the lock
            return False
        return True

    def release(self) -> None:
        if self.connection is None:
            return
        try:
            self.connection.execute(
                text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
        finally:
            self.connection.close()
            self.connection = None


class FileLeaderLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")  # noqa: SIM115 (held for as long as we lead)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        self.handle = handle
        return True

    def still_held(self) -> bool:
        return self.handle is not None

    def release(self) -> None:
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


def leader_lock_for(engine: Engine, instance_path: str) -> LeaderLock:
    if engine.dialect.name == "postgresql":
        return PostgresLeaderLock(engine)
    database = engine.url.database
    if database and database != ":memory:":
        return FileLeaderLock(Path(f"{database}.scheduler.lock"))
    return FileLeaderLock(Path(instance_path) / "scheduler.lock")
