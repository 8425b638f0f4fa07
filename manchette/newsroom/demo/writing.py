"""Helpers the demo desks write their dispatches with.

A body is written as a sequence of parts, the way copy reads::

    body(
        "First paragraph.",
        intertitle("A subheading"),
        "Next paragraph.",
        quote("What someone said.", "Who said it"),
    )

and comes out as the StreamField data of ``ArticlePage.body``.
"""

from html import escape

COVER_CREDIT = "Illustration manchette"

# French typography: no line break inside guillemets nor before high punctuation.
_NO_BREAK = {
    "« ": "«\u00a0",
    " »": "\u00a0»",
    " %": "\u00a0%",
    " :": "\u00a0:",
    " ?": "\u00a0?",
    " !": "\u00a0!",
    " ;": "\u00a0;",
}


def _typeset(text):
    for plain, fixed in _NO_BREAK.items():
        text = text.replace(plain, fixed)
    return text


def intertitle(text):
    return {"type": "intertitle", "value": text}


def quote(text, attribution=""):
    return {"type": "quote", "value": {"quote": _typeset(text), "attribution": attribution}}


def body(*parts):
    """StreamField data: plain strings become paragraphs, blocks pass through."""
    return [
        {"type": "paragraph", "value": f"<p>{escape(_typeset(part), quote=False)}</p>"}
        if isinstance(part, str)
        else part
        for part in parts
    ]


def cover(caption, credit=COVER_CREDIT):
    """A cover's texts. The picture is drawn (``covers``), and so is its description."""
    return {"caption": caption, "credit": credit}
