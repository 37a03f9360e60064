"""gunicorn's settings, from the environment (documented in .env.example).

gunicorn backpain.wsgi     # reads this file from the working directory
"""

import os


def _int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


wsgi_app = "backpain.wsgi"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers behind nginx, which buffers slow clients: a worker never waits on a slow upload.
workers = _int("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1)
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Restart each worker after about this many requests, so that a slow leak cannot grow forever.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# Never migrate here: migrations run once per release (deploy/release.sh), not on each boot.
preload_app = False
# Django's LOGGING writes JSON lines to stderr; gunicorn's error log goes there too.
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
