"""Push alerts in the admin: the "Alerts" menu, to write one and see those sent."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def alert_urls():
    return [
        path("alerts/", admin_views.sent, name="push_alerts"),
        path("alerts/new/", admin_views.compose, name="push_compose"),
    ]


class AlertsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("push.view_alert")


@hooks.register("register_admin_menu_item")
def alerts_menu_item():
    return AlertsMenuItem(_("Alerts"), reverse("push_alerts"), icon_name="warning", order=450)
