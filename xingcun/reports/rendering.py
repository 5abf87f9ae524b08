"""Template + node + period → `Report`: tags replaced by figures from the indicator engine.

Runs inside the caller's scope (request or command): nodes are looked up through the scoped
manager, so a tag or section naming a node outside the user's jurisdiction finds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext, gettext_lazy
from django_stubs_ext import StrOrPromise

from xingcun.core.divisionnames import LEVEL_SUFFIXES, LONG_SUFFIXES, WHOLE
from xingcun.core.models import Area
from xingcun.indicators import engine
from xingcun.indicators.engine import Period
from xingcun.reports import numbers, selectors, tags
from xingcun.reports.document import Block, Figure, Paragraph, Report, Run, Text, heading_number
from xingcun.reports.models import SETTING_TAGS, ReportTemplate

# Stored figures of an issued report: "code|area code|period" → [value, numerator, denominator, raw,
# frozen]; stored settings: "key|area code|period" → value.
StoredValues = Mapping[str, list[Any]]
StoredSettings = Mapping[str, Any]
CHILD_WORDS: dict[int, StrOrPromise] = {
    Area.Level.PROVINCE: gettext_lazy("市"),
    Area.Level.CITY: gettext_lazy("区县"),
    Area.Level.COUNTY: gettext_lazy("镇(街道)"),
    Area.Level.TOWN: gettext_lazy("村(社区)"),
}


def whole_word(area: Area) -> str:
    """全区, 全县, 全镇, 全乡, 全街道, 全村, 全社区: the whole of the node, as reports say it."""
    name = area.display_name
    # Words of the report's own (Chinese) text, built from the division's name.
    for suffix in LONG_SUFFIXES:
        if name.endswith(suffix):
            return WHOLE + suffix
    if name and name[-1] in LEVEL_SUFFIXES:
        return WHOLE + name[-1]
    return gettext("辖区")


def _key(*parts: str) -> str:
    return "|".join(parts)


def _decimal(text: Any) -> Decimal | None:
    return None if text is None else Decimal(str(text))


def as_of_label(period: Period) -> str:
    end = period.end
    return gettext("截至%(year)s年%(month)s月%(day)s日") % {
        "year": end.year,
        "month": end.month,
        "day": end.day,
    }


Progress = Callable[[int, int, str], None]


class SectionLike(Protocol):
    level: int
    heading: str
    body: str
    area_code: str


class _Evaluator:
    """Collects every (indicator, node, period) a report needs, then evaluates them with one
    `evaluate_grid` call per node instead of one engine call per tag."""

    def __init__(
        self,
        area: Area,
        period: Period,
        stored: StoredValues | None = None,
        stored_settings: StoredSettings | None = None,
    ) -> None:
        self.area, self.period = area, period
        self.indicators = {i.code: i for i in engine.catalogue()}
        self.areas: dict[str, Area | None] = {area.code: area}
        self.wanted: dict[str, tuple[Area, set[str], set[Period]]] = {}
        self.grid: dict[tuple[str, str, str], engine.Result] = {}
        self.stored = stored
        self.stored_settings = stored_settings
        self.settings: dict[str, Any] = {}

    # --- values an issued report keeps ---------------------------------------------------------

    def values(self) -> dict[str, list[Any]]:
        """Every figure used, in the form `GeneratedReport.values` stores."""
        return {
            _key(code, node, token): [
                None if r.value is None else str(r.value),
                None if r.numerator is None else str(r.numerator),
                None if r.denominator is None else str(r.denominator),
                None if r.raw is None else str(r.raw),
                r.frozen,
            ]
            for (code, node, token), r in self.grid.items()
        }

    def _restore(self, code: str, node: Area, period: Period) -> engine.Result | None:
        row = (self.stored or {}).get(_key(code, node.code, str(period)))
        indicator = self.indicators.get(code)
        if row is None or indicator is None:
            return None
        value, numerator, denominator, raw, frozen = row
        return engine.Result(
            indicator,
            node,
            period,
            _decimal(value),
            _decimal(numerator),
            _decimal(denominator),
            frozen=bool(frozen),
            raw=_decimal(raw),
        )

    def setting(self, name: str, area: Area, period: Period) -> int | None:
        key = SETTING_TAGS[name][0] if name in SETTING_TAGS else name
        found = self._fact(
            _key(str(key), area.code, str(period)),
            lambda: selectors.setting_value(area=area, key=key, on=period.end),
        )
        return None if found is None else int(found)

    def project(self, area: Area, period: Period) -> str:
        found = self._fact(
            _key("featured_project", area.code, str(period)),
            lambda: selectors.featured_project_name(area=area, year=period.end.year),
        )
        return str(found or "")

    def organisation(self, area: Area) -> str:
        found = self._fact(
            _key("organisation", area.code), lambda: selectors.own_organisation_name(area=area)
        )
        return str(found or "")

    def facts(self) -> dict[str, Any]:
        """The settings and names used, as `GeneratedReport.settings` stores them."""
        return dict(self.settings)

    def _fact(self, token: str, read: Callable[[], Any]) -> Any:
        if token not in self.settings:
            if self.stored_settings is not None:
                self.settings[token] = self.stored_settings.get(token)
            else:
                self.settings[token] = read()
        return self.settings[token]

    def result(self, code: str, area: Area, period: Period) -> engine.Result:
        found = self.grid.get((code, area.code, str(period)))
        if found is None:
            found = self._restore(code, area, period) if self.stored is not None else None
            if found is None:  # not collected beforehand (never the case for `report_build`)
                found = engine.evaluate(code, area=area, period=period)
            self.grid[(code, area.code, str(period))] = found
        return found

    # --- conditions ----------------------------------------------------------------------------

    def holds(self, condition: tags.Condition, area: Area, period: Period) -> bool:
        return any(
            all(self._term(term, area, period) for term in group) for group in condition.any_of
        )

    def _term(self, term: tags.Term, area: Area, period: Period) -> bool:
        if term.kind == "level":
            found = area.level == term.level
        elif term.kind == "setting":
            found = self.setting(term.code, area, period) is not None
        elif term.code not in self.indicators:
            found = False
        else:
            value = self.result(term.code, area, period).value
            if value is None:
                found = False
            elif term.op:
                found = tags.OPERATORS[term.op](value, term.number or Decimal(0))
            else:
                found = value != 0
        return found != term.negate

    def resolve(self, pieces: list[tags.Piece], area: Area, period: Period) -> list[tags.Piece]:
        """The pieces with every 如果 … 结束 replaced by the branch that holds."""
        out: list[tags.Piece] = []
        # stack of (branch taken somewhere in this 如果, this branch is shown, parent shown)
        stack: list[list[bool]] = []
        showing = True
        for piece in pieces:
            if isinstance(piece, str) or piece.kind not in tags.CONTROL:
                if showing:
                    out.append(piece)
                continue
            if piece.kind == tags.Kind.IF:
                holds = (
                    showing
                    and piece.condition is not None
                    and self.holds(piece.condition, area, period)
                )
                stack.append([holds, holds, showing])
            elif not stack:
                continue  # reported by validation; ignored here
            elif piece.kind == tags.Kind.END:
                showing = stack.pop()[2]
                continue
            else:
                frame = stack[-1]
                parent = frame[2]
                if piece.kind == tags.Kind.ELSE:
                    holds = parent and not frame[0]
                else:
                    holds = (
                        parent
                        and not frame[0]
                        and piece.condition is not None
                        and self.holds(piece.condition, area, period)
                    )
                frame[0] = frame[0] or holds
                frame[1] = holds
            showing = stack[-1][1] if stack else True
        return out

    def node(self, code: str) -> Area | None:
        if code not in self.areas:
            self.areas[code] = Area.objects.filter(code=code).first()
        return self.areas[code]

    def node_problem(self, code: str) -> str:
        found = self.node(code)
        if found is None:
            return gettext("区划代码 %(code)s 不存在或不在您的辖区内") % {"code": code}
        if not self.area.contains(found):
            return gettext("%(name)s（%(code)s）不在本报告的区划%(name2)s范围内") % {
                "name": found.display_name,
                "code": code,
                "name2": self.area.display_name,
            }
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
            if isinstance(piece, str):
                continue
            for code in tags.codes_of(piece):
                if code not in self.indicators:
                    continue
                found = self.target(piece, area, period)
                if isinstance(found, str):
                    continue
                node, when = found
                _, codes, periods = self.wanted.setdefault(node.code, (node, set(), set()))
                codes.add(code)
                periods.add(when)

    def evaluate(self) -> None:
        if self.stored is not None:
            return  # an issued report: its figures are read back, never recomputed
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
            elif piece.kind == tags.Kind.AS_OF:
                runs.append(Text(as_of_label(period)))
            elif piece.kind == tags.Kind.CHILDREN:
                runs.append(Text(str(CHILD_WORDS.get(area.level, ""))))
            elif piece.kind == tags.Kind.WHOLE:
                runs.append(Text(whole_word(area)))
            elif piece.kind == tags.Kind.PROJECT:
                runs.append(Text(self.project(area, period) or gettext("示范项目")))
            elif piece.kind == tags.Kind.ORGANISATION:
                runs.append(
                    Text(
                        self.organisation(area)
                        or gettext("%(name)s党组织") % {"name": area.display_name}
                    )
                )
            elif piece.kind == tags.Kind.SETTING:
                runs.append(self.setting_run(piece, area, period))
            elif piece.kind == tags.Kind.INDICATOR:
                runs.append(self.figure(piece, area, period))
        return runs

    def setting_run(self, tag: tags.Tag, area: Area, period: Period) -> Run:
        value = self.setting(tag.code, area, period)
        if value is None:
            problem = gettext("[设置“%(code)s”尚未填写]") % {"code": tag.code}
            return Figure(text=problem, code=tag.code, problem=problem)
        unit = SETTING_TAGS[tag.code][1] if tag.code in SETTING_TAGS else ""
        return Text(f"{value}{unit}")

    def figure(self, tag: tags.Tag, area: Area, period: Period) -> Figure:
        indicator = self.indicators.get(tag.code)
        if indicator is None:
            problem = gettext("[指标 %(code)s 不存在]") % {"code": tag.code}
            return Figure(text=problem, code=tag.code, problem=problem)
        found = self.target(tag, area, period)
        if isinstance(found, str):
            return Figure(text=found, code=tag.code, name=indicator.name, problem=found)
        area, period = found
        result = self.result(tag.code, area, period)
        try:
            url = reverse("indicators:drilldown", args=[tag.code, area.code, str(period)])
        except NoReverseMatch:
            url = ""
        return Figure(
            text=numbers.shown(result, unit=tag.unit, number_only=tag.number_only),
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
    skip_below: int | None = None  # while set, sections deeper than this level are left out
    planned: list[_Planned] = []
    for index, section in enumerate(sections):
        level = section.level
        depth = level or 4  # a paragraph-only section sits below every heading
        if skip_below is not None:
            if depth > skip_below:
                continue
            skip_below = None
        label = section.heading or gettext("正文")
        node = area
        if section.area_code:
            code = tags.normalise_area_code(section.area_code)
            problem = evaluator.node_problem(code) if code else gettext("区划代码无效")
            if problem:
                report.notices.append(
                    gettext("第%(number)s节「%(label)s」及其下级内容已略去：%(problem)s")
                    % {"number": index + 1, "label": label, "problem": problem}
                )
                skip_below = depth
                continue
            node = evaluator.node(code or "") or area
        number = ""
        heading = tags.parse(section.heading)[0] if level else []
        body = tags.parse(section.body)[0]
        evaluator.want(heading, node, period)
        evaluator.want(body, node, period)
        planned.append(_Planned(level, number, node, heading, [body], label))
    return planned


def _lines(pieces: list[tags.Piece]) -> list[list[tags.Piece]]:
    """Resolved pieces split into paragraphs at line breaks; blank paragraphs dropped."""
    lines: list[list[tags.Piece]] = [[]]
    for piece in pieces:
        if not isinstance(piece, str):
            lines[-1].append(piece)
            continue
        first, *rest = piece.split("\n")
        if first:
            lines[-1].append(first)
        lines.extend([part] if part else [] for part in rest)
    return [_strip(line) for line in lines if _has_content(line)]


def _has_content(line: list[tags.Piece]) -> bool:
    return any(not isinstance(p, str) or p.strip() for p in line)


def _strip(line: list[tags.Piece]) -> list[tags.Piece]:
    out = list(line)
    if out and isinstance(out[0], str):
        out[0] = out[0].lstrip()
    if out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip()
    return [p for p in out if p != ""]


def report_build(
    *,
    title: str,
    sections: Sequence[SectionLike],
    area: Area,
    period: Period,
    template: ReportTemplate | None = None,
    progress: Progress | None = None,
    issuer: str = "",
    issued_on: dt.date | None = None,
    stored: StoredValues | None = None,
    stored_settings: StoredSettings | None = None,
    evaluator_out: list[Any] | None = None,
) -> Report:
    """Render sections for a node and period. Sections naming a node outside `area` (and the
    sections under them) are left out, with a notice; a section whose conditions leave nothing
    to say is left out too (a heading without text is not printed).

    With `stored` (an issued report's figures) nothing is evaluated: the figures are read back."""
    evaluator = _Evaluator(area, period, stored, stored_settings)
    if evaluator_out is not None:
        evaluator_out.append(evaluator)
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
    issuer_pieces = tags.parse(issuer)[0]
    evaluator.want(title_pieces, area, period)
    planned = _plan(sections, evaluator, report)
    evaluator.evaluate()
    report.title = "".join(r.text for r in evaluator.runs(title_pieces, area, period))
    report.issuer = "".join(r.text for r in evaluator.runs(issuer_pieces, area, period))
    if issued_on is not None:
        report.issued_on = gettext("%(year)s年%(month)s月%(day)s日") % {
            "year": issued_on.year,
            "month": issued_on.month,
            "day": issued_on.day,
        }
    counters = [0, 0, 0, 0]
    for index, item in enumerate(_drop_empty(planned, evaluator, period)):
        if progress:
            progress(index + 1, len(planned), item.label)
        number = ""
        if item.level:
            counters[item.level] += 1
            counters[item.level + 1 :] = [0] * (3 - item.level)
            number = heading_number(item.level, counters[item.level])
        lines = item.lines or ([[]] if item.level == 3 else [])
        report.blocks.append(
            Block(
                level=item.level,
                number=number,
                heading=evaluator.runs(item.heading, item.node, period),
                paragraphs=[
                    Paragraph(runs=evaluator.runs(line, item.node, period)) for line in lines
                ],
                area_name=item.node.display_name if item.node != area else "",
            )
        )
    return report


def _drop_empty(planned: list[_Planned], evaluator: _Evaluator, period: Period) -> list[_Planned]:
    """Resolve the conditions of every section; leave out a heading whose whole part (the section
    and those under it) has nothing left to say, and a level-3 case whose text is empty."""
    written: list[bool] = []  # whether the template gave the section any text
    for item in planned:
        written.append(_has_content(item.lines[0]))
        item.lines = _lines(evaluator.resolve(item.lines[0], item.node, period))
    kept: list[_Planned] = []
    for index, item in enumerate(planned):
        if item.level == 3 and written[index] and not item.lines:
            continue
        if item.level in (1, 2):
            part = [index]
            for later in range(index + 1, len(planned)):
                if planned[later].level and planned[later].level <= item.level:
                    break
                part.append(later)
            silenced = any(written[i] for i in part) and not any(planned[i].lines for i in part)
            if silenced:
                continue
        kept.append(item)
    return kept


@dataclass
class SectionData:
    level: int
    heading: str = ""
    body: str = ""
    area_code: str = ""


def sections_of(rows: Sequence[Mapping[str, Any]]) -> list[SectionData]:
    return [
        SectionData(
            level=int(row["level"]),
            heading=str(row.get("heading", "")),
            body=str(row.get("body", "")),
            area_code=str(row.get("area_code", "")),
        )
        for row in rows
    ]


def report_for(
    *,
    template: ReportTemplate,
    area: Area,
    period: Period,
    progress: Progress | None = None,
    draft: bool = False,
    issued_on: dt.date | None = None,
) -> Report:
    """The report from the template's latest published version (its draft when `draft`, or when
    nothing is published yet, which the report then says)."""
    version = None if draft else selectors.latest_version(template=template)
    if version is not None:
        content = version.content()
        sections: Sequence[SectionLike] = sections_of(content["sections"])
    else:
        content = {"title": template.title, "issuer": template.issuer}
        sections = list(template.sections.all())
    report = report_build(
        title=content["title"],
        sections=sections,
        area=area,
        period=period,
        template=template,
        progress=progress,
        issuer=content["issuer"],
        issued_on=issued_on,
    )
    report.version_number = version.number if version is not None else None
    if version is None and not draft:
        report.notices.append(gettext("该模板尚未发布，报告按草稿生成"))
    return report


def report_from_defaults(*, area: Area, period: Period, issued_on: dt.date | None = None) -> Report:
    """The built-in default of the node's level, rendered without saving anything (a GET shows a
    report even before the district has created its templates)."""
    from xingcun.reports import defaults

    spec = defaults.for_level(area.level)
    known = {i.code for i in engine.catalogue()}
    return report_build(
        title=spec.title,
        sections=sections_of(spec.section_rows(known)),
        area=area,
        period=period,
        issuer=spec.issuer,
        issued_on=issued_on,
    )
