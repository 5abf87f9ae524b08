"""Permission-matrix rows for the industry organisations (collected by core's
test_permission_matrix)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import CADRES, DISTRICT_ONLY, Row, registry_rows

ROWS: list[Row] = [
    Row("ecommerce:index", expect=CADRES),
    Row("ecommerce:default-rule", method="post", expect=(302, 403, 403, 403, 403, 403)),
    Row("ecommerce:branch-detail", expect=CADRES, obj="newfarmer-branches"),
    Row("ecommerce:branch-join", method="post", expect=CADRES, obj="newfarmer-branches"),
    Row("ecommerce:branch-project", method="post", expect=CADRES, obj="newfarmer-branches"),
    *registry_rows("ecommerce", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("taobao-rules", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("replications", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("newfarmer-branches", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("newfarmer-projects", CADRES, CADRES, DISTRICT_ONLY),
]


def objects(village, side) -> dict[str, Any]:
    """One object of each industry-organisation registry in `village`."""
    from xingcun.ecommerce import models as m
    from xingcun.organisations.tests.factories import OrganisationFactory
    from xingcun.projects.tests.factories import ProjectFactory

    org: Any = OrganisationFactory(area=village, code=f"XNR-{side}", category="temporary")
    with scopes_disabled():  # fixture rows for the matrix, created before any request
        branch = m.NewFarmerBranch.objects.create(area=village, organisation=org, sponsor="town")
        project: Any = ProjectFactory(area=village, status="signed", landed_on=None)
        return {
            "ecommerce": m.EcommerceRecord.objects.create(
                area=village, year=2020, online_shops=1, active_shops=1, online_sales=1
            ),
            "taobao-rules": m.TaobaoRule.objects.create(
                area=village,
                name="规则",
                valid_from=2014,
                village_min_sales=1000,
                village_min_active_shops=100,
                town_min_villages=3,
            ),
            "replications": m.Replication.objects.create(
                area=village, region="外地", replicated_on=dt.date(2020, 1, 1), how="学习"
            ),
            "newfarmer-branches": branch,
            "newfarmer-projects": m.NewFarmerProject.objects.create(
                area=village, branch=branch, project=project
            ),
        }
