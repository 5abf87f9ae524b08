from __future__ import annotations

from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET

from xingcun.core.actions import object_action, serve_file, uploaded
from xingcun.core.http import ScopedRequest
from xingcun.core.permissions import request_has, requires
from xingcun.honours import selectors, services
from xingcun.honours.models import CasePhoto, Level, ModelCase
from xingcun.honours.permissions import HONOUR_EDIT, HONOUR_VIEW
from xingcun.indicators.selectors import page_year


@requires(HONOUR_VIEW)
@require_GET
def index(request: ScopedRequest) -> HttpResponse:
    year = page_year(request, timezone.localdate().year)
    counts = selectors.honour_counts(year=year)
    context = {
        "year": year,
        "levels": [(label, counts.get(value, 0)) for value, label in Level.choices],
        "honours": selectors.recent_honours(),
        "cases": selectors.recent_cases(),
        "reports": selectors.recent_reports(),
        "incomes": selectors.model_village_incomes(year=year),
        "can_edit": request_has(request, HONOUR_EDIT),
    }
    return render(request, "honours/index.html", context)


photo_add = object_action(
    HONOUR_EDIT,
    find=lambda request, pk: get_object_or_404(ModelCase.objects.all(), pk=pk),
    act=lambda request, case: services.photo_add(
        case=case,
        caption=request.POST.get("caption", ""),
        upload=uploaded(request, gettext("请选择要上传的照片")),
        actor=request.user,
    ),
    done=gettext_lazy("照片已上传"),
    back=lambda case: redirect("core:model-cases-detail", pk=case.pk),
    joined=True,
)


@require_GET
@requires(HONOUR_VIEW)
def photo(request: ScopedRequest, pk: int) -> HttpResponseBase:
    """Photos are served through the scope, never as public media."""
    return serve_file(get_object_or_404(CasePhoto.objects.all(), pk=pk).file)
