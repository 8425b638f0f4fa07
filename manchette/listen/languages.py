"""How each language writes what a voice must say in words.

A ``Language`` knows its number formats (decimal comma or point, thousands
separator), its months (Babel's), its currencies and its abbreviations; the
French, Dutch, German and English subclasses add their own ways of writing
times, dates and ordinals ("22h25", "22u25", "22.25 Uhr", "10:30 pm", "1er",
"3e", "16. September", "21st"). Numbers are said in words as its voice says
them (``manchette.listen.numbers``). ``manchette.listen.normalise`` applies
the steps in order: abbreviations, times, dates, ordinals, amounts, numbers.
Any other language espeak-ng has a voice for is read as written: the voice
says its numbers itself (``voice_for``).
"""

import re
from functools import cache
from pathlib import Path

import espeakng_loader
from babel.dates import get_month_names

from manchette.core.conf import setting

from . import numbers

MINUS = "-\N{MINUS SIGN}"
CURRENCY_SYMBOLS = "€$£"


def abbreviation_pattern(written):
    """Where an abbreviation stands alone: not inside a word, but maybe after a number."""
    before = r"(?<![^\W\d])(?<!\.)" if written[0].isalnum() else ""
    after = r"(?!\w)" if written[-1].isalnum() or written[-1] == "." else ""
    return before + re.escape(written) + after


def capitalised(text):
    return text[:1].upper() + text[1:]


def month_names(locale):
    """January to December as the language writes them in a date, from Babel (CLDR)."""
    names = get_month_names("wide", locale=locale)
    return tuple(names[month] for month in range(1, 13))


def months_pattern(months):
    return "|".join(re.escape(month) for month in months)


