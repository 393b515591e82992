"""`flask --app tracker users reassign-work|import`: an official's work handed over, and
officials created in bulk from an Excel sheet."""

import csv
from pathlib import Path

import click

from tracker.cli.errors import reports_domain_errors
from tracker.cli.lookups import official_by_login, unit_or_only
from tracker.cli.users import users_group
from tracker.core.actor import SYSTEM
from tracker.core.spreadsheets import SheetRejected
from tracker.extensions import db
from tracker.org.imports import import_officials
from tracker.org.password_sheets import IssuedPassword, password_workbook
from tracker.tasks.handover import Handover, hand_over_work


@users_group.command("reassign-work")
@click.argument("login")
@click.option("--to", "to_login", required=True, help="Tên đăng nhập của người nhận.")
@click.option("--dry-run", is_flag=True, help="Chỉ đếm, không chuyển.")
@reports_domain_errors
def reassign_work_command(login: str, to_login: str, dry_run: bool) -> None:
    """Bàn giao mọi nhiệm vụ đang thực hiện của một cán bộ cho người khác."""
    departing, receiver = official_by_login(login), official_by_login(to_login)
    handover = hand_over_work(db.session, SYSTEM, departing, receiver, dry_run=dry_run)
    db.session.commit()
    click.echo(_summary(handover))


@users_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--unit", "unit_code", default=None, help="Mã đơn vị (bỏ qua nếu chỉ có một).")
@click.option("--passwords-out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ghi mật khẩu tạm vào tệp .xlsx hoặc .csv (mặc định: in ra màn hình).")
@reports_domain_errors
def import_command(file: Path, unit_code: str | None, passwords_out: Path | None) -> None:
    """Tạo tài khoản cán bộ từ tệp Excel (.xlsx) theo tệp mẫu: đủ mọi dòng hoặc không dòng nào."""
    unit = unit_or_only(unit_code)
    with file.open("rb") as stream:
        try:
            imported = import_officials(db.session, SYSTEM, unit, stream)
        except SheetRejected as rejected:
            db.session.rollback()
            lines = [f"Dòng {p.row}, cột {p.column or '—'}: {p.message}" for p in rejected.problems]
            raise click.ClickException("\n".join([str(rejected.message), *lines])) from None
    issued = [item.issued for item in imported]
    if passwords_out:
        _write_passwords(passwords_out, issued)
    db.session.commit()
    click.echo(f"Đã tạo {len(imported)} tài khoản tại {unit.name}; mỗi người phải đổi mật khẩu "
               "khi đăng nhập lần đầu.")
    if passwords_out:
        click.echo(f"Mật khẩu tạm: {passwords_out}")
    else:
        for item in issued:
            click.echo(f"{item.username}\t{item.password}")


def _write_passwords(path: Path, issued: list[IssuedPassword]) -> None:
    """An .xlsx, or for any other name a CSV of username and password (neither can start
    a formula: both are letters, digits and . _ -)."""
    if path.suffix.lower() == ".xlsx":
        path.write_bytes(password_workbook(issued))
        return
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["username", "password"])
        writer.writerows([item.username, item.password] for item in issued)




def _summary(handover: Handover) -> str:
    counts = handover.counts
    verb = "Đã chuyển" if handover.applied else "Sẽ chuyển (chạy thử, chưa ghi)"
    return (f"{verb} {handover.task_count} nhiệm vụ của {handover.departing.username} cho "
            f"{handover.receiver.username}: chủ trì {counts['lead']}, phối hợp "
            f"{counts['coordinator']}, theo dõi {counts['follower']}.")
