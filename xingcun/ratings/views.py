from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xingcun.core import audit
from xingcun.core.http import ScopedRequest, parse_year
from xingcun.core.models import Area
from xingcun.core.permissions import AUDIT_VIEW, request_has, requires
from xingcun.core.tabular import write_xlsx
from xingcun.organisations.models import Organisation
from xingcun.ratings import selectors, services
from xingcun.ratings.forms import ConfirmForm, ScoresForm
from xingcun.ratings.models import DimensionScore, Rating, StarScheme
from xingcun.ratings.permissions import (
    RATING_CONFIG,
    RATING_CONFIRM,
    RATING_SELF,
    RATING_TOWN,
    RATING_VIEW,
)

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request: ScopedRequest, data: Any = None) -> int:
    """The year asked for, else the latest year with ratings in scope, else last year."""
    latest: int | None = Rating.objects.aggregate(y=Max("year"))["y"]
    asked = parse_year(data.get("year")) if data else request.year
    return asked or latest or timezone.localdate().year - 1


def _node(request: ScopedRequest) -> Area:
    area = request.area
    if area is None:
        area = Area.objects.filter(level=Area.Level.COUNTY).order_by("code").first()
    if area is None:
        raise Http404
    return area


def _district(request: ScopedRequest) -> Area:
    node = _node(request)
    if node.level <= Area.Level.COUNTY:
        return node
    return next(a for a in node.ancestors() if a.level == Area.Level.COUNTY)


def _errors(request: ScopedRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _back(year: int) -> HttpResponse:
    return redirect(f"{reverse('ratings:index')}?year={year}")


@requires(RATING_VIEW)
@require_GET
def index(request: ScopedRequest) -> HttpResponse:
    year = _year(request)
    node = _node(request)
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()
    ratings = selectors.rating_list(year=year, status=status, query=query)
    page = Paginator(ratings, PAGE_SIZE).get_page(request.GET.get("page"))
    scheme = selectors.scheme_for(area=node, year=year)
    total, quotas = selectors.quota_status(scheme=scheme, year=year) if scheme else (0, [])
    rated = set(Rating.objects.filter(year=year).values_list("organisation_id", flat=True))
    unrated: list[Organisation] = []
    if request_has(request, RATING_SELF):
        unrated = [o for o in selectors.rateable_organisations(year=year) if o.pk not in rated]
    context = {
        "year": year,
        "years": range(timezone.localdate().year, 2016, -1),
        "page": page,
        "status": status,
        "query": query,
        "statuses": Rating.Status.choices,
        "scheme": scheme,
        "total": total,
        "quotas": quotas,
        "counts": selectors.star_counts(year=year),
        "unrated": unrated[:50],
        "can_self": request_has(request, RATING_SELF),
        "can_confirm": request_has(request, RATING_CONFIRM),
        "querystring": request.GET.urlencode(),
    }
    return render(request, "ratings/index.html", context)


@requires(RATING_VIEW)
@require_GET
def export(request: ScopedRequest) -> HttpResponse:
    year = _year(request)
    headers = ["党组织", "所在区划", "年度", "状态", "自评总分", "镇街评分", "按得分星级",
               "确认星级", "上年星级", "升降"]  # fmt: skip
    rows = (
        [
            r.organisation.name,
            r.area.display_name,
            r.year,
            r.get_status_display(),
            r.self_total,
            r.town_total,
            r.proposed_label,
            r.star_label,
            "" if r.previous_star is None else r.previous_star,
            r.get_change_display(),
        ]
        for r in selectors.rating_list(year=year, status=request.GET.get("status", ""))
    )
    response = HttpResponse(write_xlsx(headers, rows), content_type=XLSX)
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(f'星级评定-{year}.xlsx')}"
    )
    return response


