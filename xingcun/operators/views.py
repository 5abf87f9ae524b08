from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Sum
from django.forms import BaseForm
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from xingcun.accounts.permissions import PARTNER_PORTAL
from xingcun.core.actions import submit_on_page
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


def _contract_step(
    request: ScopedRequest,
    contract: OperatorContract,
    name: str,
    form: BaseForm,
    act: Callable[[Mapping[str, Any]], object],
    done: str,
) -> HttpResponseBase:
    """A form of the contract's page (`name` in its context): back to the page, or the page again
    with the form's errors."""
    return submit_on_page(
        request,
        form,
        act,
        done,
        then=lambda _: redirect("operators:contract", pk=contract.pk),
        page=lambda: render(
            request, "operators/contract_detail.html", _context(request, contract, **{name: form})
        ),
    )


@require_POST
@requires(OPERATOR_HOME)
def result_add(request: ScopedRequest, pk: int) -> HttpResponseBase:
    if not _can_record(request):
        raise PermissionDenied
    contract = _contract(request, pk)
    return _contract_step(
        request,
        contract,
        "result_form",
        forms.ResultForm(request.POST),
        lambda data: services.result_record(contract=contract, by=request.user, **data),
        gettext("运营成效已登记"),
    )


@require_POST
@requires(OPERATOR_REVIEW)
def review_add(request: ScopedRequest, pk: int) -> HttpResponseBase:
    contract = _contract(request, pk)
    return _contract_step(
        request,
        contract,
        "review_form",
        forms.ReviewForm(request.POST),
        lambda data: services.review_record(
            contract=contract,
            year=data["year"],
            score=data["score"],
            reward=data["reward"] or Decimal(0),
            comment=data["comment"],
            by=request.user,
        ),
        gettext("年度考核已登记"),
    )


@require_POST
@requires(OPERATOR_REVIEW)
def contract_terminate(request: ScopedRequest, pk: int) -> HttpResponseBase:
    contract = _contract(request, pk)
    return _contract_step(
        request,
        contract,
        "terminate_form",
        forms.TerminateForm(request.POST),
        lambda data: services.contract_terminate(contract=contract, by=request.user, **data),
        gettext("已解约"),
    )
