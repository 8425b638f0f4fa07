"""The newsroom's content: front page, sections, articles, their sources and tags."""

import json
from collections import defaultdict

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, Least, RowNumber, Substr
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from manchette.core.cache import surrogate_keys
from manchette.core.conf import setting
from manchette.core.dates import iso

from .blocks import ArticleBodyBlock
from .forms import ArticlePageForm
from .languages import TAG_LENGTH, primary, validate_language_tag
from .querysets import ArticleManager, privacy_to_check
from .reading import ReaderPage, readable_sections, site_root, site_sections

# The cover as shared on social networks and in feeds: one rendition for both.
SHARE_IMAGE_SPEC = "fill-1200x675|format-jpeg"
# The cover on the article page, as newsroom/article_page.html asks for it.
ARTICLE_PICTURE = "width-{480,800,1200}"
# Covers in lists, as the srcset_image tags of newsroom/includes/teaser.html ask
# for them: the lead story reuses the article page's widths; other teasers share
# one 16:9 crop, so that a row of them lines up.
LEAD_PICTURE = ARTICLE_PICTURE
TEASER_PICTURE = "fill-{320x180,640x360}"
MAX_FEATURED = 12


def paginate(request, queryset, per_page=None):
    """One page of headlines; a bad or out-of-range ?page= is a 404, never a 500."""
    paginator = Paginator(
        queryset, per_page or setting("MANCHETTE_PAGE_SIZE"), allow_empty_first_page=True
    )
    raw = request.GET.get("page", "1")
    try:
        return paginator.page(raw)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(_("No such page of results.")) from error