class Language:
    code = ""
    decimal = ","
    decimal_word = ""
    # Thousands separators as a regex character class.
    grouping = r"\."
    minus_word = ""
    percent_word = ""
    and_word = ""
    # Between the two years of a range: "1914-1918".
    to_word = ""
    months = ()
    # Symbol -> (one, many, after a scale word as in "millions d'euros").
    currencies = {}
    scales = ()
    abbreviations = {}
    # Abbreviations that may close a sentence keep its full stop.
    sentence_final = frozenset()
    year_prepositions = ()

    def __init__(self, voice="", extra_abbreviations=None):
        self.spoken_numbers = numbers.for_voice(self.code, voice)
        spelled = {**self.abbreviations, **(extra_abbreviations or {})}
        # "dhr." opens a sentence as "Dhr.", said "De heer".
        self.spelled = {
            **{capitalised(written): capitalised(said) for written, said in spelled.items()},
            **spelled,
        }
        self.month_re = months_pattern(self.months)
        by_length = sorted(self.spelled, key=len, reverse=True)
        self.abbreviation_re = re.compile("|".join(map(abbreviation_pattern, by_length)))
        group = rf"\d{{1,3}}(?:{self.grouping}\d{{3}})+"
        self.number_re = re.compile(
            rf"(?:(?<![\w.,])([{MINUS}]))?(?<![\w.,])({group}|\d+)"
            rf"(?:{re.escape(self.decimal)}(\d+))?(?!\w)"
        )
        scale = "|".join(self.scales)
        amount = rf"(?<![\w.,])({group}|\d+)(?:{re.escape(self.decimal)}(\d+))?"
        self.money_after_re = re.compile(rf"{amount}(?: ({scale}))? ?([{CURRENCY_SYMBOLS}])(?!\w)")
        self.money_before_re = re.compile(rf"([{CURRENCY_SYMBOLS}]) ?{amount}(?: ({scale}))?(?!\w)")
        self.percent_re = re.compile(rf"{amount} ?%")
        self.year_range_re = re.compile(r"(?<![\w.,])(\d{4}) ?[-–] ?(\d{4})(?!\w)")
        prepositions = "|".join(self.year_prepositions)
        self.year_after_re = prepositions and re.compile(
            rf"\b({prepositions}) (\d{{4}})(?!\w)", re.IGNORECASE
        )
        self.numeric_date_re = re.compile(
            r"(?<![\w.,/-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\w/-])"
        )

    # --- the steps, in the order normalise() applies them ---------------

    def expand_abbreviations(self, text):
        def spoken(match):
            written = match[0]
            said = self.spelled[written]
            rest = text[match.end() :].lstrip()
            closes = written in self.sentence_final and (not rest or rest[0].isupper())
            # "50km": the number must stay a word of its own to be read.
            glued = match.start() and text[match.start() - 1].isdigit()
            return (" " if glued else "") + said + ("." if closes else "")

        return self.abbreviation_re.sub(spoken, text)

    def times(self, text):
        return text

    def dates(self, text):
        def numeric(match):
            day, month, year = int(match[1]), int(match[3]), int(match[4])
            if not (1 <= day <= 31 and 1 <= month <= 12):
                return match[0]
            return self.date_words(day, self.months[month - 1], year)

        text = self.numeric_date_re.sub(numeric, text)
        text = self.written_dates(text)
        text = self.year_range_re.sub(
            lambda m: f"{self.year(int(m[1]))} {self.to_word} {self.year(int(m[2]))}", text
        )
        if self.year_after_re:
            text = self.year_after_re.sub(lambda m: f"{m[1]} {self.year(int(m[2]))}", text)
        return text

    def ordinals(self, text):
        return text

    def amounts(self, text):
        def money(symbol, whole, fraction, scale):
            one, many, after_scale = self.currencies[symbol]
            said = self.number_words(whole, fraction)
            if scale:
                return f"{said} {scale} {after_scale}"
            return f"{said} {one if whole == '1' and not fraction else many}"

        text = self.money_after_re.sub(lambda m: money(m[4], m[1], m[2], m[3]), text)
        text = self.money_before_re.sub(lambda m: money(m[1], m[2], m[3], m[4]), text)
        return self.percent_re.sub(
            lambda m: f"{self.number_words(m[1], m[2])} {self.percent_word}", text
        )

    def numbers(self, text):
        def spoken(match):
            said = self.number_words(match[2], match[3])
            return f"{self.minus_word} {said}" if match[1] else said

        text = self.number_re.sub(spoken, text)
        return re.sub(r" & ", f" {self.and_word} ", text)

    # --- helpers --------------------------------------------------------

    def cardinal(self, n):
        return self.spoken_numbers.cardinal(n)

    def ordinal(self, n):
        return self.spoken_numbers.ordinal(n)

    def year(self, n):
        return self.spoken_numbers.year(n)

    # How a day is written before the month's name, as one group ("16 ", "16. ", "1er ").
    written_day = r"(\d{1,2}) "

    def written_dates(self, text):
        def said(match):
            month = self.months[self.month_number(match[2]) - 1]
            day = int(re.match(r"\d+", match[1])[0])  # "1er" is the first
            return self.date_words(day, month, int(match[3]) if match[3] else None)

        return re.sub(
            rf"(?<![\w.,]){self.written_day}({self.month_re})(?: (\d{{4}}))?(?!\w)",
            said,
            text,
            flags=re.IGNORECASE,
        )

    def date_words(self, day, month, year=None):
        said = f"{self.cardinal(day)} {month}"
        return f"{said} {self.year(year)}" if year else said

    def number_words(self, whole, fraction=None):
        digits = re.sub(r"\D", "", whole)
        if (digits.startswith("0") and len(digits) > 1) or len(digits) > 12:
            # A telephone or reference number: said digit by digit.
            said = " ".join(self.cardinal(int(d)) for d in digits)
        else:
            said = self.cardinal(int(digits))
        if fraction:
            said += f" {self.decimal_word} {self.fraction_words(fraction)}"
        return said

    def fraction_words(self, fraction):
        return " ".join(self.cardinal(int(d)) for d in fraction)

    def month_number(self, name):
        lowered = [month.lower() for month in self.months]
        return lowered.index(name.lower()) + 1


FR_ROMAN_COUNTED = (
    "siècles?|millénaires?|arrondissement|République|Reich|législature|Internationale"
)


