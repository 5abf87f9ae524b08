from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from xingcun.core import permissions as perms
from xingcun.core.permissions import request_has, requires
from xingcun.universities import selectors
from xingcun.universities.models import Dispatch


def _role(request: HttpRequest) -> str | None:
    membership = getattr(request, "membership", None)
    return membership.role if membership else None


@require_GET
@requires(perms.UNIVERSITY_HOME)
def home(request: HttpRequest) -> HttpResponse:
    qs = selectors.dispatch_list(user=request.user, role=_role(request))
    totals = {
        str(label): qs.filter(kind=kind).order_by().aggregate(n=Sum("headcount"))["n"] or 0
        for kind, label in Dispatch.Kind.choices
    }
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "universities/home.html",
        {"page": page, "totals": totals, "can_manage": request_has(request, perms.UNIVERSITY_VIEW)},
    )


@require_GET
@requires(perms.UNIVERSITY_HOME)
def dispatch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dispatch = get_object_or_404(
        selectors.dispatch_list(user=request.user, role=_role(request)), pk=pk
    )
    return render(request, "universities/dispatch_detail.html", {"dispatch": dispatch})
