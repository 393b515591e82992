"""`flask --app tracker units …`: the units of the instance, and a commune created with
its first admin."""

import click
from flask.cli import AppGroup

from tracker.cli.errors import reports_domain_errors
from tracker.core.actor import SYSTEM
from tracker.extensions import db
from tracker.org.models import CommuneKind, Unit, UnitLevel
from tracker.org.units import create_commune, create_unit, get_unit, unit_admins

units_group = AppGroup("units", help="Đơn vị (units).")
_ADMIN_OPTIONS = ("admin_username", "admin_full_name", "admin_email", "admin_password")


@units_group.command("create")
@click.option("--code", required=True, help="Mã đơn vị, ví dụ pho-phong.")
@click.option("--name", required=True, help='Tên, ví dụ "UBND xã Phổ Phong".')
@click.option("--place", "place_name", default="", help='Địa danh ghi ở đầu báo cáo ("Phổ Phong").')
@click.option("--level", type=click.Choice([lv.value for lv in UnitLevel]), default="commune")
@click.option("--kind", "commune_kind", type=click.Choice([k.value for k in CommuneKind]),
              default=None, help="Xã, phường hay đặc khu (cấp xã; mặc định xa).")
@click.option("--parent", "parent_code", default=None, help="Mã đơn vị cấp trên.")
@click.option("--admin-username", default=None, help="Tạo kèm quản trị đầu tiên của đơn vị.")
@click.option("--admin-full-name", default=None)
@click.option("--admin-email", default=None)
@click.option("--admin-password", default=None, help="Bỏ trống: tạo ngẫu nhiên, in một lần.")
@reports_domain_errors
def create_unit_command(code, name, place_name, level, commune_kind, parent_code, **admin):
    """Tạo một đơn vị; với --admin-username, cả quản trị đầu tiên của đơn vị."""
    parent = get_unit(db.session, parent_code) if parent_code else None
    fields = {"code": code, "name": name, "place_name": place_name,
              "commune_kind": commune_kind}
    if not admin["admin_username"]:
        unit = create_unit(db.session, SYSTEM, level=level, parent=parent, **fields)
        db.session.commit()
        click.echo(f"Đã tạo đơn vị {unit.code}: {unit.name}")
        return
    if level != UnitLevel.COMMUNE or parent is None:
        raise click.UsageError("--admin-username chỉ dùng với --level commune và --parent.")
    new = create_commune(db.session, SYSTEM, parent, unit=fields, admin={
        name.removeprefix("admin_"): admin[name] for name in _ADMIN_OPTIONS})
    db.session.commit()
    click.echo(f"Đã tạo đơn vị {new.unit.code}: {new.unit.name}, quản trị {new.admin.username}")
    if new.password:
        click.echo(f"Mật khẩu (chỉ in một lần): {new.password}")


@units_group.command("list")
def list_units_command():
    """Các đơn vị, mỗi đơn vị một dòng: mã, tên, cấp trên, quản trị."""
    units = list(db.session.scalars(db.select(Unit).order_by(Unit.id)))
    admins = unit_admins(db.session, units)
    for unit in units:
        above = f" ← {unit.parent.code}" if unit.parent else ""
        names = ", ".join(a.username for a in admins[unit.id]) or "chưa có quản trị"
        kind = f"/{unit.commune_kind.value}" if unit.commune_kind else ""
        click.echo(f"{unit.code}: {unit.name} [{unit.level.value}{kind}]{above} — {names}")
