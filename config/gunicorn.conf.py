"""gunicorn settings for xingcun: `gunicorn -c config/gunicorn.conf.py config.wsgi` (`make serve`).

Every value can be overridden from the environment; the defaults suit a 2–8 core county server.
"""

import multiprocessing
import os
from pathlib import Path

bind = os.environ.get("BIND", "127.0.0.1:8000")
# gunicorn's own convention; settings.py reads the same variable to insist on a shared cache.
workers = int(os.environ.get("WEB_CONCURRENCY", "0")) or min(2 * multiprocessing.cpu_count() + 1, 9)
worker_class = "sync"
# Reports and exports of a whole district can take a while; the proxy's timeout should match.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# Restart workers now and then, with jitter, so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Load the application once in the master: a broken configuration fails before forking.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# Only the proxy on this machine may set X-Forwarded-Proto (HTTPS detection); the client address
# is read by xingcun.core.net from TRUSTED_PROXIES, not by gunicorn.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def when_ready(server: object) -> None:
    """Build, once in the master, what every worker would otherwise build on its first requests:
    the URL resolver, the translation catalogues, the compiled indicator catalogue and the base
    template. Workers are forked after this (`preload_app`), so a worker that replaces a recycled
    one (`max_requests`) starts with it too, instead of keeping its first users waiting 1.5–3 s
    (docs/performance.md, fifth pass). The cache's client library (redis: 0.1–0.3 s to import on
    a worker's first request) and every template are loaded here too. No connection is carried
    across the fork.

    Last, everything built so far is frozen out of the garbage collector (`gc.freeze()`, as the
    Python documentation advises before forking): a worker's full collections then walk only
    what the worker itself made, instead of pausing a request for 100–350 ms to walk the
    inherited catalogue, templates and URL tables (and writing to every inherited page)."""
    import gc

    from django.conf import settings
    from django.db import connections
    from django.template.loader import get_template
    from django.urls import reverse
    from django.utils import translation

    from xingcun.indicators import cache

    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            reverse("core:home")
            get_template("base.html")
    cache.catalogue_tables()
    if "RedisCache" in str(settings.CACHES["default"]):
        import redis  # noqa: F401 - what the cache backend imports on its first use
    folder = Path(settings.BASE_DIR) / "xingcun" / "templates"
    for template in sorted(folder.rglob("*.html")):
        get_template(template.relative_to(folder).as_posix())
    connections.close_all()
    gc.freeze()
