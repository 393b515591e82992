"""Tasks in Excel: a unit's task list exported with the list page's filters, and tasks
imported from a workbook laid out the same way (a template is offered for download).

An import reads every row before writing anything and lists each problem by row and
column; the tasks are then assigned through the same services as on the pages (each lead
and coordinator is told), inside one savepoint: all rows or none.

Sheet names, headers and values are Vietnamese whoever exports (labels are read in
Vietnamese), so that any exported file imports back; only the template's instructions
follow the reader's language.
"""

from tracker.tasks.spreadsheets.columns import (
    EXPORT_COLUMNS,
    LISTS_SHEET,
    MAX_EXPORT_ROWS,
    MAX_IMPORT_ROWS,
    TASK_SHEET,
    TEMPLATE_COLUMNS,
    official_label,
)
from tracker.tasks.spreadsheets.export import export_tasks, task_template
from tracker.tasks.spreadsheets.imports import import_tasks

__all__ = [
    "EXPORT_COLUMNS", "LISTS_SHEET", "MAX_EXPORT_ROWS", "MAX_IMPORT_ROWS", "TASK_SHEET",
    "TEMPLATE_COLUMNS", "export_tasks", "import_tasks", "official_label", "task_template",
]
