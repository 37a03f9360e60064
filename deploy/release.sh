#!/usr/bin/env bash
# One release job, run once per release from one machine (CI or an operator), never on each app
# server's boot: two servers migrating at once would race, and a server booting mid-release
# would migrate a schema its peers' code does not expect.
#
#   set -a; . /etc/backpain/env; set +a
#   deploy/release.sh            # then restart the app servers one at a time
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

# The dependencies from the lockfile only, every file checked against its hash.
"$PY" -m pip install --quiet --require-hashes --no-deps -r requirements.lock
"$PY" manage.py check --deploy --fail-level WARNING
"$PY" manage.py collectstatic --noinput --verbosity 0
"$PY" manage.py migrate --noinput
"$PY" manage.py load_default_content --verbosity 1
