from django.urls import path

from xingcun.wishes import views

app_name = "wishes"

urlpatterns = [
    path("", views.wall, name="wall"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/claim/", views.claim, name="claim"),
    path("<int:pk>/verify/", views.verify, name="verify"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/send-back/", views.send_back, name="send-back"),
    path("claims/<int:pk>/deliver/", views.deliver, name="deliver"),
    path("claims/<int:pk>/release/", views.release, name="release"),
    path("claims/<int:pk>/evidence/", views.evidence, name="evidence"),
    path("public/<str:code>/", views.public, name="public"),
]
