from django.urls import path

from xingcun.posts import views

app_name = "posts"

urlpatterns = [
    path("", views.home, name="home"),
    path("mine/", views.mine, name="mine"),
    path("start-due/", views.start_due, name="start-due"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/enrol/", views.enrol, name="enrol"),
    path("assignments/<int:pk>/assign/", views.assign, name="assign"),
    path("assignments/<int:pk>/decline/", views.decline, name="decline"),
    path("assignments/<int:pk>/start/", views.start, name="start"),
    path("assignments/<int:pk>/end/", views.end, name="end"),
    path("assignments/<int:pk>/review/", views.review, name="review"),
    path("pairings/<int:pk>/help/", views.help_log, name="help"),
]
