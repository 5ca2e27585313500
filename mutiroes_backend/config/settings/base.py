"""Settings for every environment, driven by environment variables.

Production differs from development by environment only. Without DATABASE_URL and
REDIS_URL the app falls back to embedded defaults (SQLite, in-process cache, eager
tasks) so that `make dev` runs on a bare machine. Every variable is documented in
`.env.example`.
"""

import os
import socket
from collections.abc import MutableMapping
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Secrets may come as files instead (Docker Swarm secrets, /run/secrets/...): NAME_FILE names
# the file whose content becomes NAME when NAME itself is not set.
SECRET_VARIABLES = (
    "DJANGO_SECRET_KEY",
    "DJANGO_JWT_SIGNING_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "EMAIL_HOST_PASSWORD",
)


def secrets_from_files(environ: MutableMapping[str, str]) -> None:
    for name in SECRET_VARIABLES:
        path = environ.get(f"{name}_FILE")
        if path and not environ.get(name):
            try:
                environ[name] = Path(path).read_text().strip()
            except OSError as exc:
                raise ImproperlyConfigured(f"{name}_FILE: cannot read {path}: {exc.strerror}") from exc


secrets_from_files(os.environ)


def database_from_url(url: str) -> dict:
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(f"Unsupported DATABASE_URL scheme: {parsed.scheme!r}")
    options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        # Persistent connections with health checks: a restarted PostgreSQL is
        # noticed on the next request instead of failing it.
        "CONN_MAX_AGE": int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"connect_timeout": 5, **options},
    }


# ---------------------------------------------------------------- core
DEBUG = env_bool("DJANGO_DEBUG", False)
# Values that appear in examples and tutorials: anyone could sign a session or a JWT with them.
KNOWN_PLACEHOLDER_SECRETS = {"change-me", "changeme", "secret", "django-insecure", "your-secret-key", "dev"}
MIN_SECRET_LENGTH = 50


def production_secret(name: str, value: str) -> str:
    """Refuse a missing, placeholder or short secret when DEBUG is off (it signs sessions and JWTs)."""
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_DEBUG is off.")
    lowered = value.strip().lower()
    if lowered in KNOWN_PLACEHOLDER_SECRETS or "change-me" in lowered or lowered.startswith("django-insecure"):
        raise ImproperlyConfigured(f"{name} is a placeholder: set a long random value.")
    if len(value) < MIN_SECRET_LENGTH or len(set(value)) < 5:
        raise ImproperlyConfigured(
            f"{name} must be at least {MIN_SECRET_LENGTH} random characters when DJANGO_DEBUG is off."
        )
    return value


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not DEBUG:
    production_secret("DJANGO_SECRET_KEY", SECRET_KEY)
elif not SECRET_KEY:
    SECRET_KEY = "dev-only-insecure-key-never-used-in-production-0123456789abcdef"  # noqa: S105 - DEBUG only
JWT_SIGNING_KEY = os.environ.get("DJANGO_JWT_SIGNING_KEY", "")
if JWT_SIGNING_KEY and not DEBUG:
    production_secret("DJANGO_JWT_SIGNING_KEY", JWT_SIGNING_KEY)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
if DEBUG:
    ALLOWED_HOSTS.append("*")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
CORS_ALLOWED_ORIGINS = env_list("DJANGO_CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"

REPLICA_NAME = os.environ.get("REPLICA_NAME") or socket.gethostname()
FRONTEND_URL = os.environ.get("FRONTEND_URL", "http://localhost:3000").rstrip("/")
# Where browsers reach the API (links the API hands out, e.g. the personal calendar feed). Behind
# nginx the API shares the site's address; `make dev` serves it on its own port.
API_PUBLIC_URL = (os.environ.get("API_PUBLIC_URL") or FRONTEND_URL).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "mutiroes.core",
    "mutiroes.users",
    "mutiroes.events",
    "mutiroes.notifications",
    "mutiroes.impact",
    "mutiroes.community",
    "mutiroes.collectives",
    "mutiroes.alerts",
    "mutiroes.sharing",
    "mutiroes.field",
    "mutiroes.litter",
    "mutiroes.custody",
    "mutiroes.monitoring",
]
# Test-only commands for the browser tests (a mutirão already running or over): never in production.
if env_bool("E2E_SUPPORT", False):
    INSTALLED_APPS.append("e2e_support")

