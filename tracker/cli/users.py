"""`flask --app tracker users …`: officials' accounts."""

import json

import click
from flask.cli import AppGroup

from tracker.cli.errors import reports_domain_errors
from tracker.cli.lookups import official_by_login, unit_or_only
from tracker.core.actor import SYSTEM
from tracker.core.roles import Role
from tracker.core.validation import MAX_ID
from tracker.extensions import db
from tracker.org.accounts import reset_password, unlock
from tracker.org.departments import find_department
from tracker.org.models import Department, Unit
from tracker.org.services import (
    create_official,
    list_officials,
    set_active,
    set_password,
    update_official,
)
from tracker.org.units import get_unit

users_group = AppGroup("users", help="Cán bộ, công chức và tài khoản (officials).")


@users_group.command("create")
@click.option("--username", required=True)
@click.option("--role", required=True, type=click.Choice([role.value for role in Role]))
@click.option("--full-name", required=True)
@click.option("--unit", "unit_code", default=None, help="Mã đơn vị (bỏ qua nếu chỉ có một).")
@click.option("--email", default=None)
@click.option("--position", default="", help="Chức vụ, chức danh, ví dụ \"Chuyên viên\".")
@click.option("--department", default=None, help="Bộ phận: mã, tên (không cần dấu) hoặc số.")
@click.option("--phone", default=None)
@click.password_option(help="Mật khẩu; nếu bỏ qua sẽ được hỏi.")
@reports_domain_errors
def create_user_command(username, role, full_name, unit_code, email, position, department,
                        phone, password):
    """Tạo tài khoản cho một cán bộ, công chức."""
    unit = unit_or_only(unit_code)
    official = create_official(
        db.session, SYSTEM, unit, username=username, password=password, full_name=full_name,
        role=role, email=email, position=position, phone=phone,
        department=_department(unit, department),
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
    official = official_by_login(login)
    set_password(db.session, SYSTEM, official, password)
    db.session.commit()
    click.echo(f"Đã đặt mật khẩu mới cho {official.username}.")


@users_group.command("deactivate")
@click.argument("login")
@reports_domain_errors
def deactivate_command(login):
    """Ngừng hoạt động một tài khoản: đăng xuất mọi thiết bị, thu hồi mọi khóa API."""
    official = official_by_login(login)
    set_active(db.session, SYSTEM, official, False)
    db.session.commit()
    click.echo(f"Đã ngừng hoạt động tài khoản {official.username}.")


@users_group.command("reactivate")
@click.argument("login")
@reports_domain_errors
def reactivate_command(login):
    """Cho một tài khoản đã ngừng hoạt động trở lại."""
    official = official_by_login(login)
    set_active(db.session, SYSTEM, official, True)
    db.session.commit()
    click.echo(f"Đã cho {official.username} hoạt động trở lại.")


@users_group.command("unlock")
@click.argument("login")
@reports_domain_errors
def unlock_command(login):
    """Mở khóa đăng nhập sau nhiều lần sai mật khẩu."""
    official = official_by_login(login)
    cleared = unlock(db.session, SYSTEM, official)
    db.session.commit()
    click.echo(f"Đã mở khóa {official.username}." if cleared
               else f"Tài khoản {official.username} không bị khóa.")


@users_group.command("reset-password")
@click.argument("login")
@reports_domain_errors
def reset_password_command(login):
    """Đặt lại mật khẩu ngẫu nhiên (in ra một lần); cán bộ phải đổi khi đăng nhập."""
    official = official_by_login(login)
    generated = reset_password(db.session, SYSTEM, official)
    db.session.commit()
    click.echo(f"Mật khẩu mới của {official.username} (chỉ hiện lần này): {generated}")


@users_group.command("set-role")
@click.argument("login")
@click.argument("role", type=click.Choice([role.value for role in Role]))
@reports_domain_errors
def set_role_command(login, role):
    """Đổi vai trò (mọi thiết bị bị đăng xuất, mọi khóa API bị thu hồi)."""
    official = official_by_login(login)
    update_official(db.session, SYSTEM, official, role=role)
    db.session.commit()
    click.echo(f"{official.username} giờ có vai trò {official.role.value}.")


@users_group.command("update")
@click.argument("login")
@click.option("--full-name", default=None)
@click.option("--position", default=None)
@click.option("--department", default=None, help="Mã, tên hoặc số; \"\" để bỏ bộ phận.")
@click.option("--email", default=None, help="\"\" để xóa e-mail.")
@click.option("--phone", default=None, help="\"\" để xóa số điện thoại.")
@reports_domain_errors
def update_command(login, full_name, position, department, email, phone):
    """Sửa thông tin một cán bộ (chỉ các mục được nêu)."""
    official = official_by_login(login)
    changes = {name: value for name, value in (
        ("full_name", full_name), ("position", position), ("email", email), ("phone", phone))
        if value is not None}
    if department is not None:
        changes["department"] = _department(official.unit, department)
    if not changes:
        raise click.UsageError("Hãy nêu ít nhất một mục cần sửa (--full-name, --position …).")
    update_official(db.session, SYSTEM, official, **changes)
    db.session.commit()
    click.echo(f"Đã lưu thông tin của {official.username}.")




def _department(unit: Unit, handle: str | None) -> Department | None:
    """The unit's department by its number, code or name; none for an empty handle.

    :raise NotFound: no such department in the unit.
    """
    if not handle or not handle.strip():
        return None
    if handle.strip().isdigit() and int(handle) <= MAX_ID:
        department = db.session.get(Department, int(handle))
        if department is not None and department.unit_id == unit.id:
            return department
    return find_department(db.session, unit, handle)


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
        "phone": official.phone,
        "active": official.active,
        "must_change_password": official.must_change_password,
    }
