from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "manchette.syndication"
    verbose_name = "Syndication"
