from __future__ import annotations

import json
from decimal import Decimal

from xingcun.indicators import charts
from xingcun.indicators.charts import Point

POINTS = [
    Point("甲镇", Decimal("12.34"), "/a/", "12.3万元"),
    Point("乙镇", None, "/b/", "—"),
    Point("丙镇", Decimal("56.78"), "/c/", "56.8万元"),
    Point("丁镇", Decimal("12.34"), "/d/", "12.3万元"),
]


def test_every_chart_can_be_saved_as_an_image_and_is_json():
    for build in (charts.trend, charts.breakdown, charts.ranking):
        options = build(title="收入", unit="万元", points=POINTS, filename="临安区收入")
        assert options["toolbox"]["feature"]["saveAsImage"]["name"] == "临安区收入"
        json.dumps(options)  # passed to the page with json_script


def test_data_items_carry_the_drilldown_url_and_the_rounded_value():
    options = charts.breakdown(title="收入", unit="万元", points=POINTS, filename="x")
    first = options["series"][0]["data"][0]
    assert first == {"value": 12.3, "url": "/a/", "text": "12.3万元", "name": "甲镇"}
    assert options["series"][0]["data"][1]["value"] is None


def test_places_override_the_units_precision():
    options = charts.trend(title="投资", unit="亿元", points=POINTS[:1], filename="x", places=1)
    assert options["series"][0]["data"][0]["value"] == 12.3


def test_ranking_puts_the_highest_first_keeps_ties_in_order_and_no_value_last():
    options = charts.ranking(title="收入", unit="万元", points=POINTS, filename="x", top=3)
    assert options["yAxis"]["data"] == ["1. 丙镇", "2. 甲镇", "3. 丁镇"]
    assert [p.label for p in charts.rank(POINTS)] == ["丙镇", "甲镇", "丁镇", "乙镇"]


def test_a_long_breakdown_gets_a_zoom_slider():
    many = [Point(f"村{i}", Decimal(i)) for i in range(40)]
    options = charts.breakdown(title="党员", unit="人", points=many, filename="x")
    assert options["dataZoom"][0]["end"] == 50
