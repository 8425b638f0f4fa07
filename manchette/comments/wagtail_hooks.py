"""The comments' place in the Wagtail admin: the "Comments" menu and its bulk actions."""

from wagtail import hooks

from .admin_views import BULK_ACTIONS, CommentsMenu


@hooks.register("register_admin_viewset")
def register_comments_menu():
    return CommentsMenu()


for action in BULK_ACTIONS:
    hooks.register("register_bulk_action", action)
