"""Live coverage in the Wagtail admin: the desk's addresses, its way in, its history entries."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.widgets import Button

from . import admin_views
from .models import LivePage
from .updates import LOG_ACTIONS, log_formatter


@hooks.register("register_admin_urls")
def live_desk_urls():
    return [
        path("live/<int:page_id>/", admin_views.DeskView.as_view(), name="live_desk"),
        path(
            "live/<int:page_id>/<int:update_id>/edit/",
            admin_views.EditView.as_view(),
            name="live_update_edit",
        ),
        path(
            "live/<int:page_id>/<int:update_id>/pin/",
            admin_views.PinView.as_view(),
            name="live_update_pin",
        ),
        path(
            "live/<int:page_id>/<int:update_id>/publish/",
            admin_views.PublishView.as_view(),
            name="live_update_publish",
        ),
        path(
            "live/<int:page_id>/<int:update_id>/article/",
            admin_views.ArticleView.as_view(),
            name="live_update_article",
        ),
        path(
            "live/<int:page_id>/<int:update_id>/delete/",
            admin_views.DeleteView.as_view(),
            name="live_update_delete",
        ),
    ]


@hooks.register("register_log_actions")
def live_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action)(log_formatter(label, message))


class LiveDeskMenuItem(ActionMenuItem):
    """In the live page's editor, next to "Publish": the desk, where updates are posted."""

    label = _("Post updates")
    name = "action-live-desk"
    icon_name = "time"
    order = 5

    def is_shown(self, context):
        return context["view"] == "edit" and isinstance(context["page"].specific, LivePage)

    def get_url(self, parent_context):
        return reverse("live_desk", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def live_desk_menu_item():
    return LiveDeskMenuItem()


@hooks.register("register_page_header_buttons")
def live_desk_header_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, LivePage):
        yield Button(
            _("Post updates"),
            reverse("live_desk", args=[page.pk]),
            icon_name="time",
            priority=5,
        )
