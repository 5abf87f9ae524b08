"""The tag language of report templates. Pure text handling: no database, no engine.

    {{指标:party.members}}                         the figure for the report's node and period
    {{指标:party.members|区划=330112102}}           … for another node (6, 9 or 12-digit code)
    {{指标:party.members|期间=2020-06}}             … for another period ("2020" or "2020-06")
    {{指标:party.members|显示=数值}}                 the number without its unit
    {{指标:projects.investment|单位=万元}}           in another unit of the same kind (亿元 → 万元)
    {{区划}}  {{期间}}                               the node's name, the period's label
    {{截至}}                                         "截至2020年12月31日": the period's last day
    {{下级}}                                         what the node's children are called (镇街/村社区)
    {{全域}}                                         the whole node: 全区, 全镇, 全街道, 全村 …
    {{示范项目}}                                     the name of the year's featured expert project
    {{党组织}}                                       the node's own party organisation (中共白牛村委员会)
    {{设置:举措起始年}}                              a district setting in force at the period's end

Conditions choose what is said, so that no sentence states a zero or an empty figure:

    {{如果:villages.weak}}…{{否则如果:层级=村}}…{{否则}}…{{结束}}

A condition is one or more terms joined by 且 (and) or 或 (or; 且 binds first). A term is an
indicator code (true when its figure is defined and not zero), a comparison with a number in the
indicator's own unit (`villages.weak>10`, `=`, `>=`, `<`, `<=`, `!=`), a level (`层级=区`, `层级=镇`,
`层级=村`), a setting (`设置:举措起始年`, true when it is set), each optionally preceded by 非 (not).
Conditions may span lines; the figures they test are those of the section's node and period.

Full-width punctuation typed with a Chinese input method (：｜＝＞＜) is accepted too.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext

from xingcun.reports.keywords import (
    AND,
    DISPLAY_NUMBER,
    DISPLAY_UNIT,
    INDICATOR_PREFIX,
    KEY_AREA,
    KEY_AS_OF,
    KEY_CHILDREN,
    KEY_DISPLAY,
    KEY_ELIF,
    KEY_ELSE,
    KEY_END,
    KEY_IF,
    KEY_LEVEL,
    KEY_NOT,
    KEY_ORGANISATION,
    KEY_PERIOD,
    KEY_PROJECT,
    KEY_SETTING,
    KEY_UNIT,
    KEY_WHOLE,
    LEVEL_WORDS,
    OR,
)

TAG_RE = re.compile(r"\{\{((?:(?!\{\{).)*?)\}\}", re.DOTALL)
CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]*$")
PERIOD_RE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")
_FULL_WIDTH = str.maketrans({"：": ":", "｜": "|", "＝": "=", "＞": ">", "＜": "<", "！": "!"})
COMPARISON_RE = re.compile(r"^(.+?)\s*(>=|<=|!=|≠|>|<|=)\s*(-?\d+(?:\.\d+)?)$")
OPERATORS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "=": operator.eq,
    "!=": operator.ne,
    "≠": operator.ne,
}


class Kind(StrEnum):
    INDICATOR = "indicator"
    AREA = "area"
    PERIOD = "period"
    AS_OF = "as_of"
    CHILDREN = "children"
    WHOLE = "whole"
    PROJECT = "project"
    ORGANISATION = "organisation"
    SETTING = "setting"
    IF = "if"
    ELIF = "elif"
    ELSE = "else"
    END = "end"


CONTROL = frozenset({Kind.IF, Kind.ELIF, Kind.ELSE, Kind.END})


@dataclass(frozen=True)
class Term:
    """One test of a condition: an indicator (non-zero, or compared with `number`), a level or a
    setting; `negate` for 非."""

    kind: str  # "indicator", "level", "setting"
    code: str = ""  # indicator code or setting key
    op: str = ""
    number: Decimal | None = None
    level: int = 0
    negate: bool = False


@dataclass(frozen=True)
class Condition:
    any_of: tuple[tuple[Term, ...], ...]  # OR of ANDs

    def terms(self) -> Iterator[Term]:
        for group in self.any_of:
            yield from group


@dataclass(frozen=True)
class Tag:
    source: str
    kind: Kind
    code: str = ""
    area_code: str = ""  # 12 digits, or "" for the report's (or the section's) node
    period: str = ""  # "2020" or "2020-06", or "" for the report's period
    number_only: bool = False
    unit: str = ""  # "" for the indicator's own unit
    condition: Condition | None = None  # 如果, 否则如果


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


def _parse_term(text: str) -> Term | str:
    """One term of a condition, or why it is wrong."""
    text = text.strip()
    negate = text.startswith(KEY_NOT)
    if negate:
        text = text[len(KEY_NOT) :].strip()
    if not text:
        return gettext("条件不完整")
    head, sep, rest = text.partition("=")
    if sep and head.strip() == KEY_LEVEL:
        level = LEVEL_WORDS.get(rest.strip())
        if level is None:
            return gettext("层级“%(level)s”应为 区、镇 或 村") % {"level": rest.strip()}
        return Term("level", level=level, negate=negate)
    head, sep, rest = text.partition(":")
    if sep and head.strip() == KEY_SETTING:
        key = rest.strip()
        if not key:
            return gettext("缺少设置名称")
        return Term("setting", code=key, negate=negate)
    op, number = "", None
    match = COMPARISON_RE.match(text)
    if match:
        text, op, number = match[1].strip(), match[2], Decimal(match[3])
    if not CODE_RE.match(text):
        return gettext(
            "条件“%(text)s”应为指标代码、比较（如 villages.weak>0）、层级=村 或 设置:名称"
        ) % {"text": text}
    return Term("indicator", code=text, op=op, number=number, negate=negate)


def parse_condition(text: str) -> Condition | str:
    groups: list[tuple[Term, ...]] = []
    for alternative in text.split(OR):
        terms: list[Term] = []
        for part in alternative.split(AND):
            term = _parse_term(part)
            if isinstance(term, str):
                return term
            terms.append(term)
        groups.append(tuple(terms))
    return Condition(tuple(groups))


def _parse_word(source: str, text: str) -> Tag | TagError | None:
    """The tags that are one word or a keyword with an argument; None for an indicator tag."""
    simple = {
        KEY_AREA: Kind.AREA,
        KEY_PERIOD: Kind.PERIOD,
        KEY_AS_OF: Kind.AS_OF,
        KEY_CHILDREN: Kind.CHILDREN,
        KEY_WHOLE: Kind.WHOLE,
        KEY_PROJECT: Kind.PROJECT,
        KEY_ORGANISATION: Kind.ORGANISATION,
        KEY_ELSE: Kind.ELSE,
        KEY_END: Kind.END,
    }
    if text in simple:
        return Tag(source, simple[text])
    head, sep, rest = text.partition(":")
    head = head.strip()
    if sep and head in (KEY_IF, KEY_ELIF):
        condition = parse_condition(rest)
        if isinstance(condition, str):
            return TagError(source, condition)
        kind = Kind.IF if head == KEY_IF else Kind.ELIF
        return Tag(source, kind, condition=condition)
    if sep and head == KEY_SETTING:
        key = rest.strip()
        return (
            Tag(source, Kind.SETTING, code=key)
            if key
            else TagError(source, gettext("缺少设置名称"))
        )
    return None


def _parse_tag(source: str, inner: str) -> Tag | TagError:
    text = inner.translate(_FULL_WIDTH).strip()
    word = _parse_word(source, text)
    if word is not None:
        return word
    head, sep, rest = text.partition(":")
    if head.strip() != INDICATOR_PREFIX or not sep:
        return TagError(source, gettext("无法识别的标签，指标标签应写成 {{指标:代码}}"))
    code, *options = (part.strip() for part in rest.split("|"))
    if not code:
        return TagError(source, gettext("缺少指标代码"))
    if not CODE_RE.match(code):
        return TagError(
            source,
            gettext("指标代码“%(code)s”格式不正确（只能含字母、数字、点和下划线）")
            % {"code": code},
        )
    area_code = period = unit = ""
    number_only = False
    for option in options:
        key, eq, value = (s.strip() for s in option.partition("="))
        if not eq or not value:
            return TagError(source, gettext("选项“%(option)s”应写成 名称=值") % {"option": option})
        if key == KEY_AREA:
            area_code = normalise_area_code(value) or ""
            if not area_code:
                return TagError(
                    source, gettext("区划代码“%(value)s”应为6、9或12位数字") % {"value": value}
                )
        elif key == KEY_PERIOD:
            period = normalise_period(value) or ""
            if not period:
                return TagError(
                    source,
                    gettext("期间“%(value)s”应写成年度（2020）或年月（2020-06）")
                    % {"value": value},
                )
        elif key == KEY_DISPLAY:
            if value not in (DISPLAY_NUMBER, DISPLAY_UNIT):
                return TagError(
                    source,
                    gettext("显示方式“%(value)s”只能是“%(number)s”或“%(with_unit)s”")
                    % {
                        "value": value,
                        "number": DISPLAY_NUMBER,
                        "with_unit": DISPLAY_UNIT,
                    },
                )
            number_only = value == DISPLAY_NUMBER
        elif key == KEY_UNIT:
            unit = value
        else:
            return TagError(
                source,
                gettext(
                    "未知选项“%(key)s”，可用的选项有 %(area)s、%(period)s、%(display)s、%(unit)s"
                )
                % {
                    "key": key,
                    "area": KEY_AREA,
                    "period": KEY_PERIOD,
                    "display": KEY_DISPLAY,
                    "unit": KEY_UNIT,
                },
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
            errors.append(TagError(before[start : start + 20], gettext("标签缺少结尾的 }}")))
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
        errors.append(TagError(rest[start : start + 20], gettext("标签缺少结尾的 }}")))
    if rest:
        pieces.append(rest)
    return pieces, errors


def codes_of(piece: Tag, kind: str = Kind.INDICATOR) -> set[str]:
    """The indicator codes (or, with `kind=Kind.SETTING`, the setting keys) a tag shows or
    tests."""
    if piece.kind == kind:
        return {piece.code}
    if piece.condition is not None:
        return {t.code for t in piece.condition.terms() if t.kind == kind}
    return set()


def structure_errors(pieces: Iterable[Piece]) -> list[TagError]:
    """如果 … 否则如果 … 否则 … 结束 must nest and close."""
    errors: list[TagError] = []
    stack: list[tuple[Tag, bool]] = []  # (the 如果, whether 否则 was seen)
    for piece in pieces:
        if isinstance(piece, str) or piece.kind not in CONTROL:
            continue
        if piece.kind == Kind.IF:
            stack.append((piece, False))
        elif not stack:
            errors.append(TagError(piece.source, gettext("前面没有对应的 {{如果:…}}")))
        elif piece.kind == Kind.END:
            stack.pop()
        elif stack[-1][1]:
            errors.append(TagError(piece.source, gettext("{{否则}} 之后不能再有分支")))
        elif piece.kind == Kind.ELSE:
            stack[-1] = (stack[-1][0], True)
    errors.extend(TagError(tag.source, gettext("缺少对应的 {{结束}}")) for tag, _ in stack)
    return errors


def validate(
    text: str, known_codes: Iterable[str], known_settings: Iterable[str] | None = None
) -> list[TagError]:
    """Syntax errors, unbalanced conditions, then codes and settings that do not exist."""
    pieces, errors = parse(text)
    errors.extend(structure_errors(pieces))
    known = set(known_codes)
    settings = set(known_settings) if known_settings is not None else None
    for piece in pieces:
        if isinstance(piece, str):
            continue
        errors.extend(
            TagError(
                piece.source,
                gettext("指标代码“%(code)s”不存在，请在指标目录中查找正确的代码") % {"code": code},
            )
            for code in sorted(codes_of(piece) - known)
        )
        if settings is not None:
            errors.extend(
                TagError(
                    piece.source,
                    gettext("设置“%(key)s”不存在，可用的设置有 %(join)s")
                    % {"key": key, "join": "、".join(sorted(settings))},
                )
                for key in sorted(codes_of(piece, Kind.SETTING) - settings)
            )
    return errors


def indicator_tag(code: str) -> str:
    return f"{{{{{INDICATOR_PREFIX}:{code}}}}}"
