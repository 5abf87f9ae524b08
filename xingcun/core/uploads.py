"""Upload size caps: refuse from the declared length before reading; cut off while streaming.

A 40 MB upload used to be written to disk before the import page refused it. Now:
- `UploadLimitMiddleware` answers 413 with a Chinese page to any multipart request whose declared
  Content-Length exceeds the limit, before Django reads a byte of the body;
- `CappedUploadHandler`, first of the upload handlers, counts the bytes of each file as they stream
  in (a chunked request declares no length) and stops the upload at the limit; the view then finds
  `request.upload_too_large` set and says so.
The limit is `settings.XINGCUN_IMPORT_MAX_BYTES`, the largest file the platform accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext

# Room for the multipart envelope and the form's other fields around the file itself.
ENVELOPE_BYTES = 256 * 1024


def limit_bytes() -> int:
    return int(settings.XINGCUN_IMPORT_MAX_BYTES)


def too_large_message() -> str:
    return gettext("文件超过大小上限（%(size)s MB），请拆分后再上传") % {
        "size": f"{limit_bytes() / (1024 * 1024):g}"
    }


class UploadLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            if declared > limit_bytes() + ENVELOPE_BYTES:
                html = render_to_string(
                    "core/upload_too_large.html", {"message": too_large_message()}, request=None
                )
                response = HttpResponse(html, status=413)
                response["Connection"] = "close"  # the unread body is not drained
                return response
        return self.get_response(request)


class CappedUploadHandler(FileUploadHandler):
    """Passes chunks on to the next handler, and stops the upload once a file passes the limit."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > limit_bytes():
            if self.request is not None:
                self.request.upload_too_large = True  # type: ignore[attr-defined]
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
