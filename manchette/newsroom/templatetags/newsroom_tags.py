from django import template

from manchette.newsroom.reading import readable_sections, site_root
from manchette.wire.versions import page_text, published_versions, readable_text

register = template.Library()


@register.inclusion_tag("newsroom/sections_nav.html", takes_context=True)
def sections_nav(context, current=None):
    """The sections of the site, in the order editors gave them in the page tree."""
    request = context.get("request")
    home = site_root(request)
    sections = readable_sections(request, home) if home else []
    menu = [section for section in sections if section.show_in_menus]
    return {"site_sections": menu, "current": current, "request": request}


@register.simple_tag
def text_corrected(article):
    """Whether readers once read another text of this article, however soon it changed.

    Unlike "Mis à jour", which waits for MANCHETTE_UPDATE_GRACE_SECONDS, any
    change to the published text counts: readers may have quoted the first.
    """
    if article.last_published_at == article.first_published_at:
        return False  # published once: one text, and no query to say so
    first = getattr(article, "first_published_content", None)
    if first is not None and article.live_revision is not None:
        # Read with the article (ArticleQuerySet.for_reading): the two texts are
        # built from the revisions' content alone, without looking up what they link to.
        first_page, live_page = (
            type(article).from_serializable_data(content, check_fks=False)
            for content in (first, article.live_revision.content)
        )
        return page_text(first_page) != page_text(live_page)
    versions = published_versions(article)
    if len(versions) < 2:
        return False
    return readable_text(versions[0].revision) != readable_text(versions[-1].revision)
