"""Request middleware owned by accounts: the only place a request gets its scope (the membership
chosen for the session opens `scope(area=<its node>)` around the view, and the typed attributes of
`core.http.ScopedRequest` are set once), the actor of audit entries, and django-axes' client
address. Accounts depends on core, never the reverse."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from xingcun.accounts.selectors import resolve_membership
from xingcun.core import audit
from xingcun.core.http import attach
from xingcun.core.net import client_ip
from xingcun.core.scoping import scope

ADMIN_PREFIX = "/admin/"


class ScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        membership = resolve_membership(request)
        attach(request, membership)
        if membership is None:
            if getattr(request, "user", None) is not None and request.user.is_superuser:
                with scope(area=None):
                    return self._render(request)
            return self.get_response(request)  # anonymous: any scoped query raises ScopeError
        with scope(area=membership.area.path):
            return self._render(request)

    def _render(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if isinstance(response, TemplateResponse):
            response.render()  # render lazily built pages while still scoped
        return response


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
