"""Template + node + period → `Report`: tags replaced by figures from the indicator engine.

Runs inside the caller's scope (request or command): nodes are looked up through the scoped
manager, so a tag or section naming a node outside the user's jurisdiction finds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.urls import NoReverseMatch, reverse

from xingcun.core.models import Area
from xingcun.indicators import engine
from xingcun.indicators.engine import Period
from xingcun.reports import tags
from xingcun.reports.document import Block, Figure, Paragraph, Report, Run, Text, heading_number
from xingcun.reports.models import ReportTemplate

Progress = Callable[[int, int, str], None]


class SectionLike(Protocol):
    level: int
    heading: str
    body: str
    area_code: str


class _Evaluator:
    """Collects every (indicator, node, period) a report needs, then evaluates them with one
    `evaluate_grid` call per node instead of one engine call per tag."""

    def __init__(self, area: Area, period: Period) -> None:
        self.area, self.period = area, period
        self.indicators = {i.code: i for i in engine.catalogue()}
        self.areas: dict[str, Area | None] = {area.code: area}
        self.wanted: dict[str, tuple[Area, set[str], set[Period]]] = {}
        self.grid: dict[tuple[str, str, str], engine.Result] = {}

    def node(self, code: str) -> Area | None:
        if code not in self.areas:
            self.areas[code] = Area.objects.filter(code=code).first()
        return self.areas[code]

    def node_problem(self, code: str) -> str:
        found = self.node(code)
        if found is None:
            return f"区划代码 {code} 不存在或不在您的辖区内"
        if not self.area.contains(found):
            return f"{found.display_name}（{code}）不在本报告的区划{self.area.display_name}范围内"
        return ""

    def target(self, tag: tags.Tag, area: Area, period: Period) -> tuple[Area, Period] | str:
        """The node and period a tag asks for, or why it cannot be evaluated."""
        if tag.area_code:
            problem = self.node_problem(tag.area_code)
            if problem:
                return f"[{problem}]"
            area = self.node(tag.area_code) or area
        return area, Period.parse(tag.period) if tag.period else period

    def want(self, pieces: list[tags.Piece], area: Area, period: Period) -> None:
        for piece in pieces:
            if isinstance(piece, str) or piece.kind != tags.Kind.INDICATOR:
                continue
            if piece.code not in self.indicators:
                continue
            found = self.target(piece, area, period)
            if isinstance(found, str):
                continue
            node, when = found
            _, codes, periods = self.wanted.setdefault(node.code, (node, set(), set()))
            codes.add(piece.code)
            periods.add(when)

    def evaluate(self) -> None:
        for node, codes, periods in self.wanted.values():
            grid = engine.evaluate_grid(
                area=node, periods=sorted(periods), codes=sorted(codes), levels=()
            )
            for token, by_code in grid.items():
                for code, by_node in by_code.items():
                    self.grid[(code, node.code, token)] = by_node[node.code]

    def runs(self, pieces: list[tags.Piece], area: Area, period: Period) -> list[Run]:
        runs: list[Run] = []
        for piece in pieces:
            if isinstance(piece, str):
                runs.append(Text(piece))
            elif piece.kind == tags.Kind.AREA:
                runs.append(Text(area.display_name))
            elif piece.kind == tags.Kind.PERIOD:
                runs.append(Text(period.label))
            else:
                runs.append(self.figure(piece, area, period))
        return runs

    def figure(self, tag: tags.Tag, area: Area, period: Period) -> Figure:
        indicator = self.indicators.get(tag.code)
        if indicator is None:
            problem = f"[指标 {tag.code} 不存在]"
            return Figure(text=problem, code=tag.code, problem=problem)
        found = self.target(tag, area, period)
        if isinstance(found, str):
            return Figure(text=found, code=tag.code, name=indicator.name, problem=found)
        area, period = found
        result = self.grid.get((tag.code, area.code, str(period)))
        if result is None:  # not collected beforehand (never the case for `report_build`)
            result = engine.evaluate(tag.code, area=area, period=period)
        try:
            url = reverse("indicators:drilldown", args=[tag.code, area.code, str(period)])
        except NoReverseMatch:
            url = ""
        engine.mark_used(tag.code, "年度工作报告")
        return Figure(
            text=(
                result.display_number(tag.unit or None)
                if tag.number_only
                else result.display(tag.unit or None)
            ),
            code=tag.code,
            name=indicator.name,
            value=result.value,
            url=url,
            area_name=area.display_name,
            period_label=period.label,
            frozen=result.frozen,
            differs=result.differs,
            live_text=result.live_display() if result.differs else "",
        )


@dataclass
class _Planned:
    level: int
    number: str
    node: Area
    heading: list[tags.Piece]
    lines: list[list[tags.Piece]]
    label: str


def _plan(sections: Sequence[SectionLike], evaluator: _Evaluator, report: Report) -> list[_Planned]:
    """Number the sections, resolve their nodes, parse their text; note what to evaluate."""
    area, period = evaluator.area, evaluator.period
    counters = [0, 0, 0, 0]
    skip_below: int | None = None  # while set, sections deeper than this level are left out
    planned: list[_Planned] = []
    for index, section in enumerate(sections):
        level = section.level
        depth = level or 4  # a paragraph-only section sits below every heading
        if skip_below is not None:
            if depth > skip_below:
                continue
            skip_below = None
        label = section.heading or "正文"
        node = area
        if section.area_code:
            code = tags.normalise_area_code(section.area_code)
            problem = evaluator.node_problem(code) if code else "区划代码无效"
            if problem:
                report.notices.append(f"第{index + 1}节「{label}」及其下级内容已略去：{problem}")
                skip_below = depth
                continue
            node = evaluator.node(code or "") or area
        number = ""
        if level:
            counters[level] += 1
            counters[level + 1 :] = [0] * (3 - level)
            number = heading_number(level, counters[level])
        heading = tags.parse(section.heading)[0] if level else []
        lines = [tags.parse(line.strip())[0] for line in section.body.splitlines() if line.strip()]
        if level == 3 and not lines:
            lines = [[]]
        for pieces in (heading, *lines):
            evaluator.want(pieces, node, period)
        planned.append(_Planned(level, number, node, heading, lines, label))
    return planned


def report_build(
    *,
    title: str,
    sections: Sequence[SectionLike],
    area: Area,
    period: Period,
    template: ReportTemplate | None = None,
    progress: Progress | None = None,
) -> Report:
    """Render sections for a node and period. Sections naming a node outside `area` (and the
    sections under them) are left out, with a notice."""
    evaluator = _Evaluator(area, period)
    report = Report(
        title="",
        area_name=area.display_name,
        area_code=area.code,
        period_label=period.label,
        period=str(period),
        template_name=template.name if template else "",
        template_id=template.pk if template else None,
    )
    title_pieces = tags.parse(title)[0]
    evaluator.want(title_pieces, area, period)
    planned = _plan(sections, evaluator, report)
    evaluator.evaluate()
    report.title = "".join(r.text for r in evaluator.runs(title_pieces, area, period))
    for index, item in enumerate(planned):
        if progress:
            progress(index + 1, len(planned), item.number + item.label)
        report.blocks.append(
            Block(
                level=item.level,
                number=item.number,
                heading=evaluator.runs(item.heading, item.node, period),
                paragraphs=[
                    Paragraph(runs=evaluator.runs(line, item.node, period)) for line in item.lines
                ],
                area_name=item.node.display_name if item.node != area else "",
            )
        )
    return report


def report_for(
    *,
    template: ReportTemplate,
    area: Area,
    period: Period,
    progress: Progress | None = None,
) -> Report:
    return report_build(
        title=template.title,
        sections=list(template.sections.all()),
        area=area,
        period=period,
        template=template,
        progress=progress,
    )
