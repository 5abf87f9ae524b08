from __future__ import annotations

from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET

from xingcun.core.actions import object_action, serve_file, uploaded
from xingcun.core.http import ScopedRequest
from xingcun.core.permissions import requires
from xingcun.villages import services
from xingcun.villages.models import ProfileEvidence, VillageProfile
from xingcun.villages.permissions import PROFILE_EDIT, PROFILE_VIEW

evidence_add = object_action(
    PROFILE_EDIT,
    find=lambda request, pk: get_object_or_404(VillageProfile.objects.all(), pk=pk),
    act=lambda request, profile: services.evidence_add(
        profile=profile,
        title=request.POST.get("title", ""),
        upload=uploaded(request, gettext("请选择要上传的佐证材料")),
        actor=request.user,
    ),
    done=gettext_lazy("佐证材料已上传"),
    back=lambda profile: redirect("core:profiles-detail", pk=profile.pk),
    joined=True,
)


@require_GET
@requires(PROFILE_VIEW)
def evidence_download(request: ScopedRequest, pk: int) -> HttpResponseBase:
    """Evidence files are served through the scope, never as public media."""
    evidence = get_object_or_404(ProfileEvidence.objects.all(), pk=pk)
    return serve_file(evidence.file, as_attachment=True)
