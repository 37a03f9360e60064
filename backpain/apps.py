from django.apps import AppConfig


class BackpainConfig(AppConfig):
    """The project's own plumbing: system checks, middleware, health checks, commands."""

    name = "backpain"
    verbose_name = "Back pain site"

    def ready(self):
        from backpain import checks  # noqa: F401 (registers the checks)
