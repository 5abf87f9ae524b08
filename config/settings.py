"""xingcun settings: everything that differs between machines comes from the environment.

Production is the default: DEBUG off, secure cookies, HSTS. `make run` sets DEBUG=1 for the
embedded SQLite demo; a production deployment sets SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("XINGCUN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The key comes from the environment; an embedded installation keeps one in var/secret_key
# (written by `make run`), so that `manage.py` commands work there without extra variables.
SECRET_KEY_FILE = VAR_DIR / "secret_key"
SECRET_KEY = os.environ.get("SECRET_KEY", "") or (
    SECRET_KEY_FILE.read_text().strip() if SECRET_KEY_FILE.is_file() else ""
)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "未设置 SECRET_KEY：生产环境请在环境变量中设置 50 个字符以上的随机字符串"
            "（或先运行 make run 生成 var/secret_key；开发时可设置 DEBUG=1）。"
        )
    SECRET_KEY = "dev-only-insecure-key-for-the-embedded-demo-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "xingcun.core",
    "xingcun.accounts",
    "xingcun.organisations",
    "xingcun.people",
    "xingcun.villages",
    "xingcun.projects",
    "xingcun.indicators",
    "xingcun.reports",
    "xingcun.orders",
    "xingcun.vanguard",
    "xingcun.pairing",
    "xingcun.alliances",
    "xingcun.ecommerce",
    "xingcun.secretaries",
    "xingcun.wishes",
    "xingcun.posts",
    "xingcun.competitions",
    "xingcun.finance",
    "xingcun.universities",
    "xingcun.operators",
    "xingcun.ratings",
    "xingcun.honours",
    "xingcun.notifications",
    "xingcun.reporting",
    "xingcun.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xingcun.core.middleware.LanguageMiddleware",
    "xingcun.core.middleware.ReadOnceMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "xingcun.accounts.middleware.ScopeMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "xingcun" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "xingcun.core.context_processors.navigation",
                "xingcun.reporting.context.work",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'xingcun.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Each new SQLite connection parses the whole schema (every table, index and version trigger,
    # about 6–12 ms) before its first statement: a server process keeps its connection, so a page
    # does not pay that on every request. The development server opens a thread per request,
    # whose connections would never be reused, so it closes them as before. CONN_MAX_AGE, when
    # set, still decides.
    DATABASES["default"]["CONN_MAX_AGE"] = (
        int(os.environ["CONN_MAX_AGE"]) if "CONN_MAX_AGE" in os.environ else 0 if DEBUG else None
    )
# A second connection to the same database, for a background job's progress: written outside the
# job's own transaction, so every server worker sees it while the job runs (xingcun.core.jobs).
JOBS_DB = "jobs"
DATABASES[JOBS_DB] = DATABASES["default"].copy()
if DATABASES[JOBS_DB]["ENGINE"] == "django.db.backends.sqlite3":
    # Progress is best effort: never wait for a writer that holds SQLite's single write lock.
    DATABASES[JOBS_DB]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), "timeout": 0.2}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "xingcun" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "xingcun" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

# Server processes: gunicorn's own variable, read by config/gunicorn.conf.py too.
WEB_CONCURRENCY = int(os.environ.get("WEB_CONCURRENCY", "0")) or min(
    2 * (os.cpu_count() or 1) + 1, 9
)

# The cache is shared by every server process: Redis when REDIS_URL is set, else a table in the
# database (`manage.py createcachetable`, run by `make serve`). Process memory only for the
# single-process development server, or when asked for explicitly with one worker.
CACHE_BACKEND = os.environ.get("CACHE_BACKEND", "redis" if os.environ.get("REDIS_URL") else "")
CACHE_BACKEND = CACHE_BACKEND or ("locmem" if DEBUG else "database")
CACHES = {
    "default": {
        "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1"),
        },
        # Cached indicator sums are many small entries (xingcun.indicators.cache): room for a
        # province's dashboards before Django's default limit of 300 entries starts culling.
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "xingcun_cache",
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        },
        "locmem": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }.get(CACHE_BACKEND)
    or {}
}
if not CACHES["default"]:
    raise ImproperlyConfigured(
        f"CACHE_BACKEND={CACHE_BACKEND} 无效：可选 redis、database、locmem。"
    )
if CACHE_BACKEND == "locmem" and not DEBUG and WEB_CONCURRENCY > 1:
    raise ImproperlyConfigured(
        f"生产环境有 {WEB_CONCURRENCY} 个服务进程，进程内缓存无法共享："
        "请设置 REDIS_URL，或不设置 CACHE_BACKEND（使用数据库缓存），或设置 WEB_CONCURRENCY=1。"
    )

# Sessions: with Redis, read from the cache and written to both (a flushed cache falls back to the
# database), so an authenticated page does not query the sessions table; logging out or a password
# change deletes or replaces the session in both.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHE_BACKEND == "redis"
    else "django.contrib.sessions.backends.db"
)

# Background work (django-tasks): queued in the database, run by `manage.py run_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Notifications: the in-app inbox always; these channels as well (xingcun.notifications.channels).
# Mail goes through EMAIL_BACKEND; SMS / 政务钉钉 / 企业微信 are WebhookChannel adapters. In
# development the logging webhook writes each message to the log.
XINGCUN_NOTIFICATION_CHANNELS = env_list(
    "NOTIFICATION_CHANNELS",
    "xingcun.notifications.channels.LoggingWebhook" if DEBUG else "",
)
XINGCUN_WECOM_WEBHOOK = os.environ.get("WECOM_WEBHOOK", "")
XINGCUN_DINGTALK_WEBHOOK = os.environ.get("DINGTALK_WEBHOOK", "")
XINGCUN_SITE_URL = os.environ.get("SITE_URL", "")

# Uploads: imports larger than this are refused with a clear message. 256 MB holds a
# 1,000,000-row register as xlsx or CSV; uploads stream to disk (above FILE_UPLOAD_MAX_MEMORY_SIZE)
# and the import reads the stored file, so a large file is never held in memory whole.
XINGCUN_IMPORT_MAX_BYTES = int(os.environ.get("XINGCUN_IMPORT_MAX_BYTES", str(256 * 1024 * 1024)))
# Rows an import validates at a time: memory grows with this, not with the file's length.
XINGCUN_IMPORT_CHUNK_ROWS = int(os.environ.get("XINGCUN_IMPORT_CHUNK_ROWS", "20000"))
# The form fields around a file, not the file: they stay small whatever the import limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Security: safe by default; an intranet deployment without TLS turns these off explicitly.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Cookies are secure whenever the site redirects to HTTPS (a TLS-less intranet turns both off).
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", SECURE_SSL_REDIRECT)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", SECURE_SSL_REDIRECT)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
# Preloading is a commitment for the whole registrable domain (often a government one that this
# project does not own), so it stays off and its `check --deploy` warning is silenced on purpose.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The client's address (login throttling, the public page's limits, the audit log): REMOTE_ADDR,
# unless the request comes from one of these reverse proxies (addresses or networks), in which case
# the proxies' header is read from the right, skipping trusted proxies (xingcun.core.net).
XINGCUN_TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
XINGCUN_CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "X-Forwarded-For")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# === Security (login throttling, password rules, content security policy, upload caps) =========
# Owned by the security work (issue 13); the rest of this file is the lead's.
import datetime as _dt  # noqa: E402

from csp.constants import NONE, SELF  # noqa: E402

INSTALLED_APPS += ["axes", "csp"]
# Axes last: it must see the final response of a login attempt. CSP early: every response gets it.
MIDDLEWARE.insert(1, "csp.middleware.CSPMiddleware")
MIDDLEWARE.insert(2, "xingcun.core.uploads.UploadLimitMiddleware")
MIDDLEWARE += ["xingcun.accounts.middleware.AuditActorMiddleware", "axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out account or address first
    # Django's, with the session's user and memberships kept while their tables are unchanged.
    "xingcun.accounts.backends.ModelBackend",
]
# Lock out after this many failures of one account, or from one client address (the real client
# behind the trusted proxies: xingcun.core.net.client_ip), for the cool-off time; the lock is kept in
# the database, so every server process honours it; a district administrator may lift it earlier.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = _dt.timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "xingcun.accounts.middleware.axes_client_ip"  # core.net.client_ip
AXES_LOCKOUT_CALLABLE = "xingcun.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["password"]

# Passwords: in production the demo password, numeric-only and common passwords are refused.
if not DEBUG:
    AUTH_PASSWORD_VALIDATORS += [
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
        {"NAME": "xingcun.accounts.validators.DemoPasswordValidator"},
    ]

# Content-Security-Policy: our own static files only; no inline script, no eval, no inline style
# element or attribute (scripts set element styles through the CSSOM, which CSP allows).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Uploads: a request that declares more than the import limit is refused before its body is read;
# one that does not declare it is cut off at the limit while streaming (xingcun.core.uploads).
FILE_UPLOAD_HANDLERS = [
    "xingcun.core.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# === end of the security block ==================================================================

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# === The JSON API (issue 17): /api/v1/, its OpenAPI document and Swagger UI ====================
# Token authentication runs before ScopeMiddleware, so a token's request gets the same scope as
# its user's pages. No CORS middleware: browsers of other origins get no access (closed default).
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "drf_spectacular_sidecar", "xingcun.api"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "xingcun.api.middleware.TokenMiddleware",
)
# Requests a token (or a logged-in user without one) may make, counted in the shared cache.
XINGCUN_API_RATE = os.environ.get("API_RATE", "1200/minute")
XINGCUN_API_BULK_MAX_ROWS = 5000
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "xingcun.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["xingcun.api.throttling.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "xingcun.api.views.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "xingcun API",
    "DESCRIPTION": "兴村数据接口：登记簿、指标与报告。Registers, indicators and reports of xingcun.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [],  # enums inline: 74 registers share field names like "kind"
}
# === end of the API block =======================================================================
