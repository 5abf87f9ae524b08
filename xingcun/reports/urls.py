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
    path("r/<str:code>/<str:period>/report.html", views.report_html_download, name="html"),
    path("r/<str:code>/<str:period>/issue/", views.report_issue, name="issue"),
    path("issued/", views.issued_list, name="issued-list"),
    path("issued/<int:pk>/", views.issued_view, name="issued"),
    path("templates/defaults/", views.template_defaults, name="template-defaults"),
    path("templates/<int:pk>/publish/", views.template_publish, name="template-publish"),
    path("templates/<int:pk>/versions/", views.template_versions, name="template-versions"),
    path(
        "templates/<int:pk>/versions/<int:number>/restore/",
        views.template_restore,
        name="template-restore",
    ),
    path("templates/new/", views.template_create, name="template-create"),
    path("templates/<int:pk>/", views.template_edit, name="template-edit"),
    path("templates/<int:pk>/preview/", views.template_preview, name="template-preview"),
    path("catalogue/", views.catalogue, name="catalogue"),
]
