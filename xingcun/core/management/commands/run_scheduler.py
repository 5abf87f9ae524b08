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

from xingcun.core import schedule


class Command(BaseCommand):
    help = "运行定时任务调度进程：到点把各应用声明的定时任务排入后台队列"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="只检查一次，排入到期任务后退出")
        parser.add_argument("--list", action="store_true", help="列出所有定时任务")
        parser.add_argument("--interval", type=float, default=20.0, help="检查间隔（秒），默认 20")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for job in schedule.jobs():
                when = f"每天 {job.at:%H:%M}" if job.at else f"每隔 {job.every}"
                self.stdout.write(f"{job.name}\t{when}\t{job.help}")
            return
        running = True

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if not options["once"]:
            self.stdout.write(f"定时任务调度已启动：{len(schedule.jobs())}个任务")
        while True:
            for run in schedule.tick():
                self.stdout.write(f"{run.slot:%Y-%m-%d %H:%M} {run.name}：排入{run.enqueued}个任务")
            if options["once"] or not running:
                return
            deadline = time.monotonic() + options["interval"]
            while running and time.monotonic() < deadline:
                time.sleep(0.5)
            close_old_connections()  # like a request: drop a connection the database closed
