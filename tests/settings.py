"""The test suite's settings: the project's own, built as for development.

Production settings refuse to load without SECRET_KEY and ALLOWED_HOSTS; the tests of those
rules (tests/backpain/test_settings.py) load them in a subprocess with an environment of their
own. pytest-django still runs every test with DEBUG off.
"""

import os

os.environ.setdefault("DEBUG", "true")

from backpain.settings import *  # noqa: E402, F403

# Every test reads the latest version afresh; tests/triage/test_version_cache.py checks the bound.
TRIAGE_VERSION_CHECK_SECONDS = 0
