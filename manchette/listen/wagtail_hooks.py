"""Audio in the admin: a report of every reading, and a dashboard warning on failures."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from .admin_views import AudioReportView, retry
from .models import ArticleAudio


@hooks.register("register_admin_urls")
def audio_urls():
    return [
        path("listen/audio/", AudioReportView.as_view(), name="listen_audio_report"),
        path(
            "listen/audio/results/",
            AudioReportView.as_view(results_only=True),
            name="listen_audio_report_results",
        ),
        path("listen/audio/<int:pk>/retry/", retry, name="listen_audio_retry"),
    ]


@hooks.register("register_reports_menu_item")
def audio_report_menu_item():
    return MenuItem(
        _("Article audio"),
        reverse("listen_audio_report"),
        name="article-audio",
        icon_name="media",
        order=1300,
    )


class AudioFailuresPanel(Component):
    """On the dashboard, only when some articles could not be read aloud."""

    name = "listen_failures"
    order = 90

    def __init__(self, failures):
        self.failures = failures

    def render_html(self, parent_context=None):
        message = ngettext(
            "%(count)d article could not be read aloud.",
            "%(count)d articles could not be read aloud.",
            self.failures,
        ) % {"count": self.failures}
        return format_html(
            '<section class="panel help-block help-warning" aria-label="{}">'
            '<p>{} <a href="{}?status=failed">{}</a></p></section>',
            _("Article audio"),
            message,
            reverse("listen_audio_report"),
            _("See the errors"),
        )


@hooks.register("construct_homepage_panels")
def audio_failures_panel(request, panels):
    failures = ArticleAudio.objects.filter(status=ArticleAudio.Status.FAILED).count()
    if failures:
        panels.append(AudioFailuresPanel(failures))
