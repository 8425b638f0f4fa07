from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "manchette.search"
    verbose_name = "Search"
