"""What every API view shares: its writes are audited as made through the API, its reads run in
the scope ScopeMiddleware opened, and a role without a permission gets 403 (a row outside the
jurisdiction is simply not found: 404)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from xingcun.api.serializers import ErrorSerializer
from xingcun.core import audit
from xingcun.core.permissions import PII_VIEW, request_has


class ApiView(APIView):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        with audit.via("api"):
            response: HttpResponseBase = super().dispatch(request, *args, **kwargs)
            return response

    def require(self, request: Request, perm: str) -> None:
        if not request_has(request._request, perm):
            raise exceptions.PermissionDenied(gettext("您的角色没有此项权限"))

    def show_pii(self, request: Request) -> bool:
        return request_has(request._request, PII_VIEW)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's answers, plus a model's ValidationError (a service refusing a write) as 400."""
    if isinstance(exc, DjangoValidationError):
        return Response(
            {"detail": gettext("数据未通过校验"), "errors": exc.messages},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, exceptions.ValidationError):  # a query parameter DRF itself refused
        detail = exc.detail if isinstance(exc.detail, dict) else {"": exc.detail}
        fields = {
            k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in detail.items()
        }
        return invalid([m for messages in fields.values() for m in messages], fields)
    return drf_exception_handler(exc, context)


def invalid(errors: list[str], fields: dict[str, list[str]] | None = None) -> Response:
    body: dict[str, Any] = {"detail": gettext("数据未通过校验"), "errors": errors}
    if fields:
        body["fields"] = fields
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


READ_ERRORS = {
    401: _error("Not logged in, or the token is unknown, expired or revoked"),
    403: _error("The role lacks the permission"),
    404: _error("Not found, or outside the jurisdiction"),
    429: _error("Rate limit of the token reached"),
}
WRITE_ERRORS = {
    400: _error("Invalid data: every problem named in Chinese, as on the pages"),
    **READ_ERRORS,
}
LIST_ERRORS = {400: _error("Invalid query parameter"), **READ_ERRORS}


@csrf_exempt  # reads nothing and writes nothing: any method gets the same JSON 404
def not_found(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"detail": gettext("接口不存在")}, status=404)
