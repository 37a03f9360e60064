"""Delete the assessments older than a number of days.

An assessment is anonymous, but it is still a person's health answers: keep them no longer than
the editors' dashboard and the audit need. Run daily (deploy/systemd/backpain-purge.timer):

    manage.py purge_assessments --older-than 90
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from triage.models import Assessment


class Command(BaseCommand):
    help = "Delete the assessments older than --older-than DAYS (--dry-run to only count them)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than", type=int, required=True, metavar="DAYS", help="Age in days."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing."
        )

    def handle(self, *args, older_than, dry_run, verbosity, **options):
        if older_than < 0:
            raise CommandError("--older-than must be 0 days or more.")
        cutoff = timezone.now() - datetime.timedelta(days=older_than)
        old = Assessment.objects.filter(created__lt=cutoff)
        if dry_run:
            count = old.count()
            if verbosity >= 1:
                self.stdout.write(
                    f"Would delete {count} assessment(s) created before {cutoff:%Y-%m-%d %H:%M}."
                )
            return
        with transaction.atomic():
            count, _ = old.delete()
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Deleted {count} assessments created before {cutoff:%Y-%m-%d %H:%M}."
                )
            )
