"""The production server's settings: workers are recycled, and the master builds before forking
what every worker (a replacement too) would otherwise build on its first requests."""

import runpy
from pathlib import Path

import pytest
from django.urls import clear_url_caches, get_resolver

CONF = Path(__file__).resolve().parents[1] / "config" / "gunicorn.conf.py"


@pytest.mark.django_db(transaction=True)  # the indicator catalogue reads the database
def test_the_master_builds_what_workers_inherit():
    conf = runpy.run_path(str(CONF))
    assert conf["preload_app"] is True  # what makes building in the master useful
    assert conf["max_requests"] > 0
    clear_url_caches()
    conf["when_ready"](None)
    assert get_resolver()._populated  # the URL resolver no first request has to build
