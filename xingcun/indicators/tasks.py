"""Warm on write: after writes, the figures readers will ask for are recomputed in the background.

An import queues `grids_warm` for its county as soon as it commits (`warm_soon`, registered in
`core.imports.AFTER_IMPORT`); besides, every minute the scheduler queues it once per county. The
task compares the versions of all tables with those it last warmed the county at (one query): when
nothing was written it stops; otherwise it evaluates the dashboards of the county and of each of
its towns for the default year, which puts the current sums into the shared cache (only the source
queries whose tables changed are recomputed). A burst of writes or an import is thus followed by
one warm-up per county, and the first reader gets a warm page. Cities, provinces and the nation
are rolled up from their counties' cached sums when read.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache as shared_cache
from django.utils.translation import gettext_lazy
from django_tasks import task

from xingcun.core import schedule, versions
from xingcun.core.models import Area
from xingcun.core.scoping import scope

WARMED = "xingcun:indicators:warmed:{}"


def warm_targets(county: Area) -> list[Area]:
    """The nodes whose dashboards a write in `county` changes and that are computed from its
    records: itself and its towns (each dashboard also shows the node's children). The nodes
    above a county are rolled up from their counties' cached sums when read
    (`cache.ROLL_UP_ABOVE`): warming them here would rescan every other county whose sums a
    write made stale, instead of leaving each county to its own task."""
    towns = list(Area.tree.filter(parent=county).order_by("code"))  # the tree is public
    return [county, *towns]


def warm_soon(area: Area | None) -> None:
    """Queue the warm-up of the counties a batch of writes in `area` touched: its county, or
    every county below it (the whole platform for None)."""
    counties = Area.tree.filter(level=Area.Level.COUNTY)  # the tree is public: no scope needed
    if area is not None and area.level >= Area.Level.COUNTY:
        county_path = "/" + "/".join(area.path.strip("/").split("/")[: Area.Level.COUNTY]) + "/"
        counties = counties.filter(path=county_path)
    elif area is not None:
        counties = counties.filter(path__startswith=area.path)
    for county in counties.order_by("code"):
        grids_warm.enqueue(area_id=county.pk)


@task()
def grids_warm(area_id: int) -> str:
    """Recompute the cached dashboard figures of a county when any table changed since the last
    warm-up; returns "unchanged" or the number of dashboards evaluated."""
    from xingcun.indicators import selectors  # the catalogue is complete once apps are ready

    county = Area.tree.get(pk=area_id)  # the tree is public: no scope needed to read it
    found = versions.current()
    stamp = versions.stamp(found, found)
    key = WARMED.format(county.pk)
    if shared_cache.get(key) == stamp:
        return "unchanged"
    with scope(area=county.path):
        year = selectors.default_year()
    targets = warm_targets(county)
    for node in targets:
        with scope(area=node.path):  # each dashboard as a user of that node sees it
            selectors.dashboard(area=node, year=year)
    shared_cache.set(key, stamp, timeout=None)
    return str(len(targets))


schedule.periodic(
    "indicators.grids_warm",
    grids_warm,
    every=dt.timedelta(minutes=1),
    help=gettext_lazy("数据变动后预先计算驾驶舱指标（每分钟检查一次，无变动则跳过）"),
)
