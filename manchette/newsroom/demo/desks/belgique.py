"""The national desk: federal politics, the regions and communities, the communes."""

from ..writing import body, cover, intertitle, quote

DISPATCHES = [
    {
        "guid": "demo-budget-federal-accord-nuit",
        "source": "belga",
        "kicker": "Budget",
        "headline": "Le gouvernement fédéral boucle son budget après une nuit de négociations",
        "standfirst": "L'accord prévoit 2,4 milliards d'euros d'économies et une réforme des "
        "titres-services.",
        "dateline": "Bruxelles",
        "tags": ["Gouvernement fédéral", "Budget", "Emploi"],
        "hours_ago": 4,
        "updated_hours_ago": 1,
        "cover": cover(
            "Les fenêtres du siège du gouvernement sont restées allumées jusqu'à l'aube.",
        ),
        "body": body(
            "Les partenaires de la coalition fédérale sont parvenus à un accord sur le budget de "
            "l'an prochain au terme d'une réunion qui s'est achevée peu avant six heures du matin, "
            "a annoncé le cabinet du Premier ministre.",
            "L'accord prévoit 2,4 milliards d'euros d'économies, réparties entre la sécurité "
            "sociale, les dépenses de fonctionnement de l'État et une meilleure perception de "
            "l'impôt. Le déficit doit ainsi repasser sous les 4 % du produit intérieur brut.",
            intertitle("Titres-services et pensions"),
            "Le prix des titres-services augmentera d'un euro pour les ménages qui en achètent "
            "plus de 400 par an. Le gouvernement s'engage par ailleurs à présenter une réforme "
            "des pensions avant l'été.",
            quote(
                "Personne n'a obtenu tout ce qu'il voulait, et c'est précisément pour cela que "
                "l'accord tiendra.",
                "Un vice-Premier ministre, à la sortie de la réunion",
            ),
            "L'opposition a dénoncé un budget « sans cap ». Les syndicats seront reçus par le "
            "gouvernement dans le courant de la semaine.",
            "Le projet de budget doit encore être déposé à la Chambre, où il sera débattu en "
            "commission puis voté en séance plénière.",
        ),
        "update": body(
            intertitle("Mise à jour : les syndicats annoncent une journée d'action"),
            "Les trois grands syndicats du pays ont annoncé une journée d'action nationale d'ici "
            "un "
            "mois. Ils contestent en particulier les économies prévues dans la sécurité sociale.",
        ),
    },
    {
        "guid": "demo-vlaanderen-scholen-taalondersteuning",
        "source": "belga",
        "language": "nl",
        "kicker": "Onderwijs",
        "headline": "Vlaamse scholen krijgen extra middelen voor taalondersteuning",
        "standfirst": "Scholen met veel anderstalige leerlingen kunnen vanaf september extra "
        "leerkrachten aanwerven.",
        "dateline": "Brussel",
        "tags": ["Enseignement", "Flandre"],
        "hours_ago": 26,
        "cover": cover(
            "Een klaslokaal in een basisschool, voor de start van de lessen.",
        ),
        "body": body(
            "De Vlaamse regering trekt 60 miljoen euro extra uit om leerlingen te helpen die "
            "thuis geen Nederlands spreken. Dat heeft de Vlaamse minister van Onderwijs "
            "bekendgemaakt.",
            "Het geld gaat in de eerste plaats naar basisscholen in de grote steden. Zij kunnen "
            "er vanaf het nieuwe schooljaar extra leerkrachten en logopedisten mee aanwerven.",
            "Uit recente peilingen blijkt dat een op de vijf leerlingen aan het einde van de "
            "lagere school onvoldoende scoort voor begrijpend lezen.",
            quote(
                "Wie de taal niet beheerst, kan ook in de andere vakken niet mee.",
                "De minister van Onderwijs",
            ),
            "De onderwijsvakbonden reageren tevreden, maar wijzen op het lerarentekort: extra "
            "middelen helpen weinig als er geen kandidaten zijn.",
        ),
    },
    {
        "guid": "demo-ostbelgien-buslinie-eupen-st-vith",
        "source": "belga",
        "language": "de",
        "kicker": "Mobilität",
        "headline": "Neue Schnellbuslinie verbindet Eupen und Sankt Vith",
        "standfirst": "Die Fahrzeit zwischen Nord und Süd der Deutschsprachigen Gemeinschaft "
        "sinkt auf knapp eine Stunde.",
        "dateline": "Eupen",
        "tags": ["Transports", "Communauté germanophone"],
        "hours_ago": 58,
        "updated_hours_ago": 50,
        "cover": cover(
            "Ein Bus auf der Strecke durch das Hohe Venn.",
        ),
        "body": body(
            "Ab dem kommenden Monat verbindet eine Schnellbuslinie die beiden Hauptorte der "
            "Deutschsprachigen Gemeinschaft. Das hat die Regierung in Eupen mitgeteilt.",
            "Die Busse fahren werktags im Stundentakt und halten nur an sechs Haltestellen. "
            "Die Fahrzeit zwischen Eupen und Sankt Vith sinkt damit um rund zwanzig Minuten.",
            "Bislang mussten Pendler aus der Eifel mehrfach umsteigen oder das Auto nehmen. "
            "Besonders Schülerinnen und Schüler sowie Beschäftigte im Gesundheitswesen sollen "
            "von der neuen Verbindung profitieren.",
        ),
        "update": body(
            intertitle("Nachtrag: Wochenendverkehr geplant"),
            "Nach Angaben des Verkehrsbetriebs wird zudem geprüft, die Linie ab dem Sommer auch "
            "samstags zu betreiben.",
        ),
    },
    {
        "guid": "demo-rail-liege-namur-incident",
        "source": "belga",
        "kicker": "Rail",
        "headline": "Trafic ferroviaire fortement perturbé entre Liège et Namur après un incident "
        "technique",
        "standfirst": "Un seul train sur deux circule sur la ligne, les voyageurs sont invités à "
        "reporter leurs déplacements.",
        "dateline": "Liège",
        "tags": ["Transports", "Wallonie", "SNCB"],
        "hours_ago": 9,
        "updated_hours_ago": 7,
        "cover": cover(
            "Des voyageurs attendent leur train sur un quai de la gare de Liège.",
        ),
        "body": body(
            "Le trafic ferroviaire est fortement perturbé entre Liège et Namur en raison d'une "
            "panne de signalisation à hauteur de Huy, a indiqué le gestionnaire du réseau.",
            "Les trains circulent sur une seule voie sur une portion de huit kilomètres. Des "
            "retards de trente à quarante-cinq minutes sont à prévoir et un train sur deux est "
            "supprimé aux heures de pointe.",
            "Des bus de remplacement ont été mis en place entre Huy et Andenne.",
        ),
        "update": body(
            intertitle("Mise à jour : retour progressif à la normale"),
            "La réparation a pu être achevée plus tôt que prévu. Le trafic reprend "
            "progressivement sur les deux voies, mais des retards résiduels restent possibles "
            "jusqu'en fin de soirée, selon la SNCB.",
        ),
    },
    {
        "guid": "demo-bruxelles-zones-30-quartiers",
        "source": "redaction",
        "kicker": "Mobilité",
        "headline": "Bruxelles étend ses zones à 30 km/h à trois nouveaux quartiers",
        "standfirst": "Les habitants ont été consultés pendant six mois ; les commerçants restent "
        "partagés.",
        "byline": "Nadia Benali",
        "dateline": "Bruxelles",
        "tags": ["Bruxelles", "Transports"],
        "hours_ago": 44,
        "cover": cover(
            "Un panneau de zone 30 à l'entrée d'un quartier résidentiel.",
        ),
        "body": body(
            "Trois nouveaux quartiers bruxellois passeront en zone 30 dès le mois prochain, avec "
            "des aménagements pour réduire la circulation de transit dans les rues résidentielles.",
            "Les plans ont été présentés aux riverains lors de quatre réunions publiques. Selon "
            "les autorités régionales, près de 3.000 avis ont été recueillis en ligne.",
            intertitle("Des rues à sens unique"),
            "Plusieurs rues passeront à sens unique et des bacs à plantes remplaceront une "
            "centaine de places de stationnement. Les bus conservent leurs itinéraires.",
            quote(
                "Les enfants vont à l'école à pied, on voulait qu'ils puissent le faire sans "
                "zigzaguer entre les voitures.",
                "Une habitante, présente à la dernière réunion",
            ),
            "Du côté des commerçants, l'accueil est plus réservé. Certains craignent une baisse "
            "de fréquentation, d'autres comptent au contraire sur une clientèle de quartier plus "
            "nombreuse.",
        ),
    },
    {
        "guid": "demo-anvers-proces-fraude-tva",
        "source": "belga",
        "kicker": "Justice",
        "headline": "Le procès d'un vaste réseau de fraude à la TVA s'ouvre à Anvers",
        "standfirst": "Vingt-deux prévenus sont poursuivis pour un préjudice estimé à 48 millions "
        "d'euros.",
        "dateline": "Anvers",
        "tags": ["Justice", "Flandre", "Fraude"],
        "hours_ago": 80,
        "cover": cover(
            "La salle d'audience du tribunal correctionnel, avant l'ouverture des débats.",
        ),
        "body": body(
            "Le procès de vingt-deux personnes soupçonnées d'avoir organisé une fraude à la TVA "
            "de grande ampleur s'est ouvert devant le tribunal correctionnel d'Anvers.",
            "Selon le parquet, le réseau utilisait des sociétés écrans établies dans plusieurs "
            "pays européens pour revendre des téléphones portables sans jamais reverser la taxe. "
            "Le préjudice pour le Trésor est estimé à 48 millions d'euros.",
            "Les premières audiences sont consacrées à des questions de procédure. Plusieurs "
            "avocats de la défense contestent la régularité d'écoutes téléphoniques réalisées "
            "au début de l'enquête.",
            "Le procès devrait durer au moins six semaines.",
        ),
    },
    {
        "guid": "demo-wallonie-renovation-ecoles",
        "source": "belga",
        "kicker": "Enseignement",
        "headline": "La Wallonie lance un plan de rénovation énergétique de ses écoles",
        "standfirst": "Trois cents bâtiments scolaires doivent être isolés d'ici cinq ans.",
        "dateline": "Namur",
        "tags": ["Wallonie", "Enseignement", "Énergie", "Budget"],
        "hours_ago": 118,
        "cover": cover(
            "Des travaux d'isolation sur la façade d'une école primaire.",
        ),
        "body": body(
            "Le gouvernement wallon a approuvé un plan de 450 millions d'euros pour la rénovation "
            "énergétique des bâtiments scolaires, a annoncé le ministre régional de l'Énergie.",
            "Trois cents écoles, choisies parmi les plus énergivores, seront isolées et verront "
            "leur chauffage remplacé. Les premiers chantiers débuteront pendant les vacances d'été "
            "pour limiter la gêne des élèves.",
            "Les pouvoirs organisateurs, communes comme réseaux libres, pourront introduire leurs "
            "dossiers jusqu'à la fin de l'année.",
            quote(
                "Chaque euro économisé sur la facture de chauffage est un euro qui peut aller "
                "à la pédagogie.",
                "Le ministre wallon de l'Énergie",
            ),
        ),
    },
]
