"""Figures the office enters by hand because tasks do not hold them: the dossier block
of section II ("Kết quả giải quyết thủ tục hành chính"). They are checked for adding up
and warned about, never corrected: real reports are sometimes wrong."""

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from tracker.core.text import written_date
from tracker.core.validation import Problems
from tracker.reports.wording import count

# key: how the report words the line
DOSSIER_FIELDS = {
    "received": "Tổng số hồ sơ tiếp nhận",
    "carried_over": "Hồ sơ kỳ trước chuyển qua",
    "new": "Hồ sơ mới tiếp nhận",
    "on_time": "Trả đúng hạn",
    "late": "Trả quá hạn",
    "in_progress": "Hồ sơ đang giải quyết chưa đến hạn trả",
}
MAX_FIGURE = 10_000_000


def clean_dossiers(raw: dict[str, Any]) -> dict[str, Any]:
    """Validate what the form sent: counts are whole numbers from 0; a department line
    needs its name; blank means not entered.

    :raise ValidationFailed: with every problem, by field.
    """
    problems = Problems()
    cleaned: dict[str, Any] = {}
    for key in DOSSIER_FIELDS:
        cleaned[key] = read_count(raw.get(key), key, problems)
    as_of = raw.get("as_of")
    if as_of is not None and not isinstance(as_of, date):
        problems.add("as_of", _l("Ngày không hợp lệ."))
    cleaned["as_of"] = as_of.isoformat() if isinstance(as_of, date) else None
    departments = []
    for index, line in enumerate(raw.get("departments") or []):
        name = (line.get("name") or "").strip()
        value = read_count(line.get("received"), f"departments-{index}", problems)
        if value is not None and not name:
            problems.add(f"departments-{index}", _l("Ghi tên bộ phận hoặc lĩnh vực."))
        if name:
            departments.append({"name": name, "received": value})
    cleaned["departments"] = departments
    problems.raise_if_any(_l("Số liệu chưa hợp lệ."))
    return cleaned


def read_count(value: Any, field: str, problems: Problems) -> int | None:
    """A count typed by hand: a whole number from 0, or None when left blank."""
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < MAX_FIGURE:
        problems.add(field, _l("Nhập một số nguyên không âm."))
        return None
    return value


def entered(dossiers: dict[str, Any] | None) -> bool:
    if not dossiers:
        return False
    return any(dossiers.get(k) is not None for k in DOSSIER_FIELDS) or bool(
        dossiers.get("departments"))


def dossier_lines(dossiers: dict[str, Any], cutoff: date) -> list[str]:
    """The block as the report prints it, in the seed report's wording."""
    as_of = date.fromisoformat(dossiers["as_of"]) if dossiers.get("as_of") else cutoff
    value = {k: dossiers.get(k) for k in DOSSIER_FIELDS}
    shown = {k: "…" if v is None else count(v) for k, v in value.items()}
    resolved = [value[k] for k in ("on_time", "late", "in_progress")]
    resolved_total = count(sum(resolved)) if None not in resolved else "…"
    lines = [
        f"Kết quả giải quyết thủ tục hành chính cho người dân, doanh nghiệp (số liệu đến ngày "
        f"{written_date(as_of)}):",
        f"- {DOSSIER_FIELDS['received']}: {shown['received']} hồ sơ. Trong đó:",
        f"+ {DOSSIER_FIELDS['carried_over']}: {shown['carried_over']}.",
        f"+ {DOSSIER_FIELDS['new']}: {shown['new']}.",
        f"- Kết quả giải quyết: {resolved_total} hồ sơ, trong đó:",
        f"+ {DOSSIER_FIELDS['on_time']}: {shown['on_time']}.",
        f"+ {DOSSIER_FIELDS['late']}: {shown['late']}.",
        f"+ {DOSSIER_FIELDS['in_progress']}: {shown['in_progress']} hồ sơ.",
    ]
    if dossiers.get("departments"):
        lines.append("- Số hồ sơ tiếp nhận của các bộ phận:")
        lines += [f"+ {d['name']}: {'…' if d['received'] is None else count(d['received'])} hồ sơ."
                  for d in dossiers["departments"]]
    return lines


def dossier_problems(dossiers: dict[str, Any]) -> list[str]:
    """What does not add up: carried over + new = received = on time + late + in progress
    = the departments' sum. Lines left blank are not checked."""
    value = {k: dossiers.get(k) for k in DOSSIER_FIELDS}
    received = value["received"]
    found = []
    parts = [value["carried_over"], value["new"]]
    if received is not None and None not in parts and sum(parts) != received:
        found.append(str(_l(
            "Hồ sơ kỳ trước chuyển qua (%(a)s) + mới tiếp nhận (%(b)s) = %(sum)s, khác tổng "
            "số hồ sơ tiếp nhận (%(total)s).",
            a=count(parts[0]), b=count(parts[1]), sum=count(sum(parts)), total=count(received))))
    results = [value["on_time"], value["late"], value["in_progress"]]
    if received is not None and None not in results and sum(results) != received:
        found.append(str(_l(
            "Trả đúng hạn + trả quá hạn + đang giải quyết = %(sum)s, khác tổng số hồ sơ tiếp "
            "nhận (%(total)s).", sum=count(sum(results)), total=count(received))))
    departments = [d["received"] for d in dossiers.get("departments") or []]
    if received is not None and departments and None not in departments \
            and sum(departments) != received:
        found.append(str(_l(
            "Tổng hồ sơ của các bộ phận (%(sum)s) khác tổng số hồ sơ tiếp nhận (%(total)s).",
            sum=count(sum(departments)), total=count(received))))
    if received is None and entered(dossiers):
        found.append(str(_l("Chưa nhập tổng số hồ sơ tiếp nhận.")))
    return found
