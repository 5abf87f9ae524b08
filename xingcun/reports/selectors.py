from __future__ import annotations

from django.db.models import Q, QuerySet

from xingcun.core.models import Area
from xingcun.reports.models import ReportTemplate


def owner_area(*, area: Area) -> Area:
    """The node that owns the templates a user works with: their district (区县), or their own
    node when it sits at or above district level."""
    if area.level <= Area.Level.COUNTY:
        return area
    for ancestor in area.ancestors():
        if ancestor.level == Area.Level.COUNTY:
            return ancestor
    return area


def template_list_for(*, area: Area) -> QuerySet[ReportTemplate]:
    """Templates usable at `area`: those owned by the node or any node above it (the district's
    templates serve its towns and villages), plus those owned inside its subtree.

    This widens the scope on purpose: a town user reads, and reports with, the district's
    templates; editing still goes through the scoped manager, so only the owner can change them.
    """
    paths = [a.path for a in area.ancestors()] + [area.path]
    return (
        ReportTemplate.objects.inherited()
        .filter(Q(area__path__in=paths) | Q(area__path__startswith=area.path))
        .select_related("area")
    )


def template_default_for(*, area: Area, year: int) -> ReportTemplate | None:
    """The default template of the latest year not after `year`, else the earliest default."""
    defaults = template_list_for(area=area).filter(is_default=True)
    return (
        defaults.filter(year__lte=year).order_by("-year", "-area__level", "-id").first()
        or defaults.order_by("year", "-area__level", "-id").first()
    )


def node_choices(*, area: Area) -> QuerySet[Area]:
    """The user's node and every town and village below it, in tree order."""
    return Area.objects.filter(path__startswith=area.path).order_by("path")
