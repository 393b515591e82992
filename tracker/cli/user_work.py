"""`flask --app tracker users reassign-work|import`: an official's work handed over, and
officials created in bulk from an Excel sheet."""

import click

from tracker.cli.errors import reports_domain_errors
from tracker.cli.users import users_group
from tracker.core.actor import SYSTEM
from tracker.extensions import db
from tracker.org.models import Official
from tracker.org.services import find_by_login
from tracker.tasks.handover import Handover, hand_over_work


@users_group.command("reassign-work")
@click.argument("login")
@click.option("--to", "to_login", required=True, help="Tên đăng nhập của người nhận.")
@click.option("--dry-run", is_flag=True, help="Chỉ đếm, không chuyển.")
@reports_domain_errors
def reassign_work_command(login: str, to_login: str, dry_run: bool) -> None:
    """Bàn giao mọi nhiệm vụ đang thực hiện của một cán bộ cho người khác."""
    handover = hand_over_work(db.session, SYSTEM, _account(login), _account(to_login),
                              dry_run=dry_run)
    db.session.commit()
    click.echo(_summary(handover))


def _summary(handover: Handover) -> str:
    counts = handover.counts
    verb = "Đã chuyển" if handover.applied else "Sẽ chuyển (chạy thử, chưa ghi)"
    return (f"{verb} {handover.task_count} nhiệm vụ của {handover.departing.username} cho "
            f"{handover.receiver.username}: chủ trì {counts['lead']}, phối hợp "
            f"{counts['coordinator']}, theo dõi {counts['follower']}.")


def _account(login: str) -> Official:
    """:raise click.ClickException: no account has that username or e-mail."""
    official = find_by_login(db.session, login)
    if official is None:
        raise click.ClickException(f"Không có tài khoản {login}.")
    return official
