"""The sports desk: results, competitions and what goes on behind them."""

from ..writing import body, cover, intertitle, quote

DISPATCHES = [
    {
        "guid": "demo-cyclisme-classique-printemps",
        "source": "redaction",
        "kicker": "Cyclisme",
        "headline": "Une échappée de cinq coureurs résiste jusqu'à l'arrivée sous la pluie",
        "standfirst": "Le peloton, trop longtemps attentiste, a échoué à quinze secondes.",
        "byline": "Claire Dumont",
        "dateline": "Namur",
        "tags": ["Cyclisme", "Wallonie"],
        "hours_ago": 52,
        "cover": cover(
            "Le peloton dans la dernière côte, à vingt kilomètres de l'arrivée.",
        ),
        "body": body(
            "Partis dès le premier kilomètre, cinq coureurs ont tenu le peloton à distance "
            "jusqu'à la ligne, au terme d'une course disputée sous une pluie battante.",
            "Leur avance a culminé à six minutes à mi-course. Les équipes des favoris ont "
            "attendu les côtes du Condroz pour accélérer, trop tard pour combler l'écart.",
            "Dans la montée finale vers la citadelle, deux des fuyards ont lâché prise. Le "
            "vainqueur s'est imposé au sprint devant ses deux derniers compagnons d'échappée.",
            quote(
                "Quand j'ai vu le panneau des dix kilomètres et qu'on avait encore une minute, "
                "j'ai compris que c'était possible.",
                "Le vainqueur, au micro des organisateurs",
            ),
        ),
    },
    {
        "guid": "demo-diables-rouges-selection-qualifications",
        "source": "belga",
        "kicker": "Football",
        "headline": "Les Diables rouges dévoilent une sélection rajeunie pour les qualifications",
        "standfirst": "Quatre joueurs de moins de 21 ans font leur entrée dans le groupe.",
        "dateline": "Tubize",
        "tags": ["Football", "Diables rouges"],
        "hours_ago": 12,
        "updated_hours_ago": 8,
        "cover": cover(
            "Le terrain d'entraînement du centre national de football.",
        ),
        "body": body(
            "Le sélectionneur de l'équipe nationale belge a dévoilé une liste de 25 joueurs pour "
            "les deux prochains matches de qualification, avec quatre nouveaux venus âgés de "
            "moins de 21 ans.",
            "Plusieurs cadres, blessés ou en manque de temps de jeu dans leur club, ne figurent "
            "pas dans la sélection. Le capitaine reste en revanche incontournable.",
            intertitle("Un premier match à domicile"),
            "Les Belges recevront d'abord une équipe d'Europe centrale avant de se déplacer dans "
            "les Balkans trois jours plus tard. Seul le premier du groupe se qualifiera "
            "directement.",
            quote(
                "Ces jeunes ne sont pas là pour faire de la figuration. S'ils sont prêts, "
                "ils joueront.",
                "Le sélectionneur, en conférence de presse",
            ),
        ),
        "update": body(
            "Mise à jour : un défenseur central, blessé à l'entraînement de son club, a déclaré "
            "forfait. Son remplaçant sera désigné dans les prochains jours.",
        ),
    },
    {
        "guid": "demo-athletisme-record-1500-gand",
        "source": "belga",
        "kicker": "Athlétisme",
        "headline": "Nouveau record de Belgique du 1.500 mètres en salle à Gand",
        "standfirst": "La Flandrienne de 22 ans a amélioré la marque de près d'une seconde.",
        "dateline": "Gand",
        "tags": ["Athlétisme", "Flandre", "Sport féminin"],
        "hours_ago": 34,
        "cover": cover(
            "La piste couverte de Gand, lors du meeting.",
        ),
        "body": body(
            "Une athlète de 22 ans a établi un nouveau record de Belgique du 1.500 mètres en "
            "salle, en 4 min 02 s 31, lors d'un meeting international disputé à Gand.",
            "Elle a amélioré de 87 centièmes l'ancienne marque, qui tenait depuis neuf ans. "
            "Partie en tête à 400 mètres de l'arrivée, elle n'a plus été rejointe.",
            "Ce chrono lui assure une place parmi les dix meilleures performances européennes "
            "de la saison et devrait lui ouvrir les portes des championnats d'Europe en salle.",
        ),
    },
    {
        "guid": "demo-tennis-belge-quarts-madrid",
        "source": "afp",
        "kicker": "Tennis",
        "headline": "Une joueuse belge se hisse en quarts de finale du tournoi de Madrid",
        "standfirst": "Issue des qualifications, elle a battu la tête de série numéro 6 en trois "
        "sets.",
        "dateline": "Madrid",
        "tags": ["Tennis", "Sport féminin"],
        "hours_ago": 62,
        "cover": cover(
            "Le court central du tournoi, sur terre battue.",
        ),
        "body": body(
            "Une joueuse belge issue des qualifications s'est qualifiée pour les quarts de finale "
            "du tournoi de Madrid en battant la sixième joueuse mondiale 4-6, 6-3, 7-5.",
            "Menée 5-3 dans la dernière manche, elle a remporté les quatre derniers jeux, "
            "sauvant au passage une balle de match sur son service.",
            "Elle n'avait jamais dépassé le deuxième tour d'un tournoi de cette catégorie. Elle "
            "affrontera pour une place en demi-finale une joueuse espagnole, portée par son "
            "public.",
        ),
    },
    {
        "guid": "demo-pro-league-charleroi-malines",
        "source": "redaction",
        "kicker": "Pro League",
        "headline": "Charleroi renverse Malines dans les dernières minutes",
        "standfirst": "Menés 0-1 à la 80e minute, les Zèbres l'emportent 2-1 grâce à deux buts "
        "de la tête.",
        "byline": "Karim Haddad",
        "dateline": "Charleroi",
        "tags": ["Football", "Wallonie"],
        "hours_ago": 86,
        "cover": cover(
            "Les tribunes du stade du Pays de Charleroi, en soirée.",
        ),
        "body": body(
            "Longtemps dominé, Charleroi a renversé Malines en fin de match pour s'imposer 2-1 "
            "et remonter à la sixième place du championnat.",
            "Les visiteurs avaient ouvert la marque juste avant la pause sur un contre rapide. "
            "Il a fallu attendre l'entrée de deux attaquants à l'heure de jeu pour voir les "
            "Carolos se montrer dangereux.",
            "L'égalisation est venue d'un corner à la 84e minute, le but de la victoire d'un "
            "centre de la gauche dans le temps additionnel.",
            quote(
                "On a manqué de tout pendant une heure, sauf de caractère.",
                "L'entraîneur carolo, après la rencontre",
            ),
        ),
    },
    {
        "guid": "demo-tour-de-france-depart-wallonie",
        "source": "afp",
        "kicker": "Cyclisme",
        "headline": "Le Tour de France traversera la Wallonie lors de sa première semaine",
        "standfirst": "Deux étapes emprunteront les routes des Ardennes belges.",
        "dateline": "Paris",
        "tags": ["Cyclisme", "Wallonie", "Tourisme"],
        "hours_ago": 140,
        "updated_hours_ago": 120,
        "cover": cover(
            "Une route des Ardennes que le peloton empruntera.",
        ),
        "body": body(
            "Le Tour de France passera par la Wallonie lors de sa première semaine, avec une "
            "arrivée d'étape dans la province de Liège et un départ depuis le Luxembourg belge, "
            "ont annoncé les organisateurs lors de la présentation du parcours.",
            "L'étape ardennaise comptera six côtes répertoriées, dont plusieurs habituées des "
            "classiques du printemps. Elle pourrait provoquer de premiers écarts entre les "
            "favoris.",
            "Les autorités provinciales évaluent les retombées pour le tourisme à plusieurs "
            "millions d'euros, entre hébergement, restauration et visibilité télévisée.",
        ),
        "update": body(
            intertitle("Mise à jour : les villes-étapes confirmées"),
            "Les communes concernées ont confirmé leur candidature et signé la convention "
            "d'accueil avec les organisateurs.",
        ),
    },
]
