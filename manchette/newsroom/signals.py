"""Purge the cached pages a publication changes.

An article's own key purges every page that shows it (its page, lists,
sidebars, feeds); the keys of its section, tags and source purge the lists
it now joins; ``front``, ``feeds`` and ``sitemaps`` the site-wide ones.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.signals import page_published, page_unpublished, post_page_move

from manchette.core.cache import purge, purge_all

from .models import ArticlePage, HomePage, SectionPage, Source


def article_keys(article):
    return [
        f"article-{article.pk}",
        f"section-{article.get_parent().pk}",
        f"source-{article.source_id}",
        *(f"tag-{tag.slug}" for tag in article.tags.all()),
        "front",
        "feeds",
        "sitemaps",
    ]


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_delete)
def purge_page(sender, instance, **kwargs):
    if isinstance(instance, ArticlePage):
        purge(*article_keys(instance))
    elif isinstance(instance, SectionPage | HomePage):
        # Every page's navigation lists the sections; they change rarely.
        purge_all()


@receiver(post_page_move)
def purge_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    specific = instance.specific
    if isinstance(specific, ArticlePage):
        purge(*article_keys(specific), f"section-{parent_page_before.pk}")


@receiver(post_save, sender=Source)
@receiver(post_delete, sender=Source)
def purge_source(sender, instance, **kwargs):
    purge(f"source-{instance.pk}")


@receiver(post_save, sender=Tag)
def purge_tag(sender, instance, **kwargs):
    purge(f"tag-{instance.slug}")