class French(Language):
    code = "fr"
    decimal_word = "virgule"
    # "1 500" or, in Belgium, "1.500".
    grouping = r"[ .]"
    minus_word = "moins"
    percent_word = "pour cent"
    and_word = "et"
    to_word = "à"
    months = month_names(code)
    currencies = {
        "€": ("euro", "euros", "d'euros"),
        "$": ("dollar", "dollars", "de dollars"),
        "£": ("livre", "livres", "de livres"),
    }
    scales = ("millions?", "milliards?")
    abbreviations = {
        "M.": "Monsieur",
        "MM.": "Messieurs",
        "Mme": "Madame",
        "Mmes": "Mesdames",
        "Mlle": "Mademoiselle",
        "Dr": "Docteur",
        "Pr": "Professeur",
        "St": "Saint",
        "Ste": "Sainte",
        "n°": "numéro",
        "env.": "environ",
        "etc.": "et cetera",
        "c.-à-d.": "c'est-à-dire",
        "av. J.-C.": "avant Jésus-Christ",
        "apr. J.-C.": "après Jésus-Christ",
        "km/h": "kilomètres heure",
        "km": "kilomètres",
        "kg": "kilos",
        "°C": "degrés",
        "EI": "État islamique",
        "UE": "Union européenne",
        "MR": "M R",
        "USA": "U S A",
    }
    sentence_final = frozenset({"etc."})
    year_prepositions = ()

    def times(self, text):
        def said(match):
            hours, minutes = int(match[1]), int(match[2] or 0)
            if hours > 24 or minutes > 59:
                return match[0]
            hour_word = "heure" if hours <= 1 else "heures"
            spoken = f"{self.spoken_numbers.cardinal(hours, feminine=True)} {hour_word}"
            return spoken + (f" {self.cardinal(minutes)}" if minutes else "")

        return re.sub(r"(?<![\w.,])(\d{1,2}) ?h ?(\d{2})?(?!\w)", said, text)

    written_day = r"(1er|\d{1,2}) "

    def date_words(self, day, month, year=None):
        said = f"{'premier' if day == 1 else self.cardinal(day)} {month}"
        return f"{said} {self.year(year)}" if year else said

    def ordinals(self, text):
        def arabic(match):
            n, suffix, plural = int(match[1]), match[2], match[3]
            if suffix in ("nd", "nde"):
                word = "second" if suffix == "nd" else "seconde"
            else:
                word = self.spoken_numbers.ordinal(n, feminine=suffix in ("re", "ère"))
            return word + plural

        def roman(match):
            n = roman_value(match[1])
            return f"{self.ordinal(n)}{match[2]}" if n else match[0]

        text = re.sub(r"(?<![\w.,])(\d+)(er|re|ère|e|ème|è|nde|nd)(s?)(?!\w)", arabic, text)
        # "François Ier"; otherwise only before what Roman ordinals count, as "Le" is no number.
        text = re.sub(r"(?<![\w.,])Ier(?!\w)", "premier", text)
        # "Louis XIV", "Léopold II": a name and its Roman number, said as a cardinal.
        text = re.sub(r"\b([A-ZÉ][a-zé]+) ([IVX]{2,})(?!\w)", self.regnal_number, text)
        return re.sub(
            rf"(?<![\w.,])([IVXLC]+)(?:e|ème)( (?:{FR_ROMAN_COUNTED}))(?!\w)", roman, text
        )

    def regnal_number(self, match):
        n = roman_value(match[2])
        return f"{match[1]} {self.cardinal(n)}" if n else match[0]

    def fraction_words(self, fraction):
        # "3,05": trois virgule zéro cinq; "3,14": trois virgule quatorze.
        zeros = len(fraction) - len(fraction.lstrip("0"))
        rest = fraction[zeros:]
        words = ["zéro"] * zeros
        if rest:
            words.append(
                self.cardinal(int(rest)) if len(rest) <= 3 else super().fraction_words(rest)
            )
        return " ".join(words)


