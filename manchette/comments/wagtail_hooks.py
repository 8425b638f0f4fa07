"""The comments' place in the Wagtail admin: the "Comments" menu and its bulk actions.

Wagtail imports this module at startup, which also connects the e-mail
notifications' signal receivers (``notifications``).
"""

from wagtail import hooks

from . import notifications  # noqa: F401 (connects the receivers)
from .admin_views import BULK_ACTIONS, CommentsMenu


@hooks.register("register_admin_viewset")
def register_comments_menu():
    return CommentsMenu()


for action in BULK_ACTIONS:
    hooks.register("register_bulk_action", action)
