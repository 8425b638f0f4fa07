"""A small newsroom in four languages, and what each search must and must not find.

Each story is written in its own language, with the forms a reader would
not type (plurals, accents, compounds); ``QUERIES`` lists, for a query,
the stories it must find and those it must not.
"""

from datetime import timedelta

from django.utils import timezone

from tests import factory

STORIES = {
    "fr_budget": dict(
        language="fr",
        kicker="Budget",
        headline="Le gouvernement fédéral boucle son budget après une nuit de négociations",
        standfirst="L'accord prévoit 2,4 milliards d'euros d'économies dans la sécurité sociale.",
        body=["Les syndicats seront reçus par le Premier ministre la semaine prochaine."],
        tags=["Budget"],
        hours=2,
    ),
    "fr_inondations": dict(
        language="fr",
        kicker="RDC",
        headline="La Belgique débloque une aide d'urgence après les inondations à Kinshasa",
        standfirst="Des pluies diluviennes ont frappé la capitale congolaise.",
        body=["Les quartiers bas de la ville restent sous les eaux depuis trois jours."],
        hours=5,
    ),
    "fr_musees": dict(
        language="fr",
        kicker="Exposition",
        headline="Les Musées royaux prolongent leur exposition sur les primitifs flamands",
        standfirst="Six semaines de plus pour une quarantaine d'œuvres.",
        body=["Plusieurs tableaux ont été prêtés par des musées étrangers."],
        hours=8,
    ),
    "fr_port": dict(
        language="fr",
        kicker="Ports",
        headline="Une grue pilotée à distance depuis la terre ferme",
        standfirst="Le port d'Anvers teste une nouvelle façon de charger les navires.",
        body=["Les syndicats demandent des garanties sur l'emploi des grutiers."],
        hours=10,
    ),
    "fr_sport": dict(
        language="fr",
        kicker="Football",
        headline="Les Diables rouges dévoilent une sélection rajeunie",
        standfirst="Le sélectionneur a appelé cinq nouveaux joueurs.",
        body=["La liste sera complétée en fin de semaine, après les matches de championnat."],
        hours=1,
    ),
    "nl_overstroming": dict(
        language="nl",
        kicker="Limburg",
        headline="Overstromingen in Limburg: honderden huizen ontruimd",
        standfirst="De Maas trad op verschillende plaatsen buiten haar oevers.",
        body=["De burgemeesters vragen de bewoners om thuis te blijven."],
        hours=3,
    ),
    "nl_begroting": dict(
        language="nl",
        kicker="Begroting",
        headline="De federale regering sluit de begroting af",
        standfirst="Het akkoord voorziet in besparingen in de sociale zekerheid.",
        body=["De vakbonden worden volgende week door de premier ontvangen."],
        hours=4,
    ),
    "de_wirtschaft": dict(
        language="de",
        kicker="Konjunktur",
        headline="Die belgische Wirtschaft wächst schneller als erwartet",
        standfirst="Ökonomen heben ihre Prognosen für das laufende Jahr an.",
        body=["Die Gewerkschaften fordern höhere Löhne."],
        hours=6,
    ),
    "de_museum": dict(
        language="de",
        kicker="Kultur",
        headline="Brüsseler Museen verlängern ihre Ausstellung",
        standfirst="Die Schau flämischer Meister bleibt sechs Wochen länger geöffnet.",
        body=["Mehrere Gemälde kommen aus ausländischen Sammlungen."],
        hours=7,
    ),
    "en_floods": dict(
        language="en",
        kicker="Weather",
        headline="Floods force thousands from their homes",
        standfirst="Rivers burst their banks after a week of heavy rain.",
        body=["Flooding closed several roads and two railway lines."],
        hours=9,
    ),
    "en_economy": dict(
        language="en",
        kicker="Economy",
        headline="The Belgian economy grows faster than expected",
        standfirst="Economists raise their forecasts for the year.",
        body=["The unions call for higher wages."],
        hours=11,
    ),
}

# query: (stories it must find, stories it must not find)
QUERIES = {
    # French: plurals, accents and case, stop words
    "économie": (["fr_budget"], ["fr_port", "fr_sport", "nl_begroting"]),
    "economie": (["fr_budget"], ["fr_port"]),
    "ÉCONOMIES": (["fr_budget"], ["fr_port"]),
    "inondation": (["fr_inondations"], ["nl_overstroming", "fr_budget"]),
    "inondations": (["fr_inondations"], ["nl_overstroming"]),
    "musée": (["fr_musees"], ["fr_sport"]),
    "musees": (["fr_musees"], ["fr_sport"]),
    "syndicat": (["fr_budget", "fr_port"], ["fr_sport", "fr_musees"]),
    "syndicats": (["fr_budget", "fr_port"], ["fr_sport"]),
    "de": ([], list(STORIES)),
    "de la": ([], list(STORIES)),
    "grutier": (["fr_port"], ["fr_budget"]),
    "œuvre": (["fr_musees"], []),
    "oeuvres": (["fr_musees"], []),
    # every word counts; phrases; exclusions
    "budget syndicats": (["fr_budget"], ["fr_port"]),
    "syndicats -grue": (["fr_budget"], ["fr_port"]),
    '"aide d\'urgence"': (["fr_inondations"], []),
    '"urgence aide"': ([], ["fr_inondations"]),
    '"sécurité sociale': (["fr_budget"], ["nl_begroting"]),
    # Dutch
    "overstroming": (["nl_overstroming"], ["fr_inondations", "en_floods"]),
    "vakbond": (["nl_begroting"], ["fr_budget", "de_wirtschaft"]),
    "besparing": (["nl_begroting"], []),
    "het": ([], list(STORIES)),
    # German
    "Ökonom": (["de_wirtschaft"], ["en_economy"]),
    "Ökonomen": (["de_wirtschaft"], []),
    "Gewerkschaft": (["de_wirtschaft"], ["nl_begroting"]),
    "Ausstellungen": (["de_museum"], ["fr_musees"]),
    "Gemälde": (["de_museum"], []),
    "die": ([], ["de_wirtschaft", "de_museum"]),
    # English
    "flood": (["en_floods"], ["nl_overstroming", "fr_inondations"]),
    "flooding": (["en_floods"], []),
    "economist": (["en_economy"], ["de_wirtschaft"]),
    "union": (["en_economy"], ["nl_begroting"]),
    "the": ([], ["en_economy", "en_floods"]),
}


def build():
    """The stories as published articles, by name."""
    now = timezone.now()
    belgique = factory.section("Belgique")
    monde = factory.section("Monde")
    articles = {}
    for name, story in STORIES.items():
        articles[name] = factory.article(
            headline=story["headline"],
            kicker=story["kicker"],
            standfirst=story["standfirst"],
            body=factory.paragraphs(*story["body"]),
            language=story["language"],
            tags=story.get("tags", ()),
            in_section=monde if name in ("fr_inondations", "en_floods") else belgique,
            published_at=now - timedelta(hours=story["hours"]),
        )
    return articles
