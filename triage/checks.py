"""System checks of our own content: broken clinical content fails `manage.py check`.

The content lives in the database, so the check is tagged `database`: Django runs it only when
asked for a database (`manage.py check --database default`, and `migrate`). `make test` and CI
run it after migrate and load_default_content, where it can see the content. While migrations
are still to apply it says nothing: that is `migrate` about to run, and the content is loaded
after it (`make run`, deploy/release.sh), so a warning then would be neither true nor useful.
"""

from django.core.checks import Error, Tags, Warning, register
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

from triage import engine
from triage.compile import build_snapshot
from triage.models import Question


@register(Tags.database)
def content_check(app_configs, databases=None, **kwargs):
    """Broken clinical content fails `manage.py check` rather than a runner's request."""
    if not databases or DEFAULT_DB_ALIAS not in databases:
        return []
    try:
        if _migrations_pending(DEFAULT_DB_ALIAS):
            return []
        if not Question.objects.exists():
            return [
                Warning(
                    "No questionnaire content is loaded.",
                    hint="Run `python manage.py load_default_content`.",
                    id="triage.W001",
                )
            ]
        snapshot = build_snapshot()
    except DatabaseError as exc:
        return [
            Warning(
                f"The content could not be read, so it was not checked: {exc}",
                hint="Run `manage.py migrate`, then `manage.py load_default_content`.",
                id="triage.W002",
            )
        ]
    return [Error(message, id=code) for code, message in engine.problems(snapshot)]


def _migrations_pending(alias):
    executor = MigrationExecutor(connections[alias])
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
