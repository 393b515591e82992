"""`flask --app tracker users …`: officials' accounts."""

import json

import click
from flask.cli import AppGroup

from tracker.cli.errors import reports_domain_errors
from tracker.core.actor import SYSTEM
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.models import Official, Unit
from tracker.org.services import (
    create_official,
    find_by_login,
    list_officials,
    set_active,
    set_password,
)
from tracker.org.units import get_unit

users_group = AppGroup("users", help="Cán bộ, công chức và tài khoản (officials).")


@users_group.command("create")
@click.option("--username", required=True)
@click.option("--role", required=True, type=click.Choice([role.value for role in Role]))
@click.option("--full-name", required=True)
@click.option("--unit", "unit_code", default=None, help="Mã đơn vị (bỏ qua nếu chỉ có một).")
@click.option("--email", default=None)
@click.option("--position", default="")
@click.password_option(help="Mật khẩu; nếu bỏ qua sẽ được hỏi.")
@reports_domain_errors
def create_user_command(username, role, full_name, unit_code, email, position, password):
    """Tạo tài khoản cho một cán bộ, công chức."""
    unit = get_unit(db.session, unit_code) if unit_code else _only_unit()
    official = create_official(
        db.session, SYSTEM, unit, username=username, password=password, full_name=full_name,
        role=role, email=email, position=position,
    )
    db.session.commit()
    click.echo(f"Đã tạo {official.username} ({official.role.value}) tại {unit.name}")


@users_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="In danh sách dạng JSON.")
@click.option("--unit", "unit_code", default=None)
@reports_domain_errors
def list_users_command(as_json, unit_code):
    """Liệt kê tài khoản."""
    unit = get_unit(db.session, unit_code) if unit_code else None
    officials = list_officials(db.session, unit)
    if as_json:
        click.echo(json.dumps([_official_json(o) for o in officials], ensure_ascii=False, indent=2))
        return
    for official in officials:
        state = "" if official.active else " (ngừng hoạt động)"
        click.echo(f"{official.username:<24} {official.role.value:<14} {official.full_name}"
                   f" — {official.unit.code}{state}")


@users_group.command("set-password")
@click.argument("login")
@click.password_option(help="Mật khẩu mới; nếu bỏ qua sẽ được hỏi.")
@reports_domain_errors
def set_password_command(login, password):
    """Đặt lại mật khẩu (mọi phiên đăng nhập cũ bị đăng xuất)."""
    official = _official(login)
    set_password(db.session, SYSTEM, official, password)
    db.session.commit()
    click.echo(f"Đã đặt mật khẩu mới cho {official.username}.")


@users_group.command("deactivate")
@click.argument("login")
@reports_domain_errors
def deactivate_command(login):
    """Ngừng hoạt động một tài khoản: đăng xuất mọi thiết bị, thu hồi mọi khóa API."""
    official = _official(login)
    set_active(db.session, SYSTEM, official, False)
    db.session.commit()
    click.echo(f"Đã ngừng hoạt động tài khoản {official.username}.")


def _only_unit() -> Unit:
    units = db.session.scalars(db.select(Unit).limit(2)).all()
    if len(units) != 1:
        raise click.ClickException("Hãy chọn đơn vị bằng --unit CODE.")
    return units[0]


def _official_json(official) -> dict:
    return {
        "id": official.id,
        "username": official.username,
        "full_name": official.full_name,
        "role": official.role.value,
        "position": official.position,
        "email": official.email,
        "unit": official.unit.code,
        "department": official.department.name if official.department else None,
        "active": official.active,
    }


def _official(login: str) -> Official:
    """:raise click.ClickException: no account has that username or e-mail."""
    official = find_by_login(db.session, login)
    if official is None:
        raise click.ClickException(f"Không có tài khoản {login}.")
    return official
