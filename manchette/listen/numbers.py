"""Numbers as words in French, Dutch, German and English.

espeak-ng reads bare digits well enough, but not years ("1999" is
"nineteen ninety-nine" in English, "neunzehnhundert…" in German), ordinals
("2e", "16." before a month) or times. Spelling every number here makes the
text that is spoken the text that ``manchette listen --text`` shows, and
lets the tests check it word for word.

Each language has ``cardinal(n)``, ``ordinal(n)`` and ``year(n)``; French
also takes ``feminine=True`` ("une heure", "vingt et une heures").
"""

import re


def words(text):
    """A word list written as one string, easier to read than a list of quoted words."""
    return tuple(text.split())


# --- French -------------------------------------------------------------

FR_UNITS = words(
    "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize "
    "quatorze quinze seize dix-sept dix-huit dix-neuf"
)
FR_TENS = [None, "dix", "vingt", "trente", "quarante", "cinquante", "soixante"]


def _fr_below_100(n):
    if n < 20:
        return FR_UNITS[n]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):
        # soixante-dix, soixante et onze, quatre-vingt-onze: counted on from 60 and 80.
        base = "soixante" if tens == 7 else "quatre-vingt"
        joiner = " et " if n == 71 else "-"
        return base + joiner + FR_UNITS[10 + unit]
    if tens == 8:
        return "quatre-vingts" if unit == 0 else "quatre-vingt-" + FR_UNITS[unit]
    if unit == 0:
        return FR_TENS[tens]
    if unit == 1:
        return FR_TENS[tens] + " et un"
    return FR_TENS[tens] + "-" + FR_UNITS[unit]


def _fr_below_1000(n, final=True):
    """``final``: nothing follows, so "quatre-vingts" and "deux cents" keep their s."""
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words.append("cent" if hundreds == 1 else FR_UNITS[hundreds] + " cent")
        if rest == 0 and hundreds > 1 and final:
            words[-1] += "s"
    if rest:
        below = _fr_below_100(rest)
        if not final and below.endswith("vingts"):
            below = below[:-1]
        words.append(below)
    return " ".join(words)


def fr_cardinal(n, feminine=False):
    if n == 0:
        return "zéro"
    words = []
    for size, name in ((10**9, "milliard"), (10**6, "million")):
        count, n = divmod(n, size)
        if count:
            words.append(f"{fr_cardinal(count)} {name}{'s' if count > 1 else ''}")
    thousands, n = divmod(n, 1000)
    if thousands:
        words.append(
            "mille" if thousands == 1 else _fr_below_1000(thousands, final=False) + " mille"
        )
    if n:
        words.append(_fr_below_1000(n))
    spoken = " ".join(words)
    if feminine and spoken.endswith("un"):
        spoken += "e"
    return spoken


def fr_ordinal(n, feminine=False):
    if n == 1:
        return "première" if feminine else "premier"
    word = fr_cardinal(n)
    if word.endswith(("vingts", "cents")):
        word = word[:-1]
    if word.endswith("e"):
        word = word[:-1]
    elif word.endswith("q"):
        word += "u"
    elif word.endswith("f"):
        word = word[:-1] + "v"
    return word + "ième"


# --- Dutch --------------------------------------------------------------

