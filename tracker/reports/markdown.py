"""The report as Markdown: headings for the numbered points, "-" and "+" bullets kept."""

from tracker.reports.content import BlockKind, ReportContent, Section

_HEADING = {1: "##", 2: "###", 3: "####"}


def render_markdown(content: ReportContent) -> str:
    header = content.header
    lines = []
    if header.parent_name:
        lines.append(f"{header.parent_name}  ")
    lines += [
        f"**{header.unit_name}**", "", header.number_line, "",
        f"**{header.national_name}**  ", f"**{header.motto}**", "",
        f"*{header.place_date}*", "",
        f"# {content.kind_title}", "", f"**{content.title}**", "",
    ]
    for section in content.sections:
        lines += _section(section)
    lines += [content.closing, "", "**Nơi nhận:**", "", *content.recipients, ""]
    lines += [f"**{line}**  " for line in content.signature.lines]
    lines += ["", f"**{content.signature.name}**", ""]
    return "\n".join(lines)


def _section(section: Section) -> list[str]:
    heading = " ".join(part for part in (_number(section), section.title) if part)
    lines = [f"{_HEADING.get(section.level, '####')} {heading}", ""]
    for block in section.blocks:
        if block.kind is BlockKind.BULLET:
            lines.append(f"- {block.text}")
        elif block.kind is BlockKind.SUBBULLET:
            lines.append(f"    + {block.text}")
        else:
            lines += ["", block.text, ""]
    lines.append("")
    for child in section.children:
        lines += _section(child)
    return lines


def _number(section: Section) -> str:
    return section.number if section.number.endswith(")") else f"{section.number}."
