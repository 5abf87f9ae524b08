"""python manage.py report --node 330112 --year 2020 [--month 6] --format docx -o 报告.docx

Runs inside `scope(area=<node path>)`, like a request of a user at that node; progress goes to
stderr, one line per section.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.core.scoping import scope
from xingcun.indicators.engine import Period
from xingcun.reports import rendering, selectors, services, tags
from xingcun.reports.document import Report
from xingcun.reports.docx_output import report_docx
from xingcun.reports.pdf_output import PdfUnavailableError, report_pdf, report_print_html

DEFAULT_BASE_URL = "http://127.0.0.1:8000"  # links of a saved HTML file without XINGCUN_BASE_URL


class Command(BaseCommand):
    help = gettext_noop("生成一个区划、一个期间的工作报告（HTML、DOCX 或 PDF）")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--node", required=True, help=gettext("区划代码，6、9或12位，如 330112")
        )
        parser.add_argument("--year", type=int, required=True, help=gettext("年度，如 2020"))
        parser.add_argument("--month", type=int, help=gettext("月份：生成“截至该月底”的报告"))
        parser.add_argument("--format", choices=["html", "docx", "pdf"], default="docx")
        parser.add_argument("-o", "--output", required=True, help=gettext("输出文件"))
        parser.add_argument(
            "--template", type=int, help=gettext("模板编号（默认：该年度的默认模板）")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code = tags.normalise_area_code(options["node"])
        if code is None:
            raise CommandError(gettext("区划代码应为6、9或12位数字"))
        node = Area.tree.filter(code=code).first()
        if node is None:
            raise CommandError(
                gettext("区划 %(code)s 不存在；请先运行 load_divisions") % {"code": code}
            )
        month = options["month"]
        try:
            period = (
                Period.month_end(options["year"], month) if month else Period.year(options["year"])
            )
        except ValueError as e:
            raise CommandError(gettext("期间无效：%(e)s") % {"e": e}) from e
        started = time.perf_counter()

        def progress(index: int, total: int, label: str) -> None:
            self._say(f"[{index}/{total}] {label}")

        with scope(area=node.path), audit.via("command"):
            template_id = options["template"]
            if template_id:
                template = selectors.template_list_for(area=node).filter(pk=template_id).first()
                if template is None:
                    raise CommandError(
                        gettext("模板 %(template_id)s 不存在，或不适用于%(name)s")
                        % {"template_id": template_id, "name": node.display_name}
                    )
            else:
                template = services.template_ensure_default(area=node, year=period.end.year)
            self._say(
                gettext("%(name)s %(label)s，模板“%(name2)s”")
                % {"name": node.display_name, "label": period.label, "name2": template.name}
            )
            report = rendering.report_for(
                template=template,
                area=node,
                period=period,
                progress=progress,
                issued_on=timezone.localdate(),
            )
            content = self._render(report, options["format"])
        Path(options["output"]).write_bytes(content)
        for notice in report.notices:
            self._say(gettext("注意：%(notice)s") % {"notice": notice})
        elapsed = time.perf_counter() - started
        self.stdout.write(
            gettext("已写入 %(output)s（%(size)s 字节，%(seconds)s 秒）")
            % {
                "output": options["output"],
                "size": f"{len(content):,}",
                "seconds": f"{elapsed:.1f}",
            }
        )

    def _say(self, message: str) -> None:
        """Progress on stderr, uncoloured (Django colours stderr as errors on a terminal)."""
        self.stderr.write(message, style_func=lambda text: text)

    def _render(self, report: Report, fmt: str) -> bytes:
        self._say(gettext("正在生成 %(format)s…") % {"format": fmt.upper()})
        if fmt == "docx":
            return report_docx(report)
        if fmt == "pdf":
            try:
                return report_pdf(report)
            except PdfUnavailableError as e:
                raise CommandError(str(e)) from e
        base_url = str(getattr(settings, "XINGCUN_BASE_URL", "") or DEFAULT_BASE_URL)
        return report_print_html(report, links=True, base_url=base_url).encode("utf-8")
