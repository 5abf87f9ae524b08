from django.urls import path

from xingcun.alliances import views

app_name = "alliances"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/members/", views.member_add, name="member-add"),
    path("members/<int:pk>/leave/", views.member_leave, name="member-leave"),
    path("<int:pk>/projects/", views.project_link, name="project-link"),
]
