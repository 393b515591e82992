from datetime import date, datetime, time
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Integer, String, Text, Time, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core.clock import DEFAULT_TIMEZONE, now_utc
from tracker.core.db import UTCDateTime, enum_column
from tracker.core.roles import Role
from tracker.extensions import db


class UnitLevel(StrEnum):
    CENTRAL = "central"
    PROVINCE = "province"
    DISTRICT = "district"  # kept for units and documents from before 1 July 2025
    COMMUNE = "commune"


class CommuneKind(StrEnum):
    """What a commune-level unit is called (Luật Tổ chức chính quyền địa phương 2025)."""

    XA = "xa"
    PHUONG = "phuong"
    SPECIAL_ZONE = "dac-khu"


# The day of a period's last month a unit's report is due, until its settings say otherwise.
REPORT_DUE_DAY = 15


class Unit(db.Model):
    """An organisation (đơn vị): a commune's or a province's People's Committee."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    place_name: Mapped[str] = mapped_column(String(100))
    level: Mapped[UnitLevel] = mapped_column(enum_column(UnitLevel))
    # Xã, phường or đặc khu: only for a commune-level unit; it names its rooms and its header.
    commune_kind: Mapped[CommuneKind | None] = mapped_column(enum_column(CommuneKind))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    timezone: Mapped[str] = mapped_column(String(64), default=DEFAULT_TIMEZONE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    parent: Mapped["Unit | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Unit"]] = relationship(back_populates="parent")
    departments: Mapped[list["Department"]] = relationship(
        back_populates="unit", order_by="Department.position"
    )
    settings: Mapped["UnitSettings"] = relationship(
        back_populates="unit", uselist=False, cascade="all, delete-orphan"
    )
    calendar_days: Mapped[list["CalendarDay"]] = relationship(
        back_populates="unit", order_by="CalendarDay.day", cascade="all, delete-orphan"
    )

    @property
    def active_departments(self) -> list["Department"]:
        """The departments pickers offer: a closed one keeps its history, not its place."""
        return [department for department in self.departments if department.active]

    @property
    def report_due_day(self) -> int:
        return self.settings.report_due_day if self.settings else REPORT_DUE_DAY

    def ancestors(self) -> list["Unit"]:
        chain, unit = [], self.parent
        while unit is not None:
            chain.append(unit)
            unit = unit.parent
        return chain

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"


class Department(db.Model):
    """A section of a unit (bộ phận, lĩnh vực chuyên môn)."""

    __tablename__ = "departments"
    __table_args__ = (UniqueConstraint("unit_id", "name"), UniqueConstraint("unit_id", "code"))
    __audit_fields__ = ("name", "code", "position", "active")

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    name: Mapped[str] = mapped_column(String(150))
    # A short handle for commands (`--department vp`), unique within the unit.
    code: Mapped[str | None] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Closed departments stay for the officials and tasks that named them.
    active: Mapped[bool] = mapped_column(default=True, server_default=true())

    unit: Mapped[Unit] = relationship(back_populates="departments")

    def __repr__(self) -> str:
        return f"<Department {self.name}>"


class Official(UserMixin, db.Model):
    """A cán bộ or công chức; also the account that signs in."""

    __tablename__ = "officials"
    __audit_fields__ = (
        "username", "email", "full_name", "position", "phone", "role",
        "department_id", "unit_id", "active", "must_change_password",
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(120), index=True)
    position: Mapped[str] = mapped_column(String(150), default="")
    phone: Mapped[str | None] = mapped_column(String(30))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    # Set when the unit's admin resets the password: every page leads to changing it.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    # Notification preferences: in-app always; e-mail as one daily digest or per item.
    notify_email: Mapped[bool] = mapped_column(default=True)
    email_digest: Mapped[bool] = mapped_column(default=True)
    notify_webhook: Mapped[bool] = mapped_column(default=False)

    unit: Mapped[Unit] = relationship()
    department: Mapped[Department | None] = relationship()

    is_system = False
    # The secret of the sign-in session this request runs in (see tracker.org.sessions);
    # Flask-Login keeps it in the cookie, and the server can end that session.
    session_secret = None  # a str once signed in; an instance attribute, not a column

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str | None:
        return self.session_secret

    # UserMixin compares officials by get_id(): every official not signed in would equal
    # every other. The session's identity map keeps one object per row: compare those.
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"<Official {self.username}>"


class UnitSettings(db.Model):
    """A unit's reminder and reporting settings, edited by its admin."""

    __tablename__ = "unit_settings"
    __audit_fields__ = (
        "scan_time", "reminder_offsets", "overdue_repeat_days", "escalation_days",
        "cutoff_reminder_days", "report_due_day", "report_reminder_days",
        "office_department_id", "webhook_url", "due_soon_days", "confirm_completions",
        "report_recipients", "vice_chairmen_sign_reports", "session_idle_hours",
        "show_superior_body", "signature_authority", "signer_title",
    )

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    # Local time of the daily scan (reminders, overdue flags).
    scan_time: Mapped[time] = mapped_column(Time, default=time(7, 0))
    # Working days before the due date on which lead and coordinators are reminded.
    reminder_offsets: Mapped[str] = mapped_column(String(40), default="5,2,0")
    overdue_repeat_days: Mapped[int] = mapped_column(default=5)
    escalation_days: Mapped[int] = mapped_column(default=3)
    # Working days before the reporting cut-off (the 14th, Nghị định 09/2019) on which
    # officials with open tasks are asked to bring their progress up to date.
    cutoff_reminder_days: Mapped[int] = mapped_column(default=3)
    # The commune's own report due date: this day of the period's last month, set upstream.
    report_due_day: Mapped[int] = mapped_column(default=REPORT_DUE_DAY)
    report_reminder_days: Mapped[int] = mapped_column(default=2)
    # Open tasks due within this many days are "sắp quá hạn" on the dashboard and lists.
    due_soon_days: Mapped[int] = mapped_column(default=3, server_default="3")
    # A task the lead completes waits until whoever assigned it confirms it ("chờ xác nhận").
    confirm_completions: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Nơi nhận of the unit's reports, one recipient a line ("UBND thị xã Đức Phổ").
    report_recipients: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Vice-chairmen may sign (finalise) reports "KT. CHỦ TỊCH"; the chairman always may.
    vice_chairmen_sign_reports: Mapped[bool] = mapped_column(
        default=True, server_default=true()
    )
    # NĐ 30/2020: a UBND heads its documents with its own name only; the line of a superior
    # body ("cơ quan chủ quản") is for bodies that belong to another, so it is off by default.
    show_superior_body: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The signature block: "TM. ỦY BAN NHÂN DÂN" above the signer's title ("CHỦ TỊCH").
    signature_authority: Mapped[str] = mapped_column(
        String(100), default="TM. ỦY BAN NHÂN DÂN", server_default="TM. ỦY BAN NHÂN DÂN")
    signer_title: Mapped[str] = mapped_column(
        String(100), default="CHỦ TỊCH", server_default="CHỦ TỊCH")
    # A browser left untouched this long is signed out (a shared office computer).
    session_idle_hours: Mapped[int] = mapped_column(default=8, server_default="8")
    # The department that compiles the report (Văn phòng); reminded before its due date.
    office_department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    webhook_url: Mapped[str | None] = mapped_column(Text)

    unit: Mapped[Unit] = relationship(back_populates="settings")
    office_department: Mapped[Department | None] = relationship()

    @property
    def offsets(self) -> list[int]:
        """Reminder offsets, smallest first."""
        return sorted({int(part) for part in self.reminder_offsets.split(",") if part.strip()})

    @property
    def id(self) -> int:
        return self.unit_id


