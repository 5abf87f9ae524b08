from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from xingcun.core import audit
from xingcun.core.net import client_ip

ADMIN_PREFIX = "/admin/"


class AuditActorMiddleware:
    """Names the request's user (and the admin path) for audit entries written by signal hooks."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = "admin" if request.path.startswith(ADMIN_PREFIX) else audit.current_via()
        with audit.acting(getattr(request, "user", None)), audit.via(path):
            return self.get_response(request)


def axes_client_ip(request: HttpRequest) -> str | None:
    """django-axes' client address: xingcun.core.net.client_ip, or None when there is no address
    (a test client's or a command's request), which axes stores as unknown."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
