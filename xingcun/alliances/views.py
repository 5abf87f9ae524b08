from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from xingcun.alliances import forms, selectors, services
from xingcun.alliances.models import Alliance, AllianceMember
from xingcun.alliances.permissions import ALLIANCE_EDIT, ALLIANCE_VIEW
from xingcun.core.actions import attempt, submit_on_page
from xingcun.core.http import ScopedRequest
from xingcun.core.permissions import request_has, requires
from xingcun.indicators.selectors import page_year, year_choices, year_page

T = TypeVar("T")

FIGURES = (
    "alliances.count",
    "alliances.projects_landed",
    "alliances.investment",
    "alliances.tourism_visitors",
    "alliances.tourism_revenue",
    "alliances.member_income_increase",
)


@require_GET
@requires(ALLIANCE_VIEW)
def index(request: ScopedRequest) -> HttpResponse:
    context = year_page(request, FIGURES)
    context.update(
        alliances=selectors.alliance_list(), can_edit=request_has(request, ALLIANCE_EDIT)
    )
    return render(request, "alliances/index.html", context)


def _detail_context(request: ScopedRequest, alliance: Alliance, **extra: Any) -> dict[str, Any]:
    year = page_year(request)
    end = dt.date(year, 12, 31)
    count, investment = selectors.landed_investment(alliance=alliance, on=end)
    incomes = selectors.member_incomes(alliance=alliance, year=year)
    known = [i.increase for i in incomes if i.increase is not None]
    context: dict[str, Any] = {
        "alliance": alliance,
        "year": year,
        "years": year_choices(year),
        "members": AllianceMember.objects.filter(alliance=alliance).select_related(
            "organisation__area"
        ),
        "warnings": selectors.contiguity_warnings(alliance=alliance),
        "resources": alliance.resources.select_related("provider"),
        "stewards": alliance.stewards.all(),
        "projects": selectors.projects_of(alliance=alliance),
        "landed": count,
        "investment_yi": investment / 10000,
        "incomes": incomes,
        "income_total": sum(known) if known else None,
        "can_edit": request_has(request, ALLIANCE_EDIT),
        "member_form": forms.MemberAddForm(),
        "leave_form": forms.MemberLeaveForm(),
        "project_form": forms.ProjectLinkForm(alliance=alliance),
    }
    context.update(extra)
    return context


@require_GET
@requires(ALLIANCE_VIEW)
def detail(request: ScopedRequest, pk: int) -> HttpResponse:
    alliance = get_object_or_404(Alliance.objects.select_related("area", "lead"), pk=pk)
    return render(request, "alliances/detail.html", _detail_context(request, alliance))


def _alliance_step(
    request: ScopedRequest,
    pk: int,
    name: str,
    make_form: Callable[[Alliance], BaseForm],
    act: Callable[[Alliance, Mapping[str, Any]], T],
    done: Callable[[T], str] | str,
    then: Callable[[T], object] = lambda _: None,
) -> HttpResponseBase:
    """A form of the alliance's page (`name` in its context): back to the page, or the page
    again with the form's errors."""
    alliance = get_object_or_404(Alliance.objects.select_related("area"), pk=pk)
    form = make_form(alliance)

    def back(result: T) -> HttpResponseBase:
        then(result)
        return redirect("alliances:detail", pk=pk)

    return submit_on_page(
        request,
        form,
        lambda data: act(alliance, data),
        done,
        then=back,
        page=lambda: render(
            request, "alliances/detail.html", _detail_context(request, alliance, **{name: form})
        ),
    )


@require_POST
@requires(ALLIANCE_EDIT)
def member_add(request: ScopedRequest, pk: int) -> HttpResponseBase:
    def warn(added: tuple[AllianceMember, list[str]]) -> None:
        for warning in added[1]:
            messages.warning(request, warning)

    return _alliance_step(
        request,
        pk,
        "member_form",
        lambda alliance: forms.MemberAddForm(request.POST),
        lambda alliance, data: services.member_add(alliance=alliance, actor=request.user, **data),
        lambda added: (
            gettext("“%(organisation)s”已加入联盟") % {"organisation": added[0].organisation}
        ),
        then=warn,
    )


@require_POST
@requires(ALLIANCE_EDIT)
def member_leave(request: ScopedRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(AllianceMember.objects.select_related("alliance"), pk=pk)
    form = forms.MemberLeaveForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.member_leave(member=member, actor=request.user, **form.cleaned_data),
            gettext("“%(organisation)s”已退出联盟") % {"organisation": member.organisation},
        )
    else:
        messages.error(request, gettext("请填写退出日期和原因"))
    return redirect("alliances:detail", pk=member.alliance_id)


@require_POST
@requires(ALLIANCE_EDIT)
def project_link(request: ScopedRequest, pk: int) -> HttpResponseBase:
    return _alliance_step(
        request,
        pk,
        "project_form",
        lambda alliance: forms.ProjectLinkForm(request.POST, alliance=alliance),
        lambda alliance, data: services.project_link(alliance=alliance, actor=request.user, **data),
        gettext("项目已关联"),
    )
