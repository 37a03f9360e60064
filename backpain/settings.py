"""Settings for the back-pain triage site, driven by environment variables.

Every variable is documented in `.env.example`. Development defaults work offline with SQLite;
production refuses to start without the secrets it needs.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_float(name, default):
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number of seconds, not {value!r}.") from None


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_rate(name, default):
    """A rate such as 10/hour, checked here so that a typo fails at start, not on a request."""
    value = os.environ.get(name) or default
    count, _, period = value.partition("/")
    if not count.isdigit() or period not in ("s", "sec", "min", "hour", "day"):
        raise ImproperlyConfigured(
            f"{name} must look like 10/hour (requests/s, min, hour or day), not {value!r}"
        )
    return value


# Off unless set: `make run` sets DEBUG=true, production never does.
DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set when DEBUG is off: the site's host names, comma-separated, "
        "e.g. ALLOWED_HOSTS=backpain.example.org"
    )
# Origins (scheme://host) allowed to POST forms, e.g. https://backpain.example.org. Needed when
# the site is served over HTTPS on a host Django does not see as its own.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# HTTPS. In production TLS ends at nginx or the load balancer, which must set X-Forwarded-Proto
# and strip any the client sent: without SECURE_PROXY_SSL_HEADER every request looks like plain
# HTTP, the redirect loops and the CSRF check refuses every POST behind the proxy.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The load balancer probes each app server directly over HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER"], "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Phone numbers shown to runners. Settings, never text baked into templates (hazard H11).
EMERGENCY_NUMBER = os.environ.get("EMERGENCY_NUMBER", "999")
NON_EMERGENCY_NUMBER = os.environ.get("NON_EMERGENCY_NUMBER", "111")
# Who runners write to about their data and the site's accessibility (privacy, accessibility).
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "privacy@example.org")

# Who reads reports of security problems, in /.well-known/security.txt: an email address or an
# https:// page, e.g. security@example.org. Without it the file is not served.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "")

# How stale the published ruleset may be, in seconds, on a server that did not publish it: each
# process checks for a new version at most this often (triage.compile.published_ruleset).
TRIAGE_VERSION_CHECK_SECONDS = env_float("TRIAGE_VERSION_CHECK_SECONDS", 1.0)
# A stored result's page is rendered once and kept in the cache this long (a stored result never
# changes; the runner comes back to it, reloads it, prints it). 0 renders it on every request.
RESULT_PAGE_CACHE_SECONDS = env_float("RESULT_PAGE_CACHE_SECONDS", 600.0)

# Triage requests one client may send to the JSON API, e.g. 60/min (triage.api.throttling).
API_TRIAGE_RATE = os.environ.get("API_TRIAGE_RATE", "60/min")
# Reverse proxies in front of the app. The API's rate limit trusts X-Forwarded-For only this far;
# without it ninja trusts the whole header, and a client could dodge the limit by forging it.
# The admin's lockout and the questionnaire's limit read the client's address the same way.
NINJA_NUM_PROXIES = env_int("NINJA_NUM_PROXIES", 0)
# Questionnaires one client may finish (POST the last step), e.g. 20/hour (backpain.limits).
JOURNEY_FINISH_RATE = env_rate("JOURNEY_FINISH_RATE", "20/hour")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    # Serves the API docs page (Swagger UI) from its own static files instead of a CDN.
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "health_check",
    "backpain",
    "triage",
    "articles",
]

MIDDLEWARE = [
    # First, so that every log line of the request, and its response, carry the request id.
    "backpain.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "backpain.middleware.PrivacyHeadersMiddleware",
    "backpain.middleware.NulRefusalMiddleware",
    "backpain.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "backpain.otp.ReviewerOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "backpain.limits.JourneyFinishLimitMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "backpain.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "triage.context_processors.phone_numbers",
            ],
        },
    },
]

WSGI_APPLICATION = "backpain.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Persistent connections: one PostgreSQL query per page served about 2,200 requests a
        # second with them and about 150 without (measured on a 2-core machine).
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction starts, so that concurrent requests wait for it
    # instead of failing with "database is locked" (21% of triage requests under load without).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"

# The API's rate limit and the questionnaire's limit count in the cache, and sessions are read
# through it. With REDIS_URL (e.g. redis://127.0.0.1:6379/0) every server and worker shares one
# Redis; without it each process keeps its own memory and sessions live in the database, which
# is right for `make run` and wrong for production (backpain.W001 says so).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "backpain"),
            # A Redis that stops answering must fail a request quickly, not hang a worker.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Written to the database and read from Redis: a Redis restart logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out client is refused before its password is even hashed.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Only the editors log in, and only to the admin: a login whose `next` is missing or points
# off the site lands on the admin index, not on Django's default /accounts/profile/ (a 404).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_HTTPONLY = True
# A session holds a runner's answers: two hours, then they are gone (`clearsessions` deletes
# the expired rows; deploy/systemd/backpain-purge.timer runs it).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 2 * 60 * 60)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Django's default, written out because the check relies on it: no other site's window keeps a
# handle on ours.
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (django-csp): our own files only. Templates hold no inline script or
# style (the progress bar takes its width from a class in static/css/site.css). Images may be
# data: URIs (Bootstrap's and Swagger UI's icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features no page here uses (backpain.middleware.PrivacyHeadersMiddleware).
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "accelerometer=(), gyroscope=(), magnetometer=(), interest-cohort=()"
)

# Two-factor login (django-otp, TOTP) for everyone who can publish a ruleset version
# (backpain.otp). Set up a device with `manage.py add_totp_device USERNAME`.
OTP_REQUIRED_FOR_PUBLISHERS = env_bool("OTP_REQUIRED_FOR_PUBLISHERS", True)
OTP_TOTP_ISSUER = "Back pain check"

# The admin login (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from
# one address, that pair is refused (HTTP 429) for AXES_COOLOFF_HOURS, right password or not.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(hours=env_int("AXES_COOLOFF_HOURS", 1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "backpain.clients.client_ip"
AXES_LOCKOUT_TEMPLATE = "429.html"

# Logs: one JSON object a line on standard error, each with the request's id (backpain.logs).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "backpain.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "backpain.logs.JsonFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    # Replaces Django's own handlers, whose mail_admins had no ADMINS to write to.
    "loggers": {
        "django": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False},
        # Its lockouts are warnings; its start-up banner on every command is noise.
        "axes": {"level": "WARNING"},
    },
}

# Errors to Sentry only when a DSN is set. No request bodies and no personal data: the bodies
# are a runner's health answers.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=0.0,
    )
