"""Assessments as CSV, for editors and auditors: the admin action and export_assessments.

One row an assessment: when, the ruleset version's number, the urgency, the most likely cause
and the answers as JSON. Nothing that leads back to a runner: not even the assessment's id,
which opens the runner's result page.
"""

import csv
import json

from django.utils import timezone

COLUMNS = ["created", "ruleset_version", "urgency", "top_cause", "answers"]


def assessments_filter(assessments, *, since=None, until=None, urgencies=()):
    """Those created from `since` to `until` (dates, both included, local time) at `urgencies`."""
    if since:
        assessments = assessments.filter(created__date__gte=since)
    if until:
        assessments = assessments.filter(created__date__lte=until)
    if urgencies:
        assessments = assessments.filter(urgency__in=urgencies)
    return assessments


def assessments_write_csv(assessments, out):
    """Write the assessments to the text file `out` as CSV, oldest first; return the count."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    rows = (
        assessments.order_by("created", "pk")
        .values_list("created", "ruleset_version__number", "urgency", "top_cause", "answers")
        .iterator(chunk_size=2000)
    )
    count = 0
    for created, version, urgency, top_cause, answers in rows:
        created = timezone.localtime(created).isoformat(timespec="seconds")
        writer.writerow(
            [created, version, urgency, top_cause, json.dumps(answers, sort_keys=True)]
        )
        count += 1
    return count
