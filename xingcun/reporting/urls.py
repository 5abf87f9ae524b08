from django.urls import path

from xingcun.reporting import views

app_name = "reporting"

urlpatterns = [
    path("tasks/", views.index, name="index"),
    path("todo/", views.todo_page, name="todo"),
    path("badge/", views.badge, name="badge"),
    path("tasks/new/", views.task_create, name="task-create"),
    path("completeness/", views.completeness, name="completeness"),
    path("tasks/<int:pk>/remind/", views.remind, name="remind"),
    path("instances/<int:pk>/", views.instance_detail, name="instance"),
    path("instances/<int:pk>/submit/", views.instance_submit, name="instance-submit"),
    path("instances/<int:pk>/approve/", views.instance_approve, name="instance-approve"),
    path("instances/<int:pk>/accept/", views.instance_accept, name="instance-accept"),
    path("instances/<int:pk>/return/", views.instance_return, name="instance-return"),
    path("rules/", views.rules, name="rules"),
    path("villages/<str:code>/", views.village, name="village"),
    path("towns/<str:code>/", views.town, name="town"),
]
