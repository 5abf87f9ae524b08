from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms import BaseForm
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from xingcun.core.actions import Message, attempt, page_form_action
from xingcun.core.http import ScopedRequest, require_area
from xingcun.core.permissions import request_has, requires
from xingcun.ecommerce import forms, rules, selectors, services
from xingcun.ecommerce.models import NewFarmerBranch
from xingcun.ecommerce.permissions import ECOMMERCE_CONFIGURE, ECOMMERCE_EDIT, ECOMMERCE_VIEW
from xingcun.indicators.selectors import year_page

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
@requires(ECOMMERCE_VIEW)
def index(request: ScopedRequest) -> HttpResponse:
    context = year_page(request, FIGURES)
    area, year = context["area"], context["year"]
    context.update(
        rule=rules.rule_for(area=area, year=year),
        villages=rules.taobao_villages(year=year).order_by("area__code"),
        towns=rules.taobao_towns(year=year),
        branches=selectors.branch_list(),
        can_configure=request_has(request, ECOMMERCE_CONFIGURE),
    )
    return render(request, "ecommerce/index.html", context)


@require_POST
@requires(ECOMMERCE_CONFIGURE)
def default_rule(request: ScopedRequest) -> HttpResponse:
    """Create the default 淘宝村/淘宝镇 rule (DOMAIN.md) for the user's district."""
    area = require_area(request)
    attempt(
        request,
        lambda: rules.ensure_default_rule(district=area.district(), actor=request.user),
        gettext("已创建默认的淘宝村(镇)认定规则"),
    )
    return redirect("ecommerce:index")


def _branch_context(
    request: ScopedRequest, branch: NewFarmerBranch, **extra: Any
) -> dict[str, Any]:
    context: dict[str, Any] = {
        "branch": branch,
        "members": selectors.branch_members(branch=branch),
        "projects": selectors.branch_projects(branch=branch),
        "can_edit": request_has(request, ECOMMERCE_EDIT),
        "join_form": forms.JoinForm(),
        "project_form": forms.ProjectLinkForm(branch=branch),
    }
    context.update(extra)
    return context


@require_GET
@requires(ECOMMERCE_VIEW)
def branch_detail(request: ScopedRequest, pk: int) -> HttpResponse:
    branch = get_object_or_404(NewFarmerBranch.objects.select_related("organisation"), pk=pk)
    return render(request, "ecommerce/branch_detail.html", _branch_context(request, branch))


def _branch_form(
    name: str,
    form: Callable[[ScopedRequest, NewFarmerBranch], BaseForm],
    service: Callable[..., object],
    done: Message,
) -> Callable[..., HttpResponseBase]:
    """A form of the branch's page (`name` in its context), handled by `service`."""
    return page_form_action(
        ECOMMERCE_EDIT,
        find=lambda request, pk: get_object_or_404(
            NewFarmerBranch.objects.select_related("organisation"), pk=pk
        ),
        form=form,
        act=lambda request, branch, data: service(branch=branch, actor=request.user, **data),
        done=done,
        then=lambda branch: redirect("ecommerce:branch-detail", pk=branch.pk),
        page=lambda request, branch, bound: render(
            request,
            "ecommerce/branch_detail.html",
            _branch_context(request, branch, **{name: bound}),
        ),
    )


branch_join = _branch_form(
    "join_form",
    lambda request, branch: forms.JoinForm(request.POST),
    services.newfarmer_join,
    gettext_lazy("已加入新农人党组织"),
)
branch_project = _branch_form(
    "project_form",
    lambda request, branch: forms.ProjectLinkForm(request.POST, branch=branch),
    services.newfarmer_project_link,
    gettext_lazy("项目已关联"),
)
