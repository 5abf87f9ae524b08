from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from xingcun.accounts.permissions import PARTNER_PORTAL
from xingcun.core.actions import submit
from xingcun.core.http import ScopedRequest, require_area
from xingcun.core.permissions import Role, request_has, requires
from xingcun.finance import forms, selectors, services
from xingcun.finance.models import Loan, LoanProduct
from xingcun.finance.permissions import FINANCE_EDIT, FINANCE_HOME, FINANCE_VIEW


@require_GET
@requires(FINANCE_HOME)
def home(request: ScopedRequest) -> HttpResponse:
    loans = selectors.loan_list(user=request.user, role=request.role)
    page = Paginator(loans, 50).get_page(request.GET.get("page"))
    totals = loans.order_by().aggregate(
        n=Count("pk"), amount=Sum("amount"), saved=Sum("cost_saved")
    )
    debt = (
        loans.filter(purpose=Loan.Purpose.DEBT)
        .order_by()
        .aggregate(n=Count("pk"), amount=Sum("amount"))
    )
    products = LoanProduct.objects.inherited().select_related("bank").order_by("bank__name", "name")
    if request.role == Role.PARTNER:
        products = products.filter(bank__users=request.user.pk)
    return render(
        request,
        "finance/home.html",
        {
            "page": page,
            "totals": totals,
            "debt": debt,
            "products": products,
            "can_manage": request_has(request, FINANCE_VIEW),
            "can_enter": _can_enter(request),
        },
    )


@require_GET
@requires(FINANCE_HOME)
def loan_detail(request: ScopedRequest, pk: int) -> HttpResponse:
    loan = get_object_or_404(selectors.loan_list(user=request.user, role=request.role), pk=pk)
    return render(request, "finance/loan_detail.html", {"loan": loan})


def _can_enter(request: ScopedRequest) -> bool:
    return request_has(request, FINANCE_EDIT) or request_has(request, PARTNER_PORTAL)


@require_http_methods(["GET", "POST"])
@requires(FINANCE_HOME)
def loan_create(request: ScopedRequest) -> HttpResponse:
    """A bank's login enters its own loans (its banks' products only); staff may enter any."""
    if not _can_enter(request):
        raise PermissionDenied
    area = require_area(request)
    products = forms.products_for(area)
    if request.role == Role.PARTNER:
        products = products.filter(bank__users=request.user.pk)
    form = forms.LoanEntryForm(request.POST or None, area=area, products=products)

    def record(data: Mapping[str, Any]) -> Loan:
        values = dict(data)
        return services.loan_record(
            village=values.pop("village"),
            by=request.user,
            term_months=values.pop("term_months") or None,
            **values,
        )

    if request.method == "POST":
        loan = submit(
            request,
            form,
            record,
            lambda loan: (
                gettext("贷款已登记，节约财务成本%(cost_saved)s万元")
                % {"cost_saved": loan.cost_saved}
            ),
        )
        if loan is not None:
            return redirect("finance:loan", pk=loan.pk)
    return render(request, "finance/loan_form.html", {"form": form})
