from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from xingcun.core import permissions as perms
from xingcun.core.permissions import request_has, requires
from xingcun.universities import forms, selectors, services
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
        {
            "page": page,
            "totals": totals,
            "can_manage": request_has(request, perms.UNIVERSITY_VIEW),
            "can_enter": _can_enter(request),
        },
    )


@require_GET
@requires(perms.UNIVERSITY_HOME)
def dispatch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dispatch = get_object_or_404(
        selectors.dispatch_list(user=request.user, role=_role(request)), pk=pk
    )
    return render(request, "universities/dispatch_detail.html", {"dispatch": dispatch})


def _can_enter(request: HttpRequest) -> bool:
    return request_has(request, perms.UNIVERSITY_EDIT) or request_has(request, perms.PARTNER_PORTAL)


@require_http_methods(["GET", "POST"])
@requires(perms.UNIVERSITY_HOME)
def dispatch_create(request: HttpRequest) -> HttpResponse:
    """A university's login records the people it sends (its own programmes only)."""
    if not _can_enter(request):
        raise PermissionDenied
    area = request.area  # type: ignore[attr-defined]
    programmes = forms.programmes_for(area)
    if _role(request) == perms.Role.PARTNER:
        programmes = programmes.filter(university__users=request.user.pk)
    form = forms.DispatchEntryForm(request.POST or None, area=area, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dispatch = services.dispatch_record(by=request.user, **data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, gettext("选派记录已登记"))
            return redirect("universities:dispatch", pk=dispatch.pk)
    return render(request, "universities/dispatch_form.html", {"form": form})
