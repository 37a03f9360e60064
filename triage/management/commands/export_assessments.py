"""Write the stored assessments as CSV, for an audit or an analysis.

    manage.py export_assessments --since 2026-01-01 --until 2026-03-31 --urgency emergency \\
        --output q1-emergencies.csv

One row an assessment (triage.exports): created, ruleset version, urgency, top cause and the
answers as JSON; no personal data. Dates are days in the site's time zone, both included.
Without --output the CSV goes to standard output.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from triage.exports import assessments_filter, assessments_write_csv
from triage.models import Assessment, Urgency


def _day(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date: write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Write the assessments as CSV, filtered by --since/--until dates and --urgency."

    def add_arguments(self, parser):
        parser.add_argument("--since", metavar="YYYY-MM-DD", help="From this day on.")
        parser.add_argument("--until", metavar="YYYY-MM-DD", help="Up to this day, included.")
        parser.add_argument(
            "--urgency",
            action="append",
            choices=Urgency.values,
            default=[],
            help="Only this urgency; give it again for more than one.",
        )
        parser.add_argument("--output", metavar="FILE", help="Write here, not to standard output.")

    def handle(self, *args, since, until, urgency, output, verbosity, **options):
        since = _day(since) if since else None
        until = _day(until) if until else None
        if since and until and since > until:
            raise CommandError("--since is after --until.")
        assessments = assessments_filter(
            Assessment.objects.all(), since=since, until=until, urgencies=urgency
        )
        if output is None:
            assessments_write_csv(assessments, self.stdout)
            return
        with open(output, "w", newline="", encoding="utf-8") as out:
            count = assessments_write_csv(assessments, out)
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Wrote {count} assessment(s) to {output}."))
