"""A per-client limit on finishing the questionnaire, counted in the shared cache."""

import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from backpain.clients import client_ip

PERIODS = {"s": 1, "sec": 1, "min": 60, "hour": 3600, "day": 86400}


def parse_rate(rate):
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period]


def hit(key, rate):
    """Count one request against `rate` in a fixed window; False once the window is full.

    cache.add then cache.incr is atomic in Redis, so every server and worker counts together.
    """
    limit, seconds = parse_rate(rate)
    window = int(time.time() // seconds)
    key = f"limit:{key}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds + 1)
        count = 1
    return count <= limit, seconds - int(time.time()) % seconds


class JourneyFinishLimitMiddleware:
    """Refuse (429) a client that finishes the questionnaire more than JOURNEY_FINISH_RATE.

    Only the POST that finishes the check counts: going back from the last step does not, and
    no other step is limited, so a runner who meets an emergency sign is never held up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None or match.view_name != "triage:step":
            return None
        if view_kwargs.get("step") != _last_step_slug() or "back" in request.POST:
            return None
        allowed, retry_after = hit(f"finish:{client_ip(request)}", settings.JOURNEY_FINISH_RATE)
        if allowed:
            return None
        response = render(request, "429.html", status=429)
        response["Retry-After"] = str(retry_after)
        return response


def _last_step_slug():
    # Imported late: the questionnaire's steps are the triage app's to define.
    from triage.journey.session import STEPS

    return STEPS[-1].slug
