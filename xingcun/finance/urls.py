from django.urls import path

from xingcun.finance import views

app_name = "finance"

urlpatterns = [
    path("", views.home, name="home"),
    path("loans/<int:pk>/", views.loan_detail, name="loan"),
]
