from backpain.checks import shared_cache_check

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
    }
}


def test_a_per_process_cache_in_production_is_warned_of(settings):
    settings.DEBUG = False
    settings.CACHES = LOCMEM

    assert [w.id for w in shared_cache_check(None)] == ["backpain.W001"]


def test_a_per_process_cache_in_development_is_fine(settings):
    settings.DEBUG = True
    settings.CACHES = LOCMEM

    assert shared_cache_check(None) == []


def test_redis_in_production_is_fine(settings):
    settings.DEBUG = False
    settings.CACHES = REDIS

    assert shared_cache_check(None) == []


def test_the_api_throttle_counts_in_djangos_cache():
    # With REDIS_URL, Django's cache is Redis, so the throttle is shared by every server.
    from django.core.cache import cache

    from triage.api import TriageRateThrottle

    assert TriageRateThrottle.cache is cache
