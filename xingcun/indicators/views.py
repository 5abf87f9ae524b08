from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET, require_POST

from xingcun.core import versions
from xingcun.core.http import ScopedRequest
from xingcun.core.models import Area
from xingcun.core.permissions import request_has, requires
from xingcun.core.scoping import in_scope
from xingcun.core.tabular import write_xlsx
from xingcun.indicators import cache as indicator_cache
from xingcun.indicators import drill, engine, selectors, services
from xingcun.indicators.engine import Indicator, Kind, Period
from xingcun.indicators.forms import FreezeForm
from xingcun.indicators.models import Snapshot
from xingcun.indicators.permissions import INDICATOR_VIEW, SNAPSHOT_MANAGE

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _node(request: ScopedRequest) -> Area:
    """The user's node; a platform superuser without a role gets the top of the tree."""
    area = request.area
    if area is None:
        area = Area.objects.filter(parent__isnull=True).order_by("code").first()
    if area is None:
        raise Http404
    return area


def _area(code: str) -> Area:
    return get_object_or_404(Area.objects.all(), code=code)  # scoped: other areas are 404


def _period(token: str) -> Period:
    try:
        return Period.parse(token)
    except ValueError as e:
        raise Http404 from e


def _indicator(code: str) -> Indicator:
    try:
        return engine.get(code)
    except KeyError as e:
        raise Http404 from e


def _crumbs(area: Area) -> list[tuple[Area, bool]]:
    """The ancestors of `area`, each with whether the user may open it."""
    return [(a, in_scope(a)) for a in area.ancestors()]


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# --- dashboard ------------------------------------------------------------------------------------


@requires(INDICATOR_VIEW)
@require_GET
def dashboard(request: ScopedRequest) -> HttpResponse:
    return _dashboard(request, _node(request))


@requires(INDICATOR_VIEW)
@require_GET
def dashboard_area(request: ScopedRequest, area: str) -> HttpResponse:
    return _dashboard(request, _area(area))


def _dashboard(request: ScopedRequest, area: Area) -> HttpResponse:
    year = selectors.page_year(request)
    can_freeze = request_has(request, SNAPSHOT_MANAGE)
    user_area = request.area
    # The rendered page body is cached while no figure can have changed (the versions of every
    # table an indicator reads), per node, year, viewer's jurisdiction, role and language; the
    # figures themselves are only built on a miss (the board is lazy).
    fragment = versions.key(
        "dashboard",
        area.path,
        year,
        user_area.path if user_area else "",
        can_freeze,
        get_language(),
        indicator_cache.figures_stamp(versions.current()),
    )
    context = {
        "board": selectors.LazyDashboard(area=area, year=year),
        "year": year,
        "years": selectors.year_choices(year),
        "crumbs": _crumbs(area),
        "can_freeze": can_freeze,
        "fragment": fragment,
        "fragment_timeout": indicator_cache.TIMEOUT,
    }
    return render(request, "indicators/dashboard.html", context)


@requires(INDICATOR_VIEW)
@require_GET
def chart_data(request: ScopedRequest, chart: str, area: str, period: str) -> HttpResponse:
    if chart not in selectors.CHART_BY_KEY:
        raise Http404
    node, when = _area(area), _period(period)
    title, headers, rows = selectors.chart_table(key=chart, area=node, period=when)
    return _xlsx(write_xlsx(headers, rows), f"{title}.xlsx")


# --- catalogue ------------------------------------------------------------------------------------


@requires(INDICATOR_VIEW)
@require_GET
def catalogue(request: ScopedRequest) -> HttpResponse:
    area = _node(request)
    year = selectors.page_year(request)
    period = Period.year(year)
    context = {
        "area": area,
        "period": period,
        "year": year,
        "years": selectors.year_choices(year),
        "sections": selectors.catalogue(area=area, period=period),
        "can_freeze": request_has(request, SNAPSHOT_MANAGE),
    }
    return render(request, "indicators/catalogue.html", context)


# --- drill-down -----------------------------------------------------------------------------------


