"""The culture desk: stages, screens, books and exhibitions."""

from ..writing import body, cover, intertitle, quote

DISPATCHES = [
    {
        "guid": "demo-festival-bd-angouleme-belges",
        "source": "afp",
        "kicker": "Bande dessinée",
        "headline": "Trois auteurs belges en lice pour le grand prix d'un festival de bande "
        "dessinée",
        "standfirst": "Le jury rendra son verdict à la fin du mois.",
        "dateline": "Paris",
        "tags": ["Bande dessinée", "Livres", "Festivals"],
        "hours_ago": 27,
        "cover": cover(
            "Des planches originales exposées lors de l'édition précédente.",
        ),
        "body": body(
            "Trois auteurs belges figurent parmi les dix finalistes du grand prix d'un important "
            "festival de bande dessinée, a annoncé son organisation.",
            "Deux d'entre eux sont issus de la même école bruxelloise d'illustration, qui forme "
            "depuis plusieurs décennies une bonne part des dessinateurs du pays.",
            "Le grand prix récompense l'ensemble d'une œuvre. Le lauréat succédera à une "
            "dessinatrice japonaise, distinguée l'an dernier.",
            quote(
                "La bande dessinée belge n'a jamais cessé de se réinventer, cette liste en est "
                "la preuve.",
                "Un membre du comité de sélection",
            ),
        ),
    },
    {
        "guid": "demo-beaux-arts-exposition-primitifs-flamands",
        "source": "belga",
        "kicker": "Exposition",
        "headline": "Les Musées royaux des Beaux-Arts prolongent leur exposition sur les primitifs "
        "flamands",
        "standfirst": "Plus de 150.000 visiteurs se sont déjà pressés devant les retables.",
        "dateline": "Bruxelles",
        "tags": ["Musées", "Bruxelles", "Flandre"],
        "hours_ago": 16,
        "cover": cover(
            "Des visiteurs devant l'un des retables de l'exposition.",
        ),
        "body": body(
            "Les Musées royaux des Beaux-Arts de Belgique prolongent de six semaines leur "
            "exposition consacrée aux primitifs flamands, a annoncé l'institution, en raison "
            "d'une affluence supérieure aux prévisions.",
            "Plus de 150.000 personnes ont visité l'exposition depuis son ouverture. Les "
            "créneaux du week-end affichent complet plusieurs semaines à l'avance.",
            "L'exposition réunit une quarantaine d'œuvres, dont plusieurs prêtées par des musées "
            "étrangers. Les prêteurs ont accepté de prolonger leur séjour à Bruxelles.",
            "Des nocturnes seront organisées chaque jeudi jusqu'à la fermeture.",
        ),
    },
    {
        "guid": "demo-liege-festival-jeune-scene",
        "source": "redaction",
        "kicker": "Musique",
        "headline": "Un festival liégeois mise sur la jeune scène belge",
        "standfirst": "Les deux tiers des artistes programmés n'ont pas encore sorti leur premier "
        "album.",
        "byline": "Sophie Lambert",
        "dateline": "Liège",
        "tags": ["Musique", "Wallonie", "Festivals"],
        "hours_ago": 40,
        "updated_hours_ago": 38,
        "cover": cover(
            "La grande scène du festival, lors de l'édition précédente.",
        ),
        "body": body(
            "Un festival de musiques actuelles organisé chaque été à Liège a dévoilé sa "
            "programmation : sur les quarante-deux artistes annoncés, vingt-huit n'ont pas encore "
            "publié de premier album.",
            "Les organisateurs assument un pari. Ils réservent désormais l'une des deux scènes "
            "principales à des groupes repérés dans les concours et les salles de la région.",
            intertitle("Des têtes d'affiche malgré tout"),
            "Deux groupes belges confirmés et une chanteuse française joueront en fin de soirée, "
            "pour attirer un public plus large.",
            quote(
                "Les festivals ont une responsabilité : si personne ne prend le risque de "
                "programmer des débutants, il n'y aura plus de têtes d'affiche dans dix ans.",
                "Le directeur artistique du festival",
            ),
            "Les préventes ouvrent en ligne et dans les points de vente habituels. Le prix du "
            "pass de trois jours reste inchangé.",
        ),
        "update": body(
            "Mise à jour : le festival a annoncé une troisième tête d'affiche, un groupe flamand "
            "qui n'était plus monté sur scène depuis cinq ans.",
        ),
    },
    {
        "guid": "demo-cinema-films-belges-selection",
        "source": "afp",
        "kicker": "Cinéma",
        "headline": "Deux films belges sélectionnés en compétition dans un grand festival européen",
        "standfirst": "Une première œuvre et un documentaire défendront les couleurs belges.",
        "dateline": "Paris",
        "tags": ["Cinéma", "Festivals"],
        "hours_ago": 66,
        "cover": cover(
            "Une salle de projection du palais du festival.",
        ),
        "body": body(
            "Deux films belges figurent dans la compétition officielle d'un grand festival de "
            "cinéma européen, dont la sélection a été dévoilée lors d'une conférence de presse.",
            "Le premier est le premier long métrage d'une réalisatrice liégeoise, tourné dans "
            "un quartier ouvrier de la vallée de la Meuse. Le second est un documentaire "
            "consacré aux pêcheurs de la côte belge.",
            "Les deux films ont bénéficié du soutien des fonds régionaux et de coproducteurs "
            "français et néerlandais.",
            "La compétition compte vingt-deux films. Le palmarès sera annoncé lors de la "
            "cérémonie de clôture.",
        ),
    },
    {
        "guid": "demo-mons-theatre-reouverture",
        "source": "belga",
        "kicker": "Théâtre",
        "headline": "Mons rouvre son théâtre après trois ans de travaux",
        "standfirst": "La salle à l'italienne retrouve ses dorures et gagne une scène modulable.",
        "dateline": "Mons",
        "tags": ["Théâtre", "Wallonie", "Tourisme"],
        "hours_ago": 104,
        "cover": cover(
            "La salle rénovée, vue depuis la scène.",
        ),
        "body": body(
            "Le théâtre de Mons a rouvert ses portes après trois années de travaux de "
            "restauration et de mise aux normes, a annoncé la ville.",
            "La salle à l'italienne, inaugurée au XIXe siècle, a retrouvé ses dorures et ses "
            "peintures d'origine. Une seconde salle, modulable, a été aménagée dans une aile "
            "jusqu'ici inutilisée.",
            "Le chantier a coûté 18 millions d'euros, financés par la ville, la Région wallonne "
            "et des fonds européens.",
            quote(
                "Nous avons voulu un théâtre d'hier pour les spectateurs d'aujourd'hui.",
                "L'architecte chargé de la rénovation",
            ),
            "La saison d'ouverture mêle créations belges, théâtre jeune public et concerts.",
        ),
    },
    {
        "guid": "demo-prix-libraires-premier-roman",
        "source": "belga",
        "kicker": "Livres",
        "headline": "Le prix des libraires distingue un premier roman sur l'exil",
        "standfirst": "Le livre suit trois générations d'une famille entre Liège et la Sicile.",
        "dateline": "Bruxelles",
        "tags": ["Livres", "Migrations"],
        "hours_ago": 124,
        "updated_hours_ago": 122,
        "cover": cover(
            "Le roman lauréat, en vitrine d'une librairie bruxelloise.",
        ),
        "body": body(
            "Le prix des libraires a été attribué à un premier roman qui retrace l'histoire "
            "d'une famille sicilienne installée dans le bassin liégeois après la guerre.",
            "Le livre suit trois générations, des mines de charbon aux bureaux d'une "
            "administration européenne. Son autrice, professeure de français dans le secondaire, "
            "y a travaillé pendant sept ans.",
            "Le jury, composé de libraires de Wallonie et de Bruxelles, l'a choisi parmi cinq "
            "finalistes au troisième tour de scrutin.",
        ),
        "update": body(
            "Mise à jour : l'éditeur annonce un nouveau tirage de 20.000 exemplaires.",
        ),
    },
]
