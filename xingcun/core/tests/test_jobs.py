"""Imports as background jobs: queued by the page, run by the worker, state in the database."""

from __future__ import annotations

import io
import os

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_scopes import scopes_disabled
from django_tasks_db.management.commands import db_worker

from xingcun.core import jobs
from xingcun.core.models import ImportJob
from xingcun.core.permissions import Role
from xingcun.core.tests.test_imports import PEOPLE_HEADERS, csv_bytes, person_row
from xingcun.people.models import Person

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    settings.XINGCUN_UPLOAD_DIR = tmp_path / "uploads"


def _upload(tree, client_as, rows):
    upload = io.BytesIO(csv_bytes(rows))
    upload.name = "people.csv"
    return client_as(Role.DISTRICT, tree.district).post("/r/people/import/", {"file": upload})


def _people() -> int:
    with scopes_disabled():
        return Person.objects.count()


@override_settings(TASKS=DB_TASKS)
def test_upload_is_queued_and_nothing_written_until_the_worker_runs(tree, client_as, monkeypatch):
    # The worker drops stale connections between tasks; inside this test's transaction that would
    # close the test's own connection on PostgreSQL (tests/test_worker_process.py runs the real one).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    before = _people()
    response = _upload(tree, client_as, [PEOPLE_HEADERS, person_row(1, tree.village_a)])
    assert "排队中" in response.content.decode()
    with scopes_disabled():
        job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.QUEUED
    assert _people() == before

    call_command("run_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.created, job.done, job.total) == (1, 1, 1)
    assert job.worker == jobs.worker_name()
    assert _people() == before + 1
    assert job.upload == ""  # the upload is removed once it has been imported


@override_settings(TASKS=DB_TASKS)
def test_status_page_shows_progress_from_the_database(tree, client_as):
    _upload(tree, client_as, [PEOPLE_HEADERS, person_row(1, tree.village_a)])
    with scopes_disabled():  # the worker's side, outside any request
        job = ImportJob.objects.get()
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.RUNNING, done=120, total=480
        )
    page = client_as(Role.DISTRICT, tree.district).get(f"/r/people/import/{job.pk}/")
    html = page.content.decode()
    assert 'value="120"' in html
    assert 'max="480"' in html
    assert "hx-trigger" in html  # still polling


def test_row_errors_fail_the_job_and_drop_the_upload(tree, client_as):
    response = _upload(
        tree, client_as, [PEOPLE_HEADERS, person_row(2, tree.village_a, 身份证号="1")]
    )
    assert "第2行 身份证号" in response.content.decode()
    with scopes_disabled():
        job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert job.upload == ""
    assert not list(jobs.upload_dir().iterdir())


def running_job(tree, worker, **fields):
    """A people import of the district that `worker` was running."""
    with scopes_disabled():  # a fixture row, as a worker left it
        return ImportJob.objects.create(
            area=tree.district,
            registry="people",
            filename="people.csv",
            status=ImportJob.Status.RUNNING,
            worker=worker,
            **fields,
        )


def test_job_of_a_dead_worker_is_marked_failed_and_can_be_retried(tree, client_as):
    dead = f"{jobs.worker_name().rpartition('-')[0]}-{2**22 + 7}"  # no such pid
    job = running_job(tree, dead, upload="kept.csv", total=1)
    (jobs.upload_dir() / "kept.csv").write_bytes(
        csv_bytes([PEOPLE_HEADERS, person_row(3, tree.village_a)])
    )
    assert jobs.jobs_recover() == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == [jobs.INTERRUPTED]

    before = _people()
    response = client_as(Role.DISTRICT, tree.district).post(f"/r/people/import/{job.pk}/retry/")
    assert response.status_code == 200
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert _people() == before + 1


def test_recovery_leaves_a_live_workers_job_alone(tree):
    job = running_job(tree, jobs.worker_name())  # this very process
    assert jobs.jobs_recover() == 0
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING


def test_alive_is_unknown_for_another_host():
    assert jobs._alive(f"another-host-{os.getpid()}", host="this-host") is None
