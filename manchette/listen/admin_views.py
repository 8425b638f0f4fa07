"""The editors' view of audio generation: what failed, why, and a button to try again."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from .models import ArticleAudio
from .tasks import request_audio


class AudioFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ArticleAudio.Status.choices, empty_label=_("Any")
    )

    class Meta:
        model = ArticleAudio
        fields = ["status"]


class RetryColumn(Column):
    cell_template_name = "listen/admin/retry_cell.html"


class AudioReportView(ReportView):
    """Failures first, then the readings still queued or being made, then the rest."""

    page_title = _("Article audio")
    header_icon = "media"
    index_url_name = "listen_audio_report"
    index_results_url_name = "listen_audio_report_results"
    filterset_class = AudioFilterSet
    model = ArticleAudio
    columns = [
        TitleColumn(
            "article",
            label=_("Article"),
            url_name="wagtailadmin_pages:edit",
            id_accessor="article_id",
        ),
        Column("get_status_display", label=_("Status")),
        Column("attempts", label=_("Attempts")),
        Column("error", label=_("Last error")),
        DateColumn("requested_at", label=_("Requested")),
        DateColumn("generated_at", label=_("Generated")),
        RetryColumn("retry", label=_("Actions")),
    ]
    list_export = ["article", "status", "attempts", "error", "requested_at", "generated_at"]

    def get_queryset(self):
        Status = ArticleAudio.Status
        rank = Case(
            When(status=Status.FAILED, then=0),
            When(status__in=[Status.QUEUED, Status.GENERATING], then=1),
            default=2,
        )
        readings = ArticleAudio.objects.select_related("article").annotate(rank=rank)
        return readings.order_by("rank", "-requested_at")

    def get_filename(self):
        return "article-audio"


@require_POST
def retry(request, pk):
    reading = get_object_or_404(ArticleAudio.objects.select_related("article"), pk=pk)
    article = reading.article.specific
    if not article.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    if not article.live:
        messages.error(request, _("“%(title)s” is not published.") % {"title": article.title})
    else:
        request_audio(article)
        messages.success(
            request, _("The audio of “%(title)s” is queued again.") % {"title": article.title}
        )
    return redirect("listen_audio_report")
