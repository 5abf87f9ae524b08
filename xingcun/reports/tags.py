"""The tag language of report templates. Pure text handling: no database, no engine.

    {{指标:party.members}}                         the figure for the report's node and period
    {{指标:party.members|区划=330112102}}           … for another node (6, 9 or 12-digit code)
    {{指标:party.members|期间=2020-06}}             … for another period ("2020" or "2020-06")
    {{指标:party.members|显示=数值}}                 the number without its unit
    {{指标:projects.investment|单位=万元}}           in another unit of the same kind (亿元 → 万元)
    {{区划}}  {{期间}}                               the node's name, the period's label

Full-width punctuation typed with a Chinese input method (：｜＝) is accepted too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

TAG_RE = re.compile(r"\{\{((?:(?!\{\{).)*?)\}\}", re.DOTALL)
CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]*$")
PERIOD_RE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")
INDICATOR_PREFIX = "指标"
KEY_AREA, KEY_PERIOD, KEY_DISPLAY, KEY_UNIT = "区划", "期间", "显示", "单位"
DISPLAY_NUMBER, DISPLAY_UNIT = "数值", "带单位"
_FULL_WIDTH = str.maketrans({"：": ":", "｜": "|", "＝": "="})


class Kind(StrEnum):
    INDICATOR = "indicator"
    AREA = "area"
    PERIOD = "period"


@dataclass(frozen=True)
class Tag:
    source: str
    kind: Kind
    code: str = ""
    area_code: str = ""  # 12 digits, or "" for the report's (or the section's) node
    period: str = ""  # "2020" or "2020-06", or "" for the report's period
    number_only: bool = False
    unit: str = ""  # "" for the indicator's own unit


@dataclass(frozen=True)
class TagError:
    source: str
    message: str


Piece = str | Tag


def normalise_area_code(text: str) -> str | None:
    """'330112' → '330112000000'; None when it is not a 6, 9 or 12-digit code."""
    text = text.strip()
    if not text.isdigit() or not text.isascii() or len(text) not in (6, 9, 12):
        return None
    return text.ljust(12, "0")


def normalise_period(text: str) -> str | None:
    match = PERIOD_RE.match(text.strip())
    if not match:
        return None
    year, month = int(match[1]), match[2]
    if not 2000 <= year <= 2100:
        return None
    if month is None:
        return str(year)
    if not 1 <= int(month) <= 12:
        return None
    return f"{year}-{int(month):02d}"


def _parse_tag(source: str, inner: str) -> Tag | TagError:
    text = inner.translate(_FULL_WIDTH).strip()
    if text == KEY_AREA:
        return Tag(source, Kind.AREA)
    if text == KEY_PERIOD:
        return Tag(source, Kind.PERIOD)
    head, sep, rest = text.partition(":")
    if head.strip() != INDICATOR_PREFIX or not sep:
        return TagError(source, "无法识别的标签，指标标签应写成 {{指标:代码}}")
    code, *options = (part.strip() for part in rest.split("|"))
    if not code:
        return TagError(source, "缺少指标代码")
    if not CODE_RE.match(code):
        return TagError(source, f"指标代码“{code}”格式不正确（只能含字母、数字、点和下划线）")
    area_code = period = unit = ""
    number_only = False
    for option in options:
        key, eq, value = (s.strip() for s in option.partition("="))
        if not eq or not value:
            return TagError(source, f"选项“{option}”应写成 名称=值")
        if key == KEY_AREA:
            area_code = normalise_area_code(value) or ""
            if not area_code:
                return TagError(source, f"区划代码“{value}”应为6、9或12位数字")
        elif key == KEY_PERIOD:
            period = normalise_period(value) or ""
            if not period:
                return TagError(source, f"期间“{value}”应写成年度（2020）或年月（2020-06）")
        elif key == KEY_DISPLAY:
            if value not in (DISPLAY_NUMBER, DISPLAY_UNIT):
                return TagError(
                    source, f"显示方式“{value}”只能是“{DISPLAY_NUMBER}”或“{DISPLAY_UNIT}”"
                )
            number_only = value == DISPLAY_NUMBER
        elif key == KEY_UNIT:
            unit = value
        else:
            return TagError(
                source,
                f"未知选项“{key}”，可用的选项有 {KEY_AREA}、{KEY_PERIOD}、{KEY_DISPLAY}、{KEY_UNIT}",
            )
    return Tag(source, Kind.INDICATOR, code, area_code, period, number_only, unit)


def parse(text: str) -> tuple[list[Piece], list[TagError]]:
    """Split text into plain strings and tags; malformed tags are reported and kept as text."""
    pieces: list[Piece] = []
    errors: list[TagError] = []
    position = 0
    for match in TAG_RE.finditer(text):
        before = text[position : match.start()]
        if "{{" in before:
            start = before.index("{{")
            errors.append(TagError(before[start : start + 20], "标签缺少结尾的 }}"))
        if before:
            pieces.append(before)
        parsed = _parse_tag(match[0], match[1])
        if isinstance(parsed, TagError):
            errors.append(parsed)
            pieces.append(match[0])
        else:
            pieces.append(parsed)
        position = match.end()
    rest = text[position:]
    if "{{" in rest:
        start = rest.index("{{")
        errors.append(TagError(rest[start : start + 20], "标签缺少结尾的 }}"))
    if rest:
        pieces.append(rest)
    return pieces, errors


def validate(text: str, known_codes: Iterable[str]) -> list[TagError]:
    """Syntax errors, then indicator codes that are not in the catalogue."""
    pieces, errors = parse(text)
    known = set(known_codes)
    errors.extend(
        TagError(piece.source, f"指标代码“{piece.code}”不存在，请在指标目录中查找正确的代码")
        for piece in pieces
        if isinstance(piece, Tag) and piece.kind == Kind.INDICATOR and piece.code not in known
    )
    return errors


def indicator_tag(code: str) -> str:
    return f"{{{{{INDICATOR_PREFIX}:{code}}}}}"
