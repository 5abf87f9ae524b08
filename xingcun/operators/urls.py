from django.urls import path

from xingcun.operators import views

app_name = "operators"

urlpatterns = [
    path("", views.home, name="home"),
    path("contracts/<int:pk>/", views.contract_detail, name="contract"),
    path("contracts/<int:pk>/results/", views.result_add, name="result-add"),
    path("contracts/<int:pk>/review/", views.review_add, name="review"),
    path("contracts/<int:pk>/terminate/", views.contract_terminate, name="terminate"),
]
