from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from xingcun.core import permissions as perms
from xingcun.core.permissions import request_has, requires
from xingcun.finance import selectors
from xingcun.finance.models import Loan, LoanProduct


def _role(request: HttpRequest) -> str | None:
    membership = getattr(request, "membership", None)
    return membership.role if membership else None


@require_GET
@requires(perms.FINANCE_HOME)
def home(request: HttpRequest) -> HttpResponse:
    loans = selectors.loan_list(user=request.user, role=_role(request))
    page = Paginator(loans, 50).get_page(request.GET.get("page"))
    totals = loans.order_by().aggregate(
        n=Count("pk"), amount=Sum("amount"), saved=Sum("cost_saved")
    )
    debt = (
        loans.filter(purpose=Loan.Purpose.DEBT)
        .order_by()
        .aggregate(n=Count("pk"), amount=Sum("amount"))
    )
    products = LoanProduct.unscoped.select_related("bank").order_by("bank__name", "name")
    if _role(request) == perms.Role.PARTNER:
        products = products.filter(bank__users=request.user.pk)
    return render(
        request,
        "finance/home.html",
        {
            "page": page,
            "totals": totals,
            "debt": debt,
            "products": products,
            "can_manage": request_has(request, perms.FINANCE_VIEW),
        },
    )


@require_GET
@requires(perms.FINANCE_HOME)
def loan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    loan = get_object_or_404(selectors.loan_list(user=request.user, role=_role(request)), pk=pk)
    return render(request, "finance/loan_detail.html", {"loan": loan})
