"""Permission-matrix rows of the vanguard index (see xingcun/core/tests/matrix.py).

Roles in order: district, town, village, member, expert, partner. A member opens only their own
events and results: another member's give 404, like an object outside the jurisdiction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import CADRES, DISTRICT_ONLY, Row, registry_rows
from xingcun.people.tests.factories import PartyMemberFactory
from xingcun.vanguard.models import (
    EventDecision,
    Item,
    Objection,
    Result,
    Round,
    Scheme,
    ScoreEvent,
)

SELF = (200, 200, 200, 200, 403, 403)
OWN_ONLY = (200, 200, 200, 404, 403, 403)
MANAGE_POST = (302, 302, 403, 403, 403, 403)
RECORD_POST = (302, 302, 302, 403, 403, 403)

ROWS = [
    Row("vanguard:index", expect=(200, 200, 200, 302, 403, 403)),
    Row("vanguard:my-score", expect=SELF),
    Row("vanguard:event-list", expect=CADRES),
    Row("vanguard:event-create", expect=CADRES),
    Row("vanguard:event-export", expect=CADRES),
    Row("vanguard:event-template", expect=CADRES),
    Row("vanguard:event-import", expect=CADRES),
    Row("vanguard:event-detail", expect=OWN_ONLY, obj="vg-event"),
    Row("vanguard:event-correct", method="post", expect=RECORD_POST, obj="vg-event"),
    Row("vanguard:event-decide", method="post", expect=MANAGE_POST, obj="vg-event"),
    Row("vanguard:round-compute", method="post", expect=MANAGE_POST),
    Row("vanguard:round-detail", expect=CADRES, obj="vg-round"),
    Row("vanguard:round-export", expect=CADRES, obj="vg-round"),
    Row("vanguard:round-recompute", method="post", expect=MANAGE_POST, obj="vg-round"),
    Row("vanguard:round-publicise", method="post", expect=MANAGE_POST, obj="vg-round"),
    Row("vanguard:round-finalise", method="post", expect=MANAGE_POST, obj="vg-round"),
    Row("vanguard:result-detail", expect=OWN_ONLY, obj="vg-result"),
    Row("vanguard:objection-raise", method="post", expect=(302, 302, 302, 404, 403, 403), obj="vg-result"),
    Row("vanguard:objection-answer", method="post", expect=(403, 403, 302, 403, 403, 403), obj="vg-objection"),
    Row("vanguard:objection-decide", method="post", expect=MANAGE_POST, obj="vg-objection"),
    Row("vanguard:scheme-publish", method="post", expect=(302, 403, 403, 403, 403, 403), obj="vanguard-schemes"),
    Row("vanguard:scheme-copy", method="post", expect=(302, 403, 403, 403, 403, 403), obj="vanguard-schemes"),
    *registry_rows("vanguard-schemes", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("vanguard-items", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
]  # fmt: skip


def objects(village, side):
    member = PartyMemberFactory(area=village)
    with scopes_disabled():  # fixture rows for the matrix, created before any request
        scheme = Scheme.objects.create(
            area=village,
            code=f"VG-{side}",
            name="方案",
            valid_from=2019,
            base_score=Decimal(80),
            bonus_cap=Decimal(20),
            excellent_from=Decimal(95),
            qualified_from=Decimal(75),
            warning_from=Decimal(60),
            follow_up_below=Decimal(75),
            follow_up_action="帮教",
        )
        item = Item.objects.create(
            area=village, scheme=scheme, code="volunteer", name="志愿服务", group="vanguard",
            kind="bonus", points=Decimal(2), cap=Decimal(8),
        )  # fmt: skip
        event = ScoreEvent.objects.create(
            area=village, member=member, item=item, item_code="volunteer",
            date=dt.date(2020, 5, 1), points=Decimal(2), evidence="防汛值守",
        )  # fmt: skip
        EventDecision.objects.create(area=village, event=event, approved=True)
        rnd = Round.objects.create(
            area=village.parent, year=2020, scheme=scheme, status="computed",
            computed_at=timezone.now(),
        )  # fmt: skip
        result = Result.objects.create(
            area=village, round=rnd, member=member, organisation=member.organisation,
            category="B", scheme_code=scheme.code, base=80, bonus_raw=2, bonus=2, deduction=0,
            score=82, grade="qualified", rank_branch=1, branch_size=1, rank_town=1, town_size=1,
        )  # fmt: skip
        objection = Objection.objects.create(
            area=village, result=result, raised_by_id=_someone(), reason="有误", status="raised"
        )
    return {
        "vanguard-schemes": scheme,
        "vanguard-items": item,
        "vg-event": event,
        "vg-round": rnd,
        "vg-result": result,
        "vg-objection": objection,
    }


def _someone() -> int:
    from xingcun.accounts.models import User

    user, _ = User.objects.get_or_create(username="matrix-objector")
    return user.pk
