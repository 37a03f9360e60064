"""Load the default clinical content and publish it as a ruleset version.

Apps whose content links to ours load theirs in the same transaction, on the
triage.defaults.content_loaded signal (articles does). Idempotent: a second run creates nothing
and publishes nothing new. Rows that already exist (perhaps changed by editors) are kept as they
are unless --reset is given.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from triage.compile import build_snapshot, content_hash
from triage.content_keys import ContentError
from triage.defaults import content_loaded, default_content_load
from triage.models import RulesetVersion
from triage.services import ruleset_publish


class Command(BaseCommand):
    help = "Load the default questions, causes, treatments, advice and rules, and publish them."

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

    def handle(self, *args, reset=False, dry_run=False, verbosity=1, **options):
        try:
            with transaction.atomic():
                report = default_content_load(reset=reset)
                # Other apps load their default content here (articles: its articles).
                content_loaded.send(sender=self.__class__, reset=reset, report=report)
                version = self._publish_if_changed()
                if dry_run:
                    transaction.set_rollback(True)
        except ContentError as exc:
            raise CommandError(f"The content is not valid: {exc}") from exc
        except ValidationError as exc:
            raise CommandError("The content is not valid: " + "; ".join(exc.messages)) from exc
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
            else:
                self.stdout.write(self.style.SUCCESS("The published ruleset is up to date."))

    def _publish_if_changed(self):
        snapshot = build_snapshot()
        latest = RulesetVersion.objects.order_by("-number").first()
        if latest is not None and latest.content_hash == content_hash(snapshot):
            return None
        return ruleset_publish(note="Default content", snapshot=snapshot)
