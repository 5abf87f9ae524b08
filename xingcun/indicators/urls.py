from __future__ import annotations

from django.urls import path

from xingcun.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("area/<str:area>/", views.dashboard_area, name="dashboard-area"),
    path("chart/<str:chart>/<str:area>/<str:period>.xlsx", views.chart_data, name="chart-data"),
    path(
        "section/<str:area>/<int:year>/<int:index>/",
        views.dashboard_section,
        name="dashboard-section",
    ),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("snapshots/", views.snapshot_list, name="snapshot-list"),
    path("snapshots/freeze/", views.snapshot_freeze, name="snapshot-freeze"),
    path("snapshots/<int:pk>/", views.snapshot_detail, name="snapshot-detail"),
    path("snapshots/<int:pk>/withdraw/", views.snapshot_withdraw, name="snapshot-withdraw"),
    path("<str:code>/<str:area>/<str:period>/", views.drilldown, name="drilldown"),
    path(
        "<str:code>/<str:area>/<str:period>/export.xlsx",
        views.drilldown_export,
        name="drilldown-export",
    ),
]