NL_UNITS = words(
    "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien "
    "veertien vijftien zestien zeventien achttien negentien"
)
NL_TENS = [None, "tien", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig"]
NL_TENS += ["tachtig", "negentig"]
NL_ORDINALS = {1: "eerste", 3: "derde", 8: "achtste"}


def _nl_below_100(n):
    if n < 20:
        return NL_UNITS[n]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return NL_TENS[tens]
    # tweeëntwintig: the diaeresis keeps "ee" and "en" apart.
    joiner = "ën" if NL_UNITS[unit].endswith("e") else "en"
    return NL_UNITS[unit] + joiner + NL_TENS[tens]


def _nl_below_1000(n):
    hundreds, rest = divmod(n, 100)
    head = "" if not hundreds else "honderd" if hundreds == 1 else NL_UNITS[hundreds] + "honderd"
    return head + (_nl_below_100(rest) if rest else "")


def nl_cardinal(n):
    if n == 0:
        return "nul"
    if n == 1:
        return "één"
    words = []
    for size, name in ((10**9, "miljard"), (10**6, "miljoen")):
        count, n = divmod(n, size)
        if count:
            words.append(f"{nl_cardinal(count).replace('één', 'een')} {name}")
    thousands, n = divmod(n, 1000)
    if thousands:
        words.append(("" if thousands == 1 else _nl_below_1000(thousands)) + "duizend")
    if n:
        words.append(_nl_below_1000(n))
    return " ".join(words)


def nl_ordinal(n):
    small = n % 100
    head = nl_cardinal(n - small) if n > small else ""
    if small == 0:
        return head + "ste"
    return head + (NL_ORDINALS.get(small) or _nl_below_100(small) + ("de" if small < 20 else "ste"))


def nl_year(n):
    if 1100 <= n < 2000 and n % 1000 >= 100:
        century, rest = divmod(n, 100)
        return _nl_below_100(century) + "honderd" + (_nl_below_100(rest) if rest else "")
    return nl_cardinal(n)


# --- German -------------------------------------------------------------

DE_UNITS = words(
    "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn "
    "vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn"
)
DE_TENS = [None, "zehn", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig"]
DE_TENS += ["achtzig", "neunzig"]
# Dates are said in the dative ("am sechzehnten September"), the commonest case in news.
DE_ORDINALS = {1: "ersten", 3: "dritten", 7: "siebten", 8: "achten"}


def _de_below_100(n, alone=True):
    """``alone``: "eins" at the end of a number, "ein" inside one (einundzwanzig)."""
    if n == 1:
        return "eins" if alone else "ein"
    if n < 20:
        return DE_UNITS[n]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return DE_TENS[tens]
    return _de_below_100(unit, alone=False) + "und" + DE_TENS[tens]


def _de_below_1000(n, alone=True):
    hundreds, rest = divmod(n, 100)
    head = "" if not hundreds else _de_below_100(hundreds, alone=False) + "hundert"
    return head + (_de_below_100(rest, alone) if rest else "")


def de_cardinal(n):
    if n == 0:
        return "null"
    words = []
    for size, one, many in ((10**9, "Milliarde", "Milliarden"), (10**6, "Million", "Millionen")):
        count, n = divmod(n, size)
        if count:
            words.append(f"eine {one}" if count == 1 else f"{de_cardinal(count)} {many}")
    thousands, n = divmod(n, 1000)
    last = _de_below_1000(thousands, alone=False) + "tausend" if thousands else ""
    if n:
        last += _de_below_1000(n)
    if last:
        words.append(last)
    return " ".join(words)


def de_ordinal(n):
    if n in DE_ORDINALS:
        return DE_ORDINALS[n]
    if n < 20:
        return de_cardinal(n) + "ten"
    word = de_cardinal(n)
    return (word[:-1] if word.endswith("eins") else word) + "sten"


def de_year(n):
    if 1100 <= n < 2000 and n % 1000 >= 100:
        century, rest = divmod(n, 100)
        return _de_below_100(century) + "hundert" + (_de_below_100(rest) if rest else "")
    return de_cardinal(n)


# --- English ------------------------------------------------------------

EN_UNITS = words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
)
EN_TENS = [None, "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty"]
EN_TENS += ["ninety"]
EN_ORDINALS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def _en_below_100(n):
    if n < 20:
        return EN_UNITS[n]
    tens, unit = divmod(n, 10)
    return EN_TENS[tens] + (f"-{EN_UNITS[unit]}" if unit else "")


def _en_below_1000(n):
    hundreds, rest = divmod(n, 100)
    words = [f"{EN_UNITS[hundreds]} hundred"] if hundreds else []
    if rest:
        words.append(_en_below_100(rest))
    return " ".join(words)


def en_cardinal(n):
    if n == 0:
        return "zero"
    words = []
    for size, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        count, n = divmod(n, size)
        if count:
            words.append(f"{_en_below_1000(count)} {name}")
    if n:
        words.append(_en_below_1000(n))
    return " ".join(words)


def en_ordinal(n):
    word = en_cardinal(n)
    head, last = re.match(r"(.*?)([a-z]+)$", word).groups()
    if last in EN_ORDINALS:
        return head + EN_ORDINALS[last]
    if last.endswith("y"):
        return head + last[:-1] + "ieth"
    return word + "th"


def en_year(n):
    century, rest = divmod(n, 100)
    if not 1100 <= n < 10000 or 2000 <= n < 2010:
        return en_cardinal(n)
    if rest == 0:
        return f"{_en_below_100(century)} hundred"
    return f"{_en_below_100(century)} {'oh ' if rest < 10 else ''}{_en_below_100(rest)}"


CARDINALS = {"fr": fr_cardinal, "nl": nl_cardinal, "de": de_cardinal, "en": en_cardinal}
ORDINALS = {"fr": fr_ordinal, "nl": nl_ordinal, "de": de_ordinal, "en": en_ordinal}
YEARS = {"fr": fr_cardinal, "nl": nl_year, "de": de_year, "en": en_year}
