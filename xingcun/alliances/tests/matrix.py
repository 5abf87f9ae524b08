"""Permission-matrix rows for alliances (collected by core's test_permission_matrix)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import CADRES, DISTRICT_ONLY, Row, registry_rows

CADRES_REDIRECT = (302, 302, 302, 403, 403, 403)

ROWS: list[Row] = [
    Row("alliances:index", expect=CADRES),
    Row("alliances:detail", expect=CADRES, obj="alliances"),
    Row("alliances:member-add", method="post", expect=CADRES, obj="alliances"),  # form again
    Row("alliances:member-leave", method="post", expect=CADRES_REDIRECT, obj="alliance-members"),
    Row("alliances:project-link", method="post", expect=CADRES, obj="alliances"),
    *registry_rows("alliances", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("alliance-members", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("alliance-resources", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("alliance-stewards", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("alliance-projects", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("town-tourism", CADRES, CADRES, DISTRICT_ONLY),
]


def objects(village, side) -> dict[str, Any]:
    """One object of each alliance registry in `village`."""
    from xingcun.alliances import models as m
    from xingcun.organisations.tests.factories import OrganisationFactory
    from xingcun.projects.tests.factories import ProjectFactory

    org: Any = OrganisationFactory(area=village, code=f"LM-ORG-{side}")
    with scopes_disabled():  # fixture rows for the matrix, created before any request
        alliance = m.Alliance.objects.create(
            area=village,
            code=f"LM-{side}",
            name="联盟",
            lead=org,
            founded_on=dt.date(2019, 1, 1),
            uses_stewards=True,
        )
        project: Any = ProjectFactory(area=village, status="signed", landed_on=None)
        return {
            "alliances": alliance,
            "alliance-members": m.AllianceMember.objects.create(
                area=village, alliance=alliance, organisation=org, joined_on=dt.date(2019, 2, 1)
            ),
            "alliance-resources": m.SharedResource.objects.create(
                area=village, alliance=alliance, kind="venue", name="文化礼堂"
            ),
            "alliance-stewards": m.Steward.objects.create(
                area=village, alliance=alliance, role="红色管家", name="王芳"
            ),
            "alliance-projects": m.AllianceProject.objects.create(
                area=village, alliance=alliance, project=project
            ),
            "town-tourism": m.TownTourism.objects.create(
                area=village, year=2020, visitors=1, revenue=1
            ),
        }
