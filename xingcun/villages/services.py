from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext

from xingcun.core import audit, registry
from xingcun.villages.models import ProfileEvidence, VillageProfile

EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
EVIDENCE_TYPES = (".pdf", ".jpg", ".jpeg", ".png", ".xlsx", ".xls", ".docx", ".doc", ".csv")


@transaction.atomic
def evidence_add(
    *, profile: VillageProfile, title: str, upload: UploadedFile[Any], actor: Any
) -> ProfileEvidence:
    name = (upload.name or "").lower()
    if not name.endswith(EVIDENCE_TYPES):
        raise ValidationError(gettext("佐证材料只能是 PDF、图片、Excel 或 Word 文件"))
    if upload.size and upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(gettext("佐证材料不能超过 20 MB"))
    if not title.strip():
        raise ValidationError(gettext("请填写材料说明"))
    evidence = ProfileEvidence(area=profile.area, profile=profile, title=title.strip(), file=upload)
    evidence.full_clean()
    registry.check_writable(evidence)  # a profile accepted in a reporting task is locked
    evidence.save()
    audit.log(
        actor=actor,
        action="profiles.evidence_added",
        obj=profile,
        changes={"evidence": [None, evidence.title], "file": evidence.file.name},
    )
    return evidence
