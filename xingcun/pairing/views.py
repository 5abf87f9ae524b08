from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xingcun.core.actions import (
    Message,
    attempt,
    attempt_form,
    object_action,
    page_form_action,
    serve_file,
    submit,
)
from xingcun.core.http import ScopedRequest, require_area
from xingcun.core.models import Area
from xingcun.core.permissions import request_has, requires
from xingcun.indicators.selectors import figures, page_year, year_choices
from xingcun.pairing import forms, selectors, services
from xingcun.pairing.models import (
    Activity,
    Agreement,
    PairingRun,
    PairRule,
    Proposal,
    VillageAssessment,
)
from xingcun.pairing.permissions import (
    PAIRING_CONFIGURE,
    PAIRING_EDIT,
    PAIRING_RECOMMEND,
    PAIRING_VIEW,
)

FIGURES = (
    "pairing.active",
    "pairing.formed",
    "pairing.compliant",
    "pairing.compliance_rate",
    "pairing.demonstration",
    "pairing.demonstration_share",
)


@require_GET
@requires(PAIRING_VIEW)
def index(request: ScopedRequest) -> HttpResponse:
    area, year = require_area(request), page_year(request)
    target = selectors.target_for(area=area, year=year)
    values = dict(zip(FIGURES, figures(area=area, year=year, codes=FIGURES), strict=True))
    context: dict[str, Any] = {
        "area": area,
        "year": year,
        "years": year_choices(year),
        "figures": list(values.values()),
        "compliance": values["pairing.compliance_rate"],
        "demonstration": values["pairing.demonstration_share"],
        "target": target,
        "agreements": selectors.agreements_active(year=year).order_by("-start_on")[:200],
        "unpaired": selectors.unpaired_weak(year=year),
        "awaiting_activity": selectors.agreements_awaiting_activity(today=timezone.localdate())[
            :100
        ],
        "activity_every_days": selectors.ACTIVITY_EVERY_DAYS,
        "runs": selectors.run_list()[:20],
        "can_recommend": request_has(request, PAIRING_RECOMMEND),
        "run_form": forms.RunCreateForm(initial={"year": year}),
        "needs_defaults": selectors.weights_for(area=area, year=year) is None,
        "can_configure": request_has(request, PAIRING_CONFIGURE),
    }
    return render(request, "pairing/index.html", context)


@require_POST
@requires(PAIRING_CONFIGURE)
def defaults(request: ScopedRequest) -> HttpResponse:
    """Create DOMAIN.md's default catalogues, weights and targets for the user's district."""
    district = require_area(request).district()
    attempt(
        request,
        lambda: services.ensure_defaults(
            district=district, years=[page_year(request)], actor=request.user
        ),
        lambda created: gettext("已创建默认配置 %(sum)s 项") % {"sum": sum(created.values())},
    )
    return redirect("pairing:index")


@require_POST
@requires(PAIRING_RECOMMEND)
def run_create(request: ScopedRequest) -> HttpResponse:
    form = forms.RunCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("请填写正确的年度"))
        return redirect("pairing:index")
    run = attempt(
        request,
        lambda: services.run_create(
            area=require_area(request), year=form.cleaned_data["year"], actor=request.user
        ),
    )
    if run is None:
        return redirect("pairing:index")
    return redirect("pairing:run-detail", pk=run.pk)


def _run_context(request: ScopedRequest, run: PairingRun, **extra: Any) -> dict[str, Any]:
    proposals = list(
        Proposal.objects.filter(run=run).select_related("strong__area", "weak__area", "agreement")
    )
    rules = list(PairRule.objects.filter(run=run).select_related("strong", "weak"))
    context = {
        "run": run,
        "proposals": proposals,
        "rules": rules,
        "weights_form": forms.RunWeightsForm(instance=run),
        "rule_form": forms.RuleForm(choices=selectors.village_organisations(on=run.end_on)),
        "accept_form": forms.AcceptForm(run=run),
        "cooperation_areas": selectors.cooperation_areas_for(area=run.area, year=run.year),
        "gain": (
            run.total_score - run.greedy_score
            if run.total_score is not None and run.greedy_score is not None
            else None
        ),
    }
    context.update(extra)
    return context


