"""Print the demo logins: role, username, password, node and the login address."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from xingcun.accounts.models import Membership
from xingcun.accounts.validators import DEMO_PASSWORD
from xingcun.demo.generator import DEMO_LOGINS, LOGIN_URL


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


class Command(BaseCommand):
    help = "列出各角色的演示账号和密码"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="开发服务器端口，默认 8000")

    def handle(self, *args: Any, **options: Any) -> None:
        by_username = {
            m.user.username: m
            for m in Membership.objects.select_related("user", "area").filter(
                user__username__in=[role.value for role in DEMO_LOGINS]
            )
        }
        rows = [("角色", "用户名", "密码", "所在区划", "职务")]
        for role in DEMO_LOGINS:
            membership = by_username.get(role.value)
            if membership is None:
                rows.append((str(role.label), role.value, "（未创建）", "", ""))
                continue
            password = (
                DEMO_PASSWORD if membership.user.check_password(DEMO_PASSWORD) else "（已修改）"
            )
            rows.append(
                (
                    str(role.label),
                    role.value,
                    password,
                    f"{membership.area.display_name}（{membership.area.code}）",
                    membership.title,
                )
            )
        widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            self.stdout.write(
                "  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
        login_url = LOGIN_URL.replace(":8000/", f":{options['port']}/")
        self.stdout.write(f"\n登录地址：{login_url}")
        if len(by_username) < len(DEMO_LOGINS):
            self.stdout.write("尚未生成演示账号：请先运行 python manage.py load_demo")
