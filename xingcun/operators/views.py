from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Sum
from django.forms import BaseForm
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from xingcun.accounts.permissions import PARTNER_PORTAL
from xingcun.core.actions import Message, page_form_action
from xingcun.core.http import ScopedRequest
from xingcun.core.permissions import request_has, requires
from xingcun.operators import forms, selectors, services
from xingcun.operators.models import OperatorContract
from xingcun.operators.permissions import (
    OPERATOR_EDIT,
    OPERATOR_HOME,
    OPERATOR_REVIEW,
    OPERATOR_VIEW,
)


def _contract(request: ScopedRequest, pk: int) -> OperatorContract:
    contract: OperatorContract = get_object_or_404(
        selectors.contract_list(user=request.user, role=request.role), pk=pk
    )
    return contract


def _can_record(request: ScopedRequest) -> bool:
    """Cadres who edit operator records, and an operator team's own login (for its contracts)."""
    return request_has(request, OPERATOR_EDIT) or request_has(request, PARTNER_PORTAL)


@require_GET
@requires(OPERATOR_HOME)
def home(request: ScopedRequest) -> HttpResponse:
    qs = selectors.contract_list(user=request.user, role=request.role)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "operators/home.html",
        {"page": page, "can_manage": request_has(request, OPERATOR_VIEW)},
    )


def _context(request: ScopedRequest, contract: OperatorContract, **extra: Any) -> dict[str, Any]:
    active = contract.status == OperatorContract.Status.ACTIVE
    can_review = request_has(request, OPERATOR_REVIEW)
    context: dict[str, Any] = {
        "contract": contract,
        "results": contract.results.all(),
        "talents": contract.talents.select_related("kind"),
        "projects": contract.projects.select_related("project"),
        "reviews": contract.reviews.all(),
        "totals": {
            "businesses": contract.results.aggregate(n=Sum("businesses"))["n"] or 0,
            "talents": contract.talents.aggregate(n=Sum("count"))["n"] or 0,
            "investment": contract.projects.aggregate(n=Sum("project__investment"))["n"] or 0,
        },
        "result_form": extra.get("result_form")
        or (forms.ResultForm() if active and _can_record(request) else None),
        "review_form": extra.get("review_form") or (forms.ReviewForm() if can_review else None),
        "terminate_form": extra.get("terminate_form")
        or (forms.TerminateForm() if active and can_review else None),
    }
    return context


@require_GET
@requires(OPERATOR_HOME)
def contract_detail(request: ScopedRequest, pk: int) -> HttpResponse:
    contract = _contract(request, pk)
    return render(request, "operators/contract_detail.html", _context(request, contract))


def _contract_form(
    perm: str,
    name: str,
    form_class: type[BaseForm],
    service: Callable[..., object],
    done: Message,
    find: Callable[[ScopedRequest, int], OperatorContract] = _contract,
) -> Callable[..., HttpResponseBase]:
    """A form of the contract's page (`name` in its context), handled by `service`."""
    return page_form_action(
        perm,
        find=find,
        form=lambda request, contract: form_class(request.POST),
        act=lambda request, contract, data: service(contract=contract, by=request.user, **data),
        done=done,
        then=lambda contract: redirect("operators:contract", pk=contract.pk),
        page=lambda request, contract, form: render(
            request, "operators/contract_detail.html", _context(request, contract, **{name: form})
        ),
    )


def _recordable(request: ScopedRequest, pk: int) -> OperatorContract:
    if not _can_record(request):
        raise PermissionDenied
    return _contract(request, pk)


def _review(*, reward: Decimal | None, **data: Any) -> object:
    return services.review_record(reward=reward or Decimal(0), **data)


result_add = _contract_form(
    OPERATOR_HOME,
    "result_form",
    forms.ResultForm,
    services.result_record,
    gettext_lazy("运营成效已登记"),
    find=_recordable,
)
review_add = _contract_form(
    OPERATOR_REVIEW, "review_form", forms.ReviewForm, _review, gettext_lazy("年度考核已登记")
)
contract_terminate = _contract_form(
    OPERATOR_REVIEW,
    "terminate_form",
    forms.TerminateForm,
    services.contract_terminate,
    gettext_lazy("已解约"),
)
