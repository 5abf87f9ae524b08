"""Background jobs: long work (imports first) runs in `manage.py run_worker`, never in a thread of
a web process.

The web request stores the upload on disk, creates an `ImportJob` row and enqueues a django-tasks
task (database backend: no broker). The worker runs the import inside the job's scope; the
import's own transaction makes it all-or-nothing, so a worker killed mid-import leaves the data
unchanged. Progress is written through a second database connection (`settings.JOBS_DB`), outside
that transaction, so every server process sees it. A job whose worker died is marked failed when
a worker next starts (`jobs_recover`), and can be retried while its upload is kept.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django_tasks import task

from xingcun.core import registry as registries
from xingcun.core.models import ImportJob
from xingcun.core.reading import read_path
from xingcun.core.scoping import scope, scopes_disabled
from xingcun.core.tabular import TableError

logger = logging.getLogger(__name__)

INTERRUPTED = gettext_lazy(
    "后台处理被中断（服务重启或进程退出），数据未写入。请点击“重试”或重新上传。"
)
PROGRESS_EVERY = 200  # rows between two progress writes


def upload_dir() -> Path:
    path = Path(getattr(settings, "XINGCUN_UPLOAD_DIR", settings.VAR_DIR / "uploads"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def worker_name() -> str:
    """This process, as `host-pid`: a job names the worker that runs it."""
    return f"{socket.gethostname()}-{os.getpid()}"


# --- starting -------------------------------------------------------------------------------------


def import_job_start(
    *, registry: registries.Registry, upload: Any, actor: Any, area: Any, check_only: bool = False
) -> ImportJob:
    """Store `upload` (a Django UploadedFile, streamed to disk in chunks) and queue its import,
    or with `check_only` its check (counts and errors, nothing written)."""
    name = f"{uuid.uuid4().hex}{Path(upload.name or 'upload').suffix.lower()[:10]}"
    with (upload_dir() / name).open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    job = ImportJob.objects.create(
        area=area,
        registry=registry.key,
        filename=(upload.name or "upload")[:200],
        user=actor,
        status=ImportJob.Status.QUEUED,
        upload=name,
        check_only=check_only,
    )
    import_job_run.enqueue(job_id=job.pk)
    job.refresh_from_db()
    return job


def import_job_confirm(*, job: ImportJob, actor: Any) -> ImportJob:
    """Import the file of a passed check ("检查文件" then "确认导入"): a new job, same upload."""
    if not (job.check_only and job.status == ImportJob.Status.DONE and job.upload):
        return job
    if not (upload_dir() / job.upload).exists():
        return job
    new = ImportJob.objects.create(
        area=job.area,
        registry=job.registry,
        filename=job.filename,
        user=actor,
        status=ImportJob.Status.QUEUED,
        upload=job.upload,
    )
    ImportJob.objects.filter(pk=job.pk).update(upload="")  # the new job owns the file now
    import_job_run.enqueue(job_id=new.pk)
    new.refresh_from_db()
    return new


def import_job_retry(*, job: ImportJob) -> ImportJob:
    """Queue a failed job again, from the file it kept."""
    if job.status != ImportJob.Status.FAILED or not job.upload:
        return job
    if not (upload_dir() / job.upload).exists():
        return job
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.QUEUED, errors=[], done=0, worker="", finished_at=None
    )
    import_job_run.enqueue(job_id=job.pk)
    job.refresh_from_db()
    return job


# --- running ----------------------------------------------------------------------------------------


def _progress_writer(job_id: int) -> Callable[[int, int], None]:
    def progress(done: int, total: int) -> None:
        try:
            ImportJob.objects.using(settings.JOBS_DB).filter(pk=job_id).update(
                done=done, total=total, heartbeat_at=timezone.now()
            )
        except DatabaseError:  # SQLite's write lock is held by the import: skip this update
            logger.debug("progress of import job %s not written (database busy)", job_id)

    return progress


@task()
def import_job_run(job_id: int) -> str:
    """The worker's side of an upload: read, import all-or-nothing, record the outcome."""
    with scopes_disabled():  # the job names its own scope; it is read before entering it
        job = ImportJob.objects.select_related("area", "user").get(pk=job_id)
    if job.status not in {ImportJob.Status.QUEUED, ImportJob.Status.RUNNING}:
        return job.status
    from xingcun.core.imports import ImportResult, import_table

    registry = registries.get(job.registry)
    path = upload_dir() / job.upload
    now = timezone.now()
    with scope(area=job.area.path):
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.RUNNING, worker=worker_name(), started_at=now, heartbeat_at=now
        )
        keep = False  # the upload is kept only where a retry can help
        try:
            table = read_path(
                path,
                job.filename,
                max_bytes=settings.XINGCUN_IMPORT_MAX_BYTES,
                headers=[str(c.header) for c in registry.columns],
            )
            ImportJob.objects.filter(pk=job.pk).update(total=table.size)
            result = import_table(
                registry=registry,
                table=table,
                actor=job.user,
                filename=job.filename,
                progress=_progress_writer(job.pk),
                check_only=job.check_only,
            )
            keep = job.check_only and result.ok  # a passed check can be imported next
        except TableError as e:
            result = ImportResult(total=0, errors=[str(e)])
        except Exception as e:  # a bug must not leave the job "running" forever
            logger.exception("import job %s failed", job.pk)
            result, keep = (
                ImportResult(
                    total=job.total, errors=[gettext("导入失败：%(error)s") % {"error": e}]
                ),
                True,
            )
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.DONE if result.ok else ImportJob.Status.FAILED,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            errors=result.errors,
            done=result.total if result.ok else 0,
            upload=job.upload if keep else "",
            finished_at=timezone.now(),
        )
    if not keep:
        path.unlink(missing_ok=True)
    return "done" if result.ok else "failed"


# --- after a crash -----------------------------------------------------------------------------------


def _alive(worker: str, *, host: str) -> bool | None:
    """Whether the process `worker` (host-pid) still runs; None when it ran on another host."""
    name, _, pid = worker.rpartition("-")
    if name != host or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def jobs_recover(*, stale_after_hours: int = 6) -> int:
    """Mark failed the jobs (and their task rows) whose worker is gone: a dead process on this
    host, or no progress for `stale_after_hours` from another host. Returns the number of jobs."""
    from django_tasks_db.models import DBTaskResult

    host = socket.gethostname()
    stale = timezone.now() - dt.timedelta(hours=stale_after_hours)
    failed = 0
    with scopes_disabled(), transaction.atomic():  # recovery covers every jurisdiction's jobs
        for job in ImportJob.objects.filter(status=ImportJob.Status.RUNNING):
            alive = _alive(job.worker, host=host)
            if alive is False or (alive is None and (job.heartbeat_at or job.created_at) < stale):
                job.status, job.errors = ImportJob.Status.FAILED, [str(INTERRUPTED)]
                job.done, job.finished_at = 0, timezone.now()
                job.save(update_fields=["status", "errors", "done", "finished_at", "updated_at"])
                failed += 1
        for result in DBTaskResult.objects.running():
            worker = result.worker_ids[-1] if result.worker_ids else ""
            if _alive(worker, host=host) is False:
                result.set_failed(RuntimeError(str(INTERRUPTED)))
    return failed
