"""Figures and reports through the API: the same numbers as the dashboard and the drill-down,
with their definitions, and the report files the report pages make."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from xingcun.core.permissions import Role
from xingcun.indicators import engine
from xingcun.indicators.tests.conftest import records, weak_rule  # noqa: F401 (fixtures)


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def test_api_figures_equal_the_dashboards(tree, records, client_as, api_as):  # noqa: F811
    page = client_as(Role.DISTRICT, tree.district).get(
        reverse("indicators:dashboard"), {"year": 2020}
    )
    board = page.context["board"]
    shown = {(c.result.indicator.code, tree.district.code): c.result for c in board.cards}
    for _, cards in board.sections:
        shown.update({(c.result.indicator.code, tree.district.code): c.result for c in cards})
    for row in board.children:
        shown.update({(r.indicator.code, row.area.code): r for r in row.results})
    assert len(shown) > 20
    grid = api_as(Role.DISTRICT, tree.district).get(
        f"/api/v1/grid/{tree.district.code}/", {"periods": "2020", "level": 4}
    )
    assert grid.status_code == 200, grid.content
    api = {(v["indicator"], v["area"]): v["value"] for v in grid.json()["values"]}
    mismatched = {
        key: (_number(result.value), api.get(key))
        for key, result in shown.items()
        if api.get(key) != _number(result.value)
    }
    assert not mismatched
    assert any(v not in (None, "0") for v in api.values())


def test_one_value_carries_its_definition_and_status(tree, records, api_as):  # noqa: F811
    url = f"/api/v1/indicators/party.members/{tree.town_a.code}/2020/"
    body = api_as(Role.TOWN, tree.town_a).get(url).json()
    indicator = engine.get("party.members")
    assert body["definition"]["unit"] == indicator.unit
    assert body["definition"]["semantics"] == indicator.semantics
    assert body["period_detail"] == {
        "token": "2020",
        "label": "2020年",
        "kind": "year",
        "start": "2020-01-01",
        "end": "2020-12-31",
    }
    assert body["status"] == "provisional"
    live = engine.evaluate("party.members", area=tree.town_a, period=engine.Period.year(2020))
    assert body["value"] == _number(live.value)


def test_grid_answers_indicators_by_nodes_by_periods(tree, records, api_as):  # noqa: F811
    response = api_as(Role.DISTRICT, tree.district).get(
        f"/api/v1/grid/{tree.town_a.code}/",
        {"indicators": "party.members,villages.count", "periods": "2019,2020", "level": 5},
    )
    body = response.json()
    assert [n["code"] for n in body["nodes"]] == [
        tree.town_a.code,
        tree.village_a.code,
        tree.village_a2.code,
    ]
    assert len(body["values"]) == 2 * 2 * 3


def test_drill_down_rows_add_up_to_the_value(tree, records, api_as):  # noqa: F811
    url = f"/api/v1/indicators/party.members/{tree.town_a.code}/2020/records/"
    body = api_as(Role.TOWN, tree.town_a).get(url, {"limit": 1000}).json()
    (table,) = body["tables"]
    assert table["count"] == len(table["rows"]) == Decimal(body["value"]["value"]) > 0


def test_drill_down_of_another_town_is_404(tree, records, api_as):  # noqa: F811
    url = f"/api/v1/indicators/party.members/{tree.town_b.code}/2020/records/"
    assert api_as(Role.TOWN, tree.town_a).get(url).status_code == 404


def test_unknown_indicator_and_bad_period_are_refused(tree, api_as):
    client = api_as(Role.DISTRICT, tree.district)
    assert client.get(f"/api/v1/indicators/nope/{tree.district.code}/2020/").status_code == 404
    bad = client.get(f"/api/v1/indicators/party.members/{tree.district.code}/20x0/")
    assert bad.status_code == 400
    assert "2020-06" in bad.json()["errors"][0]


def test_report_is_generated_as_html_and_docx(tree, records, api_as):  # noqa: F811
    client = api_as(Role.TOWN, tree.town_a)
    html = client.get(f"/api/v1/reports/{tree.town_a.code}/2020.html")
    assert html.status_code == 200
    assert html["Content-Type"].startswith("text/html")
    assert "昌化镇" in html.content.decode()
    docx = client.get(f"/api/v1/reports/{tree.town_a.code}/2020.docx")
    assert docx.status_code == 200
    assert docx.content[:2] == b"PK"  # a zip: the Word file
    other = client.get(f"/api/v1/reports/{tree.town_b.code}/2020.html")
    assert other.status_code == 404


def test_member_cannot_read_figures(tree, api_as):
    response = api_as(Role.MEMBER, tree.village_a).get("/api/v1/indicators/")
    assert response.status_code == 403


def test_report_as_pdf_or_a_clear_503_without_fonts(tree, records, api_as):  # noqa: F811
    from xingcun.reports import fonts

    response = api_as(Role.TOWN, tree.town_a).get(f"/api/v1/reports/{tree.town_a.code}/2020.pdf")
    if fonts.cjk_fonts():
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")
    else:
        assert response.status_code == 503
