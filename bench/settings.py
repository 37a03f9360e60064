"""The site's settings for bench/run.py: a bench-only URLconf and no rate limit to speak of."""

from backpain.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# The load generator is one client; the site's limit would answer it 429 after 60 requests.
API_TRIAGE_RATE = "100000000/min"
# Plain HTTP on loopback: no redirect to HTTPS.
SECURE_SSL_REDIRECT = False
# The finish limit of the questionnaire, likewise.
JOURNEY_FINISH_RATE = "100000000/min"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]  # noqa: F405
# No collectstatic before a bench run: files are served as they are (the manifest storage of
# production would need one).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
