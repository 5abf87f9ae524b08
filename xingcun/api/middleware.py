"""Token authentication for the API, before the scope is resolved: a request that carries
`Authorization: Bearer xc_…` acts as the token's user, with the token's membership, so that
`ScopeMiddleware` opens exactly the scope that user has on the pages there."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext

from xingcun.api import services

API_PREFIX = "/api/"


def bearer(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() not in {"bearer", "token"} or not value.strip():
        return None
    return value.strip()


class TokenMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        raw = bearer(request)
        if raw is None:
            return self.get_response(request)
        token = services.token_authenticate(raw)
        if token is None:
            response = JsonResponse({"detail": gettext("令牌无效、已过期或已撤销")}, status=401)
            response["WWW-Authenticate"] = 'Bearer realm="api"'
            return response
        request.user = token.user
        request.api_token = token  # type: ignore[attr-defined]
        return self.get_response(request)