@requires(RATING_SELF)
@require_http_methods(["GET", "POST"])
def self_score(request: ScopedRequest) -> HttpResponse:
    year = _year(request, request.POST or None)
    pk = (request.POST or request.GET).get("organisation", "")
    if not str(pk).isdigit():
        return _back(year)  # the organisations waiting for self-scores are listed there
    organisation = get_object_or_404(selectors.rateable_organisations(year=year), pk=int(pk))
    scheme = selectors.scheme_for(area=organisation.area, year=year)
    if scheme is None:
        messages.error(request, gettext("%(year)s年度没有已发布的星级评定方案") % {"year": year})
        return _back(year)
    dims = selectors.dimensions(scheme)
    existing = Rating.objects.filter(organisation=organisation, year=year).first()
    initial: dict[str, Any] = {}
    if existing is not None:
        initial["note"] = existing.self_note
        for s in DimensionScore.objects.filter(rating=existing).select_related("dimension"):
            initial[f"dim_{s.dimension.code}"] = s.self_score
    form = ScoresForm(request.POST or None, dimensions=dims, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rating = services.rating_self_score(
                organisation=organisation,
                year=year,
                scores=form.scores(),
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request,
                gettext("自评已提交，总分%(self_total)s") % {"self_total": rating.self_total},
            )
            return redirect("ratings:detail", pk=rating.pk)
    context = {"form": form, "organisation": organisation, "year": year, "scheme": scheme}
    return render(request, "ratings/self_score.html", context)


@requires(RATING_VIEW)
@require_GET
def detail(request: ScopedRequest, pk: int) -> HttpResponse:
    rating = get_object_or_404(
        Rating.objects.select_related("organisation", "area", "scheme"), pk=pk
    )
    scores = list(DimensionScore.objects.filter(rating=rating).select_related("dimension"))
    dims = [s.dimension for s in scores]
    town_initial: dict[str, Any] = {
        f"dim_{s.dimension.code}": s.town_score or s.self_score for s in scores
    }
    town_initial["note"] = rating.town_note
    context = {
        "rating": rating,
        "scores": scores,
        "town_form": ScoresForm(dimensions=dims, initial=town_initial),
        "confirm_form": ConfirmForm(initial={"star": rating.proposed_star}),
        "can_self": request_has(request, RATING_SELF),
        "can_town": request_has(request, RATING_TOWN),
        "can_confirm": request_has(request, RATING_CONFIRM),
        "history": audit.history(rating)[:20] if request_has(request, AUDIT_VIEW) else [],
    }
    return render(request, "ratings/detail.html", context)


@requires(RATING_TOWN)
@require_POST
def town_score(request: ScopedRequest, pk: int) -> HttpResponse:
    rating = get_object_or_404(Rating.objects.select_related("scheme"), pk=pk)
    dims = selectors.dimensions(rating.scheme)
    form = ScoresForm(request.POST, dimensions=dims)
    try:
        if not form.is_valid():
            raise ValidationError(gettext("请为每个维度填写0到100之间的得分"))
        services.rating_town_score(
            rating=rating, scores=form.scores(), note=form.cleaned_data["note"], actor=request.user
        )
        messages.success(request, gettext("镇街评分已保存"))
    except ValidationError as e:
        _errors(request, e)
    return redirect("ratings:detail", pk=rating.pk)


@requires(RATING_CONFIRM)
@require_POST
def confirm(request: ScopedRequest, pk: int) -> HttpResponse:
    rating = get_object_or_404(Rating.objects.all(), pk=pk)
    form = ConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(gettext("请选择确认星级"))
        services.rating_confirm(
            rating=rating,
            star=form.cleaned_data["star"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
        messages.success(request, gettext("星级已确认"))
    except ValidationError as e:
        _errors(request, e)
    return redirect("ratings:detail", pk=rating.pk)


@requires(RATING_CONFIRM)
@require_POST
def confirm_all(request: ScopedRequest) -> HttpResponse:
    year = _year(request, request.POST)
    try:
        count = services.rating_confirm_all(
            district=_district(request), year=year, actor=request.user
        )
        messages.success(request, gettext("已确认%(count)s个党组织的星级") % {"count": count})
    except ValidationError as e:
        _errors(request, e)
    return _back(year)


@requires(RATING_CONFIRM)
@require_POST
def publicise(request: ScopedRequest) -> HttpResponse:
    year = _year(request, request.POST)
    try:
        count = services.rating_publicise(
            district=_district(request), year=year, actor=request.user
        )
        messages.success(
            request, gettext("已公示%(count)s个党组织的星级评定结果") % {"count": count}
        )
    except ValidationError as e:
        _errors(request, e)
    return _back(year)


@requires(RATING_CONFIRM)
@require_POST
def finalise(request: ScopedRequest) -> HttpResponse:
    year = _year(request, request.POST)
    try:
        count = services.rating_finalise(district=_district(request), year=year, actor=request.user)
        messages.success(request, gettext("已为%(count)s个党组织定星") % {"count": count})
    except ValidationError as e:
        _errors(request, e)
    return _back(year)


@requires(RATING_CONFIG)
@require_POST
def scheme_publish(request: ScopedRequest, pk: int) -> HttpResponse:
    scheme = get_object_or_404(StarScheme.objects.all(), pk=pk)
    try:
        services.scheme_publish(scheme=scheme, actor=request.user)
        messages.success(request, gettext("方案“%(code)s”已发布") % {"code": scheme.code})
    except ValidationError as e:
        _errors(request, e)
    return redirect("core:star-schemes-detail", pk=scheme.pk)