@require_GET
@requires(PAIRING_RECOMMEND)
def run_detail(request: ScopedRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(PairingRun.objects.all(), pk=pk)
    return render(request, "pairing/run_detail.html", _run_context(request, run))


@require_POST
@requires(PAIRING_RECOMMEND)
def run_update(request: ScopedRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(PairingRun.objects.all(), pk=pk)
    form = forms.RunWeightsForm(request.POST, instance=PairingRun.objects.get(pk=pk))

    def update_and_solve(data: Mapping[str, Any]) -> PairingRun:
        services.run_update(run=run, actor=request.user, **data)
        return services.run_solve(run=run, actor=request.user)

    if (
        submit(request, form, update_and_solve, gettext("参数已保存，推荐结果已重新计算"))
        is not None
    ):
        return redirect("pairing:run-detail", pk=run.pk)
    context = _run_context(request, run, weights_form=form)
    return render(request, "pairing/run_detail.html", context)


@require_POST
@requires(PAIRING_RECOMMEND)
def rule_add(request: ScopedRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(PairingRun.objects.all(), pk=pk)
    form = forms.RuleForm(request.POST, choices=selectors.village_organisations(on=run.end_on))
    if form.is_valid():
        attempt(
            request,
            lambda: services.rule_add(run=run, actor=request.user, **form.cleaned_data),
            gettext("已保存，请重新计算推荐结果"),
        )
    else:
        messages.error(request, gettext("请选择帮扶方和受援方"))
    return redirect("pairing:run-detail", pk=run.pk)


rule_remove = object_action(
    PAIRING_RECOMMEND,
    find=lambda request, pk: get_object_or_404(PairRule.objects.select_related("run"), pk=pk),
    act=lambda request, rule: services.rule_remove(rule=rule, actor=request.user),
    done=None,
    back=lambda rule: redirect("pairing:run-detail", pk=rule.run_id),
)
run_solve = object_action(
    PAIRING_RECOMMEND,
    find=lambda request, pk: get_object_or_404(PairingRun.objects.all(), pk=pk),
    act=lambda request, run: services.run_solve(run=run, actor=request.user),
    done=gettext_lazy("推荐结果已计算"),
    back=lambda run: redirect("pairing:run-detail", pk=run.pk),
)


@require_POST
@requires(PAIRING_RECOMMEND)
def run_accept(request: ScopedRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(PairingRun.objects.all(), pk=pk)
    form = forms.AcceptForm(request.POST, run=run)
    attempt_form(
        request,
        form,
        lambda data: services.run_accept(
            run=run, proposals=list(data["proposals"]), actor=request.user
        ),
        lambda agreements: gettext("已形成%(len)s份结对共建协议") % {"len": len(agreements)},
    )
    return redirect("pairing:run-detail", pk=run.pk)


# --- agreements -----------------------------------------------------------------------------------


def _agreement_context(
    request: ScopedRequest, agreement: Agreement, **extra: Any
) -> dict[str, Any]:
    context = {
        "agreement": agreement,
        "activities": Activity.objects.filter(agreement=agreement),
        "renewals": agreement.renewals.all(),
        "end_form": forms.EndForm(),
        "renew_form": forms.RenewForm(),
        "activity_form": forms.ActivityLogForm(),
        "can_edit": request_has(request, PAIRING_EDIT),
    }
    context.update(extra)
    return context


@require_GET
@requires(PAIRING_VIEW)
def agreement_detail(request: ScopedRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.select_related("strong__area", "weak__area", "run"), pk=pk
    )
    return render(request, "pairing/agreement_detail.html", _agreement_context(request, agreement))


def _agreement_page(
    request: ScopedRequest, agreement: Agreement, form: BaseForm, name: str
) -> HttpResponse:
    agreement.refresh_from_db()
    context = _agreement_context(request, agreement, **{name: form})
    return render(request, "pairing/agreement_detail.html", context)


def _agreement_form(
    name: str, form_class: type[BaseForm], service: Callable[..., object], done: Message
) -> Callable[..., HttpResponseBase]:
    """A form of the agreement's page (`name` in its context), handled by `service`."""
    return page_form_action(
        PAIRING_EDIT,
        find=lambda request, pk: get_object_or_404(Agreement.objects.all(), pk=pk),
        form=lambda request, agreement: form_class(request.POST, request.FILES),
        act=lambda request, agreement, data: service(
            agreement=agreement, actor=request.user, **data
        ),
        done=done,
        then=lambda agreement: redirect("pairing:agreement-detail", pk=agreement.pk),
        page=lambda request, agreement, form: _agreement_page(request, agreement, form, name),
    )


agreement_end = _agreement_form(
    "end_form", forms.EndForm, services.agreement_end, gettext_lazy("结对已结束")
)
agreement_renew = _agreement_form(
    "renew_form", forms.RenewForm, services.agreement_renew, gettext_lazy("结对已续签")
)
activity_add = _agreement_form(
    "activity_form", forms.ActivityLogForm, services.activity_log, gettext_lazy("活动已记录")
)


@require_GET
@requires(PAIRING_VIEW)
def activity_evidence(request: ScopedRequest, pk: int) -> HttpResponseBase:
    activity = get_object_or_404(Activity.objects.all(), pk=pk)
    return serve_file(activity.evidence, as_attachment=True)


# --- 双整 and 示范村 ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@requires(PAIRING_EDIT)
def assessment(request: ScopedRequest, code: str, year: int) -> HttpResponse:
    village = get_object_or_404(Area.objects.all(), code=code, level=Area.Level.VILLAGE)
    if not 2000 <= year <= 2100:
        raise Http404
    existing = VillageAssessment.objects.filter(area=village, year=year).first()
    initial: dict[str, Any] = {}
    if existing is not None:
        initial = {
            "items": list(existing.items_met.all()),
            "demonstration": existing.demonstration,
            "evidence_note": existing.evidence_note,
        }
    form = forms.AssessmentMarkForm(
        request.POST or None, request.FILES or None, village=village, year=year, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.assessment_mark(
                village=village, year=year, actor=request.user, **form.cleaned_data
            )
            messages.success(
                request,
                gettext("已保存：")
                + (gettext("达到“双整”标准") if saved.compliant else gettext("尚未达到“双整”标准")),
            )
            return redirect("core:assessments-detail", pk=saved.pk)
        except ValidationError as e:
            form.add_error(None, e)
    context = {"village": village, "year": year, "form": form, "existing": existing}
    return render(request, "pairing/assessment.html", context)


@require_GET
@requires(PAIRING_VIEW)
def assessment_evidence(request: ScopedRequest, pk: int) -> HttpResponseBase:
    found = get_object_or_404(VillageAssessment.objects.all(), pk=pk)
    return serve_file(found.evidence, as_attachment=True)