class Dutch(Language):
    code = "nl"
    decimal_word = "komma"
    minus_word = "min"
    percent_word = "procent"
    and_word = "en"
    to_word = "tot"
    months = month_names(code)
    currencies = {"€": ("euro", "euro", "euro"), "$": ("dollar", "dollar", "dollar")}
    currencies["£"] = ("pond", "pond", "pond")
    scales = ("miljoen", "miljard")
    abbreviations = {
        "dhr.": "de heer",
        "mevr.": "mevrouw",
        "mr.": "meester",
        "dr.": "dokter",
        "prof.": "professor",
        "bv.": "bijvoorbeeld",
        "o.a.": "onder andere",
        "m.a.w.": "met andere woorden",
        "enz.": "enzovoort",
        "ca.": "circa",
        "nr.": "nummer",
        "km/u": "kilometer per uur",
        "km": "kilometer",
        "kg": "kilo",
        "EU": "Europese Unie",
        "VS": "Verenigde Staten",
    }
    sentence_final = frozenset({"enz."})
    year_prepositions = ("in", "sinds", "sedert", "van", "tot", "vanaf", "tussen")

    def times(self, text):
        def said(match):
            hours, minutes = int(match[1]), int(match[2] or 0)
            if hours > 24 or minutes > 59:
                return match[0]
            return f"{self.cardinal(hours)} uur" + (f" {self.cardinal(minutes)}" if minutes else "")

        # "22u25" (Flanders), "22.25 uur", "22:25".
        text = re.sub(r"(?<![\w.,])(\d{1,2})u(\d{2})?(?!\w)", said, text)
        text = re.sub(r"(?<![\w.,])(\d{1,2})\.(\d{2}) uur(?!\w)", said, text)
        return re.sub(r"(?<![\w.,:])(\d{1,2}):(\d{2})(?: uur)?(?![\w:])", said, text)

    def ordinals(self, text):
        return re.sub(r"(?<![\w.,])(\d+)(ste|de|e)(?!\w)", lambda m: self.ordinal(int(m[1])), text)


class German(Language):
    code = "de"
    decimal_word = "Komma"
    minus_word = "minus"
    percent_word = "Prozent"
    and_word = "und"
    to_word = "bis"
    months = month_names(code)
    currencies = {
        "€": ("Euro", "Euro", "Euro"),
        "$": ("Dollar", "Dollar", "Dollar"),
        "£": ("Pfund", "Pfund", "Pfund"),
    }
    scales = ("Millionen", "Million", "Milliarden", "Milliarde")
    abbreviations = {
        "Hr.": "Herr",
        "Fr.": "Frau",
        "Dr.": "Doktor",
        "Prof.": "Professor",
        "z.B.": "zum Beispiel",
        "z. B.": "zum Beispiel",
        "u.a.": "unter anderem",
        "bzw.": "beziehungsweise",
        "d.h.": "das heißt",
        "usw.": "und so weiter",
        "ca.": "circa",
        "Nr.": "Nummer",
        "Mio.": "Millionen",
        "Mrd.": "Milliarden",
        "km/h": "Kilometer pro Stunde",
        "km": "Kilometer",
        "kg": "Kilogramm",
        "EU": "E U",
        "USA": "U S A",
    }
    sentence_final = frozenset({"usw."})
    year_prepositions = ("im Jahr", "im Jahre", "seit", "von", "bis", "ab")

    def times(self, text):
        def said(match):
            hours, minutes = int(match[1]), int(match[2] or 0)
            if hours > 24 or minutes > 59:
                return match[0]
            hour = "ein" if hours == 1 else self.cardinal(hours)
            return f"{hour} Uhr" + (f" {self.cardinal(minutes)}" if minutes else "")

        text = re.sub(r"(?<![\w.,:])(\d{1,2})[.:](\d{2}) Uhr(?!\w)", said, text)
        text = re.sub(r"(?<![\w.,:])(\d{1,2})() Uhr(?!\w)", said, text)
        return re.sub(r"(?<![\w.,:])(\d{1,2}):(\d{2})(?![\w:])", said, text)

    written_day = r"(\d{1,2})\. ?"

    def date_words(self, day, month, year=None):
        said = f"{self.ordinal(day)} {month}"
        return f"{said} {self.year(year)}" if year else said

    def ordinals(self, text):
        # "im 21. Jahrhundert"; other "3." are left alone (a sentence may end on a number).
        return re.sub(
            r"(?<![\w.,])(\d{1,2})\. (Jahrhunderts?)(?!\w)",
            lambda m: f"{self.ordinal(int(m[1]))} {m[2]}",
            text,
        )


