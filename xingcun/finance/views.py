from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from xingcun.core import permissions as perms
from xingcun.core.permissions import request_has, requires
from xingcun.finance import forms, selectors, services
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
            "can_enter": _can_enter(request),
        },
    )


@require_GET
@requires(perms.FINANCE_HOME)
def loan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    loan = get_object_or_404(selectors.loan_list(user=request.user, role=_role(request)), pk=pk)
    return render(request, "finance/loan_detail.html", {"loan": loan})


def _can_enter(request: HttpRequest) -> bool:
    return request_has(request, perms.FINANCE_EDIT) or request_has(request, perms.PARTNER_PORTAL)


@require_http_methods(["GET", "POST"])
@requires(perms.FINANCE_HOME)
def loan_create(request: HttpRequest) -> HttpResponse:
    """A bank's login enters its own loans (its banks' products only); staff may enter any."""
    if not _can_enter(request):
        raise PermissionDenied
    area = request.area  # type: ignore[attr-defined]
    products = forms.products_for(area)
    if _role(request) == perms.Role.PARTNER:
        products = products.filter(bank__users=request.user.pk)
    form = forms.LoanEntryForm(request.POST or None, area=area, products=products)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            loan = services.loan_record(
                village=data.pop("village"),
                by=request.user,
                term_months=data.pop("term_months") or None,
                **data,
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request,
                gettext("贷款已登记，节约财务成本%(cost_saved)s万元")
                % {"cost_saved": loan.cost_saved},
            )
            return redirect("finance:loan", pk=loan.pk)
    return render(request, "finance/loan_form.html", {"form": form})
