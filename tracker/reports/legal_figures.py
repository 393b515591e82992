"""The legal documents block of section II.1 ("Công tác kiểm tra, rà soát và hệ thống
hóa văn bản quy phạm pháp luật"): eight counts the office enters, since no task holds
them. A count typed as 0 prints "Không.", as the seed does; a count left blank is not
a figure at all, and the checks name it before signing."""

from typing import Any

from flask_babel import lazy_gettext as _l

from tracker.core.validation import Problems
from tracker.reports.figures import read_count
from tracker.reports.wording import count

# key: how the report words the line (the seed's own, "trong kỳ báo cáo" for its quarter)
LEGAL_FIELDS = {
    "checked": "Số văn bản quy phạm pháp luật đã kiểm tra theo thẩm quyền",
    "found_unlawful": "Số văn bản quy phạm pháp luật phát hiện trái luật",
    "handled": "Số văn bản quy phạm pháp luật trái pháp luật đã xử lý",
    "handled_from_before": "Số văn bản quy phạm pháp luật trái pháp luật chưa xử lý xong từ "
                           "năm trước đã được xử lý trong kỳ báo cáo",
    "to_review": "Số văn bản quy phạm pháp luật phải rà soát trong kỳ báo cáo",
    "proposed": "Số văn bản quy phạm pháp luật được đề nghị xử lý sau rà soát",
    "reviewed_handled": "Số văn bản quy phạm pháp luật đã được xử lý sau rà soát trong kỳ "
                        "báo cáo",
    "review_from_before": "Số văn bản quy phạm pháp luật chưa xử lý xong của năm trước đã "
                          "được xử lý",
}
HEADING = "Công tác kiểm tra, rà soát và hệ thống hóa văn bản quy phạm pháp luật:"


def clean_legal(raw: dict[str, Any]) -> dict[str, int | None]:
    """:raise ValidationFailed: a count that is not a whole number from 0, by field."""
    problems = Problems()
    cleaned = {key: read_count(raw.get(key), key, problems) for key in LEGAL_FIELDS}
    problems.raise_if_any(_l("Số liệu chưa hợp lệ."))
    return cleaned


def legal_lines(figures: dict[str, Any]) -> list[str]:
    return [HEADING, *(f"- {label}: {_shown(figures.get(key))}."
                       for key, label in LEGAL_FIELDS.items())]


def _shown(value: int | None) -> str:
    if value is None:
        return "…"
    return "Không" if value == 0 else count(value)


def legal_problems(figures: dict[str, Any] | None) -> list[str]:
    """Counts not entered, and parts larger than the whole they belong to."""
    if not figures:
        return [str(_l("Chưa nhập số liệu kiểm tra, rà soát văn bản quy phạm pháp luật "
                       "(mục II.1); số 0 in là “Không.”."))]
    found = []
    blank = [label for key, label in LEGAL_FIELDS.items() if figures.get(key) is None]
    if blank:
        found.append(str(_l("Còn %(n)d số liệu văn bản quy phạm pháp luật chưa nhập.",
                            n=len(blank))))
    for part, whole in (("found_unlawful", "checked"), ("handled", "found_unlawful"),
                        ("proposed", "to_review"), ("reviewed_handled", "proposed")):
        if None not in (figures.get(part), figures.get(whole)) \
                and figures[part] > figures[whole]:
            found.append(str(_l("“%(part)s” (%(a)s) lớn hơn “%(whole)s” (%(b)s).",
                                part=LEGAL_FIELDS[part], a=count(figures[part]),
                                whole=LEGAL_FIELDS[whole], b=count(figures[whole]))))
    return found
