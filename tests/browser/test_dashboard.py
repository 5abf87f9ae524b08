"""The dashboard in real Chromium: every chart draws (ECharts renders a canvas) with no console
error, and a number links to its records."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from xingcun.core.permissions import Role
from xingcun.villages.models import VillageProfile

pytestmark = pytest.mark.browser


@pytest.fixture
def profiles(tree):
    with scopes_disabled():  # fixture records for four years in every village
        for n, village in enumerate(
            [tree.village_a, tree.village_a2, tree.village_b, tree.village_b2]
        ):
            for year in range(2017, 2021):
                grow = Decimal(year - 2016)
                VillageProfile.objects.create(
                    area=village,
                    year=year,
                    population=1000 + n,
                    households=300,
                    per_capita_income=Decimal(30000) + grow * 1000,
                    operating_income=grow * 3,
                    contract_income=2,
                    investment_income=1,
                    subsidy_income=5,
                    other_income=1,
                    debt=Decimal(100) - grow,
                )


def test_dashboard_charts_draw_without_console_errors(
    new_page, login, shot, tree, make_user, profiles
):
    user = make_user(Role.DISTRICT, tree.district)
    page = new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page, user.username, prefix="dashboard")
    page.goto("/indicators/?year=2020")
    page.wait_for_load_state("networkidle")
    charts = page.locator("[data-chart]")
    if charts.count() == 0:  # the chart containers of the page, whatever their markup
        charts = page.locator(".chart")
    assert charts.count() >= 3
    page.wait_for_function("Array.from(document.querySelectorAll('canvas, svg')).length >= 3")
    shot(page, "dashboard-01-district-2020")
    canvases = page.evaluate(
        "Array.from(document.querySelectorAll('canvas')).filter(c => c.width > 0 && c.height > 0).length"
    )
    assert canvases >= 3
    assert errors == []
    page.get_by_role("link", name="4个", exact=False).first.click()
    page.wait_for_load_state("load")
    shot(page, "dashboard-02-drilldown")
    assert "/indicators/" in page.url
    assert page.locator("table tbody tr").count() >= 1
