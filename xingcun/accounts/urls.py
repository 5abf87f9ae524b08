from django.contrib.auth import views as auth_views
from django.urls import path

from xingcun.accounts import views
from xingcun.accounts.forms import LoginForm

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("switch/", views.membership_switch, name="switch"),
    path("password/", views.PasswordChangeView.as_view(), name="password"),
    path("lockouts/", views.lockout_list, name="lockouts"),
    path("lockouts/lift/", views.lockout_lift, name="lockout-lift"),
]
