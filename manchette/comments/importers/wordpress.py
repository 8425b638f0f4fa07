"""A WordPress WXR export (Tools › Export): an RSS file whose ``<item>``
elements are posts and pages, each with its ``<wp:comment>`` elements.

WordPress comment ids are unique across a site. Its comment text is HTML
in which line breaks stand for paragraphs and ``<br>`` (WordPress adds
them when it shows a comment), so they are made explicit here.
Pingbacks and trackbacks are not reader comments and are left out.
"""

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.html import linebreaks

from manchette.comments.models import Comment

from . import ImportedComment, ImportFileError, child_text, xml_root

WXR_NAMESPACE = re.compile(r"^\{(http://wordpress\.org/export/1\.\d+/)\}")
BLOCK_TAG = re.compile(r"<(p|div|blockquote|ul|ol|pre)[\s>]", re.IGNORECASE)
STATUS_BY_APPROVAL = {
    "1": Comment.Status.PUBLISHED,
    "0": Comment.Status.HELD,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REJECTED,
}
NOT_COMMENTS = {"pingback", "trackback"}


def wxr_namespace(root):
    for element in root.iter():
        found = WXR_NAMESPACE.match(element.tag)
        if found:
            return found.group(1)
    raise ImportFileError("No WordPress (WXR) element found: is this a WordPress export?")


def moment(comment, ns):
    """The comment's date: the GMT one, or the local one when WordPress left it at zero."""
    for field, zone in (("comment_date_gmt", UTC), ("comment_date", ZoneInfo(settings.TIME_ZONE))):
        text = child_text(comment, f"wp:{field}", ns)
        try:
            return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone)
        except ValueError:  # empty, or WordPress' "0000-00-00 00:00:00"
            continue
    raise ImportFileError(f"Comment {child_text(comment, 'wp:comment_id', ns)} has no date.")


def as_html(text):
    """WordPress' own rendering: blank lines make paragraphs, single ones line breaks."""
    if BLOCK_TAG.search(text):
        return text
    return linebreaks(text, autoescape=False)


def parse(path):
    root = xml_root(path)
    ns = {"wp": wxr_namespace(root)}
    rows = []
    for item in root.iterfind("channel/item"):
        url = child_text(item, "link")
        for comment in item.iterfind("wp:comment", ns):
            if child_text(comment, "wp:comment_type", ns) in NOT_COMMENTS:
                continue
            parent = child_text(comment, "wp:comment_parent", ns)
            rows.append(
                ImportedComment(
                    external_id=child_text(comment, "wp:comment_id", ns),
                    parent_id=parent if parent not in ("", "0") else None,
                    url=url,
                    created=moment(comment, ns),
                    status=STATUS_BY_APPROVAL.get(
                        child_text(comment, "wp:comment_approved", ns), Comment.Status.HELD
                    ),
                    ip=child_text(comment, "wp:comment_author_IP", ns),
                    text=as_html(child_text(comment, "wp:comment_content", ns)),
                    markup=Comment.Markup.HTML,
                    name=child_text(comment, "wp:comment_author", ns),
                    email=child_text(comment, "wp:comment_author_email", ns),
                    website=child_text(comment, "wp:comment_author_url", ns),
                )
            )
    return rows
