"""The text each point of a report gets from the data.

A report is an official document in Vietnamese, so its text is Vietnamese whatever
the language of the interface. Lines starting "- " and "+ " are bullets (see
`content.blocks_from_text`), so the office edits them as plain text.
"""

from datetime import timedelta

from tracker.core.reform_areas import ReformArea
from tracker.core.text import written_date
from tracker.documents.models import Document
from tracker.reports.data import PeriodData
from tracker.reports.wording import count, during, lower_first, percent, sentence
from tracker.tasks.models import Task
from tracker.tasks.status import TaskClass
from tracker.tasks.tally import Tally

# The areas of section II; "công tác chỉ đạo, điều hành" is reported in section I.
RESULT_AREAS = tuple(a for a in ReformArea if a is not ReformArea.DIRECTION)


def title(data: PeriodData) -> str:
    period = data.period
    return (f"Công tác cải cách hành chính {period.label} và phương hướng nhiệm vụ "
            f"{period.next_label}")


def closing(data: PeriodData) -> str:
    period = data.period
    return (f"Trên đây là báo cáo tình hình thực hiện công tác cải cách hành chính "
            f"{period.label}, phương hướng nhiệm vụ {period.next_label} của "
            f"{data.unit.name}./.")


def direction_documents(data: PeriodData) -> str:
    """I.1: the higher levels' documents implemented, then the unit's own of the period,
    grouped by type, each cited as "Kế hoạch số 14/KH-UBND ngày 01/02/2023 về …"."""
    lines = []
    if data.guiding_documents:
        cited = "; ".join(_cite(d, with_issuer=True) for d in data.guiding_documents)
        lines.append(f"- Triển khai thực hiện {cited}.")
    own = data.own_documents
    when = during(data.period)
    if not own:
        lines.append(f"- {when}, {data.unit.name} chưa ban hành văn bản chỉ đạo, "
                     "điều hành công tác cải cách hành chính.")
        return "\n".join(lines)
    groups = _by_type(own)
    kinds = ", ".join(f"{count(len(docs))} {docs[0].doc_type.label.lower()}"
                      for docs in groups)
    lines.append(f"- {when}, {data.unit.name} đã ban hành {count(len(own))} văn bản "
                 f"chỉ đạo, điều hành công tác cải cách hành chính, gồm {kinds}:")
    cited = [_cite(d) for docs in groups for d in docs]
    lines += [f"+ {c};" for c in cited[:-1]] + [f"+ {cited[-1]}."]
    return "\n".join(lines)


def task_figures(data: PeriodData) -> str:
    """II: the figures block of every task of the period, as of the cut-off."""
    figures = data.figures()
    lines = [f"Tình hình thực hiện nhiệm vụ cải cách hành chính (số liệu đến ngày "
             f"{written_date(data.period.cutoff)}):"]
    lines.append(f"- Tổng số nhiệm vụ: {count(figures.total)}.")
    lines.append(f"+ Đã hoàn thành: {count(figures.done)} (đúng hạn: "
                 f"{count(figures.done_on_time)}; quá hạn: {count(figures.done_late)}).")
    lines.append(f"+ Chưa hoàn thành: {count(figures.not_done)} (trong hạn: "
                 f"{count(figures.in_progress + figures.ongoing)}, trong đó thường xuyên: "
                 f"{count(figures.ongoing)}; quá hạn: {count(figures.overdue)}).")
    if figures.completion_rate is not None:
        lines.append(f"- Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: "
                     f"{percent(figures.completion_rate)} ({count(figures.done)}/"
                     f"{count(figures.fallen_due)}).")
    if figures.cancelled:
        lines.append(f"- Nhiệm vụ đã hủy, tạm dừng: {count(figures.cancelled)}.")
    if data.units_below:
        lines += _units_below_figures(data)
    return "\n".join(lines)


def _units_below_figures(data: PeriodData) -> list[str]:
    """A province's report: each commune's figures, then all of them together."""
    lines = [f"Số liệu của {count(len(data.units_below))} đơn vị trực thuộc (đến ngày "
             f"{written_date(data.period.cutoff)}):"]
    for unit, figures in data.units_below:
        lines.append(f"- {unit.name}: {_unit_figures(figures)}")
    total = Tally.combined(figures for _unit, figures in data.units_below)
    lines.append(f"- Tổng cộng: {_unit_figures(total)}")
    return lines


def _unit_figures(figures: Tally) -> str:
    rate = (f"; tỷ lệ hoàn thành {percent(figures.completion_rate)}"
            if figures.completion_rate is not None else "")
    return (f"{count(figures.total)} nhiệm vụ, đã hoàn thành {count(figures.done)} (quá hạn "
            f"{count(figures.done_late)}), chưa hoàn thành {count(figures.not_done)} (quá hạn "
            f"{count(figures.overdue)}){rate}.")


