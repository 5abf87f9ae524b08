"""Permission-matrix rows of the wish pages (see xingcun/core/tests/matrix.py)."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from xingcun.core.tests.matrix import CADRES, DISTRICT_ONLY, ORG_READERS, Row, registry_rows

READERS = ORG_READERS  # cadres and members: the wall, a wish's page, claiming
ACT = (302, 302, 302, 403, 403, 403)  # staff transitions redirect back to the wish
# A claim is found only among the user's own claims; the fixture claim belongs to nobody who logs
# in here, so it is not found (404) for those who may claim, and forbidden (403) for the others.
NOT_MINE = (404, 404, 404, 404, 403, 403)

ROWS: list[Row] = [
    Row("wishes:wall", expect=READERS),
    Row("wishes:mine", expect=READERS),
    Row("wishes:detail", expect=READERS, obj="wishes.submitted"),
    Row("wishes:claim", expect=READERS, obj="wishes.open"),
    Row("wishes:verify", method="post", expect=ACT, obj="wishes.submitted"),
    Row("wishes:publish", method="post", expect=ACT, obj="wishes.submitted"),
    Row("wishes:withdraw", method="post", expect=ACT, obj="wishes.submitted"),
    Row("wishes:confirm", method="post", expect=ACT, obj="wishes.submitted"),
    Row("wishes:send-back", method="post", expect=ACT, obj="wishes.submitted"),
    Row("wishes:deliver", expect=NOT_MINE, obj="wishes.claim"),
    Row("wishes:release", method="post", expect=NOT_MINE, obj="wishes.claim"),
    Row("wishes:evidence", expect=READERS, obj="wishes.claim"),
    # The public page needs no account and serves any village named by its code.
    Row("wishes:public", obj="area", kwarg="code", attr="code", outside=200),
    *registry_rows("wishes", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("wish-rules", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("visits", CADRES, CADRES, DISTRICT_ONLY),
]


def objects(village, side):
    from xingcun.organisations.tests.factories import OrganisationFactory
    from xingcun.wishes.tests.factories import (
        VisitFactory,
        WishClaimFactory,
        WishFactory,
        WishRuleFactory,
    )

    submitted = WishFactory(area=village)
    open_wish = WishFactory(area=village, published=True)
    claim = WishClaimFactory(
        area=village,
        organisation=OrganisationFactory(area=village),
        evidence=SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff"),
    )
    return {
        "wishes.submitted": submitted,
        "wishes.open": open_wish,
        "wishes.claim": claim,
        "wishes": submitted,
        "wish-rules": WishRuleFactory(area=village, valid_from=2017 if side == "inside" else 2018),
        "visits": VisitFactory(area=village, visited_on=dt.date(2020, 5, 1)),
    }
