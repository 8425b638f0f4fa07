"""What every reader page needs from the database, asked once per request.

A page render on a cache miss must stay cheap (a purge sends a burst of
them): the view-restriction check and the sections of the site, which
every page needs, each take at most one query here, instead of one query
per ancestor or per restriction.
"""

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Site

from .querysets import restricted


class ReaderPage(Page):
    """A page type readers see; its view restrictions are looked up in one query, or none."""

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """The restrictions on this page and its ancestors, as ``Page.get_view_restrictions``.

        Wagtail reads the ancestors first, then their restrictions: here one
        query asks both, and none at all when the page was loaded knowing that
        nothing above it is restricted or an alias (``privacy_to_check``).
        An alias has its original's restrictions, never its own.
        """
        if getattr(self, "privacy_to_check", None) is False:
            return PageViewRestriction.objects.none()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()

    def get_url_parts(self, request=None):
        """As Wagtail's, from the request's site when it holds the page (see ``get_url``).

        Wagtail reads the root of every site (kept in the cache, but a query
        in a new process); routing the request already read its site. Other
        cases (no request, another site, translations) are Wagtail's.
        """
        site = Site.find_for_request(request) if isinstance(request, HttpRequest) else None
        if (
            site is None
            or getattr(settings, "WAGTAIL_I18N_ENABLED", False)
            or not self.url_path.startswith(site.root_page.url_path)
        ):
            return super().get_url_parts(request)
        page_path = reverse("wagtail_serve", args=(self.url_path[len(site.root_page.url_path) :],))
        if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and page_path != "/":
            page_path = page_path.rstrip("/")
        return site.pk, site.root_url, page_path

    def get_url(self, request=None, current_site=None):
        """As Wagtail's: a local URL for a page of the current site, without counting every site."""
        if current_site is None and isinstance(request, HttpRequest):
            current_site = Site.find_for_request(request)
        parts = self.get_url_parts(request)
        if current_site is not None and parts and parts[0] == current_site.pk and parts[2]:
            return parts[2]
        return super().get_url(request, current_site)


def site_sections(request, home):
    """The sections under ``home`` in page-tree order, each knowing whether it is private.

    Asked once per request and kept on it: the navigation, the article's
    section and the front page's lists all read this one list.
    """
    from .models import SectionPage

    known = getattr(request, "sections_by_home", None)
    if known is None:
        known = {}
        if request is not None:
            request.sections_by_home = known
    if home.pk not in known:
        from manchette.live.querysets import coverage_in_progress

        # The live pages in progress come along, for the front and section pages to announce.
        known[home.pk] = list(
            SectionPage.objects.child_of(home)
            .annotate(private=restricted(), live_coverage=coverage_in_progress())
            .order_by("path")
        )
    return known[home.pk]


def readable_sections(request, home):
    """The live sections that anyone may read."""
    return [s for s in site_sections(request, home) if s.live and not s.private]


def site_root(request):
    """The front page of the request's site (already read by Wagtail's routing), or None."""
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site else None
