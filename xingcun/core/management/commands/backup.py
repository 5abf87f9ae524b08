"""Back up the whole database to one file, safely while the server runs.

    python manage.py backup                       # var/backups/xingcun-YYYYmmdd-HHMMSS.sqlite3
    python manage.py backup -o /srv/backups/x.sqlite3

SQLite: the online backup API; PostgreSQL: pg_dump -Fc (package postgresql-client). Restore with
`python manage.py restore FILE`. Uploaded files (MEDIA_ROOT) are not in the database.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext, gettext_noop

from xingcun.core import backups


class Command(BaseCommand):
    help = gettext_noop(
        "备份整个数据库到一个文件（SQLite 在线备份，PostgreSQL 使用 pg_dump），服务运行时也可执行"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            help=gettext("备份文件（默认 var/backups/xingcun-日期-时间.sqlite3 或 .dump）"),
        )
        parser.add_argument(
            "--database", default="default", help=gettext("数据库别名（默认 default）")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        using = options["database"]
        output = Path(options["output"]) if options["output"] else backups.default_path(using=using)
        started = time.perf_counter()
        self.stdout.write(gettext("正在备份数据库到 %(output)s ……") % {"output": output})
        self.stdout.flush()
        try:
            backups.backup(output=output, using=using)
        except (backups.BackupError, OSError) as e:
            raise CommandError(gettext("备份失败：%(e)s") % {"e": e}) from e
        size = output.stat().st_size / 1024 / 1024
        self.stdout.write(
            gettext(
                "备份完成：%(output)s（%(size)s MB，用时 %(seconds)s 秒）。恢复：python manage.py restore %(output)s"
            )
            % {
                "output": output,
                "size": f"{size:.1f}",
                "seconds": f"{time.perf_counter() - started:.1f}",
            }
        )