class Source(models.Model):
    """Who a story comes from: an agency such as Belga or AFP, or the newsroom itself."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    short_credit = models.CharField(
        _("short credit"), max_length=40, help_text=_("Signs the body, as in “Belga”.")
    )
    long_credit = models.CharField(
        _("long credit"),
        max_length=100,
        help_text=_("Credit line above the text, as in “Belga News”."),
    )
    url = models.URLField(_("website"), blank=True)
    is_agency = models.BooleanField(_("news agency"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("short_credit"),
        FieldPanel("long_credit"),
        FieldPanel("url"),
        FieldPanel("is_agency"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsroom:source", args=[self.slug])

    @classmethod
    def newsroom_own(cls):
        """The newsroom's own credit (not an agency's): new articles in the admin start with it."""
        return cls.objects.filter(is_agency=False).order_by("pk").first()


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "newsroom.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class HomePage(ReaderPage):
    """The front page: a lead story, featured stories, then the latest of each section.

    Editors choose and order the lead and featured stories; a slot nobody
    chose, or whose story is no longer published, goes to the newest story
    not shown yet. No story appears twice on the page.
    """

    lead_story = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown first, with its picture and standfirst. Left empty, the newest leads."),
    )
    featured_count = models.PositiveSmallIntegerField(
        _("number of featured stories"),
        default=5,
        validators=[MaxValueValidator(MAX_FEATURED)],
        help_text=_(
            "How many stories follow the lead with their picture: "
            "the ones chosen below first, in their order, then the newest."
        ),
    )
    per_section = models.PositiveSmallIntegerField(_("headlines per section"), default=4)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("lead_story"),
                FieldPanel("featured_count"),
                InlinePanel(
                    "featured_stories",
                    heading=_("Chosen featured stories"),
                    label=_("Featured story"),
                    max_num=MAX_FEATURED,
                ),
            ],
            heading=_("Top stories"),
        ),
        FieldPanel("per_section"),
    ]

    subpage_types = ["newsroom.SectionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("front page")

    def route(self, request, path_components):
        """A section or an article found by its address in one query.

        Wagtail's routing reads each level of the tree in turn, and each page
        twice (as a page, then with its own fields). A section's address has
        one part and an article's two, so the page is looked up by its URL
        path directly, with what its template shows; anything else, or
        nothing found, goes through Wagtail's routing as before.
        """
        if 1 <= len(path_components) <= 2:
            url_path = self.url_path + "".join(f"{part}/" for part in path_components)
            found = (
                SectionPage.objects.annotate(privacy_to_check=privacy_to_check())
                if len(path_components) == 1
                else ArticlePage.objects.for_reading(ARTICLE_PICTURE, SHARE_IMAGE_SPEC)
            )
            page = found.descendant_of(self).filter(url_path=url_path).first()
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        published = ArticlePage.objects.published()
        lead, featured = self.top_stories(request, published)
        shown = [story.pk for story in (lead, *featured) if story]
        sections = self.latest_by_section(request, published.exclude(pk__in=shown))
        surrogate_keys(request, "front", "home", *(f"article-{pk}" for pk in shown))
        for section, latest in sections:
            surrogate_keys(request, f"section-{section.pk}", *(f"article-{a.pk}" for a in latest))
        context.update(lead_story=lead, featured=featured, sections=sections)
        return context

    def top_stories(self, request, published):
        """The lead and the featured stories: the editors' choices still published, then the newest.

        One query finds the chosen stories (and their order among the
        featured), enough of the newest to fill every slot, and their covers;
        in a preview, the choices are the form's, not yet saved.
        """
        if getattr(request, "is_preview", False):
            order = list(dict.fromkeys(row.article_id for row in self.featured_stories.all()))
            chosen = Q(pk__in=order)
            stories = published
        else:
            order = None
            rows = FeaturedStory.objects.filter(front_page=self)
            chosen = Q(pk__in=rows.values("article"))
            # Each chosen story's row, first in the editors' order (stories placed
            # from code may have no sort order: their rows' order then counts).
            row = rows.filter(article=OuterRef("pk")).order_by("sort_order", "pk")
            stories = published.annotate(
                featured_row=Subquery(row.values("pk")[:1]),
                featured_order=Subquery(row.values("sort_order")[:1]),
            )
        lead_q = Q(pk=self.lead_story_id) if self.lead_story_id else Q(pk__in=[])
        unchosen = published.exclude(lead_q | chosen).newest_first()
        newest_ids = unchosen.values("pk")[: 1 + self.featured_count]
        found = list(
            stories.filter(lead_q | chosen | Q(pk__in=newest_ids))
            .newest_first()
            .with_pictures(LEAD_PICTURE, TEASER_PICTURE)
        )
        lead = next((story for story in found if story.pk == self.lead_story_id), None)
        others = [story for story in found if story is not lead]
        if order is None:
            featured = sorted(
                (story for story in others if story.featured_row is not None),
                key=lambda story: (story.featured_order or 0, story.featured_row),
            )
        else:
            by_pk = {story.pk: story for story in others}
            featured = [by_pk[pk] for pk in order if pk in by_pk]
        featured_pks = {story.pk for story in featured}
        newest = [story for story in others if story.pk not in featured_pks]
        if lead is None and (newest or featured):
            lead = newest.pop(0) if newest else featured.pop(0)
        return lead, (featured + newest)[: self.featured_count]

    def latest_by_section(self, request, articles):
        """Each section with its newest ``per_section`` articles, one query for all sections."""
        sections = readable_sections(request, self)
        if not sections:
            return []
        # Sections are the front page's children: their paths have one length,
        # and each article's path starts with its section's.
        section_path = Substr("path", 1, len(sections[0].path))
        ranked = (
            articles.descendant_of(self)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=section_path,
                    order_by=[F("first_published_at").desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=self.per_section)
            .newest_first()
            .for_lists()
        )
        latest = defaultdict(list)
        for article in ranked:
            latest[article.path[: len(sections[0].path)]].append(article)
        return [(section, latest[section.path]) for section in sections]


class FeaturedStory(Orderable):
    """A story an editor placed among the front page's featured stories."""

    front_page = ParentalKey(HomePage, related_name="featured_stories", on_delete=models.CASCADE)
    article = models.ForeignKey(
        "newsroom.ArticlePage", verbose_name=_("story"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured story")
        verbose_name_plural = _("featured stories")


class SectionPage(ReaderPage):
    """A rubric of the site (Monde, Belgique, …): its articles, newest first.

    Its title is its name in the site's language; each interface language
    may have its own (``name`` picks the reader's).
    """

    intro = models.TextField(_("introduction"), blank=True)
    title_fr = models.CharField(_("name in French"), max_length=255, blank=True)
    title_nl = models.CharField(_("name in Dutch"), max_length=255, blank=True)
    title_de = models.CharField(_("name in German"), max_length=255, blank=True)
    title_en = models.CharField(_("name in English"), max_length=255, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel(f"title_{code}") for code in ("fr", "nl", "de", "en")],
            heading=_("Name in each language"),
            help_text=_("Where one is left empty, readers of that language see the title."),
        ),
        FieldPanel("intro"),
    ]

    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.ArticlePage", "live.LivePage"]
    # Readers can get push alerts of its urgent stories (manchette.push).
    followable = True

    class Meta:
        verbose_name = _("section")

    @property
    def name(self):
        """The section's name in the reader's language."""
        return getattr(self, f"title_{translation.get_language()}", "") or self.title

    def articles(self):
        return ArticlePage.objects.published().child_of(self).newest_first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page = paginate(request, self.articles().with_pictures(TEASER_PICTURE))
        surrogate_keys(request, f"section-{self.pk}", *(f"article-{a.pk}" for a in page))
        context["articles"] = page
        return context


