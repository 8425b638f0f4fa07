"""Live coverage: a page for a story that moves by the minute, and its stream of updates.

The page is a Wagtail page like an article, published once. Its updates are
rows of their own (``LiveUpdate``), not part of the page's revisions: an
editor posts, edits, pins or deletes one without publishing the page again,
and each of those changes is written to the page's history instead (see
``manchette.live.updates``).

An update can come from an agency dispatch (a wire routing rule sends it,
``manchette.wire.live_routes``): it keeps the dispatch's identity, so that a
later version edits it, and may wait as a draft for an editor. Readers only
ever see ``LiveUpdate.objects.published()``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from manchette.core.cache import surrogate_keys
from manchette.core.conf import setting
from manchette.core.typography import typeset
from manchette.newsroom.models import paginate

from .blocks import LiveUpdateBodyBlock
from .querysets import LiveUpdateQuerySet
from .structured_data import HEADLINE_LENGTH, live_blog_posting


class LivePage(RoutablePageMixin, Page):
    """Live coverage of a story that moves by the minute: updates newest first.

    Readers' browsers poll ``updates/`` (a small JSON answer kept in the page
    cache under the ``live-<id>`` key, purged on each change); each update
    also has its own address, ``update/<id>/``, to be shared.
    """

    class Status(models.TextChoices):
        LIVE = "live", _("Live")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    standfirst = models.TextField(_("standfirst"), blank=True, max_length=600)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.LIVE
    )
    coverage_start = models.DateTimeField(_("coverage starts"), default=timezone.now)
    coverage_end = models.DateTimeField(
        _("coverage ends"),
        null=True,
        blank=True,
        help_text=_(
            "When it ended, or is planned to end. Left empty, it is set when the status "
            "becomes “Ended”."
        ),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("coverage_start"), FieldPanel("coverage_end")]),
            ],
            heading=_("Coverage"),
        ),
        FieldPanel("language"),
    ]

    search_fields = Page.search_fields + [index.SearchField("standfirst")]

    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []
    # Readers can get push alerts of its key events (manchette.push).
    followable = True
    page_description = _(
        "A story that moves by the minute: updates posted from the live desk, newest first."
    )

    class Meta:
        verbose_name = _("live coverage")
        verbose_name_plural = _("live coverage pages")

    @property
    def is_live(self):
        return self.status == self.Status.LIVE

    def clean(self):
        super().clean()
        if self.status == self.Status.ENDED and self.coverage_end is None:
            self.coverage_end = timezone.now()
        if self.coverage_end and self.coverage_start and self.coverage_end < self.coverage_start:
            raise ValidationError({"coverage_end": _("The coverage cannot end before it starts.")})

    def stream(self):
        """The updates in the order readers scroll them: newest first, pinned ones apart."""
        return self.updates.published().filter(is_pinned=False).select_related("page")

    def pinned(self):
        return list(self.updates.published().filter(is_pinned=True).select_related("page"))

    def key_events(self):
        return list(self.updates.published().filter(is_key_event=True).select_related("page"))

    def waiting(self):
        """Drafts from the wire, oldest first: the order the desk works through them."""
        return self.updates.filter(is_draft=True).order_by("posted_at", "pk")

    def page_number_of(self, update):
        """Which page of the stream shows ``update`` (pinned ones are on the first)."""
        if update.is_pinned:
            return 1
        newer = (
            self.stream()
            .filter(
                models.Q(posted_at__gt=update.posted_at)
                | models.Q(posted_at=update.posted_at, pk__gt=update.pk)
            )
            .count()
        )
        return newer // setting("MANCHETTE_LIVE_PAGE_SIZE") + 1

    def anchor_url(self, update):
        """Where ``update`` is in the stream: its page, then its anchor."""
        number = self.page_number_of(update)
        query = f"?page={number}" if number > 1 else ""
        return f"{self.url}{query}#{update.anchor}"

    def mark_cached(self, request, updates=()):
        """The page cache keeps what shows this coverage under ``live-<id>``."""
        embedded = {
            f"article-{block.value['article'].pk}"
            for update in updates
            for block in update.body
            if block.block_type == "article" and block.value["article"]
        }
        surrogate_keys(request, f"live-{self.pk}", *embedded)

    @path("")
    def coverage(self, request):
        updates = paginate(request, self.stream(), setting("MANCHETTE_LIVE_PAGE_SIZE"))
        first_page = updates.number == 1
        pinned = self.pinned() if first_page else []
        key_events = self.key_events()
        self.mark_cached(request, [*pinned, *updates])
        return self.render(
            request,
            context_overrides={
                "updates": updates,
                "pinned": pinned,
                "key_events": [(event, self.anchor_url(event)) for event in key_events],
                "polling": first_page and self.status != self.Status.ENDED,
                "poll_url": self.url + self.reverse_subpage("poll"),
                "poll_seconds": setting("MANCHETTE_LIVE_POLL_SECONDS"),
                "live_blog_posting": live_blog_posting(self, [*pinned, *updates]),
            },
        )

    @path("update/<int:update_id>/")
    def update_page(self, request, update_id):
        """One update at an address of its own, with its own share card."""
        update = get_object_or_404(self.updates.published(), pk=update_id)
        self.mark_cached(request, [update])
        return TemplateResponse(
            request,
            "live/update_page.html",
            {"page": self, "update": update, "in_stream": self.anchor_url(update)},
        )

    @path("updates/")
    def poll(self, request):
        """What a reader's script asks for every few seconds: the newest updates, rendered,
        and the edition of every update readers may see.

        The editions let a script that has shown an update since find it edited
        (a new edition) or deleted (no longer listed), whatever its age: the
        newest come rendered, an older one is read again from its own address.
        The same answer for every reader of a language, kept in the page cache
        until the next change purges ``live-<id>``.
        """
        if request.GET:
            raise Http404(_("This address takes no query string."))
        newest = list(self.stream()[: setting("MANCHETTE_LIVE_PAGE_SIZE")])
        pinned = self.pinned()
        self.mark_cached(request, [*pinned, *newest])
        editions = {str(update.pk): update.edition for update in pinned} | {
            str(pk): LiveUpdate.edition_of(edited_at)
            for pk, edited_at in self.stream().values_list("pk", "edited_at")
        }
        return JsonResponse(
            {
                "status": self.status,
                "updates": [self.poll_item(request, u) for u in [*pinned, *newest]],
                "editions": editions,
            },
            json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
        )

    def poll_item(self, request, update):
        html = render_to_string("live/includes/update.html", {"update": update}, request)
        # Set as the page around it is (base.html), so that a shown update reads the same.
        html = typeset(html, self.language)
        return {
            "id": update.pk,
            "pinned": update.is_pinned,
            "edition": update.edition,
            "html": html,
        }


class LiveUpdate(models.Model):
    """One post in a live coverage: a few lines, a quote, a picture, one of our stories."""

    page = models.ForeignKey(
        LivePage, verbose_name=_("live coverage"), on_delete=models.CASCADE, related_name="updates"
    )
    posted_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = StreamField(LiveUpdateBodyBlock(), verbose_name=_("text"))
    byline = models.CharField(
        _("byline"), max_length=120, blank=True, help_text=_("Who wrote it, as readers see it.")
    )
    is_key_event = models.BooleanField(
        _("key event"),
        default=False,
        help_text=_("Listed in the key events at the top of the page; needs a title."),
    )
    is_pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Kept at the top of the page.")
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True, editable=False)
    is_draft = models.BooleanField(
        _("waiting for an editor"),
        default=False,
        editable=False,
        help_text=_("From the wire, not yet published: readers do not see it."),
    )
    # The agency whose dispatch it is, credited if the update becomes an article.
    source = models.ForeignKey(
        "newsroom.Source",
        verbose_name=_("credited source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The dispatch it was written from, as an article's (wire slug, guid): its next version
    # edits this update rather than adding one.
    external_source = models.CharField(_("wire source"), max_length=100, blank=True, editable=False)
    external_guid = models.CharField(
        _("wire identifier"), max_length=300, blank=True, editable=False
    )

    objects = LiveUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-posted_at", "-pk"]
        verbose_name = _("live update")
        verbose_name_plural = _("live updates")
        constraints = [
            models.UniqueConstraint(
                fields=["external_source", "external_guid"],
                condition=~models.Q(external_guid=""),
                name="live_update_unique_wire_identity",
            )
        ]

    def __str__(self):
        return self.headline

    def clean(self):
        super().clean()
        if not self.body or not self.text:
            raise ValidationError({"body": _("An update needs some text.")})
        if self.is_key_event and not self.title.strip():
            raise ValidationError(
                {"title": _("A key event needs a title: the summary lists it by its title.")}
            )

    @property
    def text(self):
        """The update's words without markup, for structured data and share cards."""
        block = self.body.stream_block
        return " ".join(" ".join(block.get_searchable_content(self.body)).split())

    @property
    def headline(self):
        return self.title or Truncator(self.text).chars(HEADLINE_LENGTH)

    @property
    def edition(self):
        """Which edition of the update readers have: see ``edition_of``."""
        return self.edition_of(self.edited_at)

    @staticmethod
    def edition_of(edited_at):
        """The time of the last edit in milliseconds, 0 before any: what a reader's script
        compares with the edition it shows (``data-edition``) to find an update edited."""
        return round(edited_at.timestamp() * 1000) if edited_at else 0

    @property
    def anchor(self):
        return f"update-{self.pk}"

    def get_url(self):
        return self.page.url + self.page.reverse_subpage("update_page", args=[self.pk])

    def get_full_url(self):
        return self.page.full_url + self.page.reverse_subpage("update_page", args=[self.pk])
