from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from xingcun.core.permissions import Role
from xingcun.core.tests.factories import child_area
from xingcun.indicators import engine
from xingcun.indicators.engine import Period
from xingcun.villages.tests.factories import VillageProfileFactory


def drill(code: str, area, period: str = "2020") -> str:
    return reverse("indicators:drilldown", args=[code, area.code, period])


def node_of(tree, role):
    return {Role.DISTRICT: tree.district, Role.TOWN: tree.town_a, Role.VILLAGE: tree.village_a}[
        role
    ]


@pytest.mark.parametrize("role", [Role.DISTRICT, Role.TOWN, Role.VILLAGE])
def test_dashboard_renders_for_district_town_and_village_users(role, tree, records, client_as):
    response = client_as(role, node_of(tree, role)).get(
        reverse("indicators:dashboard") + "?year=2020"
    )
    assert response.status_code == 200
    board = response.context["board"]
    assert board.area == node_of(tree, role)
    assert len(board.cards) == 12
    assert len(board.trends) == 4
    content = response.content.decode()
    assert "echarts-6.1.0.min.js" in content
    assert 'id="trend-members" type="application/json"' in content
    assert drill("party.members", node_of(tree, role)) in content  # the card links to its records


def test_dashboard_of_a_district_breaks_down_by_town(tree, records, client_as):
    response = client_as(Role.DISTRICT, tree.district).get(reverse("indicators:dashboard"))
    board = response.context["board"]
    assert [row.area for row in board.children] == [tree.town_a, tree.town_b]
    assert {c.key for c in board.breakdowns} == {"children-collective-income", "children-members"}
    assert [c.key for c in board.rankings] == ["rank-per-capita-income", "rank-collective-income"]
    assert response.context["year"] == 2020  # the latest year with village profiles


def test_village_dashboard_has_no_breakdown(tree, records, client_as):
    response = client_as(Role.VILLAGE, tree.village_a).get(reverse("indicators:dashboard"))
    board = response.context["board"]
    assert board.children == []
    assert board.breakdowns == []
    assert board.rankings == []


