"""Units of measure: exact conversion between multiples (元 → 万元 → 亿元) and display formatting.

Conversion moves the decimal point (`Decimal.scaleb`), so it never rounds; rounding happens only when
a number is formatted, half up, to the precision offices use for that unit (亿元 with two decimals,
万元 with one, counts as integers).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Unit:
    symbol: str
    family: str  # units of one family convert into each other
    exponent: int  # power of ten relative to the family's base unit
    places: int  # decimals shown by default
    separators: bool = True  # thousands separators ("2,019年" would be wrong for a year)


UNITS: dict[str, Unit] = {
    u.symbol: u
    for u in (
        Unit("元", "元", 0, 0),
        Unit("万元", "元", 4, 1),
        Unit("亿元", "元", 8, 2),
        Unit("人", "人", 0, 0),
        Unit("万人", "人", 4, 2),
        Unit("人次", "人次", 0, 0),
        Unit("万人次", "人次", 4, 2),
        Unit("个", "个", 0, 0),
        Unit("户", "户", 0, 0),
        Unit("家", "家", 0, 0),
        Unit("项", "项", 0, 0),
        Unit("次", "次", 0, 0),
        Unit("名", "名", 0, 0),
        Unit("亩", "亩", 0, 1),
        Unit("万亩", "亩", 4, 2),
        Unit("公斤", "公斤", 0, 1),
        Unit("公斤/亩", "公斤/亩", 0, 1),
        Unit("%", "%", 0, 1),
        Unit("分", "分", 0, 1),
        Unit("天", "天", 0, 1),
        Unit("年", "年", 0, 0, separators=False),
    )
}

EMPTY = "—"


def unit(symbol: str) -> Unit:
    try:
        return UNITS[symbol]
    except KeyError as e:
        raise ValueError(f"unknown unit {symbol!r}; add it to indicators.units.UNITS") from e


def convert(value: Decimal, source: str, target: str) -> Decimal:
    """The same quantity in another unit of its family, exactly: 12345.6 万元 → 1.23456 亿元."""
    src, dst = unit(source), unit(target)
    if src.family != dst.family:
        raise ValueError(f"cannot convert {source} to {target}")
    if src.exponent == dst.exponent:
        return value
    return value.scaleb(src.exponent - dst.exponent)


def quantize(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value: Decimal | None, symbol: str, places: int | None = None) -> str:
    """'1,234', '1.23', '45.6': rounded half up, with thousands separators; '—' for no value."""
    if value is None:
        return EMPTY
    shown = quantize(value, unit(symbol).places if places is None else places)
    if shown.is_zero():
        shown = abs(shown)  # never "-0.0"
    return f"{shown:,f}" if unit(symbol).separators else f"{shown:f}"


def format_value(value: Decimal | None, symbol: str, places: int | None = None) -> str:
    """'1.23亿元', '45.6%', '1,234个'."""
    if value is None:
        return EMPTY
    return f"{format_number(value, symbol, places)}{symbol}"
