"""Numbers as words: num2words, and the few forms our voices say otherwise.

espeak-ng reads bare digits well enough, but not years ("1999" is
"nineteen ninety-nine" in English, "neunzehnhundert…" in German), ordinals
("2e", "16." before a month) or times. Spelling every number here makes the
text that is spoken the text that ``manchette listen --text`` shows, and
lets the tests check it word for word.

num2words spells them; each language below says where we differ from it,
and why. ``for_voice`` picks the regional forms that a voice speaks.
"""

import re

from num2words import num2words


class Numbers:
    """One language's numbers as num2words spells them, through ``said``."""

    lang = ""

    def said(self, words):
        """num2words' spelling as our voice must say it."""
        return words

    def cardinal(self, n, feminine=False):
        return self.said(num2words(n, lang=self.lang))

    def ordinal(self, n, feminine=False):
        return self.said(num2words(n, lang=self.lang, to="ordinal"))

    def year(self, n):
        return self.said(num2words(n, lang=self.lang, to="year"))


class French(Numbers):
    """Feminine forms (une heure, vingt et une heures, première), which num2words lacks."""

    lang = "fr"

    def cardinal(self, n, feminine=False):
        words = super().cardinal(n)
        return words + "e" if feminine and words.endswith("un") else words

    def ordinal(self, n, feminine=False):
        # Made from our cardinal, so that Belgian numbers get Belgian ordinals.
        if n == 1:
            return "première" if feminine else "premier"
        # num2words keeps the plural s: "quatre-vingtsième".
        word = re.sub(r"(vingt|cent)s$", r"\1", self.cardinal(n))
        if word.endswith("e"):
            word = word[:-1]
        elif word.endswith("q"):
            word += "u"
        elif word.endswith("f"):
            word = word[:-1] + "v"
        return word + "ième"

    def year(self, n):
        return self.cardinal(n)


# Belgian French counts 70 to 79 and 90 to 99 from septante and nonante.
FRENCH_SEVENTIES_NINETIES = re.compile(
    r"\b(soixante|quatre-vingt)(?:-| et )(dix|onze|douze|treize|quatorze|quinze|seize)\b"
)
BELGIAN_TENS = {"soixante": "septante", "quatre-vingt": "nonante"}
BELGIAN_UNITS = {
    "dix": "",
    "onze": " et un",
    "douze": "-deux",
    "treize": "-trois",
    "quatorze": "-quatre",
    "quinze": "-cinq",
    "seize": "-six",
}


class BelgianFrench(French):
    """Septante, nonante. num2words' own fr_BE writes "deux cents un" and "un millions
    un", so the French words are taken and their seventies and nineties said the
    Belgian way."""

    def said(self, words):
        return FRENCH_SEVENTIES_NINETIES.sub(
            lambda match: BELGIAN_TENS[match[1]] + BELGIAN_UNITS[match[2]], words
        )


class Dutch(Numbers):
    """Written as the Taalunie writes them: "honderdeen", "duizend tweehonderdvijftig",
    "negentienhonderdnegenennegentig" (num2words: "honderdéén", "duizendtweehonderdvijftig",
    "negentien honderd negenennegentig")."""

    lang = "nl"

    def said(self, words):
        if words != "één":
            words = words.replace("één", "een")
        # A space after duizend, unless an ordinal ends there ("duizendste").
        return re.sub(r"duizend(?=\w)(?!ste\b)", "duizend ", words)

    def year(self, n):
        return self.said(re.sub(r" ?honderd ?", "honderd", num2words(n, lang="nl", to="year")))


class German(Numbers):
    """Ordinals in the dative ("am sechzehnten September"), the commonest case in news."""

    lang = "de"

    def said(self, words):
        # "eins" only ends a number: num2words writes "einhunderteinstausend".
        return re.sub(r"eins(?!$)", "ein", words)

    def ordinal(self, n, feminine=False):
        return super().ordinal(n) + "n"


class English(Numbers):
    """As American newsreaders say figures: no "and", and no comma, which the voice
    would read as a pause in the middle of a number ("one thousand, five hundred")."""

    lang = "en"

    def said(self, words):
        return words.replace(",", "").replace(" and ", " ").replace("oh-", "oh ")


NUMBERS = {
    "fr": French(),
    "fr-BE": BelgianFrench(),
    "nl": Dutch(),
    "de": German(),
    "en": English(),
}


def for_voice(language, voice):
    """The numbers of ``language`` as ``voice`` says them: the voice 'fr-be' says septante."""
    region = voice.replace("_", "-").partition("-")[2].upper()
    return NUMBERS.get(f"{language}-{region}", NUMBERS[language])
