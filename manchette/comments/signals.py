"""Keep threads' counts and the cached pages right whenever one comment changes.

Bulk changes go through ``moderation.moderate()``, which does the same for
many comments at once (``QuerySet.update()`` sends no signal). The receivers
are connected in ``apps.py``.
"""

from manchette.core.cache import purge

from .moderation import purge_article, refresh_reply_counts


def comment_changed(sender, instance, **kwargs):
    if instance.thread_id:
        refresh_reply_counts({instance.thread_id})
    purge_article(instance.article_id)


def policy_changed(sender, instance, **kwargs):
    # A section's article pages carry the section's key too, so one purge covers them all.
    purge(f"article-{instance.page_id}", f"section-{instance.page_id}")