@requires(INDICATOR_VIEW)
@require_GET
def drilldown(request: ScopedRequest, code: str, area: str, period: str) -> HttpResponse:
    """The figure, its parts, its children, and the records that make it, each table with the
    column the figure adds up and a total row equal to the figure (or to its part)."""
    indicator, node, when = _indicator(code), _area(area), _period(period)
    # One grid (from the cache when current): the value, its parts and the children's values.
    periods = [when, when.previous_year()] if indicator.kind == Kind.CHANGE else [when]
    levels = (node.level + 1,) if node.level < Area.Level.VILLAGE else ()
    grid = engine.evaluate_grid(
        area=node, periods=periods, codes=[code, *indicator.parts()], levels=levels
    )
    now = grid[str(when)]
    result = now[code][node.code]
    parts = [now[c][node.code] for c in indicator.parts()]
    if indicator.kind == Kind.CHANGE:
        parts.append(grid[str(when.previous_year())][indicator.base][node.code])
    children = [r for child, r in now[code].items() if child != node.code]
    tables = []
    for index, found in enumerate(drill.tables(code, area=node, period=when)):
        key = "page" if index == 0 else f"page{index + 1}"
        page = Paginator(found.rows, PAGE_SIZE).get_page(request.GET.get(key))
        rows = list(zip(page, found.row_values(page), strict=True))
        tables.append(
            {
                "table": found,
                "page": page,
                "page_key": key,
                "rows": [(found.view.url(obj), values) for obj, values in rows],
            }
        )
    context = {
        "indicator": indicator,
        "area": node,
        "period": when,
        "result": result,
        "parts": parts,
        "children": children,
        "tables": tables,
        "crumbs": _crumbs(node),
    }
    return render(request, "indicators/drilldown.html", context)


@requires(INDICATOR_VIEW)
@require_GET
def drilldown_export(request: ScopedRequest, code: str, area: str, period: str) -> HttpResponse:
    indicator, node, when = _indicator(code), _area(area), _period(period)
    found = drill.tables(code, area=node, period=when)[0]  # a ratio's numerator records
    headers = found.headers()
    rows = list(found.row_values(found.rows.iterator(chunk_size=2000)))
    if found.measure_header:
        rows.append(["合计", *[""] * (len(headers) - 2), found.total])
    content = write_xlsx(headers, rows)
    return _xlsx(content, f"{node.display_name}{when.label}{indicator.name}明细.xlsx")


# --- snapshots ------------------------------------------------------------------------------------


def _snapshot_page(request: ScopedRequest, form: FreezeForm) -> HttpResponse:
    page = Paginator(selectors.snapshot_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    context: dict[str, Any] = {"page": page, "form": form, "area": _node(request)}
    return render(request, "indicators/snapshot_list.html", context)


@requires(SNAPSHOT_MANAGE)
@require_GET
def snapshot_list(request: ScopedRequest) -> HttpResponse:
    year = selectors.default_year()
    return _snapshot_page(request, FreezeForm(initial={"period": str(year)}))


@requires(SNAPSHOT_MANAGE)
@require_POST
def snapshot_freeze(request: ScopedRequest) -> HttpResponse:
    form = FreezeForm(request.POST)
    if not form.is_valid():
        return _snapshot_page(request, form)
    snapshot = services.snapshot_freeze(area=_node(request), by=request.user, **form.cleaned())
    messages.success(
        request,
        gettext("已冻结%(display_name)s%(label)s的指标值")
        % {
            "display_name": snapshot.area.display_name,
            "label": Period.parse(snapshot.period).label,
        },
    )
    return redirect(reverse("indicators:snapshot-detail", args=[snapshot.pk]))


@requires(SNAPSHOT_MANAGE)
@require_GET
def snapshot_detail(request: ScopedRequest, pk: int) -> HttpResponse:
    snapshot = get_object_or_404(
        Snapshot.objects.select_related("area", "frozen_by", "withdrawn_by"), pk=pk
    )
    own, differing = selectors.snapshot_comparison(snapshot=snapshot)
    context = {
        "snapshot": snapshot,
        "period": Period.parse(snapshot.period),
        "own": own,
        "differing": differing,
        "now": timezone.now(),
    }
    return render(request, "indicators/snapshot_detail.html", context)


@requires(SNAPSHOT_MANAGE)
@require_POST
def snapshot_withdraw(request: ScopedRequest, pk: int) -> HttpResponse:
    snapshot = get_object_or_404(Snapshot.objects.all(), pk=pk)
    services.snapshot_withdraw(snapshot=snapshot, by=request.user)
    messages.success(request, gettext("快照已撤销，相关指标恢复使用实时值"))
    return redirect(reverse("indicators:snapshot-detail", args=[snapshot.pk]))
