from __future__ import annotations

from django.urls import path

from xingcun.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("generate/", views.report_generate, name="generate"),
    path("r/<str:code>/<str:period>/", views.report_view, name="view"),
    path("r/<str:code>/<str:period>/report.docx", views.report_docx_download, name="docx"),
    path("r/<str:code>/<str:period>/report.pdf", views.report_pdf_download, name="pdf"),
    path("templates/new/", views.template_create, name="template-create"),
    path("templates/<int:pk>/", views.template_edit, name="template-edit"),
    path("templates/<int:pk>/preview/", views.template_preview, name="template-preview"),
    path("catalogue/", views.catalogue, name="catalogue"),
]
