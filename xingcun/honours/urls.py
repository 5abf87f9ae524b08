from django.urls import path

from xingcun.honours import views

app_name = "honours"

urlpatterns = [
    path("", views.index, name="index"),
    path("cases/<int:pk>/photos/", views.photo_add, name="photo-add"),
    path("photos/<int:pk>/", views.photo, name="photo"),
]
