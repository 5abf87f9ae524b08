from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from xingcun.core.models import Area
from xingcun.indicators.engine import Period
from xingcun.indicators.models import Snapshot
from xingcun.orders.models import DemonstrationProject
from xingcun.organisations.models import Organisation
from xingcun.reports.models import (
    MEASURES_START_YEAR,
    GeneratedReport,
    ReportTemplate,
    TemplateVersion,
)
from xingcun.secretaries.models import Measure


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


def report_level(area: Area) -> int:
    """The template level that serves a node: district (and above), town or village."""
    return max(min(area.level, Area.Level.VILLAGE), Area.Level.COUNTY)


def template_default_for(*, area: Area, year: int) -> ReportTemplate | None:
    """The default template of the node's level (district, town or village) of the latest year not
    after `year`, else the earliest default of that level."""
    defaults = template_list_for(area=area).filter(is_default=True, level=report_level(area))
    return (
        defaults.filter(year__lte=year).order_by("-year", "-area__level", "-id").first()
        or defaults.order_by("year", "-area__level", "-id").first()
    )


def node_choices(*, area: Area) -> QuerySet[Area]:
    """The user's node and every town and village below it, in tree order."""
    return Area.objects.filter(path__startswith=area.path).order_by("path")


def latest_version(*, template: ReportTemplate) -> TemplateVersion | None:
    return template.versions.order_by("-number").first()


def version_list(*, template: ReportTemplate) -> QuerySet[TemplateVersion]:
    return template.versions.select_related("published_by").order_by("-number")


def _owner_paths(area: Area) -> list[str]:
    return area.lineage_paths()


def setting_value(*, area: Area, key: str, on: dt.date) -> int | None:
    """A district fact in force on `on` for `area`, read from the register that keeps it and its
    history. The 举措起始年 is the first year of the district's 富村十条 / 化债九法 catalogues
    (the measures set at the node or above it and in force by `on`: configuration is inherited,
    so this widens the scope on purpose, like `template_list_for`)."""
    if key != MEASURES_START_YEAR:
        return None
    first = (
        Measure.objects.inherited()
        .filter(area__path__in=_owner_paths(area), valid_from__lte=on.year)
        .order_by("valid_from")
        .values_list("valid_from", flat=True)
        .first()
    )
    return int(first) if first is not None else None


def featured_project_name(*, area: Area, year: int) -> str:
    """The name of the year's featured expert demonstration project in `area` ("" if none)."""
    found = (
        DemonstrationProject.objects.filter(
            area__path__startswith=area.path, year=year, is_featured=True
        )
        .order_by("-area_mu", "pk")
        .values_list("name", flat=True)
        .first()
    )
    return found or ""


def snapshot_covering(*, area: Area, period: Period) -> Snapshot | None:
    """The active indicator snapshot of the period that covers `area` (frozen at it or above it;
    the deepest wins), if any: an issued report records it beside its figures."""
    return (
        Snapshot.objects.inherited()
        .filter(area__path__in=_owner_paths(area), period=str(period), withdrawn_at__isnull=True)
        .order_by("-area__level")
        .first()
    )


def issued_list(*, area: Area) -> QuerySet[GeneratedReport]:
    return GeneratedReport.objects.filter(area__path__startswith=area.path).select_related(
        "area", "version", "created_by"
    )


# The node's own party organisation, by rank: the one a report of the node is issued by.
_OWN_KINDS = ("district_committee", "town_committee", "committee", "general_branch", "branch")


def own_organisation_name(*, area: Area) -> str:
    """The name of the node's own party organisation (中共白牛村委员会), "" when none is
    registered: the highest-ranking regular or leading organisation registered at the node."""
    rows = Organisation.objects.filter(
        area=area,
        kind__in=_OWN_KINDS,
        category__in=[Organisation.Category.REGULAR, Organisation.Category.ORGAN],
        dissolved_on__isnull=True,
    ).values_list("kind", "name")
    ranked = sorted(rows, key=lambda row: _OWN_KINDS.index(row[0]))
    return ranked[0][1] if ranked else ""


def indicator_uses(area: Area) -> dict[str, list[str]]:
    """Which templates usable at `area` cite each indicator (their draft or any published
    version): derived from the templates when asked, never recorded while rendering."""
    from xingcun.reports import tags

    found: dict[str, list[str]] = {}
    for template in template_list_for(area=area).prefetch_related("sections", "versions"):
        texts = [template.title, *(s.heading + "\n" + s.body for s in template.sections.all())]
        for version in template.versions.all():
            texts.extend(str(row.get("body", "")) for row in version.sections)
        codes: set[str] = set()
        for text in texts:
            pieces, _ = tags.parse(text)
            for piece in pieces:
                if not isinstance(piece, str):
                    codes |= tags.codes_of(piece)
        place = f"报告模板“{template.name}”"
        for code in codes:
            found.setdefault(code, []).append(place)
    return found
