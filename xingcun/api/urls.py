"""/api/: the versioned API, its OpenAPI document and the documentation page."""

from __future__ import annotations

from django.urls import URLPattern, include, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from xingcun.api import figures
from xingcun.api.base import not_found
from xingcun.api.registers import register_urls

app_name = "api"

v1: list[URLPattern] = [*register_urls(), *figures.urls()]

urlpatterns = [
    path("v1/", include((v1, "api"), namespace="v1")),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # Anything else under /api/ is a JSON 404 (a client never gets the HTML error page).
    re_path(r"^.*$", not_found),
]
