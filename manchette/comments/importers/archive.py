"""manchette's own JSON export (``manchette.comments.exporters``).

Comments are matched to articles by address, like every other format; a
comment that another system's import brought in keeps that identity, so
importing the old system's file again after a move still adds nothing.
"""

import json
from datetime import datetime

from manchette.comments.exporters import FORMAT, VERSION

from . import ImportedComment, ImportFileError

SYSTEM = "manchette"


def moment(text):
    return datetime.fromisoformat(text) if text else None


def row(comment):
    identity = (comment["imported_from"], comment["external_id"])
    return ImportedComment(
        external_id=str(comment["id"]),
        parent_id=str(comment["parent"]) if comment["parent"] else None,
        url=comment["article"]["url"],
        name=comment["name"],
        email=comment["email"],
        website=comment["website"],
        text=comment["text"],
        markup=comment["markup"],
        language=comment["language"],
        status=comment["status"],
        created=moment(comment["created"]),
        edited=moment(comment["edited"]),
        ip=comment["ip_network"],
        stored_as=identity if all(identity) else None,
    )


def parse(path):
    try:
        with open(path, encoding="utf-8") as file:
            exported = json.load(file)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFileError(f"{path} cannot be read as JSON ({error}).") from error
    if not isinstance(exported, dict) or exported.get("format") != FORMAT:
        raise ImportFileError(f"{path} is not a manchette comments export.")
    if exported.get("version") != VERSION:
        raise ImportFileError(f"{path} is version {exported.get('version')}; this is {VERSION}.")
    try:
        return [row(comment) for comment in exported["comments"]]
    except (KeyError, TypeError, ValueError) as error:
        raise ImportFileError(f"{path} has a malformed comment ({error!r}).") from error
