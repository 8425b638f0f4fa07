"""The business desk: companies, jobs, prices and markets."""

from ..writing import body, cover, intertitle, quote

DISPATCHES = [
    {
        "guid": "demo-ports-grue-automatique",
        "source": "belga",
        "kicker": "Ports",
        "headline": "Le port d'Anvers-Bruges teste une grue pilotée à distance depuis la terre "
        "ferme",
        "standfirst": "Un opérateur installé dans un bureau déplace les conteneurs sans monter "
        "dans la cabine.",
        "dateline": "Anvers",
        "tags": ["Ports", "Emploi", "Flandre"],
        "hours_ago": 3,
        "updated_hours_ago": 1,
        "cover": cover(
            "Une grue du terminal de test, vue depuis le quai.",
        ),
        "body": body(
            "Le port d'Anvers-Bruges a présenté une grue de quai que des opérateurs pilotent "
            "depuis un bureau situé à plusieurs centaines de mètres du terminal.",
            "Selon la direction du port, l'essai doit durer six mois avant une éventuelle "
            "extension à deux autres terminaux. Les syndicats demandent des garanties sur la "
            "formation des grutiers.",
            intertitle("Des écrans au lieu d'une cabine"),
            "Chaque poste compte quatre écrans et deux manettes. Un opérateur peut surveiller "
            "plusieurs grues au cours d'un même service, sans grimper chaque matin à quarante "
            "mètres de hauteur.",
            quote(
                "Personne ne perdra son emploi, mais le métier va changer.",
                "Un porte-parole du port",
            ),
        ),
        "update": body(
            intertitle("Mise à jour : accord sur la formation"),
            "Les syndicats ont obtenu qu'aucun grutier ne soit affecté au pilotage à distance "
            "sans une formation de trois semaines. Ils jugeront l'essai sur pièces.",
        ),
    },
    {
        "guid": "demo-inflation-recul-energie",
        "source": "belga",
        "kicker": "Conjoncture",
        "headline": "L'inflation recule à 2,1 % en Belgique, portée par la baisse des prix de "
        "l'énergie",
        "standfirst": "Les prix de l'alimentation continuent en revanche d'augmenter plus vite que "
        "la moyenne.",
        "dateline": "Bruxelles",
        "tags": ["Inflation", "Énergie", "Consommation"],
        "hours_ago": 22,
        "cover": cover(
            "Le prix du panier de courses reste surveillé de près par les ménages.",
        ),
        "body": body(
            "L'inflation a reculé à 2,1 % sur un an, contre 2,6 % le mois précédent, selon les "
            "chiffres publiés par l'office belge de statistique.",
            "Le recul s'explique principalement par la baisse des prix du gaz et de l'électricité, "
            "qui pèsent lourd dans l'indice. Les carburants sont également moins chers qu'un an "
            "auparavant.",
            "À l'inverse, les produits alimentaires affichent une hausse de 3,4 % sur un an. Le "
            "café, le chocolat et l'huile d'olive figurent parmi les produits dont le prix a le "
            "plus augmenté.",
            "L'indice santé, qui sert de référence à l'indexation des salaires et des allocations, "
            "s'établit à 2,3 %. Le Bureau du Plan prévoit un prochain dépassement de "
            "l'indice-pivot "
            "d'ici quelques mois.",
        ),
    },
    {
        "guid": "demo-ecb-holds-rates",
        "source": "afp",
        "language": "en",
        "kicker": "Central banks",
        "headline": "ECB holds interest rates and signals patience on further cuts",
        "standfirst": "Policymakers want more evidence that services inflation is easing.",
        "dateline": "Frankfurt",
        "tags": ["Banque centrale européenne", "Inflation", "Union européenne"],
        "hours_ago": 50,
        "updated_hours_ago": 47,
        "cover": cover(
            "The bank's headquarters in Frankfurt.",
        ),
        "body": body(
            "The European Central Bank left its key interest rates unchanged, saying it needed "
            "more evidence that price pressures in the services sector were easing before cutting "
            "borrowing costs again.",
            "The deposit rate stays at 2.25 percent. Most economists had expected the decision.",
            "Headline inflation in the euro area has come close to the bank's two percent target, "
            "helped by lower energy prices, but wage growth remains strong in several countries.",
        ),
        "update": body(
            intertitle("Update: markets react"),
            "European stock markets edged higher after the announcement, while the euro slipped "
            "slightly against the dollar as traders pushed back their bets on the next rate cut.",
        ),
    },
    {
        "guid": "demo-charleroi-biotech-recrutement",
        "source": "redaction",
        "kicker": "Emploi",
        "headline": "À Charleroi, une biotech va recruter 200 personnes pour sa nouvelle usine",
        "standfirst": "Le site produira des thérapies cellulaires à partir de l'an prochain.",
        "byline": "Julien Marchal",
        "dateline": "Charleroi",
        "tags": ["Emploi", "Wallonie", "Santé"],
        "hours_ago": 70,
        "cover": cover(
            "Un laboratoire de production, en phase de test.",
        ),
        "body": body(
            "Une entreprise de biotechnologie installée à Gosselies va recruter 200 personnes "
            "d'ici dix-huit mois pour sa nouvelle unité de production, a-t-elle annoncé lors de "
            "l'inauguration du bâtiment.",
            "L'usine fabriquera des thérapies cellulaires destinées au traitement de certains "
            "cancers du sang. Ces traitements sont produits patient par patient, à partir de ses "
            "propres cellules.",
            intertitle("Des profils recherchés"),
            "L'entreprise cherche surtout des techniciens de laboratoire et des opérateurs de "
            "production. Une formation de six mois sera proposée aux candidats venus d'autres "
            "secteurs, en partenariat avec le service public de l'emploi.",
            quote(
                "Nous ne trouverons pas 200 docteurs en biologie, et nous n'en avons pas besoin. "
                "Nous cherchons des gens rigoureux, nous leur apprendrons le reste.",
                "La directrice du site",
            ),
            "La région de Charleroi compte déjà une trentaine d'entreprises actives dans les "
            "sciences du vivant.",
        ),
    },
    {
        "guid": "demo-cacao-prix-chocolatiers",
        "source": "afp",
        "kicker": "Matières premières",
        "headline": "Le prix du cacao poursuit sa hausse, les chocolatiers belges s'inquiètent",
        "standfirst": "La tonne a doublé en un an après de mauvaises récoltes en Afrique de "
        "l'Ouest.",
        "dateline": "Londres",
        "tags": ["Commerce", "Consommation", "Agriculture"],
        "hours_ago": 96,
        "updated_hours_ago": 90,
        "cover": cover(
            "Des fèves de cacao mises à sécher après la récolte.",
        ),
        "body": body(
            "Le prix du cacao a atteint un nouveau sommet sur le marché de Londres, porté par des "
            "récoltes décevantes en Côte d'Ivoire et au Ghana, qui assurent à eux deux plus de la "
            "moitié de la production mondiale.",
            "Des pluies excessives suivies d'une période de sécheresse ont favorisé une maladie "
            "qui touche les cacaoyers, selon les négociants.",
            "En Belgique, les artisans chocolatiers disent avoir déjà relevé leurs prix à deux "
            "reprises cette année. Certains réduisent la taille de leurs pralines plutôt que "
            "d'augmenter encore leurs tarifs.",
        ),
        "update": body(
            intertitle("Mise à jour : les industriels répercutent la hausse"),
            "Deux grands industriels du secteur ont annoncé une hausse de leurs prix de gros de "
            "8 à 10 % à partir du trimestre prochain.",
        ),
    },
    {
        "guid": "demo-agriculteurs-manifestation-bruxelles",
        "source": "belga",
        "kicker": "Agriculture",
        "headline": "Des centaines d'agriculteurs manifestent près des institutions européennes",
        "standfirst": "Ils dénoncent la baisse de leurs revenus et un accord commercial en "
        "discussion.",
        "dateline": "Bruxelles",
        "tags": ["Agriculture", "Union européenne", "Bruxelles"],
        "hours_ago": 136,
        "cover": cover(
            "Des tracteurs stationnés sur un boulevard du quartier européen.",
        ),
        "body": body(
            "Plusieurs centaines d'agriculteurs venus de Belgique, de France et des Pays-Bas ont "
            "manifesté dans le quartier européen de Bruxelles, où se réunissaient les ministres "
            "de l'Agriculture des Vingt-Sept.",
            "Environ 400 tracteurs ont convergé vers le rond-point Schuman, selon la police, qui "
            "a fermé plusieurs tunnels à la circulation pendant la matinée.",
            "Les manifestants dénoncent la baisse de leurs revenus et s'opposent à un accord "
            "commercial en cours de négociation, qui ouvrirait davantage le marché européen aux "
            "importations de viande et de sucre.",
            quote(
                "On nous demande de produire mieux, mais on nous met en concurrence avec des "
                "fermes qui n'ont pas les mêmes règles.",
                "Un éleveur du Hainaut",
            ),
            "Le rassemblement s'est dispersé en début d'après-midi sans incident notable.",
        ),
    },
]
