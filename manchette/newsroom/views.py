"""Reader pages that are not Wagtail pages: short links, tags and sources."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from taggit.models import Tag

from manchette.core.cache import surrogate_keys

from .models import TEASER_PICTURE, ArticlePage, ArticleTag, Source, paginate


def article_by_id(request, article_id):
    """/a/<id>: the permanent short address of an article."""
    article = ArticlePage.objects.published().filter(pk=article_id).first()
    if article is not None:
        return redirect(article.url, permanent=True)
    # A killed story answers here as at its page: 410 Gone with the notice, not "not found".
    withdrawn = ArticlePage.objects.filter(
        pk=article_id, live=False, withdrawn_at__isnull=False
    ).first()
    if withdrawn is not None:
        return withdrawn.serve(request)
    raise Http404("No published article with this number.")


def _story_list(request, template, articles, keys, **context):
    page = paginate(request, articles.newest_first().with_pictures(TEASER_PICTURE))
    surrogate_keys(request, *keys, *(f"article-{a.pk}" for a in page))
    return TemplateResponse(request, template, {"articles": page, **context})


def published_tag(slug):
    """The tag with this slug if a published article carries it: a draft's tags stay private."""
    in_use = ArticleTag.objects.filter(content_object__in=ArticlePage.objects.published())
    return get_object_or_404(Tag, slug=slug, pk__in=in_use.values("tag_id"))


def tag_page(request, slug):
    tag = published_tag(slug)
    articles = ArticlePage.objects.published().filter(tagged_items__tag=tag).distinct()
    return _story_list(request, "newsroom/tag_page.html", articles, [f"tag-{tag.slug}"], tag=tag)


def source_page(request, slug):
    source = get_object_or_404(Source, slug=slug)
    articles = ArticlePage.objects.published().filter(source=source)
    return _story_list(
        request, "newsroom/source_page.html", articles, [f"source-{source.pk}"], source=source
    )
