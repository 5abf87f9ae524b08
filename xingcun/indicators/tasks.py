"""Warm on write: after writes, the figures readers will ask for are recomputed in the background.

Every minute the scheduler queues `grids_warm` once per county. The task compares the versions of
all tables with those it last warmed the county at (one query): when nothing was written it stops;
otherwise it evaluates the dashboards of the county, of each of its towns and of the nodes above it
for the default year, which puts the current sums into the shared cache (only the source queries
whose tables changed are recomputed). A burst of writes or an import is thus followed by one
warm-up per county within a minute, and the first reader gets a warm page.
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
    """The nodes whose dashboards a write in `county` changes: the nodes above it, itself, its
    towns (each dashboard also shows the node's children)."""
    above = county.ancestors()  # the tree is public (Area.tree): no scope needed to read it
    towns = list(Area.tree.filter(parent=county).order_by("code"))
    return [*above, county, *towns]


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
