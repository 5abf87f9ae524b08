"""Restore a backup made by `manage.py backup` into an empty database.

    python manage.py migrate && python manage.py restore var/backups/xingcun-20201231-120000.sqlite3
    python manage.py restore FILE --force         # replaces a database that holds data

Stop the server (and the worker) first: the restore replaces every table.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext, gettext_noop

from xingcun.core import backups


class Command(BaseCommand):
    help = gettext_noop("从 backup 命令生成的备份文件恢复数据库（数据库中已有数据时需加 --force）")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=gettext("备份文件"))
        parser.add_argument(
            "--force",
            action="store_true",
            help=gettext("数据库中已有数据时仍然恢复（覆盖现有数据）"),
        )
        parser.add_argument(
            "--database", default="default", help=gettext("数据库别名（默认 default）")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["file"])
        started = time.perf_counter()
        self.stdout.write(gettext("正在从 %(source)s 恢复数据库……") % {"source": source})
        self.stdout.flush()
        try:
            backups.restore(source=source, force=options["force"], using=options["database"])
        except (backups.BackupError, OSError) as e:
            raise CommandError(gettext("恢复失败：%(e)s") % {"e": e}) from e
        self.stdout.write(
            gettext("恢复完成，用时 %(seconds)s 秒。")
            % {"seconds": f"{time.perf_counter() - started:.1f}"}
        )
