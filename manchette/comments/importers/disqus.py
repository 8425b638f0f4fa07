"""A Disqus forum's XML export: ``<thread>`` elements carry the page
address, ``<post>`` elements the comments, linked to their thread and
parent by ``dsq:id`` attributes. Messages are HTML."""

from datetime import UTC, datetime

from manchette.comments.models import Comment

from . import ImportedComment, ImportFileError, child_text, xml_root

NS = {"d": "http://disqus.com", "dsq": "http://disqus.com/disqus-internals"}
DSQ_ID = "{http://disqus.com/disqus-internals}id"


def moment(text):
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise ImportFileError(f"Unreadable Disqus date {text!r}.") from None


def linked_id(post, name):
    found = post.find(f"d:{name}", NS)
    return found.get(DSQ_ID) if found is not None else None


def status(post):
    if child_text(post, "d:isSpam", NS) == "true":
        return Comment.Status.SPAM
    if child_text(post, "d:isDeleted", NS) == "true":
        return Comment.Status.DELETED
    return Comment.Status.PUBLISHED


def parse(path):
    root = xml_root(path)
    if root.tag != "{http://disqus.com}disqus":
        raise ImportFileError(f"{path} is not a Disqus export (its root is {root.tag!r}).")
    links = {
        thread.get(DSQ_ID): child_text(thread, "d:link", NS)
        for thread in root.iterfind("d:thread", NS)
    }
    return [
        ImportedComment(
            external_id=post.get(DSQ_ID, ""),
            parent_id=linked_id(post, "parent"),
            # A post whose thread is missing from the file is reported as unmatched.
            url=links.get(linked_id(post, "thread"), ""),
            created=moment(child_text(post, "d:createdAt", NS)),
            status=status(post),
            ip=child_text(post, "d:ipAddress", NS),
            text=child_text(post, "d:message", NS),
            markup=Comment.Markup.HTML,
            name=child_text(post, "d:author/d:name", NS),
            email=child_text(post, "d:author/d:email", NS),
        )
        for post in root.iterfind("d:post", NS)
    ]
