import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-like-key-that-is-long-and-random-enough-0123456789abcdef",
    "ALLOWED_HOSTS": "backpain.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://backpain.example.org",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
    "SECURE_HSTS_PRELOAD": "true",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_django(code, **env):
    """Run `code` after django.setup() in a fresh interpreter with only `env` set."""
    base = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "backpain.settings"}
    script = f"import django\ndjango.setup()\n{code}"
    return subprocess.run(  # noqa: S603 (our interpreter, our code)
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def manage(*args, **env):
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}  # noqa: S108
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_debug_is_off_when_unset():
    found = run_django(
        "from django.conf import settings; print(settings.DEBUG)",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
    )

    assert found.stdout.strip() == "False", found.stderr


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY must be set when DEBUG is off"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set when DEBUG is off"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(missing, message):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}

    found = run_django("pass", **env)

    assert found.returncode != 0
    assert "ImproperlyConfigured" in found.stderr and message in found.stderr


def test_check_deploy_finds_nothing_with_production_settings():
    found = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert found.returncode == 0, found.stdout + found.stderr
    assert "System check identified no issues (0 silenced)." in found.stdout


def test_check_deploy_warns_of_a_cache_kept_per_process():
    env = {k: v for k, v in PRODUCTION.items() if k != "REDIS_URL"}

    found = manage("check", "--deploy", **env)

    assert "backpain.W001" in found.stdout + found.stderr


def test_https_settings_come_from_the_environment():
    found = run_django(
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS, "
        "s.SESSION_COOKIE_SECURE)",
        **PRODUCTION,
        SECURE_HSTS_SECONDS="600",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
    )

    assert found.stdout.split("\n")[0] == (
        "False 600 ('HTTP_X_FORWARDED_PROTO', 'https') ['https://backpain.example.org'] False"
    ), found.stderr


def test_redis_url_shares_the_cache_and_sessions():
    found = run_django(
        "from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)",
        **PRODUCTION,
    )

    assert found.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
    ], found.stderr


def test_without_redis_the_embedded_defaults_stay():
    found = run_django(
        "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'], "
        "s.SESSION_ENGINE, s.DATABASES['default']['ENGINE'])",
        DEBUG="true",
    )

    assert found.stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
        "django.db.backends.sqlite3",
    ], found.stderr


def test_sentry_is_started_only_with_a_dsn():
    code = "import sentry_sdk; print(sentry_sdk.get_client().is_active())"

    without = run_django(code, DEBUG="true")
    with_dsn = run_django(code, DEBUG="true", SENTRY_DSN="https://public@127.0.0.1:9/1")

    assert without.stdout.strip() == "False", without.stderr
    assert with_dsn.stdout.strip() == "True", with_dsn.stderr


def test_a_malformed_rate_fails_at_start():
    found = run_django("pass", DEBUG="true", JOURNEY_FINISH_RATE="many")

    assert "JOURNEY_FINISH_RATE must look like 10/hour" in found.stderr


def test_env_example_lists_every_variable_the_settings_read():
    settings_source = (ROOT / "backpain" / "settings.py").read_text()
    example = (ROOT / ".env.example").read_text()

    read = set(re.findall(r'env_\w+\("([A-Z_]+)"', settings_source))
    read |= set(re.findall(r'os\.environ(?:\.get\(|\[)"([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^#? ?([A-Z_]+)=", example, flags=re.MULTILINE))

    assert read - documented == set()
