"""Pages of the work cycle: to-do, tasks, completeness with 催报, an instance with its review
steps, quality rules, and the 360° pages of a village and a town."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xingcun.core import audit, datasets
from xingcun.core.models import Area
from xingcun.core.periods import parse
from xingcun.core.permissions import request_has, requires
from xingcun.notifications import selectors as notification_selectors
from xingcun.reporting import panorama, selectors, services, todo
from xingcun.reporting.forms import ReturnForm, RuleForm, TaskForm
from xingcun.reporting.models import QualityRule, ReportingTask, TaskInstance
from xingcun.reporting.permissions import (
    PANORAMA_VIEW,
    QUALITY_CONFIG,
    REPORTING_ACT,
    REPORTING_MANAGE,
    REPORTING_VIEW,
)


def _role(request: HttpRequest) -> str | None:
    membership = getattr(request, "membership", None)
    return membership.role if membership else None


def _area(request: HttpRequest) -> Area:
    return request.area  # type: ignore[attr-defined,no-any-return]


@requires(REPORTING_VIEW)
@require_GET
def todo_page(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/todo.html", {"work": todo.for_request(request)})


@requires(REPORTING_VIEW)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    instances = selectors.instance_list(status=status)[:200]
    return render(
        request,
        "reporting/index.html",
        {
            "tasks": selectors.task_list(),
            "instances": instances,
            "status": status,
            "statuses": TaskInstance.Status.choices,
            "can_manage": request_has(request, REPORTING_MANAGE),
        },
    )


@requires(REPORTING_MANAGE)
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest) -> HttpResponse:
    area = _area(request)
    form = TaskForm(request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_create(actor=request.user, area=area, **form.cleaned_data)
        except ValidationError as e:
            _add_errors(form, e)
        else:
            messages.success(request, f"报送任务“{task.title}”已下发")
            return redirect(reverse("reporting:completeness") + f"?task={task.pk}")
    return render(request, "reporting/task_form.html", {"form": form})


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for e in errors:
                form.add_error(name if name in form.fields else None, e)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _task(pk: Any) -> ReportingTask:
    try:
        return selectors.task_list().get(pk=int(pk))
    except (ReportingTask.DoesNotExist, ValueError, TypeError) as e:
        raise Http404 from e


@requires(REPORTING_MANAGE)
@require_GET
def completeness(request: HttpRequest) -> HttpResponse:
    area = _area(request)
    if request.GET.get("task"):
        task = _task(request.GET["task"])
        periods = selectors.periods_of(task)
        period = request.GET.get("period") or (periods[0] if periods else "")
    else:
        current = selectors.current_task_period()
        if current is None:
            return render(request, "reporting/completeness.html", {"task": None})
        task, period = current
        periods = selectors.periods_of(task)
    tally = selectors.completeness(task=task, period=period, under=area)
    late = selectors.late().filter(task=task, period=period)
    return render(
        request,
        "reporting/completeness.html",
        {
            "task": task,
            "tasks": selectors.task_list(),
            "period": period,
            "period_label": parse(period).label if period else "",
            "periods": periods,
            "tally": tally,
            "late": late,
            "waiting": selectors.waiting_for(role=_role(request)).filter(task=task, period=period),
        },
    )


@requires(REPORTING_MANAGE)
@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    period = request.POST.get("period", "")
    late = selectors.late().filter(task=task, period=period)
    chosen = request.POST.getlist("instance")
    if chosen:
        late = late.filter(pk__in=[int(i) for i in chosen if i.isdigit()])
    count = services.remind(instances=list(late), actor=request.user)
    messages.success(request, f"已向{count}个村社发送催报提醒")
    return redirect(reverse("reporting:completeness") + f"?task={task.pk}&period={period}")


def _instance(pk: int) -> TaskInstance:
    return get_object_or_404(
        TaskInstance.objects.select_related("task", "task__area", "area", "area__parent"), pk=pk
    )


@requires(REPORTING_VIEW)
@require_GET
def instance_detail(request: HttpRequest, pk: int) -> HttpResponse:
    instance = _instance(pk)
    return render(request, "reporting/instance.html", _instance_context(request, instance))


def _instance_context(request: HttpRequest, instance: TaskInstance, **extra: Any) -> dict[str, Any]:
    dataset = datasets.get(instance.task.dataset)
    period = parse(instance.period)
    figures = dataset.figures_of(instance.area, period)
    allowed = services.allowed(instance, _role(request))
    findings = services.instance_check(instance) if "submit" in allowed else list(instance.findings)
    return {
        "instance": instance,
        "dataset": dataset,
        "figures": [(dataset.labels.get(k, k), v) for k, v in figures.items()],
        "records": dataset.records(instance.area, period)[:20],
        "entry_url": reverse(dataset.entry_url) if dataset.entry_url else "",
        "allowed": allowed,
        "findings": findings,
        "explanations": instance.explanations,
        "return_form": extra.pop("return_form", ReturnForm()),
        "history": audit.history(instance)[:30],
        "today": timezone.localdate(),
        **extra,
    }


def _act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    instance = _instance(pk)
    role, user = _role(request), request.user
    try:
        if action == "submit":
            explanations = {
                k.removeprefix("explain_"): request.POST.get(k, "")
                for k in request.POST
                if k.startswith("explain_")
            }
            services.instance_submit(
                instance=instance, actor=user, role=role, explanations=explanations
            )
            messages.success(request, "已报送，等待审核")
        elif action == "approve":
            services.instance_approve(instance=instance, actor=user, role=role)
            messages.success(request, "已审核通过，报区委验收")
        elif action == "accept":
            services.instance_accept(instance=instance, actor=user, role=role)
            messages.success(request, "已验收，该期数据已锁定")
        else:
            form = ReturnForm(request.POST)
            if "return" in services.allowed(instance, role) and not form.is_valid():
                context = _instance_context(request, instance, return_form=form)
                return render(request, "reporting/instance.html", context, status=400)
            services.instance_return(
                instance=instance, actor=user, role=role, reason=request.POST.get("reason", "")
            )
            messages.success(request, "已退回，并通知村社")
    except ValidationError as e:
        for message in e.messages:
            messages.error(request, message)
        if e.code == "transition":
            return redirect(reverse("reporting:instance", args=[pk]))
    return redirect(reverse("reporting:instance", args=[pk]))


@requires(REPORTING_ACT)
@require_POST
def instance_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "submit")


@requires(REPORTING_ACT)
@require_POST
def instance_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "approve")


@requires(REPORTING_ACT)
@require_POST
def instance_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "accept")


@requires(REPORTING_ACT)
@require_POST
def instance_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "return")


@requires(REPORTING_VIEW)
@require_http_methods(["GET", "POST"])
def rules(request: HttpRequest) -> HttpResponse:
    can_edit = request_has(request, QUALITY_CONFIG)
    form = RuleForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                rule = services.rule_create(
                    actor=request.user, area=_area(request), values=form.cleaned_data
                )
            except ValidationError as e:
                _add_errors(form, e)
            else:
                messages.success(request, f"规则“{rule.name}”已保存")
                return redirect("reporting:rules")
    area = _area(request)
    rule_list = QualityRule.objects.inherited().filter(area__path__in=area.lineage_paths())
    rule_list = rule_list.select_related("area")
    titles = dict(datasets.choices())
    return render(
        request,
        "reporting/rules.html",
        {
            "rules": [(r, titles.get(r.dataset, r.dataset)) for r in rule_list],
            "form": form,
            "labels": [(d.title, d.labels) for d in datasets.all_datasets()],
        },
    )


@requires(PANORAMA_VIEW)
@require_GET
def village(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(Area.objects.all(), code=code)
    if area.level != Area.Level.VILLAGE:
        return redirect("reporting:town", code=code)
    return render(request, "reporting/village.html", panorama.village(area=area))


@requires(PANORAMA_VIEW)
@require_GET
def town(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(Area.objects.all(), code=code)
    if area.level == Area.Level.VILLAGE:
        return redirect("reporting:village", code=code)
    return render(request, "reporting/town.html", panorama.town(area=area))


@login_required
@require_GET
def badge(request: HttpRequest) -> HttpResponse:
    """The top bar's counts (unread notifications, to-do items), loaded after the page."""
    total = todo.for_request(request).total if getattr(request, "membership", None) else 0
    return render(
        request,
        "notifications/_badge.html",
        {"unread": notification_selectors.unread_count(user=request.user), "todo_total": total},
    )
