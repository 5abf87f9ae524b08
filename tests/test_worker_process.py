"""The real worker process, killed mid-import: the data is unchanged, and the next worker start
marks the job failed with a message. Needs a database that two processes share, so it runs in
the PostgreSQL pass of CI (the SQLite pass uses an in-memory database).

An import of a few thousand rows takes well under a second, too short to kill it at a chosen
moment by watching its progress: the test holds a SHARE lock on the people table, so the import
validates, stages its rows and opens its write transaction, then waits there to insert them;
the worker is killed while it waits, inside the transaction."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django_scopes import scopes_disabled

from xingcun.core import jobs
from xingcun.core.models import ImportJob
from xingcun.core.permissions import Role
from xingcun.core.tests.test_imports import PEOPLE_HEADERS, csv_bytes, person_row
from xingcun.people.models import Person

ROOT = Path(__file__).resolve().parent.parent
ROWS = 3000

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs a database shared between processes (runs in the PostgreSQL pass)",
)


def _worker_env(tmp_path: Path) -> dict[str, str]:
    db = django_settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": url,
        "DEBUG": "1",
        "XINGCUN_VAR_DIR": str(tmp_path),
    }


def _job() -> ImportJob:
    with scopes_disabled():
        return ImportJob.objects.get()


def _people() -> int:
    with scopes_disabled():
        return Person.objects.count()


def _hold_people_table() -> psycopg.Connection:
    """Another session that holds a SHARE lock on the people table until closed: reads go on,
    inserts wait."""
    db = django_settings.DATABASES["default"]
    holder = psycopg.connect(
        host=db["HOST"],
        port=db["PORT"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=db["NAME"],
    )
    holder.execute(f"LOCK TABLE {Person._meta.db_table} IN SHARE MODE")  # a transaction begins
    return holder


def _someone_waits_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return bool(cursor.fetchone()[0])


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_killed_worker_leaves_data_unchanged_and_job_failed(tree, client_as, tmp_path, settings):
    settings.XINGCUN_UPLOAD_DIR = tmp_path / "uploads"  # where the worker (VAR_DIR) looks
    rows = [PEOPLE_HEADERS] + [person_row(n, tree.village_a) for n in range(ROWS)]
    upload = csv_bytes(rows)
    client = client_as(Role.DISTRICT, tree.district)
    client.post("/r/people/import/", {"file": SimpleUploadedFile("people.csv", upload)})
    before = _people()
    assert _job().status == ImportJob.Status.QUEUED
    connection.close()  # the worker must see committed rows only

    holder = _hold_people_table()
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-reload", "--no-startup-delay", "-v", "0"],
        cwd=ROOT,
        env=_worker_env(tmp_path),
    )
    try:
        writing = _wait_for(_someone_waits_for_a_lock, 120)
        assert writing, "the import never reached its write transaction"
        assert _job().done > 0  # it reported its progress on the way
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)
    finally:
        if worker.poll() is None:
            worker.kill()
        holder.close()  # its transaction rolls back: the lock is gone

    job = _job()
    assert job.status == ImportJob.Status.RUNNING  # nobody has noticed yet
    assert _people() == before  # the import's transaction died with the process

    subprocess.run(
        [sys.executable, "manage.py", "run_worker", "--batch", "--no-reload", "-v", "0"],
        cwd=ROOT,
        env=_worker_env(tmp_path),
        check=True,
        timeout=300,
    )
    job = _job()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == [jobs.INTERRUPTED]
    assert _people() == before
