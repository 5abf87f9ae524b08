from django.urls import path

from xingcun.finance import views

app_name = "finance"

urlpatterns = [
    path("", views.home, name="home"),
    path("loans/new/", views.loan_create, name="loan-create"),
    path("loans/<int:pk>/", views.loan_detail, name="loan"),
]
