"""A rendered report, independent of its output format: the HTML page, the DOCX and the PDF all
read the same `Report`, so they can never disagree about a figure."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from xingcun.core.numerals import CHINESE_NUMERALS, TEN


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings rarely go beyond that)."""
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    tens, units = divmod(n, 10)
    head = TEN if tens == 1 else CHINESE_NUMERALS[tens - 1] + TEN
    return head + (CHINESE_NUMERALS[units - 1] if units else "")


def heading_number(level: int, n: int) -> str:
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    return f"{n}."


@dataclass(frozen=True)
class Text:
    text: str
    is_figure = False


@dataclass(frozen=True)
class Figure:
    """One substituted indicator value, with what the HTML needs to link and mark it."""

    text: str
    code: str
    name: str = ""
    value: Decimal | None = None
    url: str = ""
    area_name: str = ""
    period_label: str = ""
    frozen: bool = False
    differs: bool = False
    live_text: str = ""
    problem: str = ""  # set when the tag could not be evaluated (shown instead of a number)
    is_figure = True

    @property
    def tooltip(self) -> str:
        parts = [f"{self.name}（{self.code}）", self.area_name, self.period_label]
        if self.frozen:
            parts.append(gettext("已冻结"))
        if self.differs:
            parts.append(gettext("实时值 %(live_text)s") % {"live_text": self.live_text})
        return " · ".join(p for p in parts if p)


Run = Text | Figure


@dataclass
class Paragraph:
    runs: list[Run] = field(default_factory=list)
    lead: str = ""  # a level-3 heading set in bold at the start of its first paragraph

    @property
    def plain(self) -> str:
        return self.lead + "".join(r.text for r in self.runs)


@dataclass
class Block:
    """One section: an optional heading and its paragraphs."""

    level: int
    number: str = ""
    heading: list[Run] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    area_name: str = ""

    @property
    def heading_text(self) -> str:
        return self.number + "".join(r.text for r in self.heading)


@dataclass
class Report:
    title: str
    area_name: str
    area_code: str
    period_label: str
    period: str
    template_name: str = ""
    template_id: int | None = None
    version_number: int | None = None
    issuer: str = ""  # 落款: the issuing body
    issued_on: str = ""  # 成文日期, "2021年1月15日"
    blocks: list[Block] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def figures(self) -> list[Figure]:
        found: list[Figure] = []
        for block in self.blocks:
            runs: list[Any] = list(block.heading)
            for paragraph in block.paragraphs:
                runs.extend(paragraph.runs)
            found.extend(r for r in runs if isinstance(r, Figure))
        return found

    @property
    def differences(self) -> list[Figure]:
        return [f for f in self.figures() if f.differs]

    @property
    def plain(self) -> str:
        lines = [self.title]
        for block in self.blocks:
            if block.level in (1, 2):
                lines.append(block.heading_text)
            lines.extend(p.plain for p in block.paragraphs)
        lines.extend(line for line in (self.issuer, self.issued_on) if line)
        return "\n".join(lines)
