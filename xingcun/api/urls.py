"""/api/: the versioned API, its OpenAPI document and the documentation page."""

from __future__ import annotations

from django.urls import URLPattern, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from xingcun.api import figures
from xingcun.api.registers import register_urls

app_name = "api"

v1: list[URLPattern] = [*register_urls(), *figures.urls()]

urlpatterns = [
    path("v1/", include((v1, "api"), namespace="v1")),
    path("openapi.json", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
