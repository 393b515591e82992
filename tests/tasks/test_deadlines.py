from datetime import date

import pytest

from tracker.core.errors import ValidationFailed
from tracker.core.workdays import WorkingCalendar
from tracker.tasks.deadlines import Deadline, resolve_deadline

WORKDAYS = WorkingCalendar()
ISSUED = date(2023, 1, 18)  # a Wednesday, just before Tết


@pytest.mark.parametrize(("text", "expected"), [
    ("30/06/2023", Deadline(date(2023, 6, 30), None)),
    ("5/6/2023", Deadline(date(2023, 6, 5), None)),
    ("2023-06-30", Deadline(date(2023, 6, 30), None)),
    ("trước ngày 15/6/2023", Deadline(date(2023, 6, 15), "trước ngày 15/6/2023")),
    ("Trước ngày 15/06/2023.", Deadline(date(2023, 6, 15), "Trước ngày 15/06/2023.")),
    ("trong 05 ngày làm việc", Deadline(date(2023, 2, 1), "trong 05 ngày làm việc")),
    ("05 ngày làm việc kể từ ngày ban hành",
     Deadline(date(2023, 2, 1), "05 ngày làm việc kể từ ngày ban hành")),
    ("Quý II/2023", Deadline(date(2023, 6, 30), "Quý II/2023")),
    ("quý 4 năm 2023", Deadline(date(2023, 12, 31), "quý 4 năm 2023")),
    ("QUÝ I/2024", Deadline(date(2024, 3, 31), "QUÝ I/2024")),
    ("tháng 5/2023", Deadline(date(2023, 5, 31), "tháng 5/2023")),
    ("Tháng 02 năm 2024", Deadline(date(2024, 2, 29), "Tháng 02 năm 2024")),
    ("6 tháng đầu năm 2023", Deadline(date(2023, 6, 30), "6 tháng đầu năm 2023")),
    ("6 tháng cuối năm 2023", Deadline(date(2023, 12, 31), "6 tháng cuối năm 2023")),
    ("9 tháng năm 2023", Deadline(date(2023, 9, 30), "9 tháng năm 2023")),
    ("năm 2023", Deadline(date(2023, 12, 31), "năm 2023")),
    ("Thường xuyên", Deadline(None, "Thường xuyên")),
    ("", Deadline(None, None)),
    (None, Deadline(None, None)),
])
def test_deadlines_as_plans_write_them(text, expected):
    assert resolve_deadline(text, start=ISSUED, workdays=WORKDAYS) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("sớm nhất có thể", "Không hiểu thời hạn"),
    ("31/02/2023", "Ngày không tồn tại."),
    ("tháng 13/2023", "Ngày không tồn tại."),
    ("quý V/2023", "Không hiểu thời hạn"),
])
def test_wording_it_cannot_read_is_refused_with_examples(text, message):
    with pytest.raises(ValidationFailed) as refused:
        resolve_deadline(text, start=ISSUED, workdays=WORKDAYS)
    assert message in str(refused.value.errors["due"][0])
