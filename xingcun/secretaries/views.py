from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from xingcun.core.http import ScopedRequest
from xingcun.core.permissions import request_has, requires
from xingcun.secretaries import selectors, services
from xingcun.secretaries.models import FirstSecretary, WeakRemovalPlan
from xingcun.secretaries.permissions import SECRETARY_CONFIG, SECRETARY_VIEW


@require_GET
@requires(SECRETARY_VIEW)
def home(request: ScopedRequest) -> HttpResponse:
    plans = [selectors.plan_summary(plan=p) for p in WeakRemovalPlan.objects.all()]
    postings = FirstSecretary.objects.select_related("area", "person").order_by("-started_on")[:20]
    return render(
        request,
        "secretaries/home.html",
        {
            "plans": plans,
            "postings": postings,
            "can_configure": request_has(request, SECRETARY_CONFIG),
        },
    )


@require_GET
@requires(SECRETARY_VIEW)
def plan_detail(request: ScopedRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(WeakRemovalPlan.objects.all(), pk=pk)
    rows = list(selectors.cohort_rows(plan=plan))
    postings = selectors.secretaries_of(area_ids=[r.area_id for r in rows])
    return render(
        request,
        "secretaries/plan_detail.html",
        {
            "summary": selectors.plan_summary(plan=plan),
            "rows": [(r, postings.get(r.area_id, [])) for r in rows],
            "can_configure": request_has(request, SECRETARY_CONFIG),
        },
    )


@require_POST
@requires(SECRETARY_CONFIG)
def plan_refresh(request: ScopedRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(WeakRemovalPlan.objects.all(), pk=pk)
    try:
        rows = services.weak_cohort_refresh(plan=plan, by=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request, gettext("已按最新村情档案重新计算，名单共%(len)s个村") % {"len": len(rows)}
        )
    return redirect("secretaries:plan", pk=plan.pk)
