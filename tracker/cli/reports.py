"""`flask --app tracker report build`: a unit's report for a period, as a file."""

import json
from pathlib import Path

import click
from flask.cli import AppGroup

from tracker.cli.errors import reports_domain_errors
from tracker.core.actor import SYSTEM
from tracker.core.errors import ValidationFailed
from tracker.extensions import db
from tracker.org.models import Unit, UnitLevel
from tracker.org.units import get_unit
from tracker.reports.docx import render_docx
from tracker.reports.markdown import render_markdown
from tracker.reports.services import (
    find_report,
    parse_period,
    preview_content,
    report_content,
    report_docx,
)

report_group = AppGroup("report", help="Báo cáo cải cách hành chính (reports).")


@report_group.command("build")
@click.option("--period", required=True, help="Kỳ báo cáo: 2023-Q1, 2023-H1, 2023-Q3, "
              "2023-9M, 2023-Y.")
@click.option("--unit", "unit_code", default=None,
              help="Mã đơn vị; bỏ trống nếu chỉ có một đơn vị cấp xã.")
@click.option("--format", "fmt", type=click.Choice(["md", "docx", "json"]), default="md",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              required=True, help="Tệp kết quả ('-' để in ra màn hình, trừ docx).")
@reports_domain_errors
def build_command(period: str, unit_code: str | None, fmt: str, out: Path):
    """Xuất báo cáo của một kỳ: bản đã ký nếu có, dự thảo đang soạn nếu có, nếu không thì
    tạo từ dữ liệu (không lưu)."""
    reporting_period = parse_period(period)
    unit = get_unit(db.session, unit_code) if unit_code else _only_commune()
    report = find_report(db.session, unit, reporting_period)
    content = (report_content(report) if report
               else preview_content(db.session, SYSTEM, unit, reporting_period))
    if fmt == "docx":
        data = report_docx(report) if report else render_docx(content)
    elif fmt == "json":
        data = json.dumps(content.to_dict(), ensure_ascii=False, indent=2).encode()
    else:
        data = render_markdown(content).encode()
    if str(out) == "-":
        if fmt == "docx":
            raise click.ClickException("Tệp DOCX cần --out là một tệp.")
        click.echo(data.decode())
        return
    out.write_bytes(data)
    source = ("bản đã ký" if report and report.is_final else "dự thảo" if report
              else "tạo từ dữ liệu")
    click.echo(f"Đã ghi {out} ({source}, {reporting_period.label}, {unit.name}).")


def _only_commune() -> Unit:
    communes = db.session.query(Unit).filter(Unit.level == UnitLevel.COMMUNE).limit(2).all()
    if len(communes) != 1:
        raise ValidationFailed.on("unit", "Có nhiều (hoặc không có) đơn vị cấp xã: hãy ghi "
                                          "--unit MÃ_ĐƠN_VỊ.")
    return communes[0]
