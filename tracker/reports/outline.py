"""The outline of the report (the seed report's, Công văn 581/BNV-CCHC's) and how a
draft's texts become its structured content."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from functools import partial
from typing import Any

from flask_babel import force_locale

from tracker.core.periods import ReportingPeriod
from tracker.core.reform_areas import ReformArea
from tracker.core.roles import Role
from tracker.core.text import roman
from tracker.org.models import Official, Unit
from tracker.reports import figures as hand_figures
from tracker.reports import generate as gen
from tracker.reports.content import (
    Header,
    ReportContent,
    Section,
    Signature,
    blocks_from_text,
)
from tracker.reports.data import PeriodData
from tracker.reports.legal_figures import legal_lines
from tracker.reports.wording import formal_unit_name, letter, place_date


class PointKind(StrEnum):
    DATA = "data"  # generated from the data, regenerated on request
    PROSE = "prose"  # the office's words, offered from the previous report


@dataclass(frozen=True)
class Point:
    # The point's identity: a draft's texts are stored under it and the next report's
    # prose is offered from it, so it names the area ("II.<code>"), never the position.
    key: str
    heading: str
    kind: PointKind
    generate: Callable[[PeriodData], str]


def _nothing(_data: PeriodData) -> str:
    return ""


def _area_results(area: ReformArea) -> Callable[[PeriodData], str]:
    if area is ReformArea.ORGANISATION:
        return gen.organisation_results
    return partial(gen.area_results, area=area)


POINTS = (
    Point("title", "Tên báo cáo", PointKind.DATA, gen.title),
    Point("I.1", "Về tổ chức chỉ đạo, điều hành cải cách hành chính", PointKind.DATA,
          gen.direction_documents),
    Point("I.2", "Kết quả thực hiện các nhiệm vụ chỉ đạo, điều hành", PointKind.DATA,
          partial(gen.area_results, area=ReformArea.DIRECTION)),
    Point("I.3", "Công tác kiểm tra cải cách hành chính", PointKind.PROSE, _nothing),
    Point("I.4", "Công tác tuyên truyền cải cách hành chính", PointKind.PROSE, _nothing),
    Point("II", "Tình hình thực hiện nhiệm vụ", PointKind.DATA, gen.task_figures),
    *(Point(f"II.{a.value}", a.label, PointKind.DATA, _area_results(a))
      for a in gen.RESULT_AREAS),
    Point("III.1", "Mặt tích cực", PointKind.PROSE, _nothing),
    Point("III.2", "Tồn tại, hạn chế", PointKind.PROSE, gen.shortcomings),
    Point("IV", "Mở đầu phần nhiệm vụ", PointKind.DATA, gen.next_intro),
    *(Point(f"IV.1.{a.value}", a.label, PointKind.DATA, partial(gen.next_tasks, area=a))
      for a in ReformArea),
    Point("IV.2", "Các giải pháp thực hiện", PointKind.PROSE, _nothing),
    Point("closing", "Câu kết", PointKind.DATA, gen.closing),
)
POINTS_BY_KEY = {point.key: point for point in POINTS}


@dataclass(frozen=True)
class Masthead:
    """What the header and the signature say, besides the texts."""

    unit: Unit
    period: ReportingPeriod
    number: int | None
    report_date: date | None
    signer: Official | None
    recipients: str
    final: bool
    due_day: int


def text_from_data(point: Point, data: PeriodData) -> str:
    """A point's text from the data, in Vietnamese whatever the reader's language: the
    report is an official document (periods, document types and areas all have labels
    in the interface's language)."""
    with force_locale("vi"):
        return point.generate(data)


def assemble(
    masthead: Masthead, texts: Mapping[str, str], figures: dict[str, Any]
) -> ReportContent:
    with force_locale("vi"):
        return _assembled(masthead, texts, figures)


def _assembled(
    masthead: Masthead, texts: Mapping[str, str], figures: dict[str, Any]
) -> ReportContent:
    period = masthead.period
    return ReportContent(
        unit_code=masthead.unit.code,
        period=period.code,
        final=masthead.final,
        header=_header(masthead),
        kind_title="BÁO CÁO",
        title=texts["title"].strip(),
        sections=[
            _direction(texts, masthead.final),
            _results(texts, figures, period),
            _assessment(texts, masthead.final),
            _next_period(texts, period, masthead.final),
        ],
        closing=texts["closing"].strip(),
        recipients=recipient_lines(masthead.recipients),
        signature=_signature(masthead),
    )


def _direction(texts: Mapping[str, str], final: bool) -> Section:
    keys = _written(("I.1", "I.2", "I.3", "I.4"), texts, final)
    return Section(1, roman(1), "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", children=[
        _point(2, str(n), key, texts) for n, key in enumerate(keys, 1)])


def _written(keys: tuple[str, ...], texts: Mapping[str, str], final: bool) -> list[str]:
    """The points a signed report prints: a prose point left empty (a finding the signer
    accepted) is left out and the rest numbered on, never printed as a bare heading."""
    return [key for key in keys if not final or POINTS_BY_KEY[key].kind is not PointKind.PROSE
            or texts[key].strip()]


def _results(texts: Mapping[str, str], figures: dict[str, Any], period: ReportingPeriod) -> Section:
    children = []
    for n, area in enumerate(gen.RESULT_AREAS, 1):
        point = _point(2, str(n), f"II.{area.value}", texts)
        lines = []
        if area is ReformArea.INSTITUTIONS and figures.get("legal"):
            lines = legal_lines(figures["legal"])
        if area is ReformArea.PROCEDURES and hand_figures.entered(figures.get("dossiers")):
            lines = hand_figures.dossier_lines(figures["dossiers"], period.cutoff)
        if lines:
            point = replace(point, blocks=point.blocks + blocks_from_text("\n".join(lines)))
        children.append(point)
    return Section(1, roman(2), "KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH",
                   blocks=blocks_from_text(texts["II"]), children=children, key="II")


def _assessment(texts: Mapping[str, str], final: bool) -> Section:
    keys = _written(("III.1", "III.2"), texts, final)
    return Section(1, roman(3), "ĐÁNH GIÁ CHUNG", children=[
        _point(2, str(n), key, texts) for n, key in enumerate(keys, 1)])


def _next_period(texts: Mapping[str, str], period: ReportingPeriod, final: bool) -> Section:
    # Only areas with work get a point, lettered without gaps.
    areas = [a for a in ReformArea if texts[f"IV.1.{a.value}"].strip()]
    tasks = Section(2, "1", "Nhiệm vụ trọng tâm", children=[
        _point(3, letter(i), f"IV.1.{a.value}", texts) for i, a in enumerate(areas)])
    return Section(
        1, roman(4), f"NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN {period.next_label.upper()}",
        blocks=blocks_from_text(texts["IV"]), key="IV",
        children=[tasks, *(_point(2, "2", key, texts)
                           for key in _written(("IV.2",), texts, final))],
    )


def _point(level: int, number: str, key: str, texts: Mapping[str, str]) -> Section:
    # `number` is where the point stands in this report; `key` what it is, in every one.
    return Section(level, number, POINTS_BY_KEY[key].heading,
                   blocks=blocks_from_text(texts[key]), key=key)


def number_line(number: int | None) -> str:
    """ "Số: 15/BC-UBND"; blank for the văn thư to fill in until the report is numbered."""
    shown = f"{number:02d}" if number else "      "
    return f"Số: {shown}/BC-UBND"


def _header(masthead: Masthead) -> Header:
    unit, period = masthead.unit, masthead.period
    # NĐ 30/2020: a UBND's header names the UBND alone; a superior body's line only where
    # the unit's settings ask for it (a body that belongs to another).
    shows_parent = unit.parent is not None and unit.settings is not None \
        and unit.settings.show_superior_body
    parent = unit.parent.name.upper() if shows_parent else None
    month_year = period.due_date(masthead.due_day)
    return Header(
        parent_name=parent,
        unit_name=formal_unit_name(unit.name).upper(),
        number_line=number_line(masthead.number),
        place_date=place_date(unit.place_name or unit.name, masthead.report_date, month_year),
    )


def _signature(masthead: Masthead) -> Signature:
    signer, settings = masthead.signer, masthead.unit.settings
    authority = settings.signature_authority if settings else "TM. ỦY BAN NHÂN DÂN"
    title = settings.signer_title if settings else "CHỦ TỊCH"
    if signer is not None and signer.role is Role.VICE_CHAIRMAN:
        # A deputy signs on behalf of the head: "KT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH".
        return Signature([authority, f"KT. {title}", f"PHÓ {title}"], signer.full_name)
    return Signature([authority, title], signer.full_name if signer else "")


def recipient_lines(recipients: str) -> list[str]:
    """ "- UBND thị xã Đức Phổ;" … "- Lưu: VT." — one a line, as Nơi nhận lists them."""
    names = [line.strip().lstrip("-").strip().rstrip(";.") for line in recipients.splitlines()]
    names = [n for n in names if n]
    if not any(n.lower().startswith("lưu") for n in names):
        names.append("Lưu: VT")
    return [f"- {n};" for n in names[:-1]] + [f"- {names[-1]}."]


def default_recipients(unit: Unit) -> str:
    above = [unit.parent.name] if unit.parent else []
    return "\n".join([*above, f"CT, PCT {unit.name}", "Lưu: VT"])

