from __future__ import annotations

from collections.abc import Callable
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
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xingcun.core import audit
from xingcun.core.actions import Message, attempt, cleaned, object_action
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
    headers = [gettext("党组织"), gettext("所在区划"), gettext("年度"), gettext("状态"), gettext("自评总分"), gettext("镇街评分"), gettext("按得分星级"),
               gettext("确认星级"), gettext("上年星级"), gettext("升降")]  # fmt: skip
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
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(
        gettext("星级评定-%(year)s.xlsx") % {"year": year}
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
    form = ScoresForm(request.POST, dimensions=selectors.dimensions(rating.scheme))

    def score() -> Rating:
        data = cleaned(form, gettext("请为每个维度填写0到100之间的得分"))
        return services.rating_town_score(
            rating=rating, scores=form.scores(), note=data["note"], actor=request.user
        )

    attempt(request, score, gettext("镇街评分已保存"), joined=True)
    return redirect("ratings:detail", pk=rating.pk)


@requires(RATING_CONFIRM)
@require_POST
def confirm(request: ScopedRequest, pk: int) -> HttpResponse:
    rating = get_object_or_404(Rating.objects.all(), pk=pk)

    def confirm_star() -> Rating:
        data = cleaned(ConfirmForm(request.POST), gettext("请选择确认星级"))
        return services.rating_confirm(
            rating=rating, star=data["star"], note=data["note"], actor=request.user
        )

    attempt(request, confirm_star, gettext("星级已确认"), joined=True)
    return redirect("ratings:detail", pk=rating.pk)


def _district_step(step: Callable[..., int], done: Message) -> Callable[..., HttpResponse]:
    """A step of the district's rating year (confirm all, publicise, finalise) and its count."""

    @requires(RATING_CONFIRM)
    @require_POST
    def view(request: ScopedRequest) -> HttpResponse:
        year = _year(request, request.POST)
        attempt(
            request,
            lambda: step(district=_district(request), year=year, actor=request.user),
            lambda count: str(done) % {"count": count},
            joined=True,
        )
        return _back(year)

    return view


confirm_all = _district_step(
    services.rating_confirm_all, gettext_lazy("已确认%(count)s个党组织的星级")
)
publicise = _district_step(
    services.rating_publicise, gettext_lazy("已公示%(count)s个党组织的星级评定结果")
)
finalise = _district_step(services.rating_finalise, gettext_lazy("已为%(count)s个党组织定星"))


scheme_publish = object_action(
    RATING_CONFIG,
    find=lambda request, pk: get_object_or_404(StarScheme.objects.all(), pk=pk),
    act=lambda request, scheme: services.scheme_publish(scheme=scheme, actor=request.user),
    done=lambda scheme: gettext("方案“%(code)s”已发布") % {"code": scheme.code},
    back=lambda scheme: redirect("core:star-schemes-detail", pk=scheme.pk),
    joined=True,
)
