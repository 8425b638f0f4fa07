from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "manchette.newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from . import signals  # noqa: F401  (purges the page cache on publish)
