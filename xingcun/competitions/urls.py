from django.urls import path

from xingcun.competitions import views

app_name = "competitions"

urlpatterns = [
    path("", views.index, name="index"),
    path("branches/<int:pk>/", views.branch, name="branch"),
    path("branches/<int:pk>/groups/", views.group_add, name="group-add"),
    path("branches/<int:pk>/members/", views.group_member, name="group-member"),
    path("<int:pk>/", views.board, name="board"),
    path("<int:pk>/entries/", views.entry_add, name="entry-add"),
    path("<int:pk>/close/", views.close, name="close"),
    path("entries/<int:pk>/void/", views.entry_void, name="entry-void"),
    path("entries/<int:pk>/evidence/", views.evidence, name="evidence"),
]
