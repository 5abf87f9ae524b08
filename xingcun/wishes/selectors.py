"""Reads of wishes, claims and visits.

Two reads are deliberately wider than the user's scope, each for one reason:
- the wish wall of a village user (a member or a village secretary) shows the published wishes of
  the whole town, so that members can claim their neighbours' wishes; it shows no personal data;
- a claimer's own claims, which may be in another village of the town.
Both are `scopes_disabled()` blocks below, listed in `core/tests/test_bypasses.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from xingcun.core.models import Area
from xingcun.core.scoping import correlated, scopes_disabled
from xingcun.wishes.models import PublicRefusal, Wish, WishClaim, WishRule

DEFAULT_CLAIM_DAYS = 30
DEFAULT_POINTS = Decimal(2)
DEFAULT_ITEM = "wish_fulfilled"  # the vanguard scheme's default item


@dataclass(frozen=True)
class Terms:
    """The rule that applies to one wish in one year (the configured one, or the defaults)."""

    claim_days: int
    points: Decimal
    vanguard_item: str
    rule: WishRule | None = None


def rule_for(*, area: Area, year: int) -> Terms:
    """The terms of the rule governing `area` in `year` (set at the district or a town and
    inherited by the villages below), or the defaults when no rule covers it."""
    rule = WishRule.objects.effective(area=area, year=year)
    if rule is None:
        return Terms(DEFAULT_CLAIM_DAYS, DEFAULT_POINTS, DEFAULT_ITEM)
    return Terms(rule.claim_days, rule.points, rule.vanguard_item, rule)


def wall_area(area: Area) -> Area:
    """The node whose wall a user sees: a village user sees the wall of the village's town."""
    if area.level == Area.Level.VILLAGE and area.parent_id is not None:
        parent = Area.tree.get(pk=area.parent_id)
        return parent
    return area


def overdue_claims(*, on: dt.date) -> QuerySet[WishClaim]:
    return WishClaim.objects.inherited().filter(status=WishClaim.Status.ACTIVE, due_on__lt=on)


def wall_reachable(*, area: Area) -> QuerySet[Wish]:
    """Wishes that are or were on the wall of `area`'s town (published once, whatever their status
    now): a claim page finds them, and says in words why one can no longer be claimed."""
    root = wall_area(area)
    # Bypass: the town's wall is public to its villages (module docstring); published wishes only.
    with scopes_disabled():
        qs = Wish.objects.filter(area__path__startswith=root.path, published_on__isnull=False)
    return qs.select_related("area")


def wall_wishes(
    *, area: Area, on: dt.date | None = None, category: str = "", village: str = ""
) -> QuerySet[Wish]:
    """Wishes that can be claimed now on the wall of `area`'s town (see module docstring): the
    published ones, and claimed ones whose claim has passed its deadline."""
    day = on or timezone.localdate()
    root = wall_area(area)
    overdue = correlated(WishClaim).filter(
        wish=OuterRef("pk"), status=WishClaim.Status.ACTIVE, due_on__lt=day
    )
    # Bypass: the town's wall is public to its villages (module docstring); only published or
    # claimable wishes, and the query is built here, never widened further by the caller.
    with scopes_disabled():
        qs = (
            Wish.objects.filter(area__path__startswith=root.path)
            .filter(Q(status=Wish.Status.OPEN) | Q(Exists(overdue), status=Wish.Status.CLAIMED))
            .select_related("area")
            .order_by("-published_on", "-id")
        )
    if category:
        qs = qs.filter(category=category)
    if village:
        qs = qs.filter(area__code=village)
    return qs


def wall_villages(*, area: Area) -> QuerySet[Area]:
    root = wall_area(area)
    return Area.tree.filter(path__startswith=root.path, level=Area.Level.VILLAGE).order_by("code")


def claims_of(*, user: Any) -> QuerySet[WishClaim]:
    """Claims made by `user`: as the member, or on behalf of an organisation (see docstring)."""
    # Bypass: a claimer's own claims, which may be in another village of the town (docstring).
    with scopes_disabled():
        return (
            WishClaim.objects.filter(Q(member__person__user=user) | Q(claimed_by=user))
            .select_related("wish__area", "member__person", "organisation")
            .order_by("-claimed_at", "-id")
        )


def member_of(user: Any) -> Any:
    """The user's own party-member record (at the user's node, or the node above it)."""
    from xingcun.people.selectors import member_of_user

    return member_of_user(user)


def live_claim(wish: Wish) -> WishClaim | None:
    return (
        WishClaim.objects.inherited()
        .filter(wish=wish, status__in=WishClaim.LIVE)
        .select_related("member__person", "organisation", "claimed_by")
        .first()
    )


def wish_claims(wish: Wish) -> QuerySet[WishClaim]:
    return (
        WishClaim.objects.inherited()
        .filter(wish=wish)
        .select_related("member__person", "organisation", "claimed_by", "confirmed_by")
    )


def wish_counts() -> dict[str, int]:
    """Wishes per status inside the current scope."""
    rows = Wish.objects.values("status").annotate(n=Count("id")).order_by()
    return {row["status"]: row["n"] for row in rows}


def public_refusals(*, since: dt.date) -> list[tuple[str, int]]:
    """(reason, count) of the public page's refused submissions in scope since `since`."""
    rows = (
        PublicRefusal.objects.filter(day__gte=since)
        .values("reason")
        .annotate(n=Sum("count"))
        .order_by("reason")
    )
    labels = dict(PublicRefusal.Reason.choices)
    return [(str(labels.get(r["reason"], r["reason"])), int(r["n"])) for r in rows]
