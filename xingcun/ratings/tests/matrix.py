"""Permission-matrix rows of the star rating (see xingcun/core/tests/matrix.py).
Roles in order: district, town, village, member, expert, partner."""

from __future__ import annotations

from decimal import Decimal

from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import CADRES, DISTRICT_ONLY, Row, registry_rows
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.ratings.models import Dimension, Rating, StarScheme

DISTRICT_POST = (302, 403, 403, 403, 403, 403)

ROWS = [
    Row("ratings:index", expect=CADRES),
    Row("ratings:export", expect=CADRES),
    Row("ratings:self-score", expect=(403, 403, 302, 403, 403, 403)),
    Row("ratings:confirm-all", method="post", expect=DISTRICT_POST),
    Row("ratings:publicise", method="post", expect=DISTRICT_POST),
    Row("ratings:finalise", method="post", expect=DISTRICT_POST),
    Row("ratings:detail", expect=CADRES, obj="star-rating"),
    Row("ratings:town-score", method="post", expect=(403, 302, 403, 403, 403, 403), obj="star-rating"),
    Row("ratings:confirm", method="post", expect=DISTRICT_POST, obj="star-rating"),
    Row("ratings:scheme-publish", method="post", expect=DISTRICT_POST, obj="star-schemes"),
    *registry_rows("star-schemes", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("star-dimensions", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
]  # fmt: skip


def objects(village, side):
    org = OrganisationFactory(area=village)
    with scopes_disabled():  # fixture rows for the matrix, created before any request
        scheme = StarScheme.objects.create(
            area=village, code=f"XJ-{side}", name="方案", valid_from=2019,
            five_from=95, four_from=85, three_from=75, two_from=65, one_from=60,
            five_quota_pct=10, four_quota_pct=20,
        )  # fmt: skip
        dimension = Dimension.objects.create(
            area=village, scheme=scheme, code="family", name="好家风", weight=Decimal(100)
        )
        rating = Rating.objects.create(
            area=village, organisation=org, year=2020, scheme=scheme, status="self_scored",
            self_total=Decimal(90),
        )  # fmt: skip
    return {"star-schemes": scheme, "star-dimensions": dimension, "star-rating": rating}
