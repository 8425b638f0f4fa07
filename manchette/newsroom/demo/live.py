"""The demo's live coverage: a storm followed minute by minute, still in progress.

A dozen updates over the last hours, two of them key events and one pinned
(what to do, whom to call), one quoting an official and one pointing to our
own story on the railway. Found by its slug, so loading the demo again
changes nothing.

The Belga wire sends its dispatches with the keyword "Oriane" to the page,
as drafts waiting on the desk for an editor to publish them.
"""

from datetime import timedelta

from manchette.live import updates
from manchette.live.models import LivePage, LiveUpdate
from manchette.newsroom.models import ArticlePage
from manchette.wire.models import WireLiveRoute

from .writing import body, quote

SLUG = "tempete-oriane-en-direct"
# Our story the coverage points to (by its wire identity), when the demo has it.
RAIL_STORY = "demo-rail-liege-namur-incident"
BYLINE = "La rédaction"
# What the agency's dispatches on the storm carry, which sends them to the page's desk.
WIRE_KEYWORD = "Oriane"

# (minutes ago, title, body, key event, pinned)
UPDATES = [
    (
        235,
        "",
        body(
            "Bonjour et bienvenue dans ce direct consacré à la tempête Oriane, qui aborde la "
            "côte belge en fin d'après-midi. Nous suivrons ici son passage heure par heure."
        ),
        False,
        False,
    ),
    (
        220,
        "Ce qu'il faut faire, qui appeler",
        body(
            "Restez chez vous si vous le pouvez, rentrez le mobilier de jardin et évitez les "
            "bois et les parcs. Pour une urgence, composez le 112 ; pour un arbre tombé ou "
            "une inondation sans danger immédiat, le 1722.",
        ),
        False,
        True,
    ),
    (
        205,
        "L'alerte orange est déclenchée pour tout le pays",
        body(
            "L'Institut royal météorologique étend l'alerte orange à l'ensemble du territoire "
            "jusqu'à demain 6 heures. Des rafales de 110 km/h sont attendues sur le littoral, "
            "de 90 à 100 km/h à l'intérieur du pays."
        ),
        True,
        False,
    ),
    (
        180,
        "",
        body(
            "À Ostende, la digue est fermée aux piétons. Les vagues passent déjà par-dessus "
            "le muret à hauteur du casino."
        ),
        False,
        False,
    ),
    (
        160,
        "",
        [
            *body("Le ministre de l'Intérieur s'est exprimé à la sortie du centre de crise."),
            quote(
                "Nous demandons à chacun de limiter ses déplacements ce soir. Les services "
                "de secours sont prêts, mais ils doivent pouvoir circuler.",
                "Le ministre de l'Intérieur",
            ),
        ],
        False,
        False,
    ),
    (
        140,
        "",
        body(
            "Brussels Airport annonce l'annulation de 46 vols au départ et à l'arrivée d'ici "
            "minuit. Les voyageurs sont invités à consulter le site de leur compagnie."
        ),
        False,
        False,
    ),
    (
        115,
        "",
        body(
            "Premières coupures de courant : 12 000 foyers privés d'électricité en Flandre "
            "occidentale, selon le gestionnaire de réseau."
        ),
        False,
        False,
    ),
    (
        95,
        "L'autoroute E40 fermée entre Jabbeke et Ostende",
        body(
            "Un poids lourd s'est couché en travers des voies à hauteur d'Oudenburg. La "
            "police fédérale ferme l'autoroute dans les deux sens pour la nuit."
        ),
        True,
        False,
    ),
    (
        70,
        "",
        [
            *body(
                "Sur le rail aussi, la soirée est difficile : plusieurs lignes sont coupées "
                "par des arbres tombés sur les caténaires."
            ),
            {"type": "article", "value": RAIL_STORY},
        ],
        False,
        False,
    ),
    (
        50,
        "",
        body(
            "Les pompiers de la zone Westhoek ont effectué 140 interventions depuis 17 heures, "
            "surtout pour des arbres et des toitures."
        ),
        False,
        False,
    ),
    (
        25,
        "",
        body(
            "Selon l'IRM, le pic de la tempête est attendu entre 22 heures et minuit sur le "
            "centre du pays."
        ),
        False,
        False,
    ),
    (
        8,
        "",
        body(
            "À Gand, le parc de la Citadelle est fermé par précaution. Plusieurs arbres ont "
            "perdu de grosses branches en début de soirée."
        ),
        False,
        False,
    ),
]


def ensure_live_coverage(section, now, wire):
    """The storm's live page under ``section``, with its updates and ``wire``'s rule to it;
    nothing if it exists."""
    if LivePage.objects.filter(slug=SLUG).exists():
        return None
    started = now - timedelta(minutes=UPDATES[0][0] + 5)
    page = LivePage(
        title="Tempête Oriane : la Belgique en alerte, suivez la situation en direct",
        slug=SLUG,
        standfirst="Rafales, coupures, routes fermées : le passage de la tempête heure par heure.",
        coverage_start=started,
        # The planned end: the alert runs until tomorrow morning.
        coverage_end=now + timedelta(hours=10),
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    LivePage.objects.filter(pk=page.pk).update(
        first_published_at=started, last_published_at=started
    )
    page.refresh_from_db()
    for minutes, title, blocks, key_event, pinned in UPDATES:
        updates.post(
            page,
            LiveUpdate(
                posted_at=now - timedelta(minutes=minutes),
                title=title,
                body=with_our_stories(blocks),
                byline=BYLINE,
                is_key_event=key_event,
                is_pinned=pinned,
            ),
        )
    WireLiveRoute.objects.create(wire_source=wire, match=WIRE_KEYWORD, live_page=page)
    return page


def with_our_stories(blocks):
    """Blocks with our stories, named by their wire identity, as the page numbers they have."""
    found = []
    for block in blocks:
        if block["type"] != "article":
            found.append(block)
            continue
        story = ArticlePage.objects.filter(external_guid=block["value"]).first()
        if story is not None:
            found.append({"type": "article", "value": {"article": story.pk}})
    return found
