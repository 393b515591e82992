"""The text each point of a report gets from the data.

A report is an official document in Vietnamese, so its text is Vietnamese whatever
the language of the interface. Lines starting "- " and "+ " are bullets (see
`content.blocks_from_text`), so the office edits them as plain text.
"""

from tracker.core.reform_areas import ReformArea
from tracker.core.text import written_date
from tracker.documents.models import Document
from tracker.org.models import Official
from tracker.reports.data import PeriodData
from tracker.reports.wording import count, during, lower_first, percent, sentence
from tracker.tasks.models import Recurrence, Task
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


def organisation_results(data: PeriodData) -> str:
    """II.3: who the unit has at work, post by post, then the area's tasks."""
    lines = []
    if data.staff:
        total = sum(n for _post, n in data.staff)
        lines.append(f"- Cán bộ, công chức của {data.unit.name} hiện có mặt: {count(total)} "
                     "người, cụ thể như sau:")
        lines += [f"+ {post}: {count(n)}." for post, n in data.staff]
    return "\n".join([*lines, area_results(data, ReformArea.ORGANISATION)])


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
    """IV.1: the area's work still open at the cut-off, each task once, as directives in
    three headed groups: due in the next period, carried over (overdue), then later and
    ongoing work. Each names the document it carries out, who leads by post, and the
    deadline as the plan wrote it."""
    last = data.period.next_span[1]
    due_next, carried, later = [], [], []
    for task in data.open_at_cutoff(area):
        if data.classes[task.id] is TaskClass.OVERDUE:
            carried.append(task)
        elif task.due_date is None or task.due_date > last:
            later.append(task)
        else:
            due_next.append(task)
    next_label = data.period.next_label
    groups = ((f"Nhiệm vụ đến hạn trong {next_label}:", due_next),
              ("Nhiệm vụ chuyển tiếp, đã quá hạn, cần tập trung hoàn thành:", carried),
              (f"Nhiệm vụ thực hiện sau {next_label} và nhiệm vụ thường xuyên:", later))
    lines = []
    for heading, tasks in groups:
        if tasks:
            lines.append(heading)
            lines += [_directive(task, overdue=tasks is carried)
                      for task in sorted(tasks, key=_by_due_date)]
    return "\n".join(lines)


def _by_due_date(task: Task) -> tuple:
    return (task.due_date is None, task.due_date, task.id)


def _directive(task: Task, *, overdue: bool) -> str:
    """ "- Rà soát … theo Kế hoạch số 27/KH-UBND ngày 06/3/2023. Chủ trì: Công chức Tư
    pháp - Hộ tịch; phối hợp: … Thời hạn: Quý II/2023." — posts, not personal names."""
    carries_out = f", theo {task.document.citation}" if task.document else ""
    lead = _post(task.lead)
    who = f"Chủ trì: {lead}"
    # By post, a colleague of the lead's own post is already named.
    helpers = [p for p in dict.fromkeys(_post(o) for o in task.coordinators) if p != lead]
    if helpers:
        who += "; phối hợp: " + ", ".join(helpers)
    deadline = _deadline(task) + (" (đã quá hạn)" if overdue else "")
    return f"- {sentence(task.title)[:-1]}{carries_out}. {who}. Thời hạn: {deadline}."


def _post(official: Official) -> str:
    """How a report names who does the work: the post, else the department, else the name."""
    if official.position:
        return official.position
    return official.department.name if official.department else official.full_name


_RECURRING = {Recurrence.MONTHLY: "hằng tháng", Recurrence.QUARTERLY: "hằng quý",
              Recurrence.YEARLY: "hằng năm"}


def _deadline(task: Task) -> str:
    """As the plan wrote it: "hằng tháng", "Quý II/2023", "thường xuyên", else the date."""
    if task.recurrence is not None:
        return _RECURRING[task.recurrence]
    if task.due_date is None:
        return "thường xuyên"
    wording = (task.due_wording or "").strip()
    return wording or written_date(task.due_date)


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


