"""The newsroom the browser tests read, built with tests/factory.py.

Run inside the server's settings by the ``served_site`` fixture
(``manchette shell -c``); it prints, as JSON, the address of each public
page type, so that the tests do not guess URLs.
"""

import json
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from manchette.newsroom.models import FeaturedStory
from tests import factory

# The editor who writes through the admin in test_editing.py.
EDITOR = ("redactrice", "une-redactrice-de-test")


def lead_body(picture):
    """Every kind of body block, so that each block template is checked."""
    return [
        *factory.paragraphs(
            "Le ministre a reçu ses homologues pour <b>trois heures</b> de discussions."
        ),
        {"type": "intertitle", "value": "Un calendrier serré"},
        *factory.paragraphs("Une nouvelle rencontre est prévue <i>avant la fin du mois</i>."),
        {
            "type": "quote",
            "value": {"quote": "Nous avançons pas à pas.", "attribution": "Le ministre"},
        },
        {
            "type": "image",
            "value": {"image": picture.pk, "caption": "La salle de réunion.", "credit": "Belga"},
        },
        *factory.paragraphs("Les discussions reprendront lundi."),
    ]


def live_coverage(section, now):
    """A live page in progress: a pinned update, a key event, and enough for a second page."""
    page = factory.live_page(
        title="Sommet européen : les discussions en direct",
        in_section=section,
        coverage_start=now - timedelta(hours=3),
        coverage_end=now + timedelta(hours=3),
    )
    factory.live_update(
        page,
        "Les chefs de gouvernement arrivent au Conseil.",
        posted_at=now - timedelta(hours=3),
    )
    factory.live_update(
        page,
        "Un accord de principe est trouvé sur le budget.",
        title="Accord sur le budget",
        is_key_event=True,
        posted_at=now - timedelta(hours=2),
    )
    factory.live_update(
        page,
        "La conférence de presse finale est prévue vers 18 heures.",
        title="Le programme de la soirée",
        is_pinned=True,
        posted_at=now - timedelta(hours=2),
    )
    latest = factory.live_update(
        page,
        "La séance reprend après une pause.",
        byline="Marie Dupont",
        posted_at=now - timedelta(hours=1),
    )
    return page, latest


def newsroom():
    now = timezone.now()
    monde = factory.section("Monde")
    belgique = factory.section("Belgique")
    belga = factory.source("Belga")
    factory.source("Rédaction", is_agency=False)
    get_user_model().objects.create_superuser(EDITOR[0], "redaction@example.org", EDITOR[1])
    featured = [
        factory.article(
            headline=headline,
            kicker="Diplomatie",
            in_section=monde,
            tags=["Diplomatie"],
            standfirst="Les délégations se retrouvent à huis clos.",
            # Teasers of lists and of the front page show a picture too.
            cover=factory.image("Un aplat bordeaux", size=(1600, 900)),
            published_at=now - timedelta(hours=hours),
        )
        for hours, headline in [(5, "Les négociations reprennent"), (4, "Un sommet est annoncé")]
    ]
    lead = factory.article(
        headline="Les ministres se retrouvent à Bruxelles",
        kicker="Diplomatie",
        in_section=monde,
        tags=["Diplomatie", "Europe"],
        standfirst="Une journée de discussions pour relancer le dialogue.",
        # The factory's pictures are 800 px wide, narrower than the largest rendition asked
        # for: the markup gate checks that no width is then listed twice in a srcset.
        cover=factory.image("Des drapeaux devant un bâtiment officiel"),
        cover_caption="Les drapeaux devant le bâtiment du Conseil.",
        cover_credit="Belga",
        byline="Marie Dupont",
        dateline="Bruxelles",
        body=lead_body(factory.image("Une salle de réunion vide")),
        published_at=now - timedelta(hours=3),
        updated_at=now - timedelta(hours=1),
    )
    live, live_update = live_coverage(monde, now)
    # Chosen by the editors: they lead the front page whatever is published after them.
    front = factory.home()
    front.lead_story = lead
    front.featured_stories = [FeaturedStory(article=story) for story in featured]
    front.save_revision().publish()
    print(
        json.dumps(
            {
                "front": "/",
                "section": monde.url,
                "article": lead.url,
                "tag": reverse("newsroom:tag", args=[lead.tag_list[0].slug]),
                "source": belga.get_absolute_url(),
                "not_found": "/cette-page-n-existe-pas/",
                "search": reverse("search:search") + "?q=Conseil",
                "versions": reverse("wire:versions", args=[lead.pk]),
                # Where an editor adds articles to Belgique, which readers see empty.
                "section_admin": reverse("wagtailadmin_explore", args=[belgique.pk]),
                "live": live.url,
                "live_update": live_update.get_url(),
                "live_desk": reverse("live_desk", args=[live.pk]),
            }
        )
    )
