from django.urls import path

from xingcun.ratings import views

app_name = "ratings"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.xlsx", views.export, name="export"),
    path("self-score/", views.self_score, name="self-score"),
    path("confirm-all/", views.confirm_all, name="confirm-all"),
    path("publicise/", views.publicise, name="publicise"),
    path("finalise/", views.finalise, name="finalise"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/town-score/", views.town_score, name="town-score"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("schemes/<int:pk>/publish/", views.scheme_publish, name="scheme-publish"),
]