def test_dashboard_queries_do_not_grow_with_the_number_of_villages(tree, records, client_as):
    """Set-based: the whole catalogue is a fixed number of grouped queries, whatever the tree."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(Role.DISTRICT, tree.district)
    cache.clear()  # every figure computed
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("indicators:dashboard")).status_code == 200
    with CaptureQueriesContext(connection) as small_warm:
        assert client.get(reverse("indicators:dashboard")).status_code == 200
    with scopes_disabled():  # more villages, each with a profile, below the same district
        for n in range(5):
            village = child_area(tree.town_a, f"330112108{300 + n}", f"新村{n}")
            VillageProfileFactory(area=village)
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("indicators:dashboard")).status_code == 200
    with CaptureQueriesContext(connection) as large_warm:
        assert client.get(reverse("indicators:dashboard")).status_code == 200
    assert len(large) == len(small)
    assert len(large_warm) == len(small_warm) < len(small) - 40  # the sums come from the cache


def test_cards_show_year_on_year_change(tree, records, client_as):
    response = client_as(Role.DISTRICT, tree.district).get(reverse("indicators:dashboard"))
    cards = {c.result.indicator.code: c for c in response.context["board"].cards}
    assert cards["party.members"].change.endswith("%")
    assert cards["villages.count"].change == ""  # a register without history has no change


def test_district_user_opens_a_town_dashboard_but_a_town_user_not_another_town(
    tree, records, client_as
):
    url = reverse("indicators:dashboard-area", args=[tree.town_b.code])
    assert client_as(Role.DISTRICT, tree.district).get(url).status_code == 200
    assert client_as(Role.TOWN, tree.town_a).get(url).status_code == 404


def test_drilldown_lists_the_records_that_make_the_value(tree, records, client_as):
    response = client_as(Role.TOWN, tree.town_a).get(drill("party.members", tree.town_a))
    assert response.status_code == 200
    value = response.context["result"].value
    (shown,) = response.context["tables"]
    assert shown["page"].paginator.count == shown["table"].total == value > 0
    assert len(response.context["children"]) == 2


def test_village_user_cannot_drill_into_another_village(tree, records, client_as):
    client = client_as(Role.VILLAGE, tree.village_a)
    assert client.get(drill("party.members", tree.village_a)).status_code == 200
    assert client.get(drill("party.members", tree.village_b)).status_code == 404
    assert client.get(drill("party.members", tree.town_a)).status_code == 404


@pytest.mark.parametrize(
    ("code", "period"), [("no.such", "2020"), ("party.members", "2020-13"), ("party.members", "x")]
)
def test_drilldown_of_an_unknown_indicator_or_period_is_404(code, period, tree, client_as):
    client = client_as(Role.DISTRICT, tree.district)
    assert client.get(drill(code, tree.district, period)).status_code == 404


def test_drilldown_of_a_ratio_lists_numerator_and_denominator_records(tree, records, client_as):
    response = client_as(Role.DISTRICT, tree.district).get(
        drill("villages.weak_share", tree.district)
    )
    tables = [t["table"] for t in response.context["tables"]]
    assert [(t.role, t.indicator.code) for t in tables] == [
        ("分子", "villages.weak"),
        ("分母", "villages.count"),
    ]
    result = response.context["result"]
    assert (tables[0].total, tables[1].total) == (result.numerator, result.denominator)
    assert [p.indicator.code for p in response.context["parts"]] == [
        "villages.weak",
        "villages.count",
    ]


def test_drilldown_export_has_one_row_per_record(tree, records, client_as):
    url = reverse(
        "indicators:drilldown-export", args=["projects.landed", tree.district.code, "2020"]
    )
    response = client_as(Role.DISTRICT, tree.district).get(url)
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("项目编号", "项目名称")
    assert len(rows) - 1 == 5  # five projects landed by the end of 2020


def test_chart_data_downloads_the_exact_values_as_xlsx(tree, records, client_as):
    url = reverse(
        "indicators:chart-data",
        args=["children-collective-income", tree.district.code, "2020"],
    )
    response = client_as(Role.DISTRICT, tree.district).get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [tree.town_a.display_name, tree.town_b.display_name]
    assert Decimal(str(rows[1][2])) == Decimal("18.4")  # town_a 2020: 14.85 + 3.55


def test_chart_data_of_an_unknown_chart_is_404(tree, client_as):
    url = reverse("indicators:chart-data", args=["nope", tree.district.code, "2020"])
    assert client_as(Role.DISTRICT, tree.district).get(url).status_code == 404


def test_catalogue_lists_every_indicator_with_its_value_for_the_users_node(
    tree, records, client_as
):
    response = client_as(Role.TOWN, tree.town_a).get(reverse("indicators:catalogue") + "?year=2020")
    entries = [e for _, section in response.context["sections"] for e in section]
    assert [e.indicator.code for e in entries] == sorted(
        (i.code for i in engine.catalogue()),
        key=lambda c: list(engine.SECTIONS).index(engine.get(c).section),
    )
    members = next(e for e in entries if e.indicator.code == "party.members")
    assert members.result.area == tree.town_a
    assert "驾驶舱" in members.indicator.used_in
    content = response.content.decode()
    assert "期末在册的党员" in content
    assert drill("party.members", tree.town_a) in content


def test_member_role_cannot_open_the_dashboard(tree, client_as):
    response = client_as(Role.MEMBER, tree.village_a).get(reverse("indicators:dashboard"))
    assert response.status_code == 403


def test_navigation_links_the_dashboard_and_the_catalogue(tree, client_as):
    response = client_as(Role.VILLAGE, tree.village_a).get(reverse("core:home"))
    content = response.content.decode()
    assert reverse("indicators:dashboard") in content
    assert reverse("indicators:catalogue") in content


def test_period_label_appears_on_the_drilldown(tree, records, client_as):
    response = client_as(Role.DISTRICT, tree.district).get(
        drill("party.members", tree.district, "2020-06")
    )
    assert response.context["period"] == Period.month_end(2020, 6)
    assert "截至2020年6月底" in response.content.decode()


# --- snapshots ------------------------------------------------------------------------------------


def test_district_freezes_a_period_and_is_sent_to_the_comparison(tree, records, client_as):
    from xingcun.indicators.models import Snapshot

    client = client_as(Role.DISTRICT, tree.district)
    response = client.post(
        reverse("indicators:snapshot-freeze"), {"period": "2020", "note": "年报"}
    )
    with scopes_disabled():
        snapshot = Snapshot.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("indicators:snapshot-detail", args=[snapshot.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert all(r.frozen and not r.differs for r in page.context["own"])
    dashboard = client.get(reverse("indicators:dashboard") + "?year=2020")
    assert all(c.result.frozen for c in dashboard.context["board"].cards)


def test_freeze_form_refuses_a_bad_period(tree, client_as):
    client = client_as(Role.DISTRICT, tree.district)
    response = client.post(reverse("indicators:snapshot-freeze"), {"period": "2020-13"})
    assert response.status_code == 200
    assert response.context["form"].errors["period"]


def test_a_town_user_cannot_freeze(tree, client_as):
    response = client_as(Role.TOWN, tree.town_a).post(
        reverse("indicators:snapshot-freeze"), {"period": "2020"}
    )
    assert response.status_code == 403


def test_withdrawing_a_snapshot_from_its_page(tree, records, client_as, make_user):
    from xingcun.indicators import services

    with scope(area=tree.district.path):
        snapshot = services.snapshot_freeze(
            area=tree.district, period=Period.year(2020), by=make_user("district", tree.district)
        )
    client = client_as(Role.DISTRICT, tree.district)
    response = client.post(reverse("indicators:snapshot-withdraw", args=[snapshot.pk]))
    assert response.status_code == 302
    snapshot.refresh_from_db()
    assert snapshot.withdrawn_at is not None
    listing = client.get(reverse("indicators:snapshot-list"))
    assert "已撤销" in listing.content.decode()


def test_drilldown_shows_that_a_frozen_value_differs_from_the_live_one(
    tree, records, client_as, make_user
):
    from xingcun.indicators import services
    from xingcun.people.tests.factories import PartyMemberFactory

    with scope(area=tree.district.path):
        services.snapshot_freeze(
            area=tree.district, period=Period.year(2020), by=make_user("district", tree.district)
        )
    PartyMemberFactory(area=tree.village_a, joined_on=dt.date(2001, 1, 1))
    response = client_as(Role.VILLAGE, tree.village_a).get(drill("party.members", tree.village_a))
    assert response.context["result"].differs
    assert "冻结后记录有变化" in response.content.decode()


def test_dashboard_lists_every_registered_indicator_with_a_drilldown_link(tree, client_as):
    import re

    from xingcun.indicators import engine

    client = client_as(Role.DISTRICT, tree.district)
    page = client.get("/indicators/").content.decode()
    # The collapsed sections' rows are loaded on demand: the page and its sections together.
    for url in re.findall(r'hx-get="(/indicators/section/[^"]+)"', page):
        page += client.get(url).content.decode()
    for ind in engine.catalogue():  # the code only in the tooltip, never as visible text
        assert f'（{ind.code}）">{ind.name}</th>' in page
        assert f">{ind.code}<" not in page
    for ind in engine.catalogue():
        assert f'href="/indicators/{ind.code}/{tree.district.code}/' in page


def test_trend_draws_a_year_without_village_profiles_as_a_gap(tree, client_as):
    from xingcun.indicators.tests.conftest import profile

    for year in (2018, 2020):  # nobody filed 2016, 2017 or 2019
        profile(tree.village_a, year)
    response = client_as(Role.DISTRICT, tree.district).get("/indicators/?year=2020")
    chart = next(c for c in response.context["board"].trends if c.key == "trend-collective-income")
    values = [d["value"] for d in chart.options["series"][0]["data"]]
    assert [values[0], values[1], values[3]] == [None, None, None]
    assert values[2] == values[4] > 0
    assert chart.options["title"]["subtext"] == "单位：万元　数据截至 2020-12-31"
    page = response.content.decode()
    assert "以表格查看数据" in page
    assert "未填报" in page


def test_trend_of_a_registered_count_keeps_zero(tree, client_as):
    response = client_as(Role.DISTRICT, tree.district).get("/indicators/?year=2020")
    chart = next(c for c in response.context["board"].trends if c.key == "trend-members")
    assert [d["value"] for d in chart.options["series"][0]["data"]] == [0, 0, 0, 0, 0]


def test_collapsed_sections_load_their_rows_on_demand(tree, records, client_as):
    """Only the first "全部指标" section is in the page; each other one is loaded when opened,
    with the same rows the dashboard computes."""
    client = client_as(Role.DISTRICT, tree.district)
    page = client.get(reverse("indicators:dashboard") + "?year=2020")
    board = page.context["board"]
    html = page.content.decode()
    assert len(board.sections) > 2
    for index, (_title, cards) in enumerate(board.sections):
        url = reverse("indicators:dashboard-section", args=[tree.district.code, 2020, index])
        assert (url in html) == (index > 0)
        rows = client.get(url)
        assert rows.status_code == 200
        body = rows.content.decode()
        assert body.count("<tr>") == len(cards) + 1  # the header row and one per indicator
        for card in cards:
            assert str(card.result.indicator.name) in body
            assert card.result.url in body
    missing = reverse(
        "indicators:dashboard-section", args=[tree.district.code, 2020, len(board.sections)]
    )
    assert client.get(missing).status_code == 404
    other_town = reverse("indicators:dashboard-section", args=[tree.town_b.code, 2020, 1])
    town_client = client_as(Role.TOWN, tree.town_a)
    assert town_client.get(other_town).status_code == 404
