"""Import a registry file from the command line, inside the scope of one node.

python manage.py import_records people FILE.xlsx --area 330112 --user district
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext, gettext_noop

from xingcun.core import imports, registry
from xingcun.core.models import Area
from xingcun.core.scoping import scope
from xingcun.core.tabular import TableError, read_table


class Command(BaseCommand):
    help = gettext_noop("导入登记簿文件（xlsx 或 csv）；任何一行有错误时不写入")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "registry",
            help=gettext("登记簿，如 %(keys)s")
            % {"keys": "、".join(r.key for r in registry.all_registries())},
        )
        parser.add_argument("file")
        parser.add_argument(
            "--area", required=True, help=gettext("辖区代码（6、9或12位），导入只在该辖区内生效")
        )
        parser.add_argument("--user", help=gettext("记入审计日志的用户名"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            reg = registry.get(options["registry"])
        except KeyError as e:
            raise CommandError(
                gettext("没有名为“%(value)s”的登记簿") % {"value": options["registry"]}
            ) from e
        area = Area.tree.filter(code=options["area"].ljust(12, "0")).first()
        if area is None:
            raise CommandError(gettext("区划代码“%(value)s”不存在") % {"value": options["area"]})
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(gettext("用户“%(value)s”不存在") % {"value": options["user"]})
        path = Path(options["file"])
        try:
            table = read_table(
                path.read_bytes(), path.name, max_bytes=settings.XINGCUN_IMPORT_MAX_BYTES
            )
        except (OSError, TableError) as e:
            raise CommandError(str(e)) from e

        def progress(done: int, total: int) -> None:
            self.stderr.write(
                gettext("已处理 %(done)s/%(total)s 行") % {"done": done, "total": total}
            )

        with scope(area=area.path):
            result = imports.import_table(
                registry=reg,
                table=table,
                actor=actor,
                filename=path.name,
                progress=progress,
                via="command",
            )
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(
                gettext("发现 %(len)s 处错误，文件未导入") % {"len": len(result.errors)}
            )
        self.stdout.write(
            gettext(
                "%(title)s：共 %(total)s 行，新增 %(created)s，更新 %(updated)s，未变化 %(unchanged)s"
            )
            % {
                "title": reg.title,
                "total": result.total,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )
