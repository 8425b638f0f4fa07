"""The demo newsroom that `make run` loads.

Everything is found by a stable identity before it is created (section
slugs, source slugs, the ("demo", guid) wire identity of each dispatch,
image titles, the admin's username), so running it twice changes nothing.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from manchette.newsroom.models import ArticlePage, HomePage, SectionPage, Source

from .covers import draw_cover
from .dispatches import DISPATCHES, SECTIONS, SOURCES

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "manchette-demo"  # noqa: S105 (local demo only; the README says so)
DEMO_SOURCE = "demo"


def ensure_home(base_url):
    home = HomePage.objects.first()
    if home is None:
        home = _create_home()
    # Canonical URLs, feeds and sitemaps name the address the site is served on.
    address = urlsplit(base_url)
    Site.objects.filter(root_page=home).update(
        hostname=address.hostname, port=address.port or (443 if address.scheme == "https" else 80)
    )
    return home


def _create_home():
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="manchette", slug="accueil"))
    site = Site.objects.filter(is_default_site=True).first()
    previous = site.root_page if site else None
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.site_name = "manchette"
        site.save()
    # Wagtail's install leaves a "Welcome" page at the root: the demo replaces it.
    if previous is not None and previous.pk != home.pk and not previous.get_children().exists():
        previous.delete()
    return home


def ensure_sections(home):
    sections = {}
    for slug, title, intro in SECTIONS:
        section = SectionPage.objects.filter(slug=slug).first()
        if section is None:
            section = home.add_child(
                instance=SectionPage(title=title, slug=slug, intro=intro, show_in_menus=True)
            )
            section.save_revision().publish()
        sections[slug] = section
    return sections


def ensure_sources():
    sources = {}
    for fields in SOURCES:
        source, _ = Source.objects.get_or_create(slug=fields["slug"], defaults=fields)
        sources[fields["slug"]] = source
    return sources


def ensure_cover(dispatch):
    Image = get_image_model()
    title = dispatch["cover"]["alt"]
    image = Image.objects.filter(title=title).first()
    if image is None:
        content = ContentFile(draw_cover(dispatch["guid"], dispatch["kicker"]), name=f"{dispatch['guid']}.jpg")
        image = Image(title=title, file=content)
        image.save()
    return image


def ensure_admin():
    User = get_user_model()
    if not User.objects.filter(username=ADMIN_USERNAME).exists():
        User.objects.create_superuser(ADMIN_USERNAME, "admin@example.org", ADMIN_PASSWORD)
    return f"{ADMIN_USERNAME} / {ADMIN_PASSWORD}"


def create_article(dispatch, section, source, now):
    article = ArticlePage(
        title=dispatch["headline"],
        kicker=dispatch["kicker"],
        standfirst=dispatch.get("standfirst", ""),
        body=dispatch["body"],
        source=source,
        byline=dispatch.get("byline", ""),
        dateline=dispatch.get("dateline", ""),
        language=dispatch.get("language", "fr"),
        cover=ensure_cover(dispatch),
        cover_caption=dispatch["cover"]["caption"],
        cover_credit=dispatch["cover"]["credit"],
        external_source=DEMO_SOURCE,
        external_guid=dispatch["guid"],
    )
    section.add_child(instance=article)
    article.tags.set(dispatch["tags"])
    article.save_revision().publish()
    # The demo spreads its news over the last days: set the times the wire gave.
    first = now - timedelta(hours=dispatch["hours_ago"])
    updated = dispatch.get("updated_hours_ago")
    last = now - timedelta(hours=updated) if updated is not None else first
    ArticlePage.objects.filter(pk=article.pk).update(first_published_at=first, last_published_at=last)
    return article


def load_demo(base_url="http://127.0.0.1:8000"):
    now = timezone.now()
    created = existing = 0
    with transaction.atomic():
        home = ensure_home(base_url)
        sections = ensure_sections(home)
        sources = ensure_sources()
        known = set(
            ArticlePage.objects.filter(external_source=DEMO_SOURCE).values_list("external_guid", flat=True)
        )
        for dispatch in DISPATCHES:
            if dispatch["guid"] in known:
                existing += 1
                continue
            create_article(dispatch, sections[dispatch["section"]], sources[dispatch["source"]], now)
            created += 1
        admin = ensure_admin()
    return {"created": created, "existing": existing, "admin": admin}
