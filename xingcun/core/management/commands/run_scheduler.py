"""The scheduler: `python manage.py run_scheduler` queues the periodic jobs that apps declare in
their `tasks.py` (xingcun.core.schedule); the worker runs them. `--once` queues what is due and
exits (for cron, or a check); `--list` shows the jobs."""

from __future__ import annotations

import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils.translation import gettext, gettext_noop

from xingcun.core import schedule


class Command(BaseCommand):
    help = gettext_noop("运行定时任务调度进程：到点把各应用声明的定时任务排入后台队列")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help=gettext("只检查一次，排入到期任务后退出")
        )
        parser.add_argument("--list", action="store_true", help=gettext("列出所有定时任务"))
        parser.add_argument(
            "--interval", type=float, default=20.0, help=gettext("检查间隔（秒），默认 20")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for job in schedule.jobs():
                when = (
                    gettext("每天 %(time)s") % {"time": f"{job.at:%H:%M}"}
                    if job.at
                    else gettext("每隔 %(every)s") % {"every": job.every}
                )
                self.stdout.write(f"{job.name}\t{when}\t{job.help}")
            return
        running = True

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if not options["once"]:
            self.stdout.write(
                gettext("定时任务调度已启动：%(count)s个任务") % {"count": len(schedule.jobs())}
            )
        while True:
            for run in schedule.tick():
                self.stdout.write(
                    gettext("%(slot)s %(name)s：排入%(count)s个任务")
                    % {
                        "slot": f"{run.slot:%Y-%m-%d %H:%M}",
                        "name": run.name,
                        "count": run.enqueued,
                    }
                )
            if options["once"] or not running:
                return
            deadline = time.monotonic() + options["interval"]
            while running and time.monotonic() < deadline:
                time.sleep(0.5)
            close_old_connections()  # like a request: drop a connection the database closed
