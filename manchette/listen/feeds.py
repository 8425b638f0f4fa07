"""Podcast feeds: the site's and each section's articles that can be listened to.

They are the syndication app's RSS feeds (same items, guids and authors)
restricted to articles whose audio is ready, with the MP3 as enclosure
(every podcast app plays it), the Opus file as a Podcasting 2.0
``alternateEnclosure``, and the iTunes tags podcast directories read.
"""

import uuid

from django.templatetags.static import static
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from manchette.core.cache import surrogate_keys
from manchette.core.conf import setting
from manchette.syndication.feeds import LatestArticlesFeed, SectionFeed

from .audio import OPUS

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"


class PodcastFeedGenerator(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES, "xmlns:podcast": PODCAST}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        feed = self.feed
        handler.addQuickElement("itunes:author", feed["author_name"])
        handler.addQuickElement("itunes:summary", feed["description"])
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:category", None, {"text": "News"})
        if feed["image"]:
            handler.addQuickElement("itunes:image", None, {"href": feed["image"]})
        if feed["owner_email"]:
            handler.startElement("itunes:owner", {})
            handler.addQuickElement("itunes:name", feed["author_name"])
            handler.addQuickElement("itunes:email", feed["owner_email"])
            handler.endElement("itunes:owner")
        # A feed's identity for podcast indexes, stable as long as its address is.
        handler.addQuickElement(
            "podcast:guid", str(uuid.uuid5(uuid.NAMESPACE_URL, feed["feed_url"]))
        )
        handler.addQuickElement("podcast:locked", "no")
        handler.addQuickElement("podcast:medium", "podcast")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:duration", str(round(item["duration"])))
        handler.addQuickElement("itunes:episodeType", "full")
        handler.addQuickElement("itunes:explicit", "false")
        handler.startElement(
            "podcast:alternateEnclosure",
            {"type": OPUS.content_type, "length": str(item["opus_size"])},
        )
        handler.addQuickElement("podcast:source", None, {"uri": item["opus_url"]})
        handler.endElement("podcast:alternateEnclosure")


class PodcastMixin:
    feed_type = PodcastFeedGenerator

    def title(self, obj=None):
        return _("Listen: %(title)s") % {"title": super().title(obj)}

    def author_name(self, obj=None):
        return setting("MANCHETTE_PUBLICATION_NAME")

    def feed_extra_kwargs(self, obj):
        image = setting("MANCHETTE_LISTEN_PODCAST_IMAGE")
        if image and "://" not in image:
            image = self.request.build_absolute_uri(static(image))
        return {"image": image, "owner_email": setting("MANCHETTE_LISTEN_PODCAST_EMAIL")}

    def articles(self, obj):
        surrogate_keys(self.request, "podcast")
        playable = super().articles(obj).filter(audio__duration__isnull=False)
        return playable.exclude(audio__mp3="").exclude(audio__opus="").select_related("audio")

    def item_enclosures(self, item):
        url = self.request.build_absolute_uri(item.audio.mp3_url)
        return [Enclosure(url, str(item.audio.mp3_size), "audio/mpeg")]

    def item_extra_kwargs(self, item):
        return {
            "duration": item.audio.duration,
            "opus_url": self.request.build_absolute_uri(item.audio.opus_url),
            "opus_size": item.audio.opus_size,
        }


class SitePodcast(PodcastMixin, LatestArticlesFeed):
    """Every article that can be listened to, newest first."""


class SectionPodcast(PodcastMixin, SectionFeed):
    """One section's articles that can be listened to."""
