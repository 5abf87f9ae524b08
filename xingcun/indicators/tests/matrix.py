"""Permission-matrix rows for the indicator pages (collected by core's test_permission_matrix)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import Row

VIEWERS = (200, 200, 200, 403, 403, 403)  # district, town and village staff
DISTRICT = (200, 403, 403, 403, 403, 403)
DISTRICT_REDIRECT = (302, 403, 403, 403, 403, 403)
DRILL = (("code", "party.members"), ("period", "2020"))

ROWS: list[Row] = [
    Row("indicators:dashboard", expect=VIEWERS),
    Row(
        "indicators:dashboard-area",
        expect=VIEWERS,
        obj="indicators:area",
        kwarg="area",
        attr="code",
    ),
    Row(
        "indicators:chart-data",
        expect=VIEWERS,
        obj="indicators:area",
        kwarg="area",
        attr="code",
        kwargs=(("chart", "trend-members"), ("period", "2020")),
    ),
    Row(  # a collapsed "全部指标" section of a dashboard, loaded when opened
        "indicators:dashboard-section",
        expect=VIEWERS,
        obj="indicators:area",
        kwarg="area",
        attr="code",
        kwargs=(("year", 2020), ("index", 1)),
    ),
    Row("indicators:catalogue", expect=VIEWERS),
    Row(
        "indicators:drilldown",
        expect=VIEWERS,
        obj="indicators:area",
        kwarg="area",
        attr="code",
        kwargs=DRILL,
    ),
    Row(
        "indicators:drilldown-export",
        expect=VIEWERS,
        obj="indicators:area",
        kwarg="area",
        attr="code",
        kwargs=DRILL,
    ),
    Row("indicators:snapshot-list", expect=DISTRICT),
    Row("indicators:snapshot-freeze", method="post", expect=DISTRICT),  # empty form: errors shown
    Row("indicators:snapshot-detail", expect=DISTRICT, obj="indicators:snapshot"),
    Row(
        "indicators:snapshot-withdraw",
        method="post",
        expect=DISTRICT_REDIRECT,
        obj="indicators:snapshot",
    ),
]


def objects(village: Any, side: str) -> dict[str, Any]:
    from xingcun.indicators.models import Snapshot

    with scopes_disabled():  # fixture rows for the matrix, created before any request
        snapshot = Snapshot.objects.create(area=village, period="2020", frozen_at=timezone.now())
    return {"indicators:area": village, "indicators:snapshot": snapshot}
