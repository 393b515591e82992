"""`demo generate`: a province with its communes filled for load tests, refused whole
when its input is bad."""

import random
from collections.abc import Mapping
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from tracker.core.clock import DEFAULT_TIMEZONE, today_in
from tracker.core.errors import ValidationFailed
from tracker.core.text import clean
from tracker.demo.generate.records import DEFAULT_MIX, PROVINCE_CODE, Generated
from tracker.demo.generate.writer import DemoWriter
from tracker.org.models import Official, Unit
from tracker.org.services import MIN_PASSWORD_LENGTH
from tracker.tasks.status import TaskClass


def generate(
    session: Session,
    *,
    units: int,
    tasks: int,
    seed: int,
    password: str,
    province_code: str,
    mix: Mapping[TaskClass, int] = DEFAULT_MIX,
    today: date | None = None,
) -> Generated:
    """A province with `units` communes and `tasks` tasks spread over them, every class in
    `mix` present in each commune with enough tasks; the same seed gives the same data.
    `today` (the unit's today by default) is the day the classes are reckoned on.
    The caller commits.

    :raise ValidationFailed: a malformed or taken province code, a short password, no
        commune; nothing is written.
    """
    province_code = clean(province_code).lower()
    _refuse_bad_input(session, province_code, units, tasks, password)
    writer = DemoWriter(session, random.Random(seed), today or today_in(DEFAULT_TIMEZONE),
                     generate_password_hash(password))
    return writer.write(province_code, units, tasks, mix)


def _refuse_bad_input(
    session: Session, code: str, units: int, tasks: int, password: str
) -> None:
    if not PROVINCE_CODE.match(code):
        raise ValidationFailed("Mã tỉnh chỉ gồm chữ thường không dấu, chữ số và dấu gạch "
                               "ngang, từ 2 đến 20 ký tự.")
    if units < 1 or tasks < 0:
        raise ValidationFailed("Cần ít nhất một xã và số nhiệm vụ không âm.")
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    if session.scalar(select(Unit.id).where(Unit.code == code)) is not None:
        raise ValidationFailed(f"Đơn vị {code} đã có; không ghi gì. "
                               "Hãy chọn mã khác bằng --province-code.")
    if _prefix_taken(session, code):
        raise ValidationFailed(f"Đã có đơn vị hoặc tài khoản mang mã {code}; không ghi gì. "
                               "Hãy chọn mã khác bằng --province-code.")


def _prefix_taken(session: Session, code: str) -> bool:
    """Whether a unit or username already starts as the generated ones would."""
    unit = select(Unit.id).where(Unit.code.startswith(f"{code}-", autoescape=True))
    official = select(Official.id).where(or_(
        Official.username.startswith(f"{code}-", autoescape=True),
        Official.username.startswith(f"{code}.", autoescape=True)))
    return session.scalar(unit.limit(1)) is not None or \
        session.scalar(official.limit(1)) is not None
