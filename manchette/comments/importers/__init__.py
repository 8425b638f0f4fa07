"""Bring in the comments a site leaves behind in another comment system.

Each format has its own module that reads one file and returns
``ImportedComment`` rows: plain data, nothing saved yet, every field as
the old system had it. ``manchette.comments.importers.load`` then matches
each row to an article by its address, checks and cleans it, and saves it
with its place in the thread::

    rows = parse("disqus", "export.xml")
    report = load.save(rows, system="disqus")
    print(report.summary())

A row is identified by the old system's own id (``Comment.imported_from``
+ ``Comment.external_id``), so importing the same file twice adds nothing.

Formats:

- ``isso``: an Isso SQLite database (``comments.db``), read-only.
- ``disqus``: the XML export of a Disqus forum.
- ``wordpress``: a WordPress WXR export (Tools › Export).
- ``json``: manchette's own export (``manage.py export_comments``).
"""

from dataclasses import dataclass
from datetime import datetime

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import parse as parse_xml


class ImportFileError(Exception):
    """The file cannot be read as the format it was given as; the message says why."""


@dataclass
class ImportedComment:
    """One comment as another system stored it."""

    external_id: str
    # The address of the page the comment was on, in the old system.
    url: str
    name: str
    text: str
    # A ``Comment.Markup`` value: how the old system wrote ``text``.
    markup: str
    created: datetime
    # A ``Comment.Status`` value.
    status: str
    parent_id: str | None = None
    email: str = ""
    website: str = ""
    # A full address or a network; ``load`` keeps only the network.
    ip: str = ""
    edited: datetime | None = None
    language: str = ""
    # The (imported_from, external_id) to store, when it is not (the importing
    # system, external_id): manchette's own export keeps an imported comment's.
    stored_as: tuple[str, str] | None = None


def xml_root(path):
    """The root element of an XML export; entities and external resources are refused."""
    try:
        return parse_xml(path).getroot()
    except (OSError, ParseError, DefusedXmlException) as error:
        raise ImportFileError(f"{path} cannot be read as XML ({error}).") from error


def child_text(element, path, namespaces=None):
    """The stripped text of a child element, or "" when it is missing or empty."""
    found = element.find(path, namespaces)
    return (found.text or "").strip() if found is not None else ""


def formats():
    from . import archive, disqus, isso, wordpress

    return {
        "isso": isso.parse,
        "disqus": disqus.parse,
        "wordpress": wordpress.parse,
        "json": archive.parse,
    }


def parse(format_name, path):
    """The comments found in the file at ``path``, read as ``format_name``."""
    try:
        reader = formats()[format_name]
    except KeyError:
        raise ImportFileError(
            f"Unknown format {format_name!r}; use one of: {', '.join(formats())}."
        ) from None
    return reader(path)
