"""Typography of the text readers see: French spaces, apostrophes, units, credits.

``typeset`` works on a rendered page. It changes text only, never markup,
attributes, URLs, scripts or code (``<code>``, ``<pre>``, ``<kbd>`` …), and
follows the ``lang`` of each element, so that a Dutch story quoted on a
French page keeps Dutch typography:

- in French: a narrow no-break space before ``; ! ? %`` and inside « »,
  a no-break space before ``:``, narrow no-break spaces between groups of
  thousands ("1 000 000");
- in every language: a no-break space between a number and its unit
  ("30 km/h", "2,1 %" never split across lines), and apostrophes curled
  ("l'État" becomes "l’État").

Typing the spaces or the curly apostrophe in the first place changes
nothing: every rule leaves text that already follows it as it is.
"""

import re
from html import escape, unescape

NBSP, NNBSP = "\u00a0", "\u202f"
# What may end the word before a French high punctuation mark.
WORD_END = r"(?<=[\w»)\]’”%…])"
FRENCH = [
    (re.compile(WORD_END + r"[ \u00a0]?([;!?]+)(?=[\s»)\]’”.,…]|$)"), NNBSP + r"\1"),
    (re.compile(WORD_END + r"[ \u00a0]?:(?=\s|$)"), NBSP + ":"),
    (re.compile(r"«[ \u00a0\u202f]*"), "«" + NNBSP),
    (re.compile(r"[ \u00a0\u202f]*»"), NNBSP + "»"),
    (re.compile(r"(?<=\d)[ \u00a0]?%"), NNBSP + "%"),
    (re.compile(r"(?<=\d) (?=\d{3}(?!\d))"), NNBSP),
]
UNITS = (
    r"km/h|km²|km|m²|m³|cm|mm|kg|mg|g|t|h|min|°C|°F|°|€|\$|£|%|‰|kWh|MWh|GWh|kW|MW|GW|ha|l|cl|ml"
)
EVERY_LANGUAGE = [
    (re.compile(rf"(?<=\d) (?=(?:{UNITS})(?!\w))"), NBSP),
    (re.compile(r"(?<=[^\W\d_])'(?=\w|\s|$)"), "’"),
]
# A character that some rule above may change, or be changed beside.
ANY_RULE = re.compile(r"[:;!?%«»'&\d]")
# Elements whose text is code, a script or what a reader typed: left exactly as it is.
VERBATIM = {"script", "style", "textarea", "pre", "code", "kbd", "samp", "var", "svg", "math"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
MARKUP = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<!.*?>|<(/?)([a-zA-Z][\w:-]*)([^>]*)>", re.S)
LANG = re.compile(r"""\slang\s*=\s*["']?([\w-]*)""")


def typeset_text(text, language):
    """Plain text (no markup, no entities) set in the typography of a language."""
    rules = EVERY_LANGUAGE + (FRENCH if language.lower().startswith("fr") else [])
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def _text_node(text, language):
    # Most text holds nothing any rule would change: it is kept as it is, at once.
    if not language or not ANY_RULE.search(text):
        return text
    if "&" in text:
        # Escaped again as Django escapes (quotes too), so the text reads as it was written.
        return escape(typeset_text(unescape(text), language))
    return typeset_text(text, language).replace("<", "&lt;")


def typeset(html, language=""):
    """A rendered page (or part of one) with its text set as its ``lang`` says."""
    # The open elements: (name, language, verbatim), innermost last.
    open_elements = [("", language, False)]
    pieces, position = [], 0
    for markup in MARKUP.finditer(html):
        verbatim_now = open_elements[-1][2]
        text = html[position : markup.start()]
        pieces.append(text if verbatim_now else _text_node(text, open_elements[-1][1]))
        pieces.append(markup.group())
        position = markup.end()
        closing, tag, attributes = markup.groups()
        if tag is None:
            continue
        tag = tag.lower()
        if closing:
            names = [element[0] for element in open_elements]
            if tag in names[1:]:
                # Elements left open inside it (an omitted </li>, </p>) close with it.
                del open_elements[len(names) - 1 - names[::-1].index(tag) :]
        elif tag not in VOID and not attributes.rstrip().endswith("/"):
            parent_language, parent_verbatim = open_elements[-1][1], open_elements[-1][2]
            declared = LANG.search(attributes)
            open_elements.append(
                (
                    tag,
                    declared.group(1) if declared else parent_language,
                    parent_verbatim or tag in VERBATIM,
                )
            )
    text = html[position:]
    pieces.append(text if open_elements[-1][2] else _text_node(text, open_elements[-1][1]))
    return "".join(pieces)


CREDIT_MARK = re.compile(r"^\s*(?:(?:©|\(c\)|copyright)[\s:]*)+", re.IGNORECASE)


def credit(text):
    """A picture credit with one ©, however it was typed ("© Photo X", "(c) X", "X")."""
    name = CREDIT_MARK.sub("", text or "").strip()
    return f"© {name}" if name else ""
