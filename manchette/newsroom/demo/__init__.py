"""The demo newsroom that `make run` loads, with wires ready to ingest agency files and a
live coverage in progress.

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
from wagtail.models import Page, PageLogEntry, Revision, Site

from manchette.newsroom.models import ArticlePage, HomePage, SectionPage, Source
from manchette.newsroom.slugs import headline_slug

from .covers import describe_cover, draw_cover
from .dispatches import DISPATCHES, SECTION_NAMES, SECTIONS, SOURCES
from .live import ensure_live_coverage
from .wires import ensure_wires

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
    """The dispatch's cover, found by its title; its description, read as alt text, says
    what was drawn, in the story's language."""
    Image = get_image_model()
    title = f"Illustration {dispatch['guid']}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        picture = draw_cover(dispatch["kicker"], dispatch["guid"], hue)
        image = Image(
            title=title,
            description=describe_cover(picture, dispatch["kicker"], dispatch.get("language", "fr")),
            file=ContentFile(picture, name=f"{dispatch['guid']}.jpg"),
            file_size=len(picture),
        )
        image.save()
    return image


def describe_old_covers():
    """Covers drawn by a demo from before covers had a description get theirs.

    Their alternative text was their title, which spoke of a photograph that
    was never there; Wagtail reads the description first.
    """
    articles = ArticlePage.objects.filter(external_source=DEMO_SOURCE, cover__description="")
    for article in articles.select_related("cover"):
        # A picture an editor put in its place is not a drawing to describe.
        if article.external_guid not in article.cover.file.name:
            continue
        with article.cover.open_file() as picture:
            article.cover.description = describe_cover(
                picture.read(), article.kicker, article.language
            )
        article.cover.save(update_fields=["description"])


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
        wires = ensure_wires(sections, sources)
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
        describe_old_covers()
        ensure_live_coverage(sections["belgique"], now, wires["belga"])
        admin = ensure_admin()
    return {"created": created, "existing": existing, "admin": admin}
