"""What an update is made of: the article body's blocks, and our own articles embedded."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from manchette.newsroom.blocks import ArticleBodyBlock


class ArticleEmbedBlock(blocks.StructBlock):
    """One of our own stories, shown as a teaser inside the update."""

    article = blocks.PageChooserBlock(page_type="newsroom.ArticlePage", label=_("Article"))

    class Meta:
        icon = "doc-full"
        template = "live/blocks/article_embed.html"


class LiveUpdateBodyBlock(ArticleBodyBlock):
    article = ArticleEmbedBlock(label=_("Our article"))
