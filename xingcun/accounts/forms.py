from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from xingcun.accounts.validators import DemoPasswordValidator


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": gettext_lazy("用户名或密码不正确。"),
        "inactive": gettext_lazy("该账号已停用。"),
        "demo_password": gettext_lazy(
            "该账号仍在使用演示账号的公开密码，生产环境不允许登录，请联系管理员重设密码。"
        ),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = gettext("用户名")
        self.fields["password"].label = gettext("密码")
        self.fields["username"].widget = forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username"}
        )

    def confirm_login_allowed(self, user: Any) -> None:
        """In production an account still on the demo logins' published password cannot log in."""
        super().confirm_login_allowed(user)
        if settings.DEBUG:
            return
        try:
            DemoPasswordValidator().validate(self.cleaned_data.get("password") or "")
        except ValidationError as e:
            raise ValidationError(self.error_messages["demo_password"], code="demo_password") from e


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """The user's own password: the old one, then the new one twice (checked by the validators
    of AUTH_PASSWORD_VALIDATORS: in production no demo, numeric-only or common password)."""

    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_incorrect": gettext_lazy("原密码不正确，请重新输入。"),
        "password_mismatch": gettext_lazy("两次输入的新密码不一致。"),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["old_password"].label = gettext("原密码")
        self.fields["new_password1"].label = gettext("新密码")
        self.fields["new_password2"].label = gettext("再次输入新密码")