MIDDLEWARE = [
    "mutiroes.core.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "users.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# ---------------------------------------------------------------- data
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    # The embedded default takes concurrent writes as PostgreSQL does: WAL (readers never wait
    # for the writer), BEGIN IMMEDIATE (a transaction takes the write lock when it starts, so
    # two sign-ups never deadlock upgrading a read lock: "database is locked"), and a busy
    # timeout (a writer waits for the one before it).
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("DJANGO_SQLITE_PATH") or BASE_DIR / "db.sqlite3",
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "mutiroes.core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "mutiroes"),
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# ---------------------------------------------------------------- auth
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# Argon2id first (mutiroes/users/hashers.py); the others only verify older hashes, which Django
# rewrites with the first hasher at the next successful login. Not Django's own Argon2 hasher: it
# has the same algorithm name ("argon2"), and Django picks the *last* hasher of a name to check a
# stored hash, so every login's check ran in the request thread at the normal priority (found
# under the login flood, 2026-12-02). Ours checks argon2 hashes of any parameters.
PASSWORD_HASHERS = [
    "mutiroes.users.hashers.OwaspArgon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=60),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=7),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,
    "AUTH_HEADER_TYPES": ("Bearer",),
    "SIGNING_KEY": JWT_SIGNING_KEY or SECRET_KEY,
    "ALGORITHM": "HS256",
}

# ---------------------------------------------------------------- API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["mutiroes.users.authentication.JWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["mutiroes.core.renderers.FastJSONRenderer"],
    # DRF's negotiation, each choice made once per (renderers, format, Accept header).
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "mutiroes.core.negotiation.ContentNegotiation",
    # JSON everywhere; the upload endpoints declare MultiPartParser themselves.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "mutiroes.core.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "mutiroes.core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "mutiroes.core.exceptions.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "mutiroes.core.throttling.AnonRateThrottle",
        "mutiroes.core.throttling.UserRateThrottle",
    ],
    # A second line behind nginx (100 r/s on the API, 10 r/min on auth).
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("DJANGO_THROTTLE_ANON", "3000/min"),
        "user": os.environ.get("DJANGO_THROTTLE_USER", "3000/min"),
        "auth": os.environ.get("DJANGO_THROTTLE_AUTH", "20/min"),
    },
    # Nginx appends the client address to X-Forwarded-For; only that last hop is trusted.
    "NUM_PROXIES": int(os.environ.get("DJANGO_NUM_PROXIES", "0")),
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Mutirões API",
    "DESCRIPTION": "Mutirões: ação ambiental comunitária. REST API contract.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api",
    # Swagger UI served from our own static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "mutiroes.core.schema.standard_errors_hook",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ParticipationStatusEnum": "mutiroes.events.models.Participation.Status",
        "EventStatusEnum": "mutiroes.events.models.Event.Status",
        "MaterialKeyEnum": "mutiroes.impact.models.MATERIAL_CHOICES",
        "EventPhaseEnum": "mutiroes.events.rules.EVENT_PHASE_CHOICES",
        # Notifications keep the name the frontend's generated types use.
        "KindEnum": "mutiroes.notifications.models.Notification.Kind",
        "PreferenceKindEnum": "mutiroes.notifications.models.CONFIGURABLE_KINDS",
        "ResourceKindEnum": "mutiroes.community.models.Resource.Kind",
        "PhotoStageEnum": "mutiroes.community.models.Photo.Stage",
        "CollectiveRoleEnum": "mutiroes.collectives.models.Role",
        "SeriesFrequencyEnum": "mutiroes.events.models.EventSeries.Frequency",
        "AlertAreaKindEnum": "mutiroes.alerts.models.AlertArea.Kind",
        "LitterStatusEnum": "mutiroes.litter.models.LitterReport.Status",
        "LitterSizeEnum": "mutiroes.litter.models.LitterReport.Size",
        "LitterPhotoStageEnum": "mutiroes.litter.models.LitterPhoto.Stage",
        "LitterHistoryKindEnum": "mutiroes.litter.models.LitterHistory.Kind",
        "WasteDestinationEnum": "mutiroes.custody.models.DESTINATION_CHOICES",
        "WasteReceiverKindEnum": "mutiroes.custody.models.Handover.ReceiverKind",
    },
}

