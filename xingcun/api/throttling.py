"""Rate limit per token (or per logged-in user without one), counted in the shared cache so that
every server process sees the same count."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_rate(self) -> str:
        rate: str = settings.XINGCUN_API_RATE  # read per request: deployments and tests set it
        return rate

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        token = getattr(request._request, "api_token", None)
        if token is not None:
            ident = f"token-{token.pk}"
        elif request.user is not None and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"ip-{self.get_ident(request)}"
        key: str = self.cache_format % {"scope": self.scope, "ident": ident}
        return key
