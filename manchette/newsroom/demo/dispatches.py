"""Dispatches written for the demo: invented news in the style of a wire.

Each dispatch is a dict with a stable ``guid`` (its wire identity), the
``source`` slug, a ``kicker``, a ``headline``, an optional ``standfirst``,
``byline`` and ``language`` (French by default), a ``dateline``, 2 to 4
``tags``, a ``cover`` (see ``writing.cover``) and a ``body`` (see
``writing.body``). ``hours_ago`` places its first publication in the past;
an updated dispatch also has ``updated_hours_ago`` and an ``update``, the
blocks its second version adds to the body. The desks write them; this module
adds the section each desk files for.
"""

from .desks import belgique, culture, economie, monde, sport

SECTIONS = [
    ("monde", "Monde", "L'actualité internationale."),
    ("belgique", "Belgique", "L'actualité du pays, des régions et des communes."),
    ("economie", "Économie", "Entreprises, emploi, marchés et consommation."),
    ("sport", "Sport", "Résultats, compétitions et coulisses."),
    ("culture", "Culture", "Scènes, écrans, livres et expositions."),
]

# Each section's name for Dutch, German and English readers.
SECTION_NAMES = {
    "monde": {"nl": "Wereld", "de": "Welt", "en": "World"},
    "belgique": {"nl": "België", "de": "Belgien", "en": "Belgium"},
    "economie": {"nl": "Economie", "de": "Wirtschaft", "en": "Economy"},
    "sport": {"nl": "Sport", "de": "Sport", "en": "Sport"},
    "culture": {"nl": "Cultuur", "de": "Kultur", "en": "Culture"},
}

SOURCES = [
    {
        "slug": "belga",
        "name": "Belga",
        "short_credit": "Belga",
        "long_credit": "Belga News",
        "url": "",
        "is_agency": True,
    },
    {
        "slug": "afp",
        "name": "AFP",
        "short_credit": "AFP",
        "long_credit": "Agence France-Presse",
        "url": "",
        "is_agency": True,
    },
    {
        # Credits what the catch-all wire receives until an editor names the agency.
        "slug": "agences",
        "name": "Autres agences",
        "short_credit": "Agences",
        "long_credit": "Agences de presse",
        "url": "",
        "is_agency": True,
    },
    {
        "slug": "redaction",
        "name": "La rédaction",
        "short_credit": "Rédaction",
        "long_credit": "La rédaction de manchette",
        "url": "",
        "is_agency": False,
    },
]

DESKS = {
    "monde": monde,
    "belgique": belgique,
    "economie": economie,
    "sport": sport,
    "culture": culture,
}

DISPATCHES = [
    {**dispatch, "section": section}
    for section, desk in DESKS.items()
    for dispatch in desk.DISPATCHES
]