def area_results(data: PeriodData, area: ReformArea) -> str:
    """One area's figures, then what was completed and how the open work stands."""
    figures = data.figures(area)
    if not figures.total:
        return "Trong kỳ báo cáo, không có nhiệm vụ thuộc lĩnh vực này."
    lines = [f"- {_area_figures(figures)}"]
    completed = data.completed(area)
    progressing = [t for t in data.open_at_cutoff(area) if t.id in data.notes]
    if completed or progressing:
        lines.append("- Kết quả thực hiện:")
    for task in completed:
        late = " (hoàn thành quá hạn)" if data.classes[task.id] is TaskClass.DONE_LATE else ""
        # The result says what was done; the title is only the fallback when it is blank.
        done = sentence(task.result)[:-1] if task.result else f"{task.title}: đã hoàn thành"
        lines.append(f"+ {done}{late}.")
    for task in progressing:
        note = data.notes[task.id]
        lines.append(f"+ {task.title} (đang thực hiện, đạt {task.progress_percent}%): "
                     f"{sentence(note.note)}")
    return "\n".join(lines)


def shortcomings(data: PeriodData) -> str:
    """III.2 offered when no earlier report has one: the work overdue at the cut-off."""
    overdue = [t for t in data.tasks if data.classes[t.id] is TaskClass.OVERDUE]
    if not overdue:
        return ""
    lines = [f"- Còn {count(len(overdue))} nhiệm vụ chưa hoàn thành đúng thời hạn:"]
    lines += [f"+ {t.title} (hạn {written_date(t.due_date)}, chủ trì: {t.lead.full_name});"
              for t in sorted(overdue, key=lambda t: (t.due_date, t.id))]
    lines[-1] = lines[-1][:-1] + "."
    return "\n".join(lines)


def next_intro(data: PeriodData) -> str:
    return (f"Để phát huy những kết quả đạt được, khắc phục những tồn tại, hạn chế trong "
            f"triển khai thực hiện công tác cải cách hành chính, trong {data.period.next_label} "
            f"{data.unit.name} tập trung thực hiện tốt các nhiệm vụ trọng tâm sau:")


def next_tasks(data: PeriodData, area: ReformArea) -> str:
    """IV.1: each task of the area still open at the cut-off, once: carried-over (overdue)
    work first, then what falls due in the next period, then later, then ongoing work;
    each with who leads it and by when."""
    first, last = data.period.next_span
    groups: list[list[Task]] = [[], [], [], []]
    for task in data.open_at_cutoff(area):
        if data.classes[task.id] is TaskClass.OVERDUE:
            groups[0].append(task)
        elif task.due_date is None:
            groups[3].append(task)
        else:
            groups[1 if first <= task.due_date <= last else 2].append(task)
    ordered = [t for group in groups[:3] for t in sorted(group, key=lambda t: (t.due_date, t.id))]
    ordered += sorted(groups[3], key=lambda t: t.id)
    return "\n".join(_next_task_line(data, task) for task in ordered)


def _next_task_line(data: PeriodData, task: Task) -> str:
    carried = ""
    if data.classes[task.id] is TaskClass.OVERDUE:
        carried = (f" (nhiệm vụ chuyển tiếp, quá hạn từ ngày "
                   f"{written_date(task.due_date + timedelta(days=1))})")
    lead = task.lead
    who = f"Chủ trì: {lead.full_name}" + (f" ({lead.position})" if lead.position else "")
    if task.coordinators:
        who += "; phối hợp: " + ", ".join(o.full_name for o in task.coordinators)
    return f"- {sentence(task.title)[:-1]}{carried}. {who}. Thời hạn: {_deadline(task)}."


def _deadline(task: Task) -> str:
    if task.due_date is None:
        return "thường xuyên"
    when = written_date(task.due_date)
    wording = (task.due_wording or "").strip()
    return f"{wording} ({when})" if wording and wording != when else when


def _area_figures(figures: Tally) -> str:
    return (f"Tổng số nhiệm vụ: {count(figures.total)}; đã hoàn thành: {count(figures.done)} "
            f"(đúng hạn: {count(figures.done_on_time)}; quá hạn: {count(figures.done_late)}); "
            f"chưa hoàn thành: {count(figures.not_done)} (trong hạn: "
            f"{count(figures.in_progress + figures.ongoing)}; quá hạn: "
            f"{count(figures.overdue)}).")


def _cite(document: Document, *, with_issuer: bool = False) -> str:
    issuer = f" của {document.issuer}" if with_issuer else ""
    about = document.title.strip().rstrip(".;")
    if about[:3].lower() == "về ":
        about = about[3:]
    # "Kế hoạch … truyền thông về hoạt động …": a title with its own "về" takes no second.
    linked = "" if "về" in about.lower().split()[:4] else "về "
    return f"{document.citation}{issuer} {linked}{lower_first(about)}"


# Decisions first (they set plans in force), then plans, then the rest by type name.
_TYPE_ORDER = {"QĐ": 0, "KH": 1}


def _by_type(documents: list[Document]) -> list[list[Document]]:
    groups: dict[str, list[Document]] = {}
    for document in documents:
        groups.setdefault(document.doc_type.value, []).append(document)
    return [groups[k] for k in sorted(groups, key=lambda k: (_TYPE_ORDER.get(k, 2), k))]


