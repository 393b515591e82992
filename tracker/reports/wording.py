"""How a report writes numbers, dates and point numbers (Nghị định 30/2020/NĐ-CP and
the usage of Vietnamese administrative reports)."""

from datetime import date

from tracker.core.periods import ReportingPeriod
from tracker.core.text import written_date, written_month

# Points below "1.": a), b) … in the Vietnamese alphabet, which has no f, j, w or z.
LETTERS = (
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "x", "y",
)
def letter(index: int) -> str:
    """The point's letter with its parenthesis: 0 → "a)", 4 → "đ)"."""
    return f"{LETTERS[index]})"


def count(value: int) -> str:
    """03, 10, 720, 10.455: a leading zero below 10, a dot between thousands."""
    if 0 < value < 10:
        return f"{value:02d}"
    return f"{value:,}".replace(",", ".")


def percent(value: float) -> str:
    """96,6%."""
    return f"{value:.1f}".replace(".", ",") + "%"


def during(period: ReportingPeriod) -> str:
    """ "Trong kỳ báo cáo (từ 15/12/2022 đến 14/3/2023)": a period runs from the 15th to
    the 14th, so "Trong Quý I năm 2023" would claim the calendar quarter."""
    return (f"Trong kỳ báo cáo (từ {written_date(period.start)} đến "
            f"{written_date(period.cutoff)})")


def place_date(place: str, value: date | None, month_year: date) -> str:
    """ "Phổ Phong, ngày 05 tháng 3 năm 2023"; before the report is dated, the day is
    left blank for the signer to write in. Days below 10 and the months January and
    February take a leading zero (Nghị định 30/2020)."""
    when = value or month_year
    month = written_month(when.month)
    day_part = f"{value.day:02d}" if value else "     "
    return f"{place}, ngày {day_part} tháng {month} năm {when.year}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def sentence(text: str) -> str:
    """The text ending with a full stop (results are typed with or without one)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "./.")) else f"{text}."


def formal_unit_name(name: str) -> str:
    """ "UBND xã Phổ Phong" → "Ủy ban nhân dân xã Phổ Phong", as a header spells it out."""
    if name.startswith("UBND "):
        return "Ủy ban nhân dân " + name[5:]
    return name
