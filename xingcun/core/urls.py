from __future__ import annotations

from functools import partial
from typing import Any

from django.urls import URLPattern, path

from xingcun.core import registry, views

app_name = "core"


def _registry_urls(key: str) -> list[URLPattern]:
    bound: Any = lambda view: partial(view, key=key)  # noqa: E731
    names = [
        ("", views.record_list, "list"),
        ("new/", views.record_create, "create"),
        ("<int:pk>/", views.record_detail, "detail"),
        ("<int:pk>/edit/", views.record_edit, "edit"),
        ("<int:pk>/delete/", views.record_delete, "delete"),
        ("template.xlsx", views.record_template, "template"),
        ("import/", views.record_import, "import"),
        ("import/<int:job_id>/", views.record_import_status, "import-status"),
        ("import/<int:job_id>/retry/", views.record_import_retry, "import-retry"),
        ("import/<int:job_id>/confirm/", views.record_import_confirm, "import-confirm"),
        ("export.<str:fmt>", views.record_export, "export"),
    ]
    return [
        path(f"r/{key}/{route}", bound(view), name=f"{key}-{name}") for route, view, name in names
    ]


def build_urlpatterns() -> list[URLPattern]:
    patterns = [
        path("", views.home, name="home"),
        path("healthz", views.healthz, name="healthz"),
        path("areas/", views.area_list, name="area-list"),
        path("areas/<str:code>/", views.area_detail, name="area-detail"),
        path("audit/", views.audit_list, name="audit-list"),
        path("r/<str:key>/search/<str:field>/", views.reference_search, name="reference-search"),
        path("audit/export.<str:fmt>", views.audit_export, name="audit-export"),
    ]
    for reg in registry.all_registries():
        patterns += _registry_urls(reg.key)
    return patterns


urlpatterns = build_urlpatterns()
