from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext

from xingcun.accounts.models import Membership
from xingcun.core import audit
from xingcun.core.permissions import role_has
from xingcun.honours.models import CasePhoto, ModelCase
from xingcun.honours.permissions import HONOUR_EDIT

PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp")


def _may_edit(actor: Any, case: ModelCase) -> bool:
    if getattr(actor, "is_superuser", False):
        return True
    memberships = Membership.objects.filter(user=actor).select_related("area")
    return any(
        case.area.path.startswith(m.area.path) and role_has(m.role, HONOUR_EDIT)
        for m in memberships
    )


@transaction.atomic
def photo_add(*, case: ModelCase, caption: str, upload: UploadedFile[Any], actor: Any) -> CasePhoto:
    if not _may_edit(actor, case):
        raise ValidationError(gettext("您无权为该典型案例上传照片"))
    name = (upload.name or "").lower()
    if not name.endswith(PHOTO_TYPES):
        raise ValidationError(gettext("照片只能是 JPG、PNG 或 WebP 格式"))
    if upload.size and upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(gettext("照片不能超过 10 MB"))
    caption = (caption or "").strip()
    if not caption:
        raise ValidationError(gettext("请填写照片说明"))
    photo = CasePhoto(area=case.area, case=case, caption=caption[:100], file=upload)
    photo.full_clean()
    photo.save()
    audit.log(
        actor=actor,
        action="model-cases.photo_added",
        obj=case,
        changes={"photo": [None, photo.caption], "file": photo.file.name},
    )
    return photo
