"""Dispatches written for the demo: invented news in the style of a wire.

Each dispatch has a stable ``guid``; ``hours_ago`` places its first
publication in the past and ``updated_hours_ago``, when present, a later
update. Bodies are StreamField data: paragraphs, intertitles and quotes.
"""


def paragraphs(*texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


SECTIONS = [
    ("monde", "Monde", "L'actualité internationale."),
    ("belgique", "Belgique", "L'actualité du pays, des régions et des communes."),
    ("economie", "Économie", "Entreprises, emploi, marchés et consommation."),
    ("sport", "Sport", "Résultats, compétitions et coulisses."),
    ("culture", "Culture", "Scènes, écrans, livres et expositions."),
]

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
        "slug": "redaction",
        "name": "La rédaction",
        "short_credit": "Rédaction",
        "long_credit": "La rédaction de manchette",
        "url": "",
        "is_agency": False,
    },
]

DISPATCHES = [
    {
        "guid": "demo-ports-grue-automatique",
        "section": "economie",
        "source": "belga",
        "kicker": "Ports",
        "headline": "Le port d'Anvers-Bruges teste une grue pilotée à distance depuis la terre ferme",
        "standfirst": "Un opérateur installé dans un bureau déplace les conteneurs sans monter dans la cabine.",
        "dateline": "Anvers",
        "tags": ["Ports", "Emploi", "Flandre"],
        "hours_ago": 3,
        "updated_hours_ago": 1,
        "cover": {
            "alt": "Grue portuaire au-dessus d'un quai",
            "caption": "Une grue du terminal de test, vue depuis le quai.",
            "credit": "Illustration manchette",
        },
        "body": paragraphs(
            "Le port d'Anvers-Bruges a présenté mardi une grue de quai que des opérateurs "
            "pilotent depuis un bureau situé à plusieurs centaines de mètres du terminal.",
            "Selon la direction du port, l'essai doit durer six mois avant une éventuelle "
            "extension à deux autres terminaux. Les syndicats demandent des garanties sur "
            "la formation des grutiers.",
        )
        + [{"type": "intertitle", "value": "Des écrans au lieu d'une cabine"}]
        + paragraphs(
            "Chaque poste compte quatre écrans et deux manettes. Un opérateur peut "
            "surveiller plusieurs grues au cours d'un même service.",
        )
        + [
            {
                "type": "quote",
                "value": {
                    "quote": "Personne ne perdra son emploi, mais le métier va changer.",
                    "attribution": "Un porte-parole du port",
                },
            }
        ],
    },
    {
        "guid": "demo-festival-bd-angouleme-belges",
        "section": "culture",
        "source": "afp",
        "kicker": "Bande dessinée",
        "headline": "Trois auteurs belges en lice pour le grand prix d'un festival de bande dessinée",
        "standfirst": "Le jury rendra son verdict à la fin du mois.",
        "dateline": "Paris",
        "tags": ["Bande dessinée", "Livres"],
        "hours_ago": 27,
        "cover": {
            "alt": "Planches de bande dessinée étalées sur une table",
            "caption": "Des planches originales exposées lors de l'édition précédente.",
            "credit": "Illustration manchette",
        },
        "body": paragraphs(
            "Trois auteurs belges figurent parmi les dix finalistes du grand prix, a annoncé "
            "lundi l'organisation du festival.",
            "Le lauréat succédera à une dessinatrice japonaise, récompensée l'an dernier pour "
            "l'ensemble de son œuvre.",
        ),
    },
    {
        "guid": "demo-cyclisme-classique-printemps",
        "section": "sport",
        "source": "redaction",
        "kicker": "Cyclisme",
        "headline": "Une échappée de cinq coureurs résiste jusqu'à l'arrivée sous la pluie",
        "byline": "Claire Dumont",
        "dateline": "Namur",
        "tags": ["Cyclisme", "Wallonie"],
        "hours_ago": 52,
        "cover": {
            "alt": "Peloton de cyclistes sur une route mouillée",
            "caption": "Le peloton dans la dernière côte, à vingt kilomètres de l'arrivée.",
            "credit": "Illustration manchette",
        },
        "body": paragraphs(
            "Partis dès le premier kilomètre, cinq coureurs ont tenu le peloton à distance "
            "jusqu'à la ligne, dimanche, au terme d'une course disputée sous une pluie battante.",
            "Le vainqueur s'est imposé au sprint devant ses quatre compagnons d'échappée.",
        ),
    },
]
