from django.core.checks import Error, Warning, register
from django.db import DatabaseError

from triage import engine


@register()
def content_check(app_configs, **kwargs):
    """Broken clinical content fails `manage.py check` rather than a runner's request."""
    from triage.compile import build_snapshot
    from triage.models import Question

    try:
        if not Question.objects.exists():
            return [
                Warning(
                    "No questionnaire content is loaded.",
                    hint="Run `python manage.py load_default_content`.",
                    id="triage.W001",
                )
            ]
        snapshot = build_snapshot()
    except DatabaseError:
        # Tables not migrated yet (check runs before migrate): nothing to check.
        return []
    return [Error(message, id=code) for code, message in engine.problems(snapshot)]
