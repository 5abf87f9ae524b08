from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from xingcun.core import audit

ADMIN_PREFIX = "/admin/"


class AuditActorMiddleware:
    """Names the request's user (and the admin path) for audit entries written by signal hooks."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = "admin" if request.path.startswith(ADMIN_PREFIX) else audit.current_via()
        with audit.acting(getattr(request, "user", None)), audit.via(path):
            return self.get_response(request)
