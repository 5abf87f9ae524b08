"""Reads of posts, assignments and pairings.

The catalogue and the rule are kept at the district, above a village user's scope, and posts opened
by a town are above its villages' members: those reads widen the scope on purpose, one selector
each, and return nothing personal.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from xingcun.core.models import Area
from xingcun.people.models import PartyMember
from xingcun.people.selectors import member_of_user
from xingcun.posts.models import (
    HelpLog,
    HouseholdPairing,
    Post,
    PostAssignment,
    PostReview,
    PostRule,
    PostType,
)

DEFAULT_PUBLICITY_DAYS = 5

Status = PostAssignment.Status


def publicity_days_for(*, area: Area, year: int) -> int:
    """Days of 公示 under the rule governing `area` in `year` (inherited from the district)."""
    rule = PostRule.objects.effective(area=area, year=year)
    return DEFAULT_PUBLICITY_DAYS if rule is None else rule.publicity_days


def post_types_for(*, area: Area, year: int) -> QuerySet[PostType]:
    """The catalogue offered to an organisation in `area` in `year` (inherited from above)."""
    return (
        PostType.objects.inherited()
        .filter(area__path__in=area.lineage_paths(), valid_from__lte=year)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=year))
        .order_by("position", "code")
    )


def open_posts_for(*, member: PartyMember, on: dt.date) -> QuerySet[Post]:
    """Posts a member may apply for: open on `on`, opened by the member's village or a node above
    it (a town's post is offered to the town's members)."""
    return (
        Post.objects.inherited()
        .filter(area__path__in=member.area.lineage_paths(), opened_on__lte=on)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=on))
        .select_related("post_type", "organisation", "area")
        .annotate(
            taken=Count(
                "assignments",
                filter=Q(assignments__status__in=[Status.PUBLICISED, Status.ON_DUTY]),
            )
        )
        .order_by("area__path", "title")
    )


def member_of(user: Any) -> PartyMember | None:
    return member_of_user(user)


def assignments_of(*, member: PartyMember) -> QuerySet[PostAssignment]:
    return (
        PostAssignment.objects.inherited()
        .filter(member=member)
        .select_related("post__post_type", "post__area")
        .prefetch_related(
            Prefetch("reviews", queryset=PostReview.objects.inherited().order_by("-year"))
        )
        .order_by("-applied_on", "-id")
    )


def pairings_of(*, member: PartyMember) -> QuerySet[HouseholdPairing]:
    return (
        HouseholdPairing.objects.inherited()
        .filter(member=member, ended_on__isnull=True)
        .select_related("household__head", "area")
        .prefetch_related(
            Prefetch("logs", queryset=HelpLog.objects.inherited().order_by("-helped_on"))
        )
        .order_by("-started_on")
    )


def post_assignments(post: Post) -> QuerySet[PostAssignment]:
    return (
        PostAssignment.objects.inherited()
        .filter(post=post)
        .select_related("member__person")
        .prefetch_related(
            Prefetch("reviews", queryset=PostReview.objects.inherited().order_by("-year"))
        )
        .order_by("status", "applied_on", "id")
    )


def seats_taken(post: Post) -> int:
    return (
        PostAssignment.objects.inherited()
        .filter(post=post, status__in=[Status.PUBLICISED, Status.ON_DUTY])
        .count()
    )


def members_without_office(*, post: Post) -> QuerySet[PartyMember]:
    """Members in the user's scope under the post's area who hold no office: who may take it."""
    return (
        PartyMember.objects.filter(
            area__path__startswith=post.area.path, holds_office=False, left_on__isnull=True
        )
        .select_related("person")
        .order_by("person__name")
    )


def catalogue_paths() -> list[str]:
    """Paths of the current scope's node and the nodes above it: where catalogues may live."""
    from xingcun.core.scoping import current_scope_path, lineage_paths

    path = current_scope_path()
    if path is None:  # the whole tree
        return list(PostType.objects.values_list("area__path", flat=True).distinct())
    return lineage_paths(path)


def catalogue() -> QuerySet[PostType]:
    """Every version of the post types that the current scope may use (inherited from above)."""
    return (
        PostType.objects.inherited()
        .filter(area__path__in=catalogue_paths())
        .order_by("position", "code", "-valid_from")
    )


def post_type_version(*, code: str, area: Area, year: int) -> PostType | None:
    """The version of a post type valid for an organisation in `area` in `year`."""
    return post_types_for(area=area, year=year).filter(code=code).order_by("-area__path").first()


def overview(*, on: dt.date) -> dict[str, int]:
    """Counts inside the current scope for the staff overview."""
    from django.db.models import Sum

    open_posts = Post.objects.filter(opened_on__lte=on).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=on)
    )
    by_status = dict(
        PostAssignment.objects.values_list("status").annotate(n=Count("id")).order_by()
    )
    return {
        "posts": open_posts.count(),
        "seats": open_posts.aggregate(s=Sum("seats"))["s"] or 0,
        "applied": by_status.get(Status.APPLIED, 0),
        "publicised": by_status.get(Status.PUBLICISED, 0),
        "on_duty": by_status.get(Status.ON_DUTY, 0),
        "pairings": HouseholdPairing.objects.filter(ended_on__isnull=True).count(),
        "logs": HelpLog.objects.filter(helped_on__year=on.year).count(),
    }


def waiting_assignments() -> QuerySet[PostAssignment]:
    """Applications to decide and assignments in publicity, oldest first (current scope)."""
    return (
        PostAssignment.objects.filter(status__in=[Status.APPLIED, Status.PUBLICISED])
        .select_related("member__person", "post__area")
        .order_by("applied_on", "id")
    )
