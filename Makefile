VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)

# Development: settings default to production (DEBUG off, secrets required); every target here
# is for a developer's machine, so DEBUG is on unless the environment says otherwise.
export DEBUG ?= true

.PHONY: install run test test-fast test-browser lint format

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_default_content
	$(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/djhtml --check templates
	$(PY) manage.py check --fail-level ERROR
	$(PY) manage.py makemigrations --check --dry-run

# The whole suite in one run, browser tests included (they need /usr/bin/chromium; without it
# they are skipped locally with a message, and fail in CI, where CI is set).
test: lint
	$(VENV)/bin/pytest

test-fast: install
	$(VENV)/bin/pytest -m "not browser"

test-browser: install
	$(VENV)/bin/pytest -m browser

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/djhtml templates