class CalendarDay(db.Model):
    """A day a unit adds as a holiday, or a weekend day it works (a swapped Saturday)."""

    __tablename__ = "calendar_days"
    __table_args__ = (UniqueConstraint("unit_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    day: Mapped[date] = mapped_column()
    is_working: Mapped[bool] = mapped_column()
    note: Mapped[str] = mapped_column(String(200), default="")

    unit: Mapped[Unit] = relationship(back_populates="calendar_days")


class ApiToken(db.Model):
    """A personal key for the JSON API. Only the secret's SHA-256 is kept: the secret
    itself is shown once, when the token is created."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    official_id: Mapped[int] = mapped_column(ForeignKey("officials.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    official: Mapped[Official] = relationship()

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.name}>"


class SignInSession(db.Model):
    """One browser signed in as an official. The cookie holds a random secret; only its
    SHA-256 is kept, and ending the row signs that browser out whatever its cookie says."""

    __tablename__ = "sign_in_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    official_id: Mapped[int] = mapped_column(ForeignKey("officials.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Shown on the profile page so the official recognises each device.
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(45), default="")

    official: Mapped[Official] = relationship()


class SignInAttempts(db.Model):
    """Recent sign-in attempts at one login from one client address, or (address "*")
    from anywhere. Counted in one UPDATE before the password is checked, so concurrent
    guesses cannot slip past the limit."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (UniqueConstraint("login_key", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # "#<official id>" for a known account (its username and e-mail count together),
    # else the login as typed: an unknown login is throttled exactly like a real one.
    login_key: Mapped[str] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(45))
    attempts: Mapped[int] = mapped_column(default=0)
    last_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
