"""Escalate overdue service orders to the district: `manage.py escalate_overdue_orders --area 330112`.
Run daily (cron). `--today` fixes the date (for tests and re-runs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.core.scoping import scope
from xingcun.orders import services


class Command(BaseCommand):
    help = gettext_noop("把超过接单或服务时限的点单上报区级")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", required=True, help=gettext("区划代码（6、9或12位）"))
        parser.add_argument("--today", help=gettext("按哪一天计算，格式 2020-06-30；默认今天"))

    def handle(self, *args: Any, **options: Any) -> None:
        code = str(options["area"]).ljust(12, "0")
        area = Area.tree.filter(code=code).first()
        if area is None:
            raise CommandError(gettext("区划代码“%(value)s”不存在") % {"value": options["area"]})
        try:
            today = (
                dt.date.fromisoformat(options["today"])
                if options.get("today")
                else timezone.localdate()
            )
        except ValueError as e:
            raise CommandError(gettext("日期格式应为 2020-06-30")) from e
        with scope(area=area.path), audit.via("command"):
            escalated = services.overdue_escalate(today=today)
        self.stdout.write(gettext("上报区级的超时点单：%(count)s") % {"count": len(escalated)})
