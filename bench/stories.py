"""Stories of our own for bench/latency.py, to be read aloud: one per language.

Each is a headline and six sentences; the bench repeats the sentences,
paragraph after paragraph, numbering each paragraph's dossier and its
kilometres, until the article is as long as it wants.
"""

STORIES = {
    "fr": (
        "Routes régionales : les communes réclament un calendrier",
        [
            (
                "Les représentants des communes se sont réunis mardi matin à Namur pour "
                "examiner le dossier numéro {n}, consacré à l'entretien des routes "
                "régionales."
            ),
            (
                "Selon le rapport présenté aux élus, plus de {km} kilomètres de voirie "
                "devront être rénovés avant la fin de la législature."
            ),
            (
                "Les bourgmestres réclament un calendrier précis et des moyens "
                "supplémentaires, car les budgets locaux restent sous pression depuis "
                "plusieurs années."
            ),
            (
                "Le ministre a promis une réponse écrite dans les prochaines semaines, sans "
                "toutefois s'engager sur un montant."
            ),
            (
                "Dans l'opposition, on dénonce un plan trop vague qui laisse les communes "
                "rurales seules face aux dépenses."
            ),
            (
                "Une nouvelle réunion est prévue le mois prochain, cette fois en présence des "
                "associations d'usagers et des entreprises de travaux publics."
            ),
        ],
    ),
    "nl": (
        "Gewestwegen: gemeenten vragen een duidelijke planning",
        [
            (
                "De vertegenwoordigers van de gemeenten kwamen dinsdagochtend in Hasselt "
                "samen om dossier nummer {n} te bespreken, dat over het onderhoud van de "
                "gewestwegen gaat."
            ),
            (
                "Volgens het verslag dat aan de verkozenen werd voorgesteld, moeten meer dan "
                "{km} kilometer wegen worden vernieuwd voor het einde van de legislatuur."
            ),
            (
                "De burgemeesters vragen een duidelijke planning en extra middelen, want de "
                "lokale begrotingen staan al jaren onder druk."
            ),
            (
                "De minister beloofde binnen enkele weken een schriftelijk antwoord, zonder "
                "zich echter op een bedrag vast te leggen."
            ),
            (
                "De oppositie spreekt van een vaag plan dat de landelijke gemeenten alleen "
                "laat opdraaien voor de kosten."
            ),
            (
                "Volgende maand volgt een nieuwe vergadering, dit keer met de verenigingen "
                "van weggebruikers en de aannemers van openbare werken."
            ),
        ],
    ),
    "de": (
        "Regionalstraßen: Gemeinden fordern einen Zeitplan",
        [
            (
                "Die Vertreter der Gemeinden trafen sich am Dienstagmorgen in Eupen, um das "
                "Dossier Nummer {n} über den Unterhalt der Regionalstraßen zu prüfen."
            ),
            (
                "Laut dem Bericht, der den Gewählten vorgelegt wurde, müssen bis zum Ende der "
                "Legislaturperiode mehr als {km} Kilometer Straßen erneuert werden."
            ),
            (
                "Die Bürgermeister fordern einen genauen Zeitplan und zusätzliche Mittel, "
                "denn die kommunalen Haushalte stehen seit Jahren unter Druck."
            ),
            (
                "Der Minister versprach in den nächsten Wochen eine schriftliche Antwort, "
                "ohne sich jedoch auf einen Betrag festzulegen."
            ),
            (
                "Die Opposition kritisiert einen zu vagen Plan, der die ländlichen Gemeinden "
                "mit den Ausgaben allein lässt."
            ),
            (
                "Im kommenden Monat ist eine weitere Sitzung geplant, diesmal mit den "
                "Verbänden der Verkehrsteilnehmer und den Bauunternehmen."
            ),
        ],
    ),
    "en": (
        "Regional roads: municipalities call for a timetable",
        [
            (
                "Representatives of the municipalities met in Namur on Tuesday morning to "
                "examine file number {n}, which concerns the upkeep of regional roads."
            ),
            (
                "According to the report presented to the councillors, more than {km} "
                "kilometres of road must be resurfaced before the end of the term."
            ),
            (
                "The mayors are calling for a clear timetable and extra funding, as local "
                "budgets have been under pressure for several years."
            ),
            (
                "The minister promised a written answer within the coming weeks, without "
                "committing to any amount."
            ),
            (
                "The opposition criticised a vague plan that leaves rural municipalities "
                "alone with the costs."
            ),
            (
                "A new meeting is planned for next month, this time with road users' "
                "associations and public works contractors."
            ),
        ],
    ),
}
