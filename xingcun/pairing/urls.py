from django.urls import path

from xingcun.pairing import views

app_name = "pairing"

urlpatterns = [
    path("", views.index, name="index"),
    path("defaults/", views.defaults, name="defaults"),
    path("runs/new/", views.run_create, name="run-create"),
    path("runs/<int:pk>/", views.run_detail, name="run-detail"),
    path("runs/<int:pk>/weights/", views.run_update, name="run-update"),
    path("runs/<int:pk>/rules/", views.rule_add, name="rule-add"),
    path("rules/<int:pk>/remove/", views.rule_remove, name="rule-remove"),
    path("runs/<int:pk>/solve/", views.run_solve, name="run-solve"),
    path("runs/<int:pk>/accept/", views.run_accept, name="run-accept"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("agreements/<int:pk>/end/", views.agreement_end, name="agreement-end"),
    path("agreements/<int:pk>/renew/", views.agreement_renew, name="agreement-renew"),
    path("agreements/<int:pk>/activities/", views.activity_add, name="activity-add"),
    path("activities/<int:pk>/evidence/", views.activity_evidence, name="activity-evidence"),
    path("assessments/<str:code>/<int:year>/", views.assessment, name="assessment"),
    path("assessments/<int:pk>/evidence/", views.assessment_evidence, name="assessment-evidence"),
]
