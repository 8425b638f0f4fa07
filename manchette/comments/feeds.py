"""Each article's comment feed, RSS 2.0 and Atom: its newest published comments."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.translation import gettext as _

from manchette.core.cache import surrogate_keys
from manchette.core.conf import setting
from manchette.syndication.feeds import feed_view

from .intake import published_article
from .models import Comment
from .moderation import cache_keys
from .rendering import render


class ArticleCommentsFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        self.request = request
        # As the site's feeds: in the publication's language, not the reader's.
        with translation.override(settings.LANGUAGE_CODE):
            return super().__call__(request, *args, **kwargs)

    def get_object(self, request, article_id):
        return published_article(article_id)

    def title(self, obj):
        return _("Comments on “%(headline)s”") % {"headline": obj.title}

    def link(self, obj):
        return f"{obj.get_url(self.request)}#comments"

    def description(self, obj):
        return _("The latest comments on “%(headline)s”, %(publication)s") % {
            "headline": obj.title,
            "publication": setting("MANCHETTE_PUBLICATION_NAME"),
        }

    subtitle = description

    def items(self, obj):
        self.article = obj
        surrogate_keys(self.request, *cache_keys(obj.pk))
        return Comment.objects.filter(article=obj, status=Comment.Status.PUBLISHED).order_by(
            "-created", "-pk"
        )[: setting("MANCHETTE_FEED_SIZE")]

    def item_title(self, item):
        return _("%(name)s on “%(headline)s”") % {"name": item.name, "headline": self.article.title}

    def item_description(self, item):
        return render(item.text, item.markup)

    def item_link(self, item):
        return f"{self.article.get_url(self.request)}#{item.anchor}"

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.edited or item.created

    def item_author_name(self, item):
        return item.name


rss = feed_view(ArticleCommentsFeed)
atom = feed_view(ArticleCommentsFeed, atom=True)
