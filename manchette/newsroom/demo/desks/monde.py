"""The foreign desk: Europe and the world, seen from Brussels."""

from ..writing import body, cover, intertitle, quote

DISPATCHES = [
    {
        "guid": "demo-ue-fonds-reseaux-electriques",
        "source": "belga",
        "kicker": "Union européenne",
        "headline": "Les Vingt-Sept s'accordent sur un fonds commun pour moderniser les réseaux "
        "électriques",
        "standfirst": "Le fonds doit financer des lignes transfrontalières et le stockage "
        "d'électricité "
        "d'ici la fin de la décennie.",
        "dateline": "Bruxelles",
        "tags": ["Union européenne", "Énergie", "Diplomatie"],
        "hours_ago": 6,
        "updated_hours_ago": 2,
        "cover": cover(
            "Une ligne à haute tension dans la plaine, près d'une frontière.",
        ),
        "body": body(
            "Les chefs d'État et de gouvernement de l'Union européenne se sont entendus sur la "
            "création d'un fonds commun destiné à moderniser les réseaux électriques du continent, "
            "a-t-on appris de sources diplomatiques à l'issue d'un sommet prolongé tard dans la "
            "nuit.",
            "Le fonds, doté de 40 milliards d'euros sur six ans, financera en priorité les "
            "interconnexions entre pays voisins et des capacités de stockage, afin de mieux "
            "absorber "
            "la production irrégulière des éoliennes et des panneaux solaires.",
            intertitle("Un compromis sur la clé de répartition"),
            "Plusieurs États d'Europe centrale réclamaient une part garantie pour leurs réseaux, "
            "jugés plus anciens. Le compromis final réserve un tiers des montants aux pays dont le "
            "revenu par habitant est inférieur à la moyenne européenne.",
            quote(
                "Nous avons enfin un outil à la hauteur de l'enjeu : un réseau européen, pas "
                "vingt-sept réseaux juxtaposés.",
                "Un diplomate présent dans la salle",
            ),
            "La Commission doit présenter les modalités détaillées dans les prochaines semaines. "
            "Le Parlement européen devra ensuite se prononcer.",
        ),
        "update": body(
            intertitle("Mise à jour : les gestionnaires de réseau saluent l'accord"),
            "L'association européenne des gestionnaires de réseaux de transport a salué un accord "
            "qui « change d'échelle » et demandé que les premiers appels à projets soient lancés "
            "avant la fin de l'année.",
        ),
    },
    {
        "guid": "demo-geneva-plastics-treaty-talks",
        "source": "afp",
        "language": "en",
        "kicker": "Environment",
        "headline": "Plastics treaty talks in Geneva stall over production caps",
        "standfirst": "Negotiators leave without an agreed text after ten days of talks.",
        "dateline": "Geneva",
        "tags": ["Environnement", "Diplomatie", "Climat"],
        "hours_ago": 30,
        "cover": cover(
            "Sorted plastic waste at a recycling centre.",
        ),
        "body": body(
            "International talks on a treaty to curb plastic pollution ended in Geneva without an "
            "agreed text, as countries remained divided over whether to cap the production of new "
            "plastics.",
            "A coalition of more than sixty countries, including all EU member states, pushed for "
            "binding limits on production. Several oil- and gas-producing nations argued that the "
            "treaty should focus on waste management and recycling instead.",
            "The chair of the negotiations said delegations had nevertheless narrowed their "
            "differences on product design and on a fund to help poorer countries collect and "
            "treat waste.",
            quote(
                "We are closer than we have ever been, but close is not a treaty.",
                "A European negotiator",
            ),
            "A further round of talks is expected next year. Environmental groups called the "
            "outcome a missed opportunity.",
        ),
    },
    {
        "guid": "demo-portugal-incendies-aide-europeenne",
        "source": "afp",
        "kicker": "Incendies",
        "headline": "Face aux incendies, le Portugal active le mécanisme européen de protection "
        "civile",
        "standfirst": "Des avions bombardiers d'eau sont attendus d'Espagne, de France et "
        "d'Italie.",
        "dateline": "Lisbonne",
        "tags": ["Climat", "Union européenne"],
        "hours_ago": 20,
        "updated_hours_ago": 14,
        "cover": cover(
            "La fumée d'un incendie au-dessus des collines du centre du pays.",
        ),
        "body": body(
            "Le Portugal a demandé l'aide de ses partenaires européens pour lutter contre une "
            "série "
            "d'incendies qui ravagent le centre du pays depuis plusieurs jours, a annoncé le "
            "ministère de l'Intérieur.",
            "Plus de 2.000 pompiers sont mobilisés sur une dizaine de foyers. Des vents forts et "
            "des températures proches de 40 degrés compliquent leur travail, selon la protection "
            "civile.",
            "Quatre villages ont été évacués par précaution. Aucune victime n'est à déplorer à ce "
            "stade, mais une quinzaine de pompiers ont été légèrement blessés.",
        ),
        "update": body(
            intertitle("Mise à jour : renforts en route"),
            "L'Espagne, la France et l'Italie ont confirmé l'envoi de six avions bombardiers "
            "d'eau, "
            "a indiqué la Commission européenne, qui coordonne le mécanisme de protection civile.",
        ),
    },
    {
        "guid": "demo-kinshasa-inondations-aide-belge",
        "source": "belga",
        "kicker": "RD Congo",
        "headline": "La Belgique débloque une aide d'urgence après les inondations à Kinshasa",
        "standfirst": "L'enveloppe de trois millions d'euros ira à l'eau potable et aux abris.",
        "dateline": "Bruxelles",
        "tags": ["Diplomatie", "Climat", "Afrique"],
        "hours_ago": 75,
        "cover": cover(
            "Une rue d'un quartier de Kinshasa après les pluies torrentielles.",
        ),
        "body": body(
            "La Belgique va débloquer trois millions d'euros d'aide d'urgence après les "
            "inondations "
            "qui ont frappé plusieurs quartiers de Kinshasa, a annoncé le ministère de la "
            "Coopération au développement.",
            "Les fonds seront versés à des organisations humanitaires déjà présentes sur place. "
            "Ils serviront à distribuer de l'eau potable, à installer des abris temporaires et à "
            "prévenir les épidémies de choléra.",
            "Des pluies d'une intensité exceptionnelle se sont abattues sur la capitale congolaise "
            "pendant près de douze heures, provoquant des glissements de terrain dans les "
            "quartiers "
            "construits à flanc de colline.",
            "Les autorités locales font état de plusieurs milliers de sinistrés. Un bilan humain "
            "précis n'était pas encore disponible.",
        ),
    },
    {
        "guid": "demo-pays-bas-elections-analyse",
        "source": "redaction",
        "kicker": "Pays-Bas",
        "headline": "Ce que le résultat des législatives néerlandaises change pour la Belgique",
        "standfirst": "Ports, énergie, frontière : trois dossiers où le voisin néerlandais pèse "
        "directement sur la vie des Belges.",
        "byline": "Thomas Verhoeven",
        "dateline": "Bruxelles",
        "tags": ["Pays-Bas", "Ports", "Énergie", "Union européenne"],
        "hours_ago": 100,
        "cover": cover(
            "Un bureau de vote à La Haye, le jour du scrutin.",
        ),
        "body": body(
            "Les électeurs néerlandais ont rebattu les cartes. Aucun parti ne dépasse un "
            "cinquième des sièges et la formation d'une coalition s'annonce longue. Pour la "
            "Belgique, l'enjeu n'a rien d'abstrait.",
            intertitle("Les ports, concurrents et partenaires"),
            "Rotterdam et Anvers-Bruges se disputent les mêmes armateurs mais partagent les mêmes "
            "voies d'accès. Les projets de canal et de dragage de l'Escaut dépendent d'accords "
            "entre les deux pays.",
            intertitle("L'énergie et la frontière"),
            "Les réseaux électriques et gaziers des deux pays sont étroitement liés. Un "
            "gouvernement néerlandais plus réticent aux investissements européens pourrait "
            "ralentir les interconnexions prévues en mer du Nord.",
            "Reste la frontière, que franchissent chaque jour des dizaines de milliers de "
            "travailleurs. Fiscalité, sécurité sociale, transports : chaque accord bilatéral "
            "devra être renégocié avec des interlocuteurs nouveaux.",
        ),
    },
    {
        "guid": "demo-parlement-europeen-emballages",
        "source": "afp",
        "kicker": "Environnement",
        "headline": "Le Parlement européen adopte de nouvelles règles pour réduire les emballages",
        "standfirst": "Les emballages à usage unique pour les fruits et légumes frais seront "
        "progressivement interdits.",
        "dateline": "Strasbourg",
        "tags": ["Union européenne", "Environnement", "Commerce"],
        "hours_ago": 128,
        "cover": cover(
            "Des légumes vendus sans emballage sur un marché.",
        ),
        "body": body(
            "Le Parlement européen a adopté un règlement visant à réduire le volume des emballages "
            "dans l'Union, par 476 voix pour, 129 contre et 24 abstentions.",
            "Le texte fixe un objectif de réduction de 15 % d'ici 2040 par rapport aux niveaux "
            "actuels. Il interdit à terme les emballages à usage unique pour les fruits et légumes "
            "frais vendus en petites quantités, ainsi que les mini-flacons dans les hôtels.",
            "Les fabricants devront par ailleurs garantir qu'une part croissante de leurs "
            "emballages en plastique est composée de matière recyclée.",
            quote(
                "Le meilleur déchet reste celui qu'on ne produit pas.",
                "La rapporteure du texte",
            ),
            "Les organisations de la grande distribution ont salué un cadre commun, tout en "
            "réclamant des délais d'adaptation suffisants.",
        ),
    },
]
