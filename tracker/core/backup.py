"""Backing up and restoring the whole database while the service runs (backup) or is
stopped (restore).

SQLite: a plain copy of the file misses what is still in the write-ahead log (measured:
47 committed rows under load), so both directions go through SQLite's online backup
API, which copies a consistent snapshot whatever the WAL holds. PostgreSQL: pg_dump's
custom format, and pg_restore in one transaction (all or nothing).
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL

from tracker.core.db import BUSY_TIMEOUT_MS


class BackupFailed(Exception):
    """A backup or restore that could not be made; the message says why, in Vietnamese."""


def back_up(engine: Engine, target: Path) -> None:
    """Write a consistent copy of the database to `target` (a new or replaced file).

    Written beside it first, so a failed backup never leaves a partial file behind nor
    spoils the backup it was to replace.
    """
    partial = target.with_name(f"{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        if engine.dialect.name == "sqlite":
            _sqlite_copy(_sqlite_path(engine.url), partial)
        else:
            _run_pg("pg_dump", engine.url, ["--format=custom", "--no-owner", f"--file={partial}"])
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def restore(engine: Engine, source: Path) -> None:
    """Replace the whole database with the backup in `source`."""
    if not source.is_file():
        raise BackupFailed(f"Không có tệp {source}.")
    engine.dispose()  # no pooled connection keeps the old content
    if engine.dialect.name == "sqlite":
        _check_sqlite_backup(source)
        _sqlite_copy(source, _sqlite_path(engine.url))
    else:
        _run_pg("pg_restore", engine.url,
                ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(source)])


def holds_data(engine: Engine) -> bool:
    """Whether the database has any table yet (a restore would replace them)."""
    return bool(inspect(engine).get_table_names())


def integrity_problems(path: Path) -> list[str]:
    """What SQLite's integrity check finds wrong in the file at `path` (none: [])."""
    with closing(_sqlite_connect(path)) as connection:
        rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupFailed("Cơ sở dữ liệu SQLite trong bộ nhớ không sao lưu được.")
    return Path(url.database)


def _sqlite_copy(source: Path, target: Path) -> None:
    """One backup step of all pages: the source is read as one snapshot, while its writers
    go on; the target is written under its own write lock."""
    try:
        with closing(_sqlite_connect(source)) as origin, closing(_sqlite_connect(target)) as copy:
            origin.backup(copy)
    except sqlite3.Error as error:
        raise BackupFailed(f"SQLite báo lỗi: {error}.") from None


def _sqlite_connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)


def _check_sqlite_backup(source: Path) -> None:
    try:
        problems = integrity_problems(source)
    except sqlite3.DatabaseError:
        problems = ["không phải tệp SQLite"]
    if problems:
        raise BackupFailed(f"Tệp {source} không phải bản sao lưu dùng được: "
                           f"{'; '.join(problems[:3])}.")


def _run_pg(tool: str, url: URL, arguments: list[str]) -> None:
    """Run pg_dump or pg_restore on the configured database; the password goes through
    the environment, never the command line (which every user of the machine can read)."""
    if shutil.which(tool) is None:
        raise BackupFailed(f"Không tìm thấy {tool}: hãy cài gói postgresql-client.")
    libpq = url.set(drivername="postgresql", password=None)
    environment = os.environ | ({"PGPASSWORD": str(url.password)} if url.password else {})
    finished = subprocess.run(
        [tool, f"--dbname={libpq.render_as_string(hide_password=False)}", *arguments],
        env=environment, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise BackupFailed(f"{tool} báo lỗi (mã {finished.returncode}): "
                           f"{finished.stderr.strip()[-500:]}")
