"""ECharts options, built by pure functions from labelled values (no database, no request).

Each data item carries the drill-down `url` of its number; the page's script follows it on click.
The options are JSON (passed with `json_script`), so formatters are ECharts string templates.
Values are floats rounded to the unit's display precision: the chart shows, the xlsx export keeps
the exact Decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from xingcun.indicators import units

RED, GOLD, GREY = "#b71c1c", "#d4a017", "#6b7280"
FONT = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif"


@dataclass(frozen=True)
class Point:
    label: str
    value: Decimal | None
    url: str = ""
    text: str = ""  # the value as displayed ("1.23亿元")
    area: Any = None  # the node a point is about (its label links to the node's page)


def _number(value: Decimal | None, unit: str, places: int | None) -> float | None:
    if value is None:
        return None
    return float(units.quantize(value, units.unit(unit).places if places is None else places))


def _data(points: Sequence[Point], unit: str, places: int | None) -> list[dict[str, Any]]:
    return [
        {"value": _number(p.value, unit, places), "url": p.url, "text": p.text, "name": p.label}
        for p in points
    ]


def subtitle(unit: str, as_of: str) -> str:
    """The unit and the date the figures stand at, under every chart's title."""
    text = gettext("单位：%(unit)s") % {"unit": units.label(unit).strip()}
    return text + (gettext("　数据截至 %(date)s") % {"date": as_of} if as_of else "")


def _base(title: str, unit: str, filename: str, as_of: str = "") -> dict[str, Any]:
    return {
        "title": {
            "text": title,
            "subtext": subtitle(unit, as_of),
            "left": "left",
            "textStyle": {"fontSize": 15},
        },
        "textStyle": {"fontFamily": FONT},
        "color": [RED, GOLD, GREY],
        "tooltip": {"trigger": "item", "formatter": "{b}：{c}" + units.label(unit)},
        "toolbox": {
            "right": 8,
            "feature": {
                "saveAsImage": {"title": gettext("保存为图片"), "name": filename, "pixelRatio": 2},
            },
        },
        "grid": {"left": 8, "right": 24, "top": 64, "bottom": 8, "containLabel": True},
    }


def trend(
    *,
    title: str,
    unit: str,
    points: Sequence[Point],
    filename: str,
    places: int | None = None,
    as_of: str = "",
) -> dict[str, Any]:
    """A line over periods (oldest first); a period without a value is a gap, never 0."""
    options = _base(title, unit, filename, as_of)
    options["xAxis"] = {"type": "category", "data": [p.label for p in points]}
    options["yAxis"] = {"type": "value", "scale": unit not in {"个", "户", "人"}}
    options["series"] = [
        {
            "type": "line",
            "name": title,
            "data": _data(points, unit, places),
            "symbolSize": 9,
            "label": {"show": True, "position": "top"},
            "connectNulls": False,
            "cursor": "pointer",
        }
    ]
    return options


def breakdown(
    *,
    title: str,
    unit: str,
    points: Sequence[Point],
    filename: str,
    places: int | None = None,
    as_of: str = "",
) -> dict[str, Any]:
    """Vertical bars, one per child node, in the tree's order."""
    options = _base(title, unit, filename, as_of)
    options["xAxis"] = {
        "type": "category",
        "data": [p.label for p in points],
        "axisLabel": {"interval": 0, "rotate": 30 if len(points) > 8 else 0},
    }
    options["yAxis"] = {"type": "value"}
    options["series"] = [
        {
            "type": "bar",
            "name": title,
            "data": _data(points, unit, places),
            "barMaxWidth": 36,
            "cursor": "pointer",
        }
    ]
    if len(points) > 20:
        options["dataZoom"] = [{"type": "slider", "start": 0, "end": 100 * 20 / len(points)}]
        options["grid"]["bottom"] = 48
    return options


def ranking(
    *,
    title: str,
    unit: str,
    points: Sequence[Point],
    filename: str,
    places: int | None = None,
    top: int = 10,
    as_of: str = "",
) -> dict[str, Any]:
    """Horizontal bars of the `top` highest values, the first at the top; no-value nodes last."""
    ranked = rank(points)[:top]
    options = _base(title, unit, filename, as_of)
    options["yAxis"] = {
        "type": "category",
        "inverse": True,
        "data": [f"{i}. {p.label}" for i, p in enumerate(ranked, start=1)],
    }
    options["xAxis"] = {"type": "value"}
    options["series"] = [
        {
            "type": "bar",
            "name": title,
            "data": _data(ranked, unit, places),
            "barMaxWidth": 22,
            "label": {"show": True, "position": "right"},
            "cursor": "pointer",
        }
    ]
    return options


def rank(points: Sequence[Point]) -> list[Point]:
    """Highest first; ties keep the tree's order; points without a value go last."""
    with_value = [p for p in points if p.value is not None]
    without = [p for p in points if p.value is None]
    return sorted(with_value, key=lambda p: -(p.value or 0)) + without
