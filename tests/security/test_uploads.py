"""Uploads are refused by size from the declared length before a byte is read, and cut off at the
limit while streaming otherwise.

The failure this covers: a 40 MB upload was written to disk before the import page refused it.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from xingcun.core import jobs
from xingcun.core.models import ImportJob
from xingcun.core.permissions import Role


class UnreadableBody(io.BytesIO):
    """A request body that fails the test if anyone reads it."""

    reads = 0

    def read(self, *args):
        UnreadableBody.reads += 1
        raise AssertionError("the body of an oversized upload was read")

    readline = read


def stored_uploads() -> list:
    folder = jobs.upload_dir()
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_declared_40_mb_upload_is_refused_before_its_body_is_read(tree, client_as, settings):
    settings.XINGCUN_IMPORT_MAX_BYTES = 10 * 1024 * 1024
    client = client_as(Role.VILLAGE, tree.village_a)
    before = stored_uploads()
    response = client.generic(
        "POST",
        reverse("core:people-import"),
        b"",
        CONTENT_TYPE="multipart/form-data; boundary=XYZ",
        CONTENT_LENGTH=str(40 * 1024 * 1024),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "文件超过大小上限（10 MB）" in response.content.decode()
    assert UnreadableBody.reads == 0
    assert stored_uploads() == before
    with scopes_disabled():  # nothing was queued anywhere
        assert not ImportJob.objects.exists()


@pytest.mark.parametrize("size", [5000, 200_000])
def test_an_upload_over_the_limit_is_cut_off_while_streaming(tree, client_as, settings, size):
    """The declared length passes (within the form's envelope): the stream is counted instead."""
    settings.XINGCUN_IMPORT_MAX_BYTES = 4096
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # past this, Django would spool to a temporary file
    client = client_as(Role.VILLAGE, tree.village_a)
    before = stored_uploads()
    upload = SimpleUploadedFile("people.csv", b"x" * size, content_type="text/csv")
    response = client.post(reverse("core:people-import"), {"file": upload})
    assert response.status_code == 200
    assert "文件超过大小上限" in response.content.decode()
    assert stored_uploads() == before
    with scopes_disabled():
        assert not ImportJob.objects.exists()


def test_an_upload_within_the_limit_is_stored_and_queued(tree, client_as, settings):
    settings.XINGCUN_IMPORT_MAX_BYTES = 4096
    client = client_as(Role.VILLAGE, tree.village_a)
    upload = SimpleUploadedFile("people.csv", "身份证号,姓名\r\n".encode(), content_type="text/csv")
    response = client.post(reverse("core:people-import"), {"file": upload})
    assert response.status_code == 200
    assert "文件超过大小上限" not in response.content.decode()
    with scopes_disabled():
        assert ImportJob.objects.count() == 1
