from django.urls import path

from xingcun.universities import views

app_name = "universities"

urlpatterns = [
    path("", views.home, name="home"),
    path("dispatches/new/", views.dispatch_create, name="dispatch-create"),
    path("dispatches/<int:pk>/", views.dispatch_detail, name="dispatch"),
]
