"""schema.org ``LiveBlogPosting``: live coverage as search engines read it.

``coverageStartTime`` and ``coverageEndTime`` (the planned end while the
coverage runs, the real one once it ended) bound it; each update on the page
is a ``BlogPosting`` in ``liveBlogUpdate``, with the address it can be
shared at.
"""

from manchette.core.conf import setting
from manchette.core.dates import iso

# Headlines in structured data and share cards, as for articles.
HEADLINE_LENGTH = 110


def live_blog_posting(page, updates):
    """The page's JSON-LD, with the updates it shows (pinned ones first, then the stream)."""
    publisher = {"@type": "Organization", "name": setting("MANCHETTE_PUBLICATION_NAME")}
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "mainEntityOfPage": page.full_url,
        "url": page.full_url,
        "headline": page.title[:HEADLINE_LENGTH],
        "inLanguage": page.language,
        "publisher": publisher,
        "coverageStartTime": iso(page.coverage_start),
        "liveBlogUpdate": [blog_posting(update, publisher) for update in updates],
    }
    if page.coverage_end:
        data["coverageEndTime"] = iso(page.coverage_end)
    if page.first_published_at:
        data["datePublished"] = iso(page.first_published_at)
    newest = max((update.edited_at or update.posted_at for update in updates), default=None)
    modified = max(filter(None, [newest, page.last_published_at]), default=None)
    if modified:
        data["dateModified"] = iso(modified)
    if page.standfirst:
        data["description"] = page.standfirst
    return data


def blog_posting(update, publisher):
    data = {
        "@type": "BlogPosting",
        "headline": update.headline[:HEADLINE_LENGTH],
        "datePublished": iso(update.posted_at),
        "articleBody": update.text,
        "url": update.get_full_url(),
        "publisher": publisher,
    }
    if update.edited_at:
        data["dateModified"] = iso(update.edited_at)
    if update.byline:
        data["author"] = {"@type": "Person", "name": update.byline}
    return data
