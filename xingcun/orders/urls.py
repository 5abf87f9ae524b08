from django.urls import path

from xingcun.orders import views

app_name = "orders"

urlpatterns = [
    path("", views.order_list, name="list"),
    path("new/", views.order_create, name="create"),
    path("overdue/", views.order_overdue, name="overdue"),
    path("<int:pk>/", views.order_detail, name="detail"),
    path("<int:pk>/assign/", views.order_assign, name="assign"),
    path("<int:pk>/accept/", views.order_accept, name="accept"),
    path("<int:pk>/decline/", views.order_decline, name="decline"),
    path("<int:pk>/deliver/", views.order_deliver, name="deliver"),
    path("<int:pk>/rate/", views.order_rate, name="rate"),
]