# ---------------------------------------------------------------- i18n
LANGUAGE_CODE = "pt-br"
LANGUAGES = [("pt-br", _("Brazilian Portuguese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Sao_Paulo"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------- files
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    # The local file system, with a clean 507 instead of a half-written file when the disk is full.
    "default": {"BACKEND": os.environ.get("DJANGO_FILE_STORAGE", "mutiroes.core.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# ---------------------------------------------------------------- email
# SMTP when EMAIL_HOST is set (production), the console otherwise; DJANGO_EMAIL_BACKEND wins
# (e.g. django.core.mail.backends.filebased.EmailBackend with EMAIL_FILE_PATH).
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Mutirões <nao-responda@mutiroes.org.br>")

# ---------------------------------------------------------------- celery


def broker_url_beside_cache(cache_url: str) -> str:
    """The broker on the cache's Redis server but never in its database (0, or 1 if the cache uses 0).

    The broker's keys must never be evicted: in production give it its own server with
    `maxmemory-policy noeviction` (and AOF), and the cache one with `allkeys-lru`.
    """
    parsed = urlparse(cache_url)
    cache_db = parsed.path.strip("/") or "0"
    return parsed._replace(path="/1" if cache_db == "0" else "/0").geturl()


CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or (
    broker_url_beside_cache(REDIS_URL) if REDIS_URL else "memory://"
)


def broker_transport_for(broker_url: str) -> str | None:
    """kombu's Redis transport with one client per channel for a `redis://` broker (core/broker.py);
    None (the URL's own transport) for any other."""
    return "mutiroes.core.broker:Transport" if urlparse(broker_url).scheme == "redis" else None


CELERY_BROKER_TRANSPORT = broker_transport_for(CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = not (os.environ.get("CELERY_BROKER_URL") or REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None  # a worker waits for Redis as long as it takes
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than the longest task or ETA (retries wait at most 10 min), so an unacknowledged
    # task is redelivered only when its worker is really gone.
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", 60 * 60 * 2)),
    # Publishing fails fast when Redis is down: no reconnect loop inside a request; the
    # outbox row stays pending and the sweep enqueues it once Redis is back. Workers and
    # beat reconnect by themselves (broker_connection_retry).
    "max_retries": 0,
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
    "health_check_interval": 25,
}
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
# Periodic work, run by exactly one beat. Add entries here (name → task, schedule, expiry).
CELERY_BEAT_SCHEDULE = {
    "notifications-reminders": {
        "task": "mutiroes.notifications.tasks.reminders_send",
        "schedule": 15 * 60,
        "options": {"expires": 15 * 60},
    },
    "notifications-outbox-sweep": {
        "task": "mutiroes.notifications.tasks.outbox_sweep",
        "schedule": float(os.environ.get("NOTIFICATIONS_SWEEP_INTERVAL_SECONDS", "60")),
        "options": {"expires": 60},
    },
    "events-complete-due": {
        "task": "mutiroes.impact.tasks.events_complete_due",
        "schedule": 10 * 60,
        "options": {"expires": 10 * 60},
    },
    "users-expired-tokens-flush": {
        "task": "mutiroes.users.tasks.expired_tokens_flush",
        "schedule": 6 * 60 * 60,
        "options": {"expires": 60 * 60},
    },
    "collectives-outbox-sweep": {
        "task": "mutiroes.collectives.tasks.collectives_outbox_sweep",
        "schedule": float(os.environ.get("NOTIFICATIONS_SWEEP_INTERVAL_SECONDS", "60")),
        "options": {"expires": 60},
    },
    "events-series-generate": {
        "task": "mutiroes.events.tasks.series_occurrences_generate",
        "schedule": 60 * 60,
        "options": {"expires": 60 * 60},
    },
    "alerts-sweep": {
        "task": "mutiroes.alerts.tasks.alerts_sweep",
        "schedule": float(os.environ.get("NOTIFICATIONS_SWEEP_INTERVAL_SECONDS", "60")),
        "options": {"expires": 60},
    },
    "alerts-digests": {
        "task": "mutiroes.alerts.tasks.alert_digests_send",
        "schedule": 60 * 60,
        "options": {"expires": 60 * 60},
    },
    "impact-stats-refresh": {
        "task": "mutiroes.impact.tasks.impact_stats_refresh",
        "schedule": 15 * 60,
        "options": {"expires": 15 * 60},
    },
    "litter-reports-close-due": {
        "task": "mutiroes.litter.tasks.litter_reports_close_due",
        "schedule": 30 * 60,
        "options": {"expires": 30 * 60},
    },
    "litter-resurveys-ask": {
        "task": "mutiroes.litter.tasks.litter_resurveys_ask",
        "schedule": 60 * 60,
        "options": {"expires": 60 * 60},
    },
}

# ---------------------------------------------------------------- collectives and series
COLLECTIVES = {
    # An invitation's link works this long, once.
    "INVITATION_DAYS": 7,
}
SERIES = {
    # Occurrences of a recurring mutirão exist this far ahead (beat generates them hourly).
    "HORIZON_DAYS": 60,
    # A series ends at most this far after its first occurrence (or after this many).
    "MAX_DAYS": 2 * 366,
    "MAX_COUNT": 104,
}

# ---------------------------------------------------------------- notifications
NOTIFICATIONS = {
    # People per fan-out task (event changed / cancelled, reminders, reports).
    "BATCH_SIZE": 500,
    # Emails per `notification_emails_send` task (one mail connection each): a fan-out's batch
    # is split so that every worker process takes a share of it.
    "EMAIL_BATCH_SIZE": 100,
    "REMINDER_HOURS_BEFORE": 24,
    # The sweep re-enqueues emails and fan-outs still pending this long after creation.
    "SWEEP_AFTER_SECONDS": int(os.environ.get("NOTIFICATIONS_SWEEP_AFTER_SECONDS", "120")),
    # After this many failed sends an email is marked failed and left alone.
    "MAX_EMAIL_ATTEMPTS": 8,
    # Messages an organizer may send to everyone in one mutirão per 24 hours.
    "ORGANIZER_MESSAGES_PER_DAY": 3,
}

# ---------------------------------------------------------------- security
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^api/health/"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# ---------------------------------------------------------------- logging
# One JSON object per line (mutiroes.core.logs): one line per request (`event: request`) and one
# per task (`event: task`), each with the request id and the replica; `plain` for a terminal.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT") or ("plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "mutiroes.core.middleware.RequestContextFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(replica)s %(request_id)s] %(message)s",
        },
        "json": {"()": "mutiroes.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # The request line replaces Django's own 4xx warnings (errors and 5xx are still logged).
        "django.request": {"level": "ERROR"},
        # The task line (mutiroes.task) replaces Celery's "received" and "succeeded" lines.
        "celery.app.trace": {"level": "WARNING"},
        "celery.worker.strategy": {"level": "WARNING"},
    },
}
# Workers log through the configuration above instead of Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# ---------------------------------------------------------------- test faults
# Test clusters only (tests/cluster): /api/test-faults/error/ answers a 500, so that the 5xx
# metrics and alerts can be proven. Never set in production; the route does not exist without it.
TEST_FAULTS = env_bool("DJANGO_TEST_FAULTS", False)

# ---------------------------------------------------------------- benchmarks
# Routes /api/bench/noop/ and /api/bench/noop-auth/ (the references of `make bench`). Off in production.
BENCH_MINIMAL_VIEW = env_bool("BENCH_MINIMAL_VIEW", False)

# ---------------------------------------------------------------- domain
MUTIROES = {
    # The check-in window (organizer and self check-in): opens this many minutes before the start
    # and closes this many minutes after the end. Read only by mutiroes/events/rules.py.
    "CHECKIN_OPENS_MINUTES_BEFORE": 60,
    "CHECKIN_CLOSES_MINUTES_AFTER_END": 60,
}
