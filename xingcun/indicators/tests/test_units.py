from __future__ import annotations

from decimal import Decimal

import pytest

from xingcun.indicators import units


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        ("123456789.01", "元", "万元", "12345.678901"),
        ("12345.678901", "万元", "亿元", "1.2345678901"),
        ("1.2345678901", "亿元", "元", "123456789.01"),
        ("3", "万人次", "人次", "30000"),
    ],
)
def test_conversion_moves_the_decimal_point_without_rounding(value, source, target, expected):
    assert units.convert(Decimal(value), source, target) == Decimal(expected)


def test_conversion_between_families_is_refused():
    with pytest.raises(ValueError, match="cannot convert"):
        units.convert(Decimal(1), "元", "人")


@pytest.mark.parametrize(
    ("value", "unit", "places", "expected"),
    [
        ("1.234567", "亿元", None, "1.23亿元"),
        ("1.235", "亿元", None, "1.24亿元"),  # half up, not to even
        ("1234.55", "万元", None, "1,234.6万元"),
        ("45.64", "%", None, "45.6%"),
        ("1234", "个", None, "1,234个"),
        ("32456.5", "元", None, "32,457元"),
        ("12.345", "万人次", None, "12.35万人次"),
        ("1.25", "亿元", 1, "1.3亿元"),
        ("-0.04", "%", None, "0.0%"),
    ],
)
def test_format_value_rounds_half_up_to_the_units_precision(value, unit, places, expected):
    assert units.format_value(Decimal(value), unit, places) == expected


def test_no_value_is_shown_as_a_dash():
    assert units.format_value(None, "万元") == "—"


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="unknown unit"):
        units.unit("斤")
