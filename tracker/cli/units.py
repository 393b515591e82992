"""`flask --app tracker units …`: the units of the instance."""

import click
from flask.cli import AppGroup

from tracker.cli.errors import reports_domain_errors
from tracker.core.actor import SYSTEM
from tracker.extensions import db
from tracker.org.models import UnitLevel
from tracker.org.units import create_unit, get_unit

units_group = AppGroup("units", help="Đơn vị (units).")


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
