"""The production server's settings: workers are recycled, and the master builds before forking
what every worker (a replacement too) would otherwise build on its first requests."""

import gc
import runpy
import sys
from pathlib import Path

import pytest
from django.template import engines
from django.urls import clear_url_caches, get_resolver

CONF = Path(__file__).resolve().parents[1] / "config" / "gunicorn.conf.py"


@pytest.mark.django_db(transaction=True)  # the indicator catalogue reads the database
def test_the_master_builds_what_workers_inherit(settings, monkeypatch):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    monkeypatch.delitem(sys.modules, "redis", raising=False)
    conf = runpy.run_path(str(CONF))
    assert conf["preload_app"] is True  # what makes building in the master useful
    assert conf["max_requests"] > 0
    clear_url_caches()
    engine = engines["django"].engine
    cached = engine.template_loaders[0].loaders[0]  # django-template-partials wraps the cache
    cached.reset()  # templates compiled so far
    try:
        conf["when_ready"](None)
        assert gc.get_freeze_count() > 0  # workers' collections skip what the master built
    finally:
        gc.unfreeze()
    assert get_resolver()._populated  # the URL resolver no first request has to build
    assert "redis" in sys.modules  # imported by the cache on a worker's first request otherwise
    compiled = cached.get_template_cache
    assert "indicators/dashboard.html" in compiled  # a page's template, compiled in the master
    assert "reports/_document.html" in compiled
