VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt requirements.lock | sha1sum | cut -c1-12)

# Development: settings default to production (DEBUG off, secrets required); every target here
# is for a developer's machine, so DEBUG is on unless the environment says otherwise.
export DEBUG ?= true

# Where `make run` serves: `make run PORT=8001`, or HOST=0.0.0.0 to be reached from another device.
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-fast test-browser test-scale-out lint check-content format lock

install: $(STAMP)

# The site's packages at the lockfile's versions (tests/deploy/test_lockfile.py checks it).
$(STAMP): requirements.txt requirements-dev.txt requirements.lock
	test -x $(PY) || python3 -m venv $(VENV)
	# The lock's versions without its hashes: hashes would demand one for every dev package too.
	sed -e '/--hash=/d' -e 's/ *\\$$//' requirements.lock > $(VENV)/constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -c $(VENV)/constraints.txt -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_default_content
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/djhtml --check templates
	$(VENV)/bin/mypy
	$(PY) manage.py check --fail-level ERROR
	$(PY) manage.py makemigrations --check --dry-run

# The content check reads the database (it is tagged `database`), so it runs where it can see
# content: after migrate and the default content, on DATABASE_URL (CI: a fresh PostgreSQL).
check-content: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_default_content
	$(PY) manage.py check --database default --fail-level ERROR

# The whole suite in one run, browser tests included (they need /usr/bin/chromium; without it
# they are skipped locally with a message, and fail in CI, where CI is set).
test: lint check-content
	$(VENV)/bin/pytest

test-fast: install
	$(VENV)/bin/pytest -m "not browser and not scale_out"

# Two gunicorn servers behind nginx with PostgreSQL and Redis (needs nginx and redis-server).
test-scale-out: install
	$(VENV)/bin/pytest -m scale_out

test-browser: install
	$(VENV)/bin/pytest -m browser

# The production lockfile with hashes, from requirements.txt (deploy/release.sh installs it).
lock: install
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links --output-file requirements.lock requirements.txt

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/djhtml templates
