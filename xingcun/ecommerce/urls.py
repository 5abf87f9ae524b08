from django.urls import path

from xingcun.ecommerce import views

app_name = "ecommerce"

urlpatterns = [
    path("", views.index, name="index"),
    path("default-rule/", views.default_rule, name="default-rule"),
    path("branches/<int:pk>/", views.branch_detail, name="branch-detail"),
    path("branches/<int:pk>/members/", views.branch_join, name="branch-join"),
    path("branches/<int:pk>/projects/", views.branch_project, name="branch-project"),
]
