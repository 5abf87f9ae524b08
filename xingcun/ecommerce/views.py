from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from xingcun.core import permissions as perms
from xingcun.core.models import Area
from xingcun.core.permissions import request_has, requires
from xingcun.ecommerce import forms, rules, selectors, services
from xingcun.ecommerce.models import NewFarmerBranch
from xingcun.indicators.selectors import figures, page_year, year_choices
from xingcun.pairing.selectors import district_of

FIGURES = (
    "ecommerce.taobao_towns",
    "ecommerce.taobao_villages",
    "ecommerce.coverage",
    "ecommerce.shops",
    "ecommerce.sales",
    "ecommerce.model_villages",
    "ecommerce.replications",
    "newfarmer.members",
    "newfarmer.projects",
    "newfarmer.investment",
)


@require_GET
@requires(perms.ECOMMERCE_VIEW)
def index(request: HttpRequest) -> HttpResponse:
    area: Area = request.area  # type: ignore[attr-defined]
    year = page_year(request.GET)
    context: dict[str, Any] = {
        "area": area,
        "year": year,
        "years": year_choices(year),
        "figures": figures(area=area, year=year, codes=FIGURES),
        "rule": rules.rule_for(area=area, year=year),
        "villages": rules.taobao_villages(year=year).order_by("area__code"),
        "towns": rules.taobao_towns(year=year),
        "branches": selectors.branch_list(),
        "can_configure": request_has(request, perms.ECOMMERCE_CONFIGURE),
    }
    return render(request, "ecommerce/index.html", context)


@require_POST
@requires(perms.ECOMMERCE_CONFIGURE)
def default_rule(request: HttpRequest) -> HttpResponse:
    """Create the default 淘宝村/淘宝镇 rule (DOMAIN.md) for the user's district."""
    area: Area = request.area  # type: ignore[attr-defined]
    try:
        rules.ensure_default_rule(district=district_of(area), actor=request.user)
        messages.success(request, gettext("已创建默认的淘宝村(镇)认定规则"))
    except ValidationError as e:
        for message in e.messages:
            messages.error(request, message)
    return redirect("ecommerce:index")


def _branch_context(request: HttpRequest, branch: NewFarmerBranch, **extra: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "branch": branch,
        "members": selectors.branch_members(branch=branch),
        "projects": selectors.branch_projects(branch=branch),
        "can_edit": request_has(request, perms.ECOMMERCE_EDIT),
        "join_form": forms.JoinForm(),
        "project_form": forms.ProjectLinkForm(branch=branch),
    }
    context.update(extra)
    return context


@require_GET
@requires(perms.ECOMMERCE_VIEW)
def branch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    branch = get_object_or_404(NewFarmerBranch.objects.select_related("organisation"), pk=pk)
    return render(request, "ecommerce/branch_detail.html", _branch_context(request, branch))


@require_POST
@requires(perms.ECOMMERCE_EDIT)
def branch_join(request: HttpRequest, pk: int) -> HttpResponse:
    branch = get_object_or_404(NewFarmerBranch.objects.select_related("organisation"), pk=pk)
    form = forms.JoinForm(request.POST)
    if form.is_valid():
        try:
            services.newfarmer_join(branch=branch, actor=request.user, **form.cleaned_data)
            messages.success(request, gettext("已加入新农人党组织"))
            return redirect("ecommerce:branch-detail", pk=pk)
        except ValidationError as e:
            form.add_error(None, e)
    context = _branch_context(request, branch, join_form=form)
    return render(request, "ecommerce/branch_detail.html", context)


@require_POST
@requires(perms.ECOMMERCE_EDIT)
def branch_project(request: HttpRequest, pk: int) -> HttpResponse:
    branch = get_object_or_404(NewFarmerBranch.objects.select_related("organisation"), pk=pk)
    form = forms.ProjectLinkForm(request.POST, branch=branch)
    if form.is_valid():
        try:
            services.newfarmer_project_link(branch=branch, actor=request.user, **form.cleaned_data)
            messages.success(request, gettext("项目已关联"))
            return redirect("ecommerce:branch-detail", pk=pk)
        except ValidationError as e:
            form.add_error(None, e)
    context = _branch_context(request, branch, project_form=form)
    return render(request, "ecommerce/branch_detail.html", context)
