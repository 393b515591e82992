"""Command-line administration: `flask --app tracker units …`, `users …`, `demo …`."""

import json
import time

import click
from flask import current_app
from flask.cli import AppGroup

from tracker.cli.errors import reports_domain_errors
from tracker.core.actor import SYSTEM
from tracker.core.roles import Role
from tracker.demo.generate import generate
from tracker.demo.loader import load_demo
from tracker.extensions import db
from tracker.org.models import Official, Unit, UnitLevel
from tracker.org.services import (
    create_official,
    create_unit,
    find_by_login,
    get_unit,
    list_officials,
    set_active,
    set_password,
)

units_group = AppGroup("units", help="Đơn vị (units).")
users_group = AppGroup("users", help="Cán bộ, công chức và tài khoản (officials).")
demo_group = AppGroup("demo", help="Dữ liệu mẫu: UBND xã Phổ Phong (demo data).")



@units_group.command("create")
@click.option("--code", required=True, help="Mã đơn vị, ví dụ pho-phong.")
@click.option("--name", required=True, help='Tên, ví dụ "UBND xã Phổ Phong".')
@click.option("--place", "place_name", default="", help='Địa danh ghi ở đầu báo cáo ("Phổ Phong").')
@click.option("--level", type=click.Choice([lv.value for lv in UnitLevel]), default="commune")
@click.option("--parent", "parent_code", default=None, help="Mã đơn vị cấp trên.")
@reports_domain_errors
def create_unit_command(code, name, place_name, level, parent_code):
    """Tạo một đơn vị."""
    parent = get_unit(db.session, parent_code) if parent_code else None
    unit = create_unit(
        db.session, SYSTEM, code=code, name=name, place_name=place_name, level=level,
        parent=parent,
    )
    db.session.commit()
    click.echo(f"Đã tạo đơn vị {unit.code}: {unit.name}")


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


@demo_group.command("load")
@click.option("--password", default=None,
              help="Mật khẩu của mọi tài khoản mẫu (mặc định: DEMO_PASSWORD).")
@reports_domain_errors
def load_demo_command(password):
    """Tạo đơn vị mẫu UBND xã Phổ Phong; chạy lại không thay đổi gì."""
    password = password or current_app.config["DEMO_PASSWORD"]
    loaded = load_demo(db.session, password=password)
    db.session.commit()
    if loaded.created:
        click.echo(f"Đã tạo đơn vị mẫu: {loaded.documents} văn bản, {loaded.tasks} nhiệm vụ. "
                   f"Mật khẩu mọi tài khoản: {password}")
    else:
        click.echo("Đơn vị mẫu đã có; không thay đổi gì.")
    for account in loaded.accounts:
        click.echo(f"  {account.username:<14} {account.role.label:<20} {account.full_name}"
                   f" — {account.position}, {account.unit_name}")


@demo_group.command("generate")
@click.option("--units", type=click.IntRange(min=1), required=True, help="Số xã.")
@click.option("--tasks", type=click.IntRange(min=0), required=True,
              help="Tổng số nhiệm vụ, chia đều cho các xã.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="Cùng hạt giống thì cùng dữ liệu (trong cùng một ngày).")
@click.option("--province-code", default="tinh-mau", show_default=True,
              help="Mã đơn vị tỉnh; mã xã và tên đăng nhập bắt đầu bằng mã này.")
@click.option("--password", default=None,
              help="Mật khẩu của mọi tài khoản sinh ra (mặc định: DEMO_PASSWORD).")
@reports_domain_errors
def generate_demo_command(units, tasks, seed, province_code, password):
    """Sinh dữ liệu tổng hợp để thử tải: một tỉnh, nhiều xã, văn bản và nhiệm vụ."""
    password = password or current_app.config["DEMO_PASSWORD"]
    started = time.perf_counter()
    made = generate(db.session, units=units, tasks=tasks, seed=seed, password=password,
                    province_code=province_code)
    db.session.commit()
    click.echo(f"Đã tạo {made.province_name} ({made.province_code}) với {_count(made.communes)} "
               f"xã, {_count(made.officials)} tài khoản, {_count(made.documents)} văn bản, "
               f"{_count(made.tasks)} nhiệm vụ trong {time.perf_counter() - started:.1f} giây.")
    for task_class, count in made.by_class.items():
        click.echo(f"  {task_class.label:<26} {_count(count):>9}")
    click.echo(f"Đăng nhập thử: {made.chairman} (Chủ tịch UBND xã), mật khẩu: {password}")


def _count(number: int) -> str:
    """Thousands with a dot, as Vietnamese writes them: 100.000."""
    return f"{number:,}".replace(",", ".")


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
