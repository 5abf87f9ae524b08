"""Expire unfulfilled wish claims past their deadline, inside one node (run daily by cron).

python manage.py expire_wish_claims --area 330112
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext, gettext_noop

from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.core.scoping import scope
from xingcun.wishes import services


class Command(BaseCommand):
    help = gettext_noop("认领超过限期仍未实现的微心愿重回心愿墙")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", required=True, help=gettext("辖区代码（6、9或12位）"))

    def handle(self, *args: Any, **options: Any) -> None:
        area = Area.tree.filter(code=options["area"].ljust(12, "0")).first()
        if area is None:
            raise CommandError(gettext("区划代码“%(value)s”不存在") % {"value": options["area"]})
        with scope(area=area.path), audit.via("command"):
            count = services.claims_expire()
        self.stdout.write(
            gettext("%(name)s：%(count)s个超期认领已失效，心愿重回心愿墙")
            % {"name": area.display_name, "count": count}
        )
