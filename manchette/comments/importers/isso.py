"""Isso's SQLite database: tables ``threads`` (uri, title) and ``comments``.

Isso keeps comment text as Markdown and a mode per comment: 1 published,
2 awaiting moderation, 4 deleted but kept for its replies. Its ids are
unique across the database, so they identify a comment on their own.
"""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from manchette.comments.models import Comment

from . import ImportedComment, ImportFileError

STATUS_BY_MODE = {
    1: Comment.Status.PUBLISHED,
    2: Comment.Status.HELD,
    4: Comment.Status.DELETED,
}

QUERY = """
    SELECT comments.id, comments.parent, threads.uri, comments.created, comments.modified,
           comments.mode, comments.remote_addr, comments.text, comments.author,
           comments.email, comments.website
    FROM comments JOIN threads ON threads.id = comments.tid
    ORDER BY comments.id
"""


def moment(timestamp):
    return datetime.fromtimestamp(float(timestamp), tz=UTC)


def parse(path):
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"{path} is not a file.")
    # Read-only: an import never changes the database it reads.
    database = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = database.execute(QUERY).fetchall()
    except sqlite3.DatabaseError as error:
        raise ImportFileError(f"{path} is not an Isso database ({error}).") from error
    finally:
        database.close()
    return [comment(*row) for row in rows]


def comment(
    row_id, parent, uri, created, modified, mode, remote_addr, text, author, email, website
):
    return ImportedComment(
        external_id=str(row_id),
        parent_id=str(parent) if parent else None,
        url=uri,
        created=moment(created),
        edited=moment(modified) if modified else None,
        status=STATUS_BY_MODE.get(mode, Comment.Status.HELD),
        ip=remote_addr or "",
        text=text or "",
        markup=Comment.Markup.MARKDOWN,
        name=author or "",
        email=email or "",
        website=website or "",
    )
