"""`flask --app tracker db backup FILE` and `db restore FILE`, beside Flask-Migrate's
`db upgrade` and `db downgrade`."""

from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_migrate.cli import db as database_group

from tracker.core.backup import BackupFailed, back_up, holds_data, integrity_problems, restore
from tracker.extensions import db

_FILE = click.Path(dir_okay=False, path_type=Path)


@click.command("backup")
@click.argument("target", type=_FILE)
@click.option("--yes", is_flag=True, help="Ghi đè tệp sao lưu đã có.")
@with_appcontext
def backup_command(target: Path, yes: bool) -> None:
    """Sao lưu toàn bộ cơ sở dữ liệu vào FILE, trong lúc hệ thống vẫn chạy.

    SQLite: một tệp SQLite nhất quán (API sao lưu trực tuyến). PostgreSQL: pg_dump,
    định dạng custom.
    """
    if target.exists() and not yes:
        raise click.ClickException(f"Tệp {target} đã có; thêm --yes để ghi đè.")
    try:
        back_up(db.engine, target)
    except BackupFailed as failure:
        raise click.ClickException(str(failure)) from None
    click.echo(f"Đã sao lưu cơ sở dữ liệu vào {target} ({target.stat().st_size:,} byte)."
               .replace(",", "."))
    if db.engine.dialect.name == "sqlite":
        problems = integrity_problems(target)
        if problems:
            raise click.ClickException(f"Bản sao lưu không toàn vẹn: {'; '.join(problems[:3])}")
        click.echo("Kiểm tra toàn vẹn (PRAGMA integrity_check): ok.")


@click.command("restore")
@click.argument("source", type=_FILE)
@click.option("--yes", is_flag=True,
              help="Đồng ý thay toàn bộ dữ liệu hiện có bằng bản sao lưu.")
@with_appcontext
def restore_command(source: Path, yes: bool) -> None:
    """Khôi phục cơ sở dữ liệu từ bản sao lưu FILE, thay toàn bộ dữ liệu hiện có.

    Dừng máy chủ web và lịch nhắc việc trước khi khôi phục.
    """
    if not source.is_file():
        raise click.ClickException(f"Không có tệp {source}.")
    if holds_data(db.engine) and not yes:
        raise click.ClickException(
            "Cơ sở dữ liệu đang có dữ liệu; khôi phục sẽ thay toàn bộ. Hãy dừng máy chủ web "
            "và lịch nhắc việc rồi chạy lại với --yes.")
    try:
        restore(db.engine, source)
    except BackupFailed as failure:
        raise click.ClickException(str(failure)) from None
    click.echo(f"Đã khôi phục cơ sở dữ liệu từ {source}.")


def register() -> None:
    """Add the commands to Flask-Migrate's `db` group: the `flask` command finds that group
    through its entry point before the application's own commands."""
    database_group.add_command(backup_command)
    database_group.add_command(restore_command)
