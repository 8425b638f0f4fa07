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
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, Site

from manchette.newsroom.models import ArticlePage, HomePage, SectionPage, Source

from .covers import draw_cover
from .dispatches import DISPATCHES, SECTION_NAMES, SECTIONS, SOURCES

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "manchette-demo"  # noqa: S105 (local demo only; the README says so)
DEMO_SOURCE = "demo"
SLUG_LENGTH = 80
# Letters slugify would drop, and apostrophes it would glue: "l'œuvre" reads "l-oeuvre".
_SLUG_SPELLING = str.maketrans({"'": " ", "’": " ", "œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae"})


def headline_slug(headline):
    """An ASCII slug of the headline, cut between words, for readable article URLs."""
    slug = slugify(headline.translate(_SLUG_SPELLING))
    if len(slug) > SLUG_LENGTH:
        slug = slug[: SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return slug


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
            names = {f"title_{code}": name for code, name in SECTION_NAMES[slug].items()}
            section = home.add_child(
                instance=SectionPage(
                    title=title, slug=slug, intro=intro, show_in_menus=True, **names
                )
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


def ensure_cover(dispatch, hue):
    """The dispatch's cover; its alt text is the image's title, which Wagtail uses as alt."""
    Image = get_image_model()
    title = dispatch["cover"]["alt"]
    image = Image.objects.filter(title=title).first()
    if image is None:
        picture = draw_cover(dispatch["kicker"], dispatch["guid"], hue)
        image = Image(
            title=title,
            file=ContentFile(picture, name=f"{dispatch['guid']}.jpg"),
            file_size=len(picture),
        )
        image.save()
    return image


def ensure_admin():
    User = get_user_model()
    if not User.objects.filter(username=ADMIN_USERNAME).exists():
        User.objects.create_superuser(ADMIN_USERNAME, "admin@example.org", ADMIN_PASSWORD)
    return f"{ADMIN_USERNAME} / {ADMIN_PASSWORD}"


def publish_as_of(article, when):
    """Publish the article's current state as if it had gone out at ``when``.

    Wagtail stamps a publication with the present; the demo's news is spread
    over the past days, so the revision, its log entries and the page's times
    are set back. The page is reloaded so that a later revision carries them.
    """
    first_publication = article.first_published_at is None
    revision = article.save_revision()
    revision.publish()
    Revision.objects.filter(pk=revision.pk).update(created_at=when)
    PageLogEntry.objects.filter(revision=revision).update(timestamp=when)
    times = {"last_published_at": when, "latest_revision_created_at": when}
    if first_publication:
        times["first_published_at"] = when
    ArticlePage.objects.filter(pk=article.pk).update(**times)
    article.refresh_from_db()


def create_article(dispatch, section, source, now, hue):
    article = ArticlePage(
        title=dispatch["headline"],
        slug=headline_slug(dispatch["headline"]),
        kicker=dispatch["kicker"],
        standfirst=dispatch.get("standfirst", ""),
        body=dispatch["body"],
        source=source,
        byline=dispatch.get("byline", ""),
        dateline=dispatch.get("dateline", ""),
        language=dispatch.get("language", "fr"),
        cover=ensure_cover(dispatch, hue),
        cover_caption=dispatch["cover"]["caption"],
        cover_credit=dispatch["cover"]["credit"],
        external_source=DEMO_SOURCE,
        external_guid=dispatch["guid"],
    )
    section.add_child(instance=article)
    article.tags.set(dispatch["tags"])
    publish_as_of(article, now - timedelta(hours=dispatch["hours_ago"]))
    if "update" in dispatch:
        # A second revision, so the admin's history and "Mis à jour le" show a real update.
        article.body = dispatch["body"] + dispatch["update"]
        publish_as_of(article, now - timedelta(hours=dispatch["updated_hours_ago"]))
    return article


def load_demo(base_url="http://127.0.0.1:8000"):
    now = timezone.now()
    # One hue per section, evenly spread round the colour wheel, for its covers.
    hues = {slug: index / len(SECTIONS) for index, (slug, _, _) in enumerate(SECTIONS)}
    created = existing = 0
    with transaction.atomic():
        home = ensure_home(base_url)
        sections = ensure_sections(home)
        sources = ensure_sources()
        known = set(
            ArticlePage.objects.filter(external_source=DEMO_SOURCE).values_list(
                "external_guid", flat=True
            )
        )
        for dispatch in DISPATCHES:
            if dispatch["guid"] in known:
                existing += 1
                continue
            section = dispatch["section"]
            create_article(
                dispatch, sections[section], sources[dispatch["source"]], now, hues[section]
            )
            created += 1
        admin = ensure_admin()
    return {"created": created, "existing": existing, "admin": admin}
