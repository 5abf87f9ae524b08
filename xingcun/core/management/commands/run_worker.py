"""The background worker: `python manage.py run_worker` (production: one or more, under systemd).

Before taking tasks it marks failed the jobs whose worker died mid-way (their data was rolled back
with their transaction), then runs django-tasks' database worker with this process's name as
worker id, so the next start can tell whether a running job's worker is still alive.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_noop
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from xingcun.core import jobs


class Command(DBWorkerCommand):
    help = gettext_noop("运行后台任务进程（导入等耗时工作）；启动时把上次中断的任务标为失败")

    def handle(self, *args: Any, **options: Any) -> None:
        failed = jobs.jobs_recover()
        if failed:
            self.stdout.write(
                gettext("上次中断的后台任务：%(failed)s个，已标记为失败（可在导入页面重试）")
                % {"failed": failed}
            )
        options["worker_id"] = jobs.worker_name()
        super().handle(*args, **options)
