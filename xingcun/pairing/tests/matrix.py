"""Permission-matrix rows for pairing (collected by core's test_permission_matrix)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import CADRES, DISTRICT_ONLY, Row, registry_rows

DISTRICT_TOWN = (200, 200, 403, 403, 403, 403)
DISTRICT_REDIRECT = (302, 403, 403, 403, 403, 403)

ROWS: list[Row] = [
    Row("pairing:index", expect=CADRES),
    Row("pairing:defaults", method="post", expect=DISTRICT_REDIRECT),
    Row("pairing:run-create", method="post", expect=DISTRICT_REDIRECT),  # empty form: back
    Row("pairing:run-detail", expect=DISTRICT_ONLY, obj="pairing:run"),
    Row("pairing:run-update", method="post", expect=DISTRICT_ONLY, obj="pairing:run"),
    Row("pairing:rule-add", method="post", expect=DISTRICT_REDIRECT, obj="pairing:run"),
    Row("pairing:rule-remove", method="post", expect=DISTRICT_REDIRECT, obj="pairing:rule"),
    Row("pairing:run-solve", method="post", expect=DISTRICT_REDIRECT, obj="pairing:run"),
    Row("pairing:run-accept", method="post", expect=DISTRICT_REDIRECT, obj="pairing:run"),
    Row("pairing:agreement-detail", expect=CADRES, obj="agreements"),
    Row("pairing:agreement-end", method="post", expect=CADRES, obj="agreements"),
    Row("pairing:agreement-renew", method="post", expect=CADRES, obj="agreements"),
    Row("pairing:activity-add", method="post", expect=CADRES, obj="agreements"),
    Row("pairing:activity-evidence", expect=CADRES, obj="pairing-activities"),
    Row(
        "pairing:assessment",
        expect=CADRES,
        obj="area",
        kwarg="code",
        attr="code",
        kwargs=(("year", 2020),),
    ),
    Row("pairing:assessment-evidence", expect=CADRES, obj="assessments"),
    *registry_rows("standings", CADRES, DISTRICT_TOWN, DISTRICT_ONLY),
    *registry_rows("agreements", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("pairing-activities", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("assessments", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("cooperation-areas", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("pairing-weights", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("town-adjacency", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("shuangzheng-items", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("pairing-targets", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
]


def objects(village, side) -> dict[str, Any]:
    """One object of each pairing registry and page in `village`."""
    from xingcun.organisations.tests.factories import OrganisationFactory
    from xingcun.pairing import models as m

    strong: Any = OrganisationFactory(area=village, code=f"PAIR-S-{side}")
    weak: Any = OrganisationFactory(area=village, code=f"PAIR-W-{side}")
    with scopes_disabled():  # fixture rows for the matrix, created before any request
        town = village.parent
        agreement = m.Agreement.objects.create(
            area=village,
            strong=strong,
            weak=weak,
            start_on=dt.date(2020, 1, 1),
            end_on=dt.date(2022, 12, 31),
        )
        activity = m.Activity.objects.create(
            area=village,
            agreement=agreement,
            held_on=dt.date(2020, 3, 1),
            kind="visit",
            participants="两村书记",
            evidence=SimpleUploadedFile("visit.pdf", b"%PDF-1.4 test"),
        )
        run = m.PairingRun.objects.create(
            area=village,
            year=2020,
            industry=1,
            distance=1,
            strength=1,
            same_town=1,
            neighbour=1,
            elsewhere=1,
            capacity=1,
            min_star=4,
            start_on=dt.date(2020, 1, 1),
            end_on=dt.date(2020, 12, 31),
        )
        return {
            "pairing:run": run,
            "pairing:rule": m.PairRule.objects.create(
                area=village, run=run, kind="forbid", strong=strong, weak=weak
            ),
            "agreements": agreement,
            "pairing-activities": activity,
            "standings": m.OrganisationStanding.objects.create(
                area=village, organisation=strong, year=2020, star_level=5
            ),
            "assessments": m.VillageAssessment.objects.create(
                area=village,
                year=2020,
                compliant=True,
                evidence=SimpleUploadedFile("check.pdf", b"%PDF-1.4 test"),
            ),
            "cooperation-areas": m.CooperationArea.objects.create(area=village, name="电商"),
            "pairing-weights": m.PairingWeights.objects.create(area=village),
            "town-adjacency": m.TownAdjacency.objects.create(
                area=village, town_a=town, town_b=town.parent
            ),
            "shuangzheng-items": m.ChecklistItem.objects.create(area=village, name="班子"),
            "pairing-targets": m.PairingTarget.objects.create(area=village, year=2020),
        }
