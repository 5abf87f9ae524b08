from django.urls import path

from xingcun.villages import views

app_name = "villages"

urlpatterns = [
    path("profiles/<int:pk>/evidence/", views.evidence_add, name="evidence-add"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence-download"),
]
