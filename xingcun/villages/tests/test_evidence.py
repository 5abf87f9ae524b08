import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope, scopes_disabled

from xingcun.core.models import AuditEntry
from xingcun.core.permissions import Role
from xingcun.villages import services
from xingcun.villages.models import ProfileEvidence
from xingcun.villages.tests.factories import VillageProfileFactory


@pytest.fixture
def profile(tree):
    return VillageProfileFactory(area=tree.village_a)


def test_evidence_is_attached_and_audited(profile, tree):
    with scope(area=tree.village_a.path):
        services.evidence_add(
            profile=profile,
            title="财务报表",
            upload=SimpleUploadedFile("a.pdf", b"%PDF"),
            actor=None,
        )
    with scopes_disabled():
        assert ProfileEvidence.objects.get().area == tree.village_a
        assert AuditEntry.objects.get(action="profiles.evidence_added").object_id == str(profile.pk)


def test_executable_is_refused(profile, tree):
    with scope(area=tree.village_a.path), pytest.raises(ValidationError, match="只能是"):
        services.evidence_add(
            profile=profile, title="x", upload=SimpleUploadedFile("a.exe", b"MZ"), actor=None
        )


def test_upload_page_flow_and_download(profile, tree, client_as):
    client = client_as(Role.VILLAGE, tree.village_a)
    client.post(
        f"/villages/profiles/{profile.pk}/evidence/",
        {"title": "照片", "file": SimpleUploadedFile("p.png", b"\x89PNG")},
    )
    with scopes_disabled():
        evidence = ProfileEvidence.objects.get()
    page = client.get(f"/r/profiles/{profile.pk}/").content.decode()
    assert "照片" in page
    response = client.get(f"/villages/evidence/{evidence.pk}/")
    assert b"".join(response.streaming_content) == b"\x89PNG"