class ArticlePage(ReaderPage):
    """A news story, written in the newsroom or received from an agency's wire.

    ``external_source`` and ``external_guid`` identify an agency dispatch so
    that a later version of it updates this article instead of duplicating it.
    """

    kicker = models.CharField(
        _("kicker"),
        max_length=80,
        blank=True,
        help_text=_("Short topic label shown before the headline, as in “Syrie”."),
    )
    standfirst = models.TextField(_("standfirst"), blank=True, max_length=600)
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_caption = models.CharField(_("cover caption"), max_length=300, blank=True)
    cover_credit = models.CharField(_("cover credit"), max_length=120, blank=True)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="articles"
    )
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    dateline = models.CharField(
        _("dateline"),
        max_length=80,
        blank=True,
        help_text=_("Where the story was filed, as in “Bruxelles”."),
    )
    language = models.CharField(
        _("language"),
        max_length=TAG_LENGTH,
        default=settings.LANGUAGE_CODE,
        validators=[validate_language_tag],
        help_text=_("The language the story is written in, as a tag such as fr, nl-BE or fi."),
    )
    slugline = models.CharField(
        _("slugline"),
        max_length=120,
        blank=True,
        help_text=_(
            "The agency's label for the story, for editors and search; readers never see it."
        ),
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    external_source = models.CharField(_("wire source"), max_length=100, blank=True, editable=False)
    external_guid = models.CharField(
        _("wire identifier"), max_length=300, blank=True, editable=False
    )
    urgency = models.PositiveSmallIntegerField(
        _("urgency"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_(
            "1 (most urgent) to 9, as agencies rate news; 1 and 2 show a “Breaking” badge."
        ),
    )
    correction_note = models.TextField(
        _("correction note"),
        blank=True,
        help_text=_("Shown to readers above the story once it was corrected."),
    )
    # Set when the agency kills the dispatch: the article is unpublished and its
    # address answers with this notice instead of a 404 (see ``route``).
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    withdrawn_notice = models.TextField(_("withdrawal notice"), blank=True, editable=False)
    # The source gave the day it was published, not the time (a page's JSON-LD
    # "2019-10-01"): the stored midnight is not a time to show readers.
    date_only = models.BooleanField(_("date without time"), default=False, editable=False)

    # The headline comes first, as Wagtail's title does: typing it fills the
    # slug, and the first autosave then has all it needs (see forms.py).
    content_panels = [
        TitleFieldPanel("title", heading=_("Headline"), placeholder=False),
        FieldPanel("kicker"),
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [FieldPanel("cover"), FieldPanel("cover_caption"), FieldPanel("cover_credit")],
            heading=_("Cover"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("source"),
                FieldPanel("byline"),
                FieldPanel("dateline"),
                FieldPanel("language"),
            ],
            heading=_("Credits"),
        ),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("slugline"), FieldPanel("urgency"), FieldPanel("correction_note")],
            heading=_("Wire"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("kicker"),
        index.SearchField("slugline"),
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("language"),
        index.FilterField("first_published_at"),
    ]

    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []

    objects = ArticleManager()
    base_form_class = ArticlePageForm

    class Meta:
        verbose_name = _("article")
        constraints = [
            models.UniqueConstraint(
                fields=["external_source", "external_guid"],
                condition=~Q(external_guid=""),
                name="article_unique_wire_identity",
            )
        ]

    @property
    def headline(self):
        return self.title

    @property
    def article_id(self):
        """The stable public number of the article, as in data-article-id and /a/<id>."""
        return self.pk

    @property
    def updated_at(self):
        """When the article was last republished, or None if it never was."""
        first, last = self.first_published_at, self.last_published_at
        if (
            first
            and last
            and (last - first).total_seconds() > setting("MANCHETTE_UPDATE_GRACE_SECONDS")
        ):
            return last
        return None

    @property
    def news_language(self):
        """The language as news sitemaps name it: ISO 639, with zh-cn and zh-tw for Chinese."""
        if primary(self.language) == "zh":
            traditional = "Hant" in self.language or self.language.endswith(("-TW", "-HK"))
            return "zh-tw" if traditional else "zh-cn"
        return primary(self.language)

    @property
    def is_flash(self):
        return self.urgency in (1, 2)

    @property
    def modified_at(self):
        return self.updated_at or self.first_published_at

    @cached_property
    def section(self):
        return SectionPage.objects.filter(path=self.path[: -self.steplen]).first()

    @cached_property
    def tag_list(self):
        if not hasattr(self, "tags_json"):
            return list(self.tags.order_by("name"))
        # Read with the article (ArticleQuerySet.for_reading), as JSON objects.
        found = [Tag(**fields) for fields in json.loads(f"[{self.tags_json or ''}]")]
        return sorted(found, key=lambda tag: tag.name)

    def sidebar(self, limit=5):
        """(related, latest): other published articles sharing the most tags with this one,
        and the newest of its section, ``limit`` of each, in one query.

        Each candidate is ranked twice, by shared tags and by date within the
        section; what ranks within ``limit`` on either comes back, and is
        sorted into its list here.
        """
        tag_ids = [tag.pk for tag in self.tag_list]
        section = self.section
        if not tag_ids and section is None:
            return [], []
        shared = ArticleTag.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
        shared = shared.values("content_object").annotate(count=Count("pk")).values("count")
        in_section = (
            Q(path__startswith=section.path, depth=section.depth + 1) if section else Q(pk__in=[])
        )
        newest = [F("first_published_at").desc(), F("pk").desc()]
        candidates = (
            ArticlePage.objects.published()
            .exclude(pk=self.pk)
            .annotate(
                shared=Coalesce(Subquery(shared), 0) if tag_ids else Value(0),
                in_section=ExpressionWrapper(in_section, output_field=BooleanField()),
            )
            .filter(Q(shared__gt=0) | in_section)
            .annotate(
                related_rank=Window(RowNumber(), order_by=[F("shared").desc(), *newest]),
                latest_rank=Window(RowNumber(), partition_by=[F("in_section")], order_by=newest),
            )
            .annotate(rank=Least("related_rank", "latest_rank"))
            .filter(rank__lte=limit)
            .for_lists()
        )
        candidates = list(candidates)
        related = sorted((a for a in candidates if a.shared), key=lambda a: a.related_rank)
        latest = sorted((a for a in candidates if a.in_section), key=lambda a: a.latest_rank)
        return related[:limit], latest[:limit]

    def route(self, request, path_components):
        # A withdrawn article stays reachable at its address, to say it was withdrawn.
        if not path_components and self.withdrawn_at and not self.live:
            return RouteResult(self)
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        if self.withdrawn_at and not self.live:
            surrogate_keys(request, f"article-{self.pk}")
            return TemplateResponse(request, "wire/withdrawn.html", {"page": self}, status=410)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = site_root(request)
        if home is not None and self.path.startswith(home.path):
            # The request's list of sections has this one: no query of its own.
            parent_path = self.path[: -self.steplen]
            self.section = next(
                (s for s in site_sections(request, home) if s.path == parent_path), None
            )
        related, latest = self.sidebar()
        surrogate_keys(
            request,
            f"article-{self.pk}",
            f"credit-{self.source_id}",
            # The sidebar's lists: an article that joins them is shown here within a
            # second rather than at once (a soft purge, see core.pagecache), so that a
            # busy wire does not render every page of a section at each story. A change
            # to an article already listed purges its own key, at once.
            *(f"sidebar-tag-{tag.slug}" for tag in self.tag_list),
            *((f"sidebar-section-{self.section.pk}",) if self.section else ()),
            *(f"article-{a.pk}" for a in related + latest),
        )
        request.last_modified = self.modified_at
        share_image = self.share_image_url(request)
        context.update(
            related=related,
            latest=latest,
            share_image=share_image,
            news_article=self.news_article_data(request, share_image),
        )
        return context

    def share_image_url(self, request):
        if self.cover is None:
            return None
        rendition = self.cover.get_rendition(SHARE_IMAGE_SPEC)
        return request.build_absolute_uri(rendition.url)

    def news_article_data(self, request, image_url):
        """schema.org NewsArticle, as search engines read it."""
        author = (
            {"@type": "Person", "name": self.byline}
            if self.byline
            else {"@type": "Organization", "name": self.source.name}
        )
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": self.get_full_url(request),
            "headline": self.title[:110],
            "datePublished": iso(self.first_published_at),
            "dateModified": iso(self.modified_at),
            "author": [author],
            "publisher": {"@type": "Organization", "name": setting("MANCHETTE_PUBLICATION_NAME")},
            "inLanguage": self.language,
            "keywords": [tag.name for tag in self.tag_list],
        }
        if self.standfirst:
            data["description"] = self.standfirst
        if self.section:
            data["articleSection"] = self.section.title
        if image_url:
            data["image"] = [image_url]
        return data
