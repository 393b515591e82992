"""`flask --app tracker demo …`: the demo unit, and generated data for load tests."""

import time

import click
from flask import current_app
from flask.cli import AppGroup

from tracker.cli.errors import reports_domain_errors
from tracker.demo.generate import generate
from tracker.demo.loader import load_demo
from tracker.extensions import db

demo_group = AppGroup("demo", help="Dữ liệu mẫu: UBND xã Phổ Phong năm 2023 và một xã hiện nay "
                                   "(demo data).")


@demo_group.command("load")
@click.option("--password", default=None,
              help="Mật khẩu của mọi tài khoản mẫu (mặc định: DEMO_PASSWORD).")
@reports_domain_errors
def load_demo_command(password):
    """Tạo các đơn vị mẫu: UBND xã Phổ Phong như năm 2023 và một xã hiện nay trực thuộc
    tỉnh; chạy lại không thay đổi gì."""
    password = password or current_app.config["DEMO_PASSWORD"]
    loaded = load_demo(db.session, password=password)
    db.session.commit()
    for commune in loaded.communes:
        done = "Đã tạo" if commune.created else "Đã có, không thay đổi gì:"
        click.echo(f"{done} {commune.name} ({commune.code}): {commune.documents} văn bản, "
                   f"{commune.tasks} nhiệm vụ.")
    if loaded.created:
        click.echo(f"Mật khẩu mọi tài khoản mới: {password}")
    for account in loaded.accounts:
        click.echo(f"  {account.username:<18} {account.role.label:<20} {account.full_name}"
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
