VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)

.PHONY: install run test test-fast test-browser lint check-content format

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
	$(VENV)/bin/pytest -m "not browser"

test-browser: install
	$(VENV)/bin/pytest -m browser

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/djhtml templates
