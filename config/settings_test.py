"""Test settings: fast hashing, in-memory cache and email, SQLite unless DATABASE_URL says otherwise."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")

from config.settings import *  # noqa: F403
from config.settings import DATABASES, JOBS_DB, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},  # a dashboard caches a few hundred sums
    }
}
CACHE_BACKEND = "locmem"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {}
# Tests run jobs inline inside their own transaction: progress goes through the same connection.
del DATABASES[JOBS_DB]
JOBS_DB = "default"
# Static files are served by the test client's finders; whitenoise needs a collected STATIC_ROOT.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="xingcun-test-media-"))
# Background tasks run inline, inside the test's transaction (the in-memory database is not shared).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Requests per token: the API matrix and schemathesis make thousands in a minute.
XINGCUN_API_RATE = "1000000/minute"
