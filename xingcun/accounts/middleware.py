"""The only place a request gets its scope: the membership chosen for the session opens
`scope(area=<its node>)` around the view, and the typed attributes of `core.http.ScopedRequest`
are set once. Accounts depends on core, never the reverse."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from xingcun.accounts.selectors import resolve_membership
from xingcun.core.http import attach
from xingcun.core.scoping import scope


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
