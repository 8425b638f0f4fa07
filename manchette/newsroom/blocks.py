"""Blocks an article body is made of: what a news story needs, nothing more."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link"]


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=200, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/quote.html"


class InlineImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=300, label=_("Caption"))
    credit = blocks.CharBlock(required=False, max_length=120, label=_("Credit"))

    class Meta:
        icon = "image"
        template = "newsroom/blocks/image.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Paragraph"))
    intertitle = blocks.CharBlock(
        max_length=200, label=_("Intertitle"), template="newsroom/blocks/intertitle.html"
    )
    quote = QuoteBlock(label=_("Quote"))
    image = InlineImageBlock(label=_("Image"))
