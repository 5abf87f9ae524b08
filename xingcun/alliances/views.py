from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from xingcun.alliances import forms, selectors, services
from xingcun.alliances.models import Alliance, AllianceMember
from xingcun.alliances.permissions import ALLIANCE_EDIT, ALLIANCE_VIEW
from xingcun.core.http import ScopedRequest, require_area
from xingcun.core.permissions import request_has, requires
from xingcun.indicators.selectors import figures, page_year, year_choices

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
    area = require_area(request)
    year = page_year(request)
    context: dict[str, Any] = {
        "area": area,
        "year": year,
        "years": year_choices(year),
        "figures": figures(area=area, year=year, codes=FIGURES),
        "alliances": selectors.alliance_list(),
        "can_edit": request_has(request, ALLIANCE_EDIT),
    }
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


@require_POST
@requires(ALLIANCE_EDIT)
def member_add(request: ScopedRequest, pk: int) -> HttpResponse:
    alliance = get_object_or_404(Alliance.objects.select_related("area"), pk=pk)
    form = forms.MemberAddForm(request.POST)
    if form.is_valid():
        try:
            member, warnings = services.member_add(
                alliance=alliance, actor=request.user, **form.cleaned_data
            )
            messages.success(
                request,
                gettext("“%(organisation)s”已加入联盟") % {"organisation": member.organisation},
            )
            for warning in warnings:
                messages.warning(request, warning)
            return redirect("alliances:detail", pk=pk)
        except ValidationError as e:
            form.add_error(None, e)
    context = _detail_context(request, alliance, member_form=form)
    return render(request, "alliances/detail.html", context)


@require_POST
@requires(ALLIANCE_EDIT)
def member_leave(request: ScopedRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(AllianceMember.objects.select_related("alliance"), pk=pk)
    form = forms.MemberLeaveForm(request.POST)
    if form.is_valid():
        try:
            services.member_leave(member=member, actor=request.user, **form.cleaned_data)
            messages.success(
                request,
                gettext("“%(organisation)s”已退出联盟") % {"organisation": member.organisation},
            )
        except ValidationError as e:
            for message in e.messages:
                messages.error(request, message)
    else:
        messages.error(request, gettext("请填写退出日期和原因"))
    return redirect("alliances:detail", pk=member.alliance_id)


@require_POST
@requires(ALLIANCE_EDIT)
def project_link(request: ScopedRequest, pk: int) -> HttpResponse:
    alliance = get_object_or_404(Alliance.objects.select_related("area"), pk=pk)
    form = forms.ProjectLinkForm(request.POST, alliance=alliance)
    if form.is_valid():
        try:
            services.project_link(alliance=alliance, actor=request.user, **form.cleaned_data)
            messages.success(request, gettext("项目已关联"))
            return redirect("alliances:detail", pk=pk)
        except ValidationError as e:
            form.add_error(None, e)
    context = _detail_context(request, alliance, project_form=form)
    return render(request, "alliances/detail.html", context)
