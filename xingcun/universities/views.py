from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from xingcun.accounts.permissions import PARTNER_PORTAL
from xingcun.core.actions import submit
from xingcun.core.http import ScopedRequest, require_area
from xingcun.core.permissions import Role, request_has, requires
from xingcun.universities import forms, selectors, services
from xingcun.universities.models import Dispatch
from xingcun.universities.permissions import UNIVERSITY_EDIT, UNIVERSITY_HOME, UNIVERSITY_VIEW


@require_GET
@requires(UNIVERSITY_HOME)
def home(request: ScopedRequest) -> HttpResponse:
    qs = selectors.dispatch_list(user=request.user, role=request.role)
    totals = {
        str(label): qs.filter(kind=kind).order_by().aggregate(n=Sum("headcount"))["n"] or 0
        for kind, label in Dispatch.Kind.choices
    }
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "universities/home.html",
        {
            "page": page,
            "totals": totals,
            "can_manage": request_has(request, UNIVERSITY_VIEW),
            "can_enter": _can_enter(request),
        },
    )


@require_GET
@requires(UNIVERSITY_HOME)
def dispatch_detail(request: ScopedRequest, pk: int) -> HttpResponse:
    dispatch = get_object_or_404(
        selectors.dispatch_list(user=request.user, role=request.role), pk=pk
    )
    return render(request, "universities/dispatch_detail.html", {"dispatch": dispatch})


def _can_enter(request: ScopedRequest) -> bool:
    return request_has(request, UNIVERSITY_EDIT) or request_has(request, PARTNER_PORTAL)


@require_http_methods(["GET", "POST"])
@requires(UNIVERSITY_HOME)
def dispatch_create(request: ScopedRequest) -> HttpResponse:
    """A university's login records the people it sends (its own programmes only)."""
    if not _can_enter(request):
        raise PermissionDenied
    area = require_area(request)
    programmes = forms.programmes_for(area)
    if request.role == Role.PARTNER:
        programmes = programmes.filter(university__users=request.user.pk)
    form = forms.DispatchEntryForm(request.POST or None, area=area, programmes=programmes)
    if request.method == "POST":
        dispatch = submit(
            request,
            form,
            lambda data: services.dispatch_record(by=request.user, **data),
            gettext("选派记录已登记"),
        )
        if dispatch is not None:
            return redirect("universities:dispatch", pk=dispatch.pk)
    return render(request, "universities/dispatch_form.html", {"form": form})
