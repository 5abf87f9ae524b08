"""Password rules added in production (config/settings.py, DEBUG off)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

# The published password of the demo logins (the demo generator sets it; this module refuses it).
DEMO_PASSWORD = "xingcun2020"  # noqa: S105 - published on purpose, refused in production


class DemoPasswordValidator:
    """The demo logins' published password never protects a real account."""

    def validate(self, password: str, user: Any = None) -> None:
        if password.strip().lower() == DEMO_PASSWORD.lower():
            raise ValidationError(
                gettext("不能使用演示账号的公开密码，请另设密码"), code="demo_password"
            )

    def get_help_text(self) -> str:
        return gettext("不能使用演示账号的公开密码。")
