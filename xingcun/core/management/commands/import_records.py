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
from xingcun.core.reading import read_path
from xingcun.core.scoping import scope
from xingcun.core.tabular import TableError


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
        parser.add_argument(
            "--check",
            action="store_true",
            help=gettext("只检查：列出将新增、更新、未变化的行数和全部错误，不写入"),
        )

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
            table = read_path(
                path,
                path.name,
                max_bytes=settings.XINGCUN_IMPORT_MAX_BYTES,
                headers=[str(c.header) for c in reg.columns],
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
                check_only=options["check"],
            )
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(
                gettext("发现 %(len)s 处错误，文件未导入") % {"len": len(result.errors)}
            )
        if result.check_only:
            self.stdout.write(
                gettext(
                    "%(title)s：检查通过，未写入。共 %(total)s 行，将新增 %(created)s，"
                    "将更新 %(updated)s，未变化 %(unchanged)s"
                )
                % {
                    "title": reg.title,
                    "total": result.total,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                }
            )
            return
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
