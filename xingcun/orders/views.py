from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xingcun.core import audit
from xingcun.core.http import ScopedRequest, require_area
from xingcun.core.permissions import AUDIT_VIEW, Role, request_has, requires
from xingcun.orders import forms, selectors, services
from xingcun.orders.models import ServiceOrder
from xingcun.orders.permissions import (
    ORDER_CREATE,
    ORDER_DISPATCH,
    ORDER_RATE,
    ORDER_RESPOND,
    ORDER_VIEW,
    TALENT_VIEW,
)

PAGE_SIZE = 50


def _visible(request: ScopedRequest) -> QuerySet[ServiceOrder]:
    return selectors.order_list(user=request.user, role=request.role)


def _order(request: ScopedRequest, pk: int) -> ServiceOrder:
    """An order in scope and, for an expert, assigned to them; 404 otherwise."""
    order: ServiceOrder = get_object_or_404(_visible(request), pk=pk)
    return order


@require_GET
@requires(ORDER_VIEW)
def order_list(request: ScopedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = selectors.order_list(user=request.user, role=request.role, status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": ServiceOrder.Status.choices,
        "counts": selectors.order_counts(qs=_visible(request)),
        "can_create": request_has(request, ORDER_CREATE),
        "can_dispatch": request_has(request, ORDER_DISPATCH),
        "can_configure": request_has(request, TALENT_VIEW),
        "expert": selectors.expert_of(request.user) if request.role == Role.EXPERT else None,
    }
    return render(request, "orders/order_list.html", context)


@require_http_methods(["GET", "POST"])
@requires(ORDER_CREATE)
def order_create(request: ScopedRequest) -> HttpResponse:
    area = require_area(request)
    form = forms.OrderForm(request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = services.order_create(
                village=data["village"],
                category=data["category"],
                need=data["need"],
                preferred_from=data["preferred_from"],
                preferred_to=data["preferred_to"],
                by=request.user,
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request, gettext("点单%(number)s已提交，等待派单") % {"number": order.number}
            )
            return redirect("orders:detail", pk=order.pk)
    return render(request, "orders/order_form.html", {"form": form})


@require_GET
@requires(ORDER_VIEW)
def order_detail(request: ScopedRequest, pk: int) -> HttpResponse:
    order = _order(request, pk)
    return render(request, "orders/order_detail.html", _detail_context(request, order))


def _detail_context(request: ScopedRequest, order: ServiceOrder, **forms_: Any) -> dict[str, Any]:
    status = ServiceOrder.Status
    can_dispatch = request_has(request, ORDER_DISPATCH) and order.status in (
        status.ORDERED,
        status.DECLINED,
        status.ASSIGNED,
    )
    is_expert = request_has(request, ORDER_RESPOND)
    context: dict[str, Any] = {
        "order": order,
        "deadlines": selectors.deadlines(order),
        "problems": order.problems.all(),
        "villages": order.villages.all(),
        "history": audit.history(order)[:30] if request_has(request, AUDIT_VIEW) else [],
        "can_dispatch": can_dispatch,
        "can_respond": is_expert and order.status == status.ASSIGNED,
        "can_deliver": is_expert and order.status == status.ACCEPTED,
        "can_rate": request_has(request, ORDER_RATE) and order.status == status.DELIVERED,
    }
    if can_dispatch:
        context["suggestions"] = selectors.assignment_suggestions(order=order)
        context["assign_form"] = forms_.get("assign_form") or forms.AssignForm(order=order)
    if context["can_respond"]:
        context["decline_form"] = forms_.get("decline_form") or forms.DeclineForm()
    if context["can_deliver"]:
        context["deliver_form"] = forms_.get("deliver_form") or forms.DeliverForm(
            order=order, initial={"delivered_on": timezone.localdate()}
        )
    if context["can_rate"]:
        context["rate_form"] = forms_.get("rate_form") or forms.RateForm()
    return context


def _rerender(request: ScopedRequest, order: ServiceOrder, **forms_: Any) -> HttpResponse:
    order.refresh_from_db()
    return render(
        request, "orders/order_detail.html", _detail_context(request, order, **forms_), status=200
    )


@require_POST
@requires(ORDER_DISPATCH)
def order_assign(request: ScopedRequest, pk: int) -> HttpResponse:
    order = _order(request, pk)
    form = forms.AssignForm(request.POST, order=order)
    if form.is_valid():
        try:
            services.order_assign(
                order=order,
                expert=form.cleaned_data["expert"],
                team=form.cleaned_data["team"],
                by=request.user,
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, gettext("已派单"))
            return redirect("orders:detail", pk=order.pk)
    return _rerender(request, order, assign_form=form)


@require_POST
@requires(ORDER_RESPOND)
def order_accept(request: ScopedRequest, pk: int) -> HttpResponse:
    # Another expert of the team may have accepted it a moment ago (before this request, or while
    # it waited for the row's lock): it then leaves this expert's list, and the loser of the race
    # is sent to the list with what happened in words, never to a 404.
    taken = selectors.taken_from_team(user=request.user, pk=pk)
    if taken is not None:
        messages.error(request, services.accept_refusal(taken, request.user))
        return redirect("orders:list")
    order = _order(request, pk)
    try:
        services.order_accept(order=order, by=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        if selectors.taken_from_team(user=request.user, pk=pk) is not None:
            return redirect("orders:list")
    else:
        messages.success(request, gettext("已接单"))
    return redirect("orders:detail", pk=order.pk)


@require_POST
@requires(ORDER_RESPOND)
def order_decline(request: ScopedRequest, pk: int) -> HttpResponse:
    order = _order(request, pk)
    form = forms.DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.order_decline(order=order, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, gettext("已退回，等待重新派单"))
            return redirect("orders:list")
    return _rerender(request, order, decline_form=form)


@require_POST
@requires(ORDER_RESPOND)
def order_deliver(request: ScopedRequest, pk: int) -> HttpResponse:
    order = _order(request, pk)
    form = forms.DeliverForm(request.POST, order=order)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.order_deliver(
                order=order,
                delivered_on=data["delivered_on"],
                villages=list(data["villages"]),
                beneficiaries=data["beneficiaries"],
                problems=form.problem_lines(),
                note=data["note"],
                by=request.user,
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, gettext("服务情况已登记，等待村里评价"))
            return redirect("orders:detail", pk=order.pk)
    return _rerender(request, order, deliver_form=form)


@require_POST
@requires(ORDER_RATE)
def order_rate(request: ScopedRequest, pk: int) -> HttpResponse:
    order = _order(request, pk)
    form = forms.RateForm(request.POST)
    if form.is_valid():
        try:
            services.order_rate(
                order=order,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                by=request.user,
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, gettext("评价已提交，点单办结"))
            return redirect("orders:detail", pk=order.pk)
    return _rerender(request, order, rate_form=form)


@require_GET
@requires(ORDER_DISPATCH)
def order_overdue(request: ScopedRequest) -> HttpResponse:
    items = selectors.overdue_orders(today=timezone.localdate())
    return render(request, "orders/order_overdue.html", {"items": items})
