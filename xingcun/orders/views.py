from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xingcun.core import audit
from xingcun.core.actions import submit
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
    if request.method == "POST":
        order = submit(
            request,
            form,
            lambda data: services.order_create(by=request.user, **data),
            lambda order: gettext("点单%(number)s已提交，等待派单") % {"number": order.number},
        )
        if order is not None:
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


def _order_step(
    request: ScopedRequest,
    order: ServiceOrder,
    name: str,
    form: BaseForm,
    act: Callable[[Mapping[str, Any]], ServiceOrder],
    done: str,
    back: str = "",
) -> HttpResponse:
    """Run one step of an order with the form posted from its page (in the page's context as
    `name`): back to the order (or to `back`), or the page again with the form's errors."""
    if submit(request, form, act, done) is not None:
        return redirect(back) if back else redirect("orders:detail", pk=order.pk)
    order.refresh_from_db()
    return render(
        request,
        "orders/order_detail.html",
        _detail_context(request, order, **{name: form}),
        status=200,
    )


@require_POST
@requires(ORDER_DISPATCH)
def order_assign(request: ScopedRequest, pk: int) -> HttpResponse:
    order = _order(request, pk)
    return _order_step(
        request,
        order,
        "assign_form",
        forms.AssignForm(request.POST, order=order),
        lambda data: services.order_assign(
            order=order, expert=data["expert"], team=data["team"], by=request.user
        ),
        gettext("已派单"),
    )


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
    return _order_step(
        request,
        order,
        "decline_form",
        forms.DeclineForm(request.POST),
        lambda data: services.order_decline(order=order, reason=data["reason"], by=request.user),
        gettext("已退回，等待重新派单"),
        back="orders:list",
    )


@require_POST
@requires(ORDER_RESPOND)
def order_deliver(request: ScopedRequest, pk: int) -> HttpResponse:
    order = _order(request, pk)
    form = forms.DeliverForm(request.POST, order=order)
    return _order_step(
        request,
        order,
        "deliver_form",
        form,
        lambda data: services.order_deliver(
            order=order,
            delivered_on=data["delivered_on"],
            villages=list(data["villages"]),
            beneficiaries=data["beneficiaries"],
            problems=form.problem_lines(),
            note=data["note"],
            by=request.user,
        ),
        gettext("服务情况已登记，等待村里评价"),
    )


@require_POST
@requires(ORDER_RATE)
def order_rate(request: ScopedRequest, pk: int) -> HttpResponse:
    order = _order(request, pk)
    return _order_step(
        request,
        order,
        "rate_form",
        forms.RateForm(request.POST),
        lambda data: services.order_rate(
            order=order, rating=data["rating"], comment=data["comment"], by=request.user
        ),
        gettext("评价已提交，点单办结"),
    )


@require_GET
@requires(ORDER_DISPATCH)
def order_overdue(request: ScopedRequest) -> HttpResponse:
    items = selectors.overdue_orders(today=timezone.localdate())
    return render(request, "orders/order_overdue.html", {"items": items})
