from django.apps import AppConfig


class ListenConfig(AppConfig):
    name = "manchette.listen"