class English(Language):
    code = "en"
    decimal = "."
    decimal_word = "point"
    grouping = ","
    minus_word = "minus"
    percent_word = "percent"
    and_word = "and"
    to_word = "to"
    months = month_names(code)
    currencies = {
        "€": ("euro", "euros", "euros"),
        "$": ("dollar", "dollars", "dollars"),
        "£": ("pound", "pounds", "pounds"),
    }
    scales = ("million", "billion")
    abbreviations = {
        "Mr.": "Mister",
        "Mr": "Mister",
        "Mrs.": "Missus",
        "Mrs": "Missus",
        "Ms": "Miz",
        "Dr.": "Doctor",
        "Prof.": "Professor",
        "St.": "Saint",
        "e.g.": "for example",
        "i.e.": "that is",
        "etc.": "et cetera",
        "km/h": "kilometres per hour",
        "km": "kilometres",
        "kg": "kilos",
        "IS": "I S",
        "UN": "U N",
        "US": "U S",
        "EU": "E U",
    }
    sentence_final = frozenset({"etc."})
    year_prepositions = ("in", "since", "from", "until", "by")

    def times(self, text):
        def said(match):
            hours, minutes = int(match[1]), int(match[2] or 0)
            if hours > 24 or minutes > 59:
                return match[0]
            spoken = self.cardinal(hours)
            if minutes:
                spoken += f" {'oh ' if minutes < 10 else ''}{self.cardinal(minutes)}"
            elif not match[3]:
                spoken += " hundred" if hours > 12 else " o'clock"
            return spoken + (f" {match[3].lower()} m" if match[3] else "")

        text = re.sub(
            r"(?<![\w.,:])(\d{1,2}):(\d{2})(?: ?([aApP])\.?[mM]\.?(?!\w))?(?![\w:])", said, text
        )
        return re.sub(r"(?<![\w.,:])(\d{1,2})()(?: ?([aApP])\.?[mM]\.?)(?!\w)", said, text)

    def written_dates(self, text):
        def day_first(match):
            month = self.months[self.month_number(match[2]) - 1]
            said = f"the {self.ordinal(int(match[1]))} of {month}"
            return said + (f", {self.year(int(match[3]))}" if match[3] else "")

        def month_first(match):
            month = self.months[self.month_number(match[1]) - 1]
            said = f"{month} {self.ordinal(int(match[2]))}"
            return said + (f", {self.year(int(match[3]))}" if match[3] else "")

        text = re.sub(
            rf"(?<![\w.,])(\d{{1,2}})(?:st|nd|rd|th)? ({self.month_re})(?: (\d{{4}}))?(?!\w)",
            day_first,
            text,
        )
        return re.sub(
            rf"\b({self.month_re}) (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?(?!\w)",
            month_first,
            text,
        )

    def date_words(self, day, month, year=None):
        said = f"the {self.ordinal(day)} of {month}"
        return f"{said}, {self.year(year)}" if year else said

    def ordinals(self, text):
        return re.sub(
            r"(?<![\w.,])(\d+)(st|nd|rd|th)(?!\w)", lambda m: self.ordinal(int(m[1])), text
        )


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(numeral):
    """The value of a Roman numeral, or None if it is not a well-formed one."""
    total = 0
    for letter, following in zip(numeral, numeral[1:] + " ", strict=True):
        value = ROMAN[letter]
        total += -value if following != " " and ROMAN[following] > value else value
    return total if to_roman(total) == numeral else None


def to_roman(n):
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X")):
        count, n = divmod(n, value)
        out += letters * count
    for value, letters in ((9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += letters * count
    return out


LANGUAGES = {language.code: language for language in (French, Dutch, German, English)}


@cache
def espeak_voices():
    """{language tag: voice} for every language espeak-ng has a voice for, as its
    ``--voices`` lists them: each voice file names the languages it speaks, with a
    priority (lower is better) when several voices speak one."""
    best = {}
    for path in sorted((Path(espeakng_loader.get_data_path()) / "lang").rglob("*")):
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            words = line.split()
            if len(words) < 2 or words[0] != "language":
                continue
            priority = int(words[2]) if len(words) > 2 and words[2].isdigit() else 5
            tag = words[1].lower()
            if tag not in best or priority < best[tag][0]:
                best[tag] = (priority, path.name)
    return {tag: voice for tag, (_, voice) in best.items()}


def voice_for(tag):
    """The voice that reads a language tag ("fr-BE", "fi", "zh-Hant"), or None.

    The voice set in MANCHETTE_LISTEN_VOICES for the tag or its language first,
    then espeak-ng's own for the tag, then for its language alone.
    """
    tag = (tag or "").lower()
    language = tag.split("-")[0]
    chosen = setting("MANCHETTE_LISTEN_VOICES")
    voices = espeak_voices()
    for found in (chosen.get(tag), chosen.get(language), voices.get(tag), voices.get(language)):
        if found:
            return found
    return None
