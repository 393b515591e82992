"""Consistency checks a report goes through before it is signed. Each finding names the
point to fix; none is corrected silently."""

import re
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from tracker.core.periods import ReportingPeriod
from tracker.core.text import fold
from tracker.reports import figures as hand_figures
from tracker.reports.content import BlockKind, ReportContent
from tracker.reports.legal_figures import legal_problems
from tracker.reports.models import Report
from tracker.reports.outline import POINTS, PointKind
from tracker.reports.wording import LETTERS

_LETTER_POINT = re.compile(r"^([a-zđ])\)\s")
_YEAR = re.compile(r"năm\s+(\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    key: str  # the point to fix ("title", "II.procedures", "figures" …)
    message: str


def check_report(report: Report, content: ReportContent) -> list[Finding]:
    period = report.reporting_period
    return [
        *_title(content.title, period),
        *_point_sequences(content),
        *(Finding("figures", m)
          for m in hand_figures.dossier_problems(report.figures.get("dossiers") or {})),
        *(Finding("legal-figures", m) for m in legal_problems(report.figures.get("legal"))),
        *_unwritten(report),
        *_carried_over(report),
        *_stale(report),
        *_masthead(report),
    ]


def _title(title: str, period: ReportingPeriod) -> list[Finding]:
    """The seed's title says "Quý I năm 2022" in a 2023 report: the period and its year
    must be the report's own."""
    findings = []
    with force_locale("vi"):  # the title is Vietnamese whatever the reader's language
        label = period.label
    if fold(label) not in fold(title):
        findings.append(Finding("title", str(_l(
            'Tên báo cáo phải ghi kỳ báo cáo "%(label)s".', label=label))))
    allowed = {period.year, period.next_span[1].year}
    wrong = sorted({int(y) for y in _YEAR.findall(title)} - allowed)
    if wrong:
        findings.append(Finding("title", str(_l(
            "Tên báo cáo ghi năm %(wrong)s, không khớp với kỳ báo cáo %(label)s.",
            wrong=", ".join(map(str, wrong)), label=label))))
    return findings


def _point_sequences(content: ReportContent) -> list[Finding]:
    """Points a), b) … the office typed into a text run in the Vietnamese order with no gap
    (the seed skips đ)); the generated points are lettered by `wording.letter`."""
    findings = []
    for section in content.walk():
        typed = [m.group(1) for b in section.blocks if b.kind is BlockKind.PARAGRAPH
                 if (m := _LETTER_POINT.match(b.text))]
        problem = _gap(typed)
        if problem:
            findings.append(Finding(section.key or "", str(_l(
                "Mục %(where)s: %(problem)s", where=section.key or section.number,
                problem=problem))))
    return findings


def _gap(letters: list[str]) -> str | None:
    for index, found in enumerate(letters):
        expected = LETTERS[index] if index < len(LETTERS) else None
        if found == expected:
            continue
        if index == 0:
            return str(_l("điểm đầu tiên phải là a), không phải %(found)s).", found=found))
        return str(_l("sau điểm %(prev)s) phải là điểm %(expected)s), không phải %(found)s).",
                      prev=LETTERS[index - 1], expected=expected, found=found))
    return None


def _unwritten(report: Report) -> list[Finding]:
    prose = {p.key: p.heading for p in POINTS if p.kind is PointKind.PROSE}
    return [Finding(s.key, str(_l('Mục "%(heading)s" chưa có nội dung.',
                                  heading=prose[s.key])))
            for s in report.sections if s.key in prose and not s.text.strip()]


def _carried_over(report: Report) -> list[Finding]:
    headings = {p.key: p.heading for p in POINTS}
    return [Finding(s.key, str(_l(
        'Mục "%(heading)s" lấy nguyên từ báo cáo kỳ trước, chưa xem lại: sửa, hoặc bấm '
        '"Giữ nguyên".', heading=headings[s.key])))
            for s in report.sections if s.carried_over]


def _stale(report: Report) -> list[Finding]:
    return [Finding(s.key, str(_l(
        "Số liệu của mục này đã thay đổi từ khi được sửa; xem lại hoặc lấy lại từ dữ liệu.")))
            for s in report.sections if s.stale]


def _masthead(report: Report) -> list[Finding]:
    if report.number is None:
        return [Finding("details", str(_l("Báo cáo chưa có số.")))]
    return []
