"""System checks for how the site is deployed."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

# Backends whose entries live in one process (or one machine): counters and sessions in them
# are not shared between servers.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}


@register(Tags.caches)
def shared_cache_check(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            "The cache is kept per process, so each server process counts its own API throttle "
            "and questionnaire limit.",
            hint="Set REDIS_URL to a Redis every server shares, e.g. redis://10.0.0.5:6379/0.",
            obj=backend,
            id="backpain.W001",
        )
    ]
