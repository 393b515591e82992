"""`flask --app tracker departments …`: a unit's departments, through the same services
as the Bộ phận page (acting as the system)."""

import json

import click
from flask.cli import AppGroup

from tracker.cli.errors import reports_domain_errors
from tracker.core.actor import SYSTEM
from tracker.extensions import db
from tracker.org.departments import create_department, find_department, update_department
from tracker.org.models import Department
from tracker.org.units import get_unit

departments_group = AppGroup("departments", help="Bộ phận của đơn vị (departments).")
_unit_option = click.option("--unit", "unit_code", required=True, help="Mã đơn vị.")
_department_argument = click.argument("department")  # its code or its name


@departments_group.command("create")
@_unit_option
@click.option("--name", required=True, help='Tên, ví dụ "Văn phòng HĐND và UBND".')
@click.option("--code", default=None, help="Mã ngắn không dấu, ví dụ vp.")
@reports_domain_errors
def create_command(unit_code, name, code):
    """Thêm một bộ phận (cuối danh sách)."""
    unit = get_unit(db.session, unit_code)
    department = create_department(db.session, SYSTEM, unit, name=name, code=code)
    db.session.commit()
    click.echo(f"Đã thêm bộ phận {_label(department)} tại {unit.name}")


@departments_group.command("list")
@_unit_option
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@reports_domain_errors
def list_command(unit_code, as_json):
    """Các bộ phận theo thứ tự, cả bộ phận đã ngừng."""
    unit = get_unit(db.session, unit_code)
    ordered = sorted(unit.departments, key=lambda d: (d.position, d.id))
    if as_json:
        click.echo(json.dumps([{"id": d.id, "code": d.code, "name": d.name,
                                "position": d.position, "active": d.active}
                               for d in ordered], ensure_ascii=False, indent=2))
        return
    office_id = unit.settings.office_department_id
    for number, department in enumerate(ordered, 1):
        notes = [text for text, applies in (("tổng hợp báo cáo", department.id == office_id),
                                            ("đã ngừng", not department.active)) if applies]
        suffix = f" ({', '.join(notes)})" if notes else ""
        click.echo(f"{number}. {_label(department)}{suffix}")


@departments_group.command("rename")
@_unit_option
@_department_argument
@click.option("--name", default=None, help="Tên mới.")
@click.option("--code", default=None, help='Mã mới ("" để bỏ mã).')
@click.option("--position", type=int, default=None, help="Thứ tự mới (1: đứng đầu).")
@reports_domain_errors
def rename_command(unit_code, department, name, code, position):
    """Đổi tên, mã hoặc thứ tự của bộ phận DEPARTMENT (mã hoặc tên)."""
    changes = {key: value for key, value in (("name", name), ("code", code),
                                            ("position", position)) if value is not None}
    if not changes:
        raise click.UsageError("Cần --name, --code hoặc --position.")
    found = _change(unit_code, department, **changes)
    click.echo(f"Đã lưu bộ phận {_label(found)}")


@departments_group.command("deactivate")
@_unit_option
@_department_argument
@reports_domain_errors
def deactivate_command(unit_code, department):
    """Ngừng bộ phận (không được khi còn cán bộ hoặc là bộ phận tổng hợp báo cáo)."""
    click.echo(f"Đã ngừng bộ phận {_label(_change(unit_code, department, active=False))}")


@departments_group.command("reactivate")
@_unit_option
@_department_argument
@reports_domain_errors
def reactivate_command(unit_code, department):
    """Mở lại bộ phận đã ngừng."""
    click.echo(f"Đã mở lại bộ phận {_label(_change(unit_code, department, active=True))}")


def _change(unit_code: str, handle: str, **changes) -> Department:
    department = find_department(db.session, get_unit(db.session, unit_code), handle)
    update_department(db.session, SYSTEM, department, **changes)
    db.session.commit()
    return department


def _label(department: Department) -> str:
    return f"{department.name} [{department.code}]" if department.code else department.name
