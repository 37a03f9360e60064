"""The per-client rate limit on POST /api/v1/triage."""

import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from ninja.throttling import AnonRateThrottle


class _PerThread:
    """An attribute of a shared object whose value belongs to the thread that set it."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj._per_thread, self.name)

    def __set__(self, obj, value):
        setattr(obj._per_thread, self.name, value)


class TriageRateThrottle(AnonRateThrottle):
    """Limits each client (by IP address) to settings.API_TRIAGE_RATE triage requests.

    The rate is read on every request, so a deployment or a test can change the setting. One
    instance serves every thread of a process, and ninja's throttles keep the request being
    checked on the instance (cache key, history), so that state is kept per thread: two
    threads must not write one client's history under another's key.
    """

    scope = "api_triage"
    key = _PerThread()
    history = _PerThread()
    now = _PerThread()
    num_requests = _PerThread()
    duration = _PerThread()

    def __init__(self):
        self._per_thread = threading.local()
        self.rate_from_settings()

    def rate_from_settings(self):
        rate = settings.API_TRIAGE_RATE
        try:
            self.num_requests, self.duration = self.parse_rate(rate)
        except ValueError:
            raise ImproperlyConfigured(
                f"API_TRIAGE_RATE must look like 60/min (requests/period), not {rate!r}"
            ) from None

    def allow_request(self, request):
        self.rate_from_settings()
        return super().allow_request(request)
