"""What a reader can follow: breaking news, a section, a live page.

A topic is ``breaking`` or ``page-<id>`` for a published, public page of a
type that declares ``followable = True`` (sections, live pages). Alerts name
the topics they go to; a subscription the topics it follows.
"""

import re

from django.utils.translation import gettext as _
from wagtail.models import Page, get_page_models

BREAKING = "breaking"
PAGE_TOPIC = re.compile(r"page-([1-9][0-9]{0,9})")


class UnknownTopic(ValueError):
    """A topic that names nothing a reader can follow."""


def page_topic(page):
    return f"page-{page.pk}"


def followable_pages():
    """Published, public pages that readers can follow, in site order."""
    kinds = [model for model in get_page_models() if getattr(model, "followable", False)]
    return Page.objects.live().public().type(*kinds).specific().order_by("path")


def checked(topics):
    """The topics as a set, once each is known to exist; UnknownTopic otherwise."""
    if not isinstance(topics, list) or not all(isinstance(topic, str) for topic in topics):
        raise UnknownTopic(_("Topics must be a list of names."))
    wanted = set(topics)
    page_ids = set()
    for topic in wanted - {BREAKING}:
        match = PAGE_TOPIC.fullmatch(topic)
        if match is None:
            raise UnknownTopic(_("Unknown topic: %(topic)s.") % {"topic": topic[:40]})
        page_ids.add(int(match[1]))
    found = set(followable_pages().filter(pk__in=page_ids).values_list("pk", flat=True))
    if missing := page_ids - found:
        raise UnknownTopic(_("Nothing to follow at page %(id)s.") % {"id": min(missing)})
    return wanted


def label(topic, pages):
    """The topic's name as a reader sees it, in the active language."""
    if topic == BREAKING:
        return _("Breaking news")
    page = pages.get(topic)
    if page is None:
        return topic
    return getattr(page, "name", None) or page.title


def pages_by_topic(topics):
    ids = [int(m[1]) for m in map(PAGE_TOPIC.fullmatch, topics) if m]
    return {page_topic(page): page for page in Page.objects.filter(pk__in=ids).specific()}
