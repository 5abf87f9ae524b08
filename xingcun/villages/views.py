from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from xingcun.core.http import ScopedRequest
from xingcun.core.permissions import requires
from xingcun.villages import services
from xingcun.villages.models import ProfileEvidence, VillageProfile
from xingcun.villages.permissions import PROFILE_EDIT, PROFILE_VIEW


@require_POST
@requires(PROFILE_EDIT)
def evidence_add(request: ScopedRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(VillageProfile.objects.all(), pk=pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, gettext("请选择要上传的佐证材料"))
    else:
        try:
            services.evidence_add(
                profile=profile,
                title=request.POST.get("title", ""),
                upload=upload,
                actor=request.user,
            )
            messages.success(request, gettext("佐证材料已上传"))
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
    return redirect("core:profiles-detail", pk=profile.pk)


@require_GET
@requires(PROFILE_VIEW)
def evidence_download(request: ScopedRequest, pk: int) -> HttpResponseBase:
    """Evidence files are served through the scope, never as public media."""
    evidence = get_object_or_404(ProfileEvidence.objects.all(), pk=pk)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=(evidence.file.name or "").rsplit("/", 1)[-1],
    )
