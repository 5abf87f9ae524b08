"""Reads of branches, party groups and competitions.

A member's scope is their village, while a temporary branch is usually registered at the town:
the competitions of the branches a member belongs to are read through `competitions_for`, which
widens the scope on purpose (a scoreboard shows group names and points, nothing personal).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from xingcun.competitions.models import AUXILIARY, Competition, CompetitionEntry
from xingcun.core.models import Area
from xingcun.organisations.models import BranchMembership, Organisation
from xingcun.people.models import PartyMember
from xingcun.people.selectors import member_of_user

GROUP = Organisation.Kind.GROUP


def current_memberships(on: dt.date) -> Q:
    return Q(joined_on__lte=on) & (Q(left_on__isnull=True) | Q(left_on__gt=on))


def branches(*, on: dt.date) -> QuerySet[Organisation]:
    """Temporary and functional branches in scope, with their groups and members counted."""
    return (
        Organisation.objects.filter(category__in=AUXILIARY)
        .exclude(kind=GROUP)
        .select_related("area")
        .annotate(
            group_count=Count(
                "children",
                filter=Q(children__kind=GROUP, children__dissolved_on__isnull=True),
                distinct=True,
            ),
            member_count=Count(
                "extra_members",
                filter=Q(extra_members__left_on__isnull=True, extra_members__joined_on__lte=on),
                distinct=True,
            ),
        )
        .order_by("area__code", "code")
    )


def groups_of(branch: Organisation) -> list[Organisation]:
    return list(
        Organisation.objects.inherited()
        .filter(parent=branch, kind=GROUP, dissolved_on__isnull=True)
        .order_by("code")
    )


def group_members(branch: Organisation, *, on: dt.date) -> dict[int, list[BranchMembership]]:
    """Current members of each group of the branch, by group id."""
    rows = (
        BranchMembership.objects.inherited()
        .filter(organisation__parent=branch, organisation__kind=GROUP)
        .filter(current_memberships(on))
        .select_related("member__person")
        .order_by("member__person__name")
    )
    found: dict[int, list[BranchMembership]] = {}
    for row in rows:
        found.setdefault(row.organisation_id, []).append(row)
    return found


def branch_members(branch: Organisation, *, on: dt.date) -> QuerySet[PartyMember]:
    """Members of the branch itself (for assigning them to a group)."""
    return (
        PartyMember.objects.inherited()
        .filter(branch_memberships__organisation=branch, left_on__isnull=True)
        .filter(Q(branch_memberships__left_on__isnull=True) | Q(branch_memberships__left_on__gt=on))
        .select_related("person")
        .distinct()
        .order_by("person__name")
    )


def member_of(user: Any) -> PartyMember | None:
    return member_of_user(user)


def competitions_for(*, user: Any, area: Area | None) -> QuerySet[Competition]:
    """Competitions in the user's scope, and those of the branches the user's member belongs to
    (see the module docstring)."""
    condition = Q(pk__in=[])
    if area is not None:
        condition |= Q(area__path__startswith=area.path)
    member = member_of(user)
    if member is not None:
        mine = (
            BranchMembership.objects.inherited()
            .filter(member=member, left_on__isnull=True)
            .values("organisation_id")
        )
        parents = (
            Organisation.objects.inherited().filter(pk__in=mine, kind=GROUP).values("parent_id")
        )
        condition |= Q(branch_id__in=mine) | Q(branch_id__in=parents)
    return (
        Competition.objects.inherited()
        .filter(condition)
        .select_related("branch", "area")
        .order_by("-starts_on", "-id")
    )


@dataclass(frozen=True)
class Score:
    group: Organisation
    points: Decimal
    entries: int
    rank: int
    share: int  # percent of the leader's points, for the bar


def scoreboard(competition: Competition) -> list[Score]:
    """Groups ranked by points of entries that are not void; equal points share a rank."""
    totals = {
        row["group"]: (row["points"] or Decimal(0), row["n"])
        for row in CompetitionEntry.objects.inherited()
        .filter(competition=competition, voided_at__isnull=True)
        .values("group")
        .annotate(points=Sum("points"), n=Count("id"))
        .order_by()
    }
    groups = groups_of(competition.branch)
    ordered = sorted(groups, key=lambda g: (-totals.get(g.pk, (Decimal(0), 0))[0], g.code))
    top = max((totals.get(g.pk, (Decimal(0), 0))[0] for g in groups), default=Decimal(0))
    scores: list[Score] = []
    for index, group in enumerate(ordered, start=1):
        points, entries = totals.get(group.pk, (Decimal(0), 0))
        rank = scores[-1].rank if scores and scores[-1].points == points else index
        share = int(points * 100 / top) if top else 0
        scores.append(Score(group, points, entries, rank, share))
    return scores


def entries_of(competition: Competition) -> QuerySet[CompetitionEntry]:
    return (
        CompetitionEntry.objects.inherited()
        .filter(competition=competition)
        .select_related("group", "item", "recorded_by")
        .order_by("-achieved_on", "-id")
    )


def item_total(*, competition: Competition, group: Organisation, item_id: int) -> Decimal:
    total = (
        CompetitionEntry.objects.inherited()
        .filter(competition=competition, group=group, item_id=item_id, voided_at__isnull=True)
        .aggregate(s=Sum("points"))["s"]
    )
    return total or Decimal(0)
