"""Load the default clinical content; publish it on a database with nothing published yet.

Apps whose content links to ours load theirs in the same transaction, on the
triage.defaults.content_loaded signal (articles does). Idempotent: a second run creates nothing
and publishes nothing new. Rows that already exist (perhaps changed by editors) are kept as they
are unless --reset is given.

It publishes only when no version is published yet, or with --publish, and then through the
one publishing gate (services.ruleset_publish: every test case, the generated warning-sign
cases, the safety diff); a refusal is printed, nothing is saved, and the command fails. When a
version is live and the draft differs from it, it says so and publishes nothing: editors'
drafts are published by a clinical reviewer in the admin.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from triage.compile import build_snapshot, content_hash
from triage.content_keys import ContentError
from triage.defaults import content_loaded, default_content_load
from triage.engine.safety_diff import safety_diff
from triage.models import RulesetVersion
from triage.services import ruleset_publish


class PublishRefused(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Load the default questions, causes, treatments, advice and rules; publish them when "
        "nothing is published yet, or with --publish."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Overwrite rows editors have changed with the default content.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would change, then roll everything back.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help=(
                "Publish the draft even though a version is live, through the same checks as "
                "the admin. A change that weakens a warning sign is refused: only a clinical "
                "reviewer can confirm one, in the admin."
            ),
        )

    def handle(self, *args, reset=False, dry_run=False, publish=False, verbosity=1, **options):
        try:
            with transaction.atomic():
                report = default_content_load(reset=reset)
                # Other apps load their default content here (articles: its articles).
                content_loaded.send(sender=self.__class__, reset=reset, report=report)
                version, differs = self._publish_if_asked(publish)
                if dry_run:
                    transaction.set_rollback(True)
        except ContentError as exc:
            raise CommandError(f"The content is not valid: {exc}") from exc
        except ValidationError as exc:
            raise CommandError("The content is not valid: " + "; ".join(exc.messages)) from exc
        except PublishRefused as exc:
            raise CommandError(f"Publishing was refused, and nothing was saved: {exc}") from exc
        if verbosity >= 1:
            prefix = "Dry run: would have " if dry_run else ""
            for bucket, label in (("created", "created"), ("reset", "reset")):
                counts = getattr(report, bucket)
                if counts:
                    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
                    self.stdout.write(f"{prefix}{label} {summary}")
            if not report.created and not report.reset:
                self.stdout.write("All default content was already there; nothing changed.")
            if version is not None:
                self.stdout.write(
                    self.style.SUCCESS(f"{prefix}published ruleset version {version.number}")
                )
            elif differs is None:
                self.stdout.write(self.style.SUCCESS("The published ruleset is up to date."))
        if differs is not None and verbosity >= 1:
            latest, changes = differs
            self.stdout.write(
                self.style.WARNING(
                    f"The draft differs from published version {latest.number}; nothing was "
                    "published. A clinical reviewer publishes it in the admin (or run again "
                    "with --publish, which runs the same checks)."
                )
            )
            for change in changes:
                self.stdout.write(self.style.WARNING(f"  Weakens a warning sign: {change.text}"))

    def _publish_if_asked(self, publish):
        """(the version published or None, (latest, safety changes) when the draft differs)."""
        snapshot = build_snapshot()
        latest = RulesetVersion.objects.order_by("-number").first()
        if latest is not None and latest.content_hash == content_hash(snapshot):
            return None, None
        if latest is not None and not publish:
            return None, (latest, safety_diff(latest.snapshot, snapshot))
        try:
            return ruleset_publish(note="Default content", snapshot=snapshot), None
        except ValidationError as exc:
            raise PublishRefused("; ".join(exc.messages)) from exc
