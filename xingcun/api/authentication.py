"""DRF's view of the two ways in. The work is done before the view: `TokenMiddleware` resolves a
token (so the scope middleware sees its user), Django's session middleware a browser's login."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication
from rest_framework.request import Request


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer xc_…`: the user and token the middleware found."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        token = getattr(request._request, "api_token", None)
        if token is None:
            return None
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class TokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "xingcun.api.authentication.TokenAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(_("个人接口令牌，在“接口令牌”页面创建")),
        }
