"""Plain builders for test data: a site with sections, sources and articles.

Focused set-up rather than the demo: each test builds what it reads.
"""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from manchette.newsroom.models import ArticlePage, HomePage, SectionPage, Source


def home():
    existing = HomePage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    page = root.add_child(instance=HomePage(title="manchette", slug="accueil"))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=page, is_default_site=True)
    return page


def section(title="Monde", slug=None):
    slug = slug or title.lower()
    found = SectionPage.objects.filter(slug=slug).first()
    if found:
        return found
    page = home().add_child(instance=SectionPage(title=title, slug=slug, show_in_menus=True))
    page.save_revision().publish()
    return page


def source(name="Belga", short_credit=None, long_credit=None, is_agency=True):
    """An agency by default; ``is_agency=False`` for the newsroom's own credit."""
    found, _ = Source.objects.get_or_create(
        slug=slugify(name),
        defaults={
            "name": name,
            "short_credit": short_credit or name,
            "long_credit": long_credit or f"{name} News",
            "is_agency": is_agency,
        },
    )
    return found


def image(title="Une image", size=(800, 450)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (120, 30, 40)).save(buffer, "JPEG")
    picture = get_image_model()(title=title, file=ContentFile(buffer.getvalue(), name="test.jpg"))
    picture.save()
    return picture


def paragraphs(*texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


def article(
    headline="Moscou propose des discussions",
    kicker="Syrie",
    in_section=None,
    tags=(),
    publish=True,
    published_at=None,
    updated_at=None,
    **fields,
):
    """An article; published ``published_at`` (default: an hour ago) unless publish=False."""
    fields.setdefault("source", source())
    fields.setdefault("body", paragraphs("Premier paragraphe.", "Second paragraphe."))
    page = ArticlePage(title=headline, kicker=kicker, **fields)
    (in_section or section()).add_child(instance=page)
    if tags:
        page.tags.set(list(tags))
    revision = page.save_revision()
    if publish:
        revision.publish()
        first = published_at or timezone.now() - timedelta(hours=1)
        ArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=first, last_published_at=updated_at or first
        )
        page.refresh_from_db()
    return page


def scheduled_article(go_live_at=None, **fields):
    """An article approved to go live later: Wagtail schedules it instead of publishing."""
    page = article(publish=False, **fields)
    page.go_live_at = go_live_at or timezone.now() + timedelta(days=1)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def unpublished_article(**fields):
    """An article that was published, then taken off the site."""
    page = article(**fields)
    page.unpublish()
    page.refresh_from_db()
    return page


def live_page(title="Élections : la soirée en direct", in_section=None, publish=True, **fields):
    """A live coverage page, published unless publish=False."""
    from manchette.live.models import LivePage

    fields.setdefault("standfirst", "Les résultats.")
    page = LivePage(title=title, live=publish, **fields)
    (in_section or section()).add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def live_update(page, text="Les bureaux de vote ferment.", posted_at=None, **fields):
    """An update saved as it stands, without the desk's checks, history or purge."""
    from manchette.live.models import LiveUpdate

    return LiveUpdate.objects.create(
        page=page,
        body=paragraphs(text),
        posted_at=posted_at or timezone.now(),
        **fields,
    )
