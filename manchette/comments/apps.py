from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "manchette.comments"
