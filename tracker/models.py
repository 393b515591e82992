"""Imports every model so that the metadata (and Alembic) sees all tables."""

from tracker.audit.models import AuditEntry
from tracker.documents.models import Document
from tracker.notifications.models import Delivery, Notification
from tracker.org.models import (
    ApiToken,
    CalendarDay,
    Department,
    Official,
    Unit,
    UnitSettings,
)
from tracker.org.password_sheets import PasswordSheet
from tracker.reminders.models import ScanRun
from tracker.reports.models import Report, ReportSection
from tracker.tasks.models import ExtensionRequest, ProgressUpdate, Task

__all__ = [
    "ApiToken", "AuditEntry", "CalendarDay", "Delivery", "Department", "Document",
    "ExtensionRequest", "Notification", "Official", "PasswordSheet", "ProgressUpdate", "Report",
    "ReportSection", "ScanRun", "Task", "Unit", "UnitSettings",
]
