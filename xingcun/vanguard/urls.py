from django.urls import path

from xingcun.vanguard import views

app_name = "vanguard"

urlpatterns = [
    path("", views.index, name="index"),
    path("me/", views.my_score, name="my-score"),
    path("events/", views.event_list, name="event-list"),
    path("events/new/", views.event_create, name="event-create"),
    path("events/export.xlsx", views.event_export, name="event-export"),
    path("events/template.xlsx", views.event_template, name="event-template"),
    path("events/import/", views.event_import, name="event-import"),
    path("events/<int:pk>/", views.event_detail, name="event-detail"),
    path("events/<int:pk>/correct/", views.event_correct, name="event-correct"),
    path("events/<int:pk>/decide/", views.event_decide, name="event-decide"),
    path("rounds/compute/", views.round_compute, name="round-compute"),
    path("rounds/<int:pk>/", views.round_detail, name="round-detail"),
    path("rounds/<int:pk>/export.xlsx", views.round_export, name="round-export"),
    path("rounds/<int:pk>/recompute/", views.round_recompute, name="round-recompute"),
    path("rounds/<int:pk>/publicise/", views.round_publicise, name="round-publicise"),
    path("rounds/<int:pk>/finalise/", views.round_finalise, name="round-finalise"),
    path("results/<int:pk>/", views.result_detail, name="result-detail"),
    path("results/<int:pk>/object/", views.objection_raise, name="objection-raise"),
    path("objections/<int:pk>/answer/", views.objection_answer, name="objection-answer"),
    path("objections/<int:pk>/decide/", views.objection_decide, name="objection-decide"),
    path("schemes/<int:pk>/publish/", views.scheme_publish, name="scheme-publish"),
    path("schemes/<int:pk>/copy/", views.scheme_copy, name="scheme-copy"),
]
