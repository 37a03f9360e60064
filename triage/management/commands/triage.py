"""Triage one request from the command line, in the contract's shape; stores nothing.

    python manage.py triage request.json
    echo '{"answers": {...}}' | python manage.py triage -

Invalid input exits with status 2 and one message per field on standard error.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from triage import engine
from triage.compile import NoPublishedRuleset, draft_ruleset
from triage.defaults import default_content_load
from triage.outcomes import triage_with
from triage.services import triage_answers

INVALID = 2


class Command(BaseCommand):
    help = 'Read a triage request {"answers": {...}} from PATH (or - for stdin), print the result.'

    def add_arguments(self, parser):
        parser.add_argument("path", help="A JSON file, or - to read standard input.")

    def handle(self, *args, path, **options):
        request = self._read(path)
        answers = request["answers"]
        try:
            try:
                _, result, _ = triage_answers(answers=answers)
            except NoPublishedRuleset:
                result = self._triage_with_defaults(answers)
        except engine.InvalidAnswers as exc:
            self._refuse(exc.errors)
        except DatabaseError as exc:
            raise CommandError(
                "The database is not set up. Run `make run` once, or "
                "`python manage.py migrate` and `python manage.py load_default_content`."
            ) from exc
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))

    def _read(self, path):
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not UTF-8 text.") from exc
        try:
            request = json.loads(text)
        except json.JSONDecodeError as exc:
            self._refuse({"request": f"Not valid JSON: {exc.msg} (line {exc.lineno})."})
        except RecursionError:
            self._refuse({"request": "The JSON is nested too deeply."})
        if not isinstance(request, dict):
            self._refuse({"request": 'Send one JSON object: {"answers": {...}}.'})
        errors = {key: "Unknown field." for key in request if key != "answers"}
        if "answers" not in request:
            errors["answers"] = 'This field is required: {"answers": {...}}.'
        elif not isinstance(request["answers"], dict):
            errors["answers"] = "Send the answers as an object of question: answer."
        if errors:
            self._refuse(errors)
        return request

    def _triage_with_defaults(self, answers):
        # Nothing published yet (a fresh database): use the default content inside a
        # transaction that is rolled back, so that the command still stores nothing.
        self.stderr.write(
            "No ruleset is published in this database; using the default content "
            "(run `python manage.py load_default_content` to publish it)."
        )
        with transaction.atomic():
            default_content_load()
            ruleset = draft_ruleset()
            transaction.set_rollback(True)
        return triage_with(ruleset, answers)[1]

    def _refuse(self, errors):
        for field, message in errors.items():
            self.stderr.write(f"{field}: {message}")
        raise CommandError(
            f"The request was refused ({len(errors)} problem{'s' if len(errors) != 1 else ''}).",
            returncode=INVALID,
        )
