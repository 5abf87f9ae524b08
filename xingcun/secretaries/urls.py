from django.urls import path

from xingcun.secretaries import views

app_name = "secretaries"

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/refresh/", views.plan_refresh, name="plan-refresh"),
]
