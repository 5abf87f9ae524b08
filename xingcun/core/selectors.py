from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from xingcun.core.models import Area, AuditEntry
from xingcun.core.registry import Registry
from xingcun.core.scoping import scopes_disabled


def area_list(*, query: str = "", level: int | None = None) -> QuerySet[Area]:
    qs = Area.objects.all()
    if query:
        qs = qs.filter(Q(name__contains=query) | Q(code__startswith=query))
    if level:
        qs = qs.filter(level=level)
    return qs.order_by("code")


def area_children(*, area: Area) -> QuerySet[Area]:
    return (
        Area.objects.filter(parent=area).annotate(village_count=Count("children")).order_by("code")
    )


def subtree_counts(*, area: Area) -> dict[int, int]:
    rows = Area.objects.filter(path__startswith=area.path).values("level").annotate(n=Count("id"))
    return {row["level"]: row["n"] for row in rows}


def record_list(
    *, registry: Registry, query: str = "", area: Area | None = None, kind: str = ""
) -> QuerySet[Any]:
    qs = registry.queryset()
    if query and registry.search_fields:
        condition = Q()
        for name in registry.search_fields:
            condition |= Q(**{f"{name}__contains": query})
        qs = qs.filter(condition)
    if area is not None:
        qs = qs.filter(**{f"{registry.area_field}__path__startswith": area.path})
    if kind and registry.kind_field:
        qs = qs.filter(**{registry.kind_field: kind})
    return qs


def audit_list(
    *,
    query: str = "",
    action: str = "",
    person: str = "",
    area: Area | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    with_unplaced: bool = False,
) -> QuerySet[AuditEntry]:
    """Audit entries in scope, filtered by object text, action code (or its prefix), person (name or
    username of the actor), node (its subtree) and local dates (inclusive)."""
    qs = AuditEntry.objects.select_related("actor", "area")
    if with_unplaced:
        # Entries tied to no node (a superuser made by a command, a failed login for an unknown
        # name): shown to the district's user managers only, who answer for accounts.
        # Bypass: entries with no node are outside every subtree; only they are added, for this role.
        with scopes_disabled():
            unplaced = AuditEntry.objects.filter(area__isnull=True)
        qs = qs | unplaced.select_related("actor", "area")
    if query:
        qs = qs.filter(Q(object_repr__contains=query) | Q(actor_name__contains=query))
    if action:
        qs = qs.filter(Q(action=action) | Q(action__startswith=f"{action}."))
    if person:
        qs = qs.filter(
            Q(actor_name__contains=person)
            | Q(actor__username=person)
            | Q(actor__display_name__contains=person)
        )
    if area is not None:
        qs = qs.filter(area__path__startswith=area.path)
    tz = timezone.get_current_timezone()
    if since is not None:
        qs = qs.filter(created_at__gte=dt.datetime.combine(since, dt.time.min, tzinfo=tz))
    if until is not None:
        qs = qs.filter(
            created_at__lt=dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        )
    return qs


def audit_actions() -> list[str]:
    """The action codes present in scope, for the filter's choices."""
    return sorted(set(AuditEntry.objects.order_by().values_list("action", flat=True).distinct()))


def audit_unplaced_actions() -> list[str]:
    # Bypass: entries tied to no node lie outside every subtree (see audit_list); codes only.
    with scopes_disabled():
        qs = AuditEntry.objects.filter(area__isnull=True).order_by()
    return sorted(set(qs.values_list("action", flat=True).distinct()))
