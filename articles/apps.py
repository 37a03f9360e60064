from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles.defaults import load_with_triage_content
        from triage.defaults import content_loaded

        # load_default_content (a triage command) loads the default articles through this, so
        # that triage never imports articles.
        content_loaded.connect(load_with_triage_content, dispatch_uid="articles_default_content")
