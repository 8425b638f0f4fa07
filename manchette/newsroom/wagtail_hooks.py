"""The newsroom in the Wagtail admin: sources as snippets, and the desk on the dashboard."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Revision
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from manchette.comments.models import Comment
from manchette.listen.models import ArticleAudio
from manchette.wire.models import Receipt

from .models import ArticlePage, Source

# Scheduled articles listed by name on the dashboard; the count says how many in all.
SCHEDULED_SHOWN = 5
# What else waits: who may act on it, its label, the rows that wait (a model and
# status), the admin list of them (a URL name, filtered by that status), the action.
WAITING = [
    (
        "comments.change_comment",
        _("Comments awaiting moderation"),
        Comment,
        Comment.Status.HELD,
        "comment_queue:index",
        _("Moderate"),
    ),
    (
        "wire.view_receipt",
        _("Wire arrivals in quarantine"),
        Receipt,
        Receipt.Status.QUARANTINED,
        "receipt:index",
        _("Review and retry"),
    ),
    # The audio report is open to every editor, as listen's own warning is.
    (
        None,
        _("Failed audio readings"),
        ArticleAudio,
        ArticleAudio.Status.FAILED,
        "listen_audio_report",
        _("See the errors"),
    ),
]


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "globe"
    menu_label = _("Sources")
    list_display = ["name", "long_credit", "is_agency"]
    search_fields = ["name", "long_credit"]


register_snippet(SourceViewSet)


@dataclass
class DeskLine:
    """One thing waiting for the newsroom: how many, and where to deal with them."""

    label: str
    count: int
    url: str
    action: str


class NewsroomDeskPanel(Component):
    """What waits for an editor: scheduled articles, held comments, quarantined
    wire arrivals and audio that could not be made, each with where to act.

    Only counts and a few titles, read through each app's models: the panel
    changes nothing, and shows a line only to those who may act on it.
    """

    name = "newsroom_desk"
    template_name = "newsroom/admin/desk_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        scheduled = Revision.page_revisions.filter(
            approved_go_live_at__isnull=False,
            content_type=ContentType.objects.get_for_model(ArticlePage),
        ).order_by("approved_go_live_at")
        next_ones = list(scheduled[:SCHEDULED_SHOWN])
        articles = ArticlePage.objects.in_bulk([int(r.object_id) for r in next_ones])
        context.update(
            scheduled_count=scheduled.count(),
            scheduled=[
                (articles[int(r.object_id)], r.approved_go_live_at)
                for r in next_ones
                if int(r.object_id) in articles
            ],
            lines=self.lines(),
        )
        return context

    def lines(self):
        return [
            DeskLine(
                label,
                model.objects.filter(status=status).count(),
                f"{reverse(where)}?status={status}",
                action,
            )
            for permission, label, model, status, where, action in WAITING
            if permission is None or self.user.has_perm(permission)
        ]


@hooks.register("construct_homepage_panels")
def newsroom_desk_panel(request, panels):
    panels.append(NewsroomDeskPanel(request.user))
