"""Builders for comment tests: a form as a reader's browser would send it."""

import time

from manchette.comments.models import Comment
from manchette.comments.security import issue_token

# The browser says the post comes from the page it was on.
SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def form_data(article, **fields):
    """The fields of the article's comment form, its token issued a minute ago."""
    data = {
        "token": issue_token(article.pk, now=time.time() - 60),
        "homepage": "",
        "name": "Lucie",
        "email": "",
        "website": "",
        "text": "Un avis mesuré sur la question.",
        "parent": "",
    }
    data.update(fields)
    return data


def post(client, article, headers=SAME_ORIGIN, **fields):
    return client.post(f"/comments/post/{article.pk}/", form_data(article, **fields), **headers)


def comment(article, **fields):
    """A comment stored directly, as if posted earlier."""
    fields.setdefault("name", "Marc")
    fields.setdefault("text", f"Commentaire {Comment.objects.count() + 1}")
    fields.setdefault("ip_network", "198.51.100.0/24")
    return Comment.objects.create(article=article, **fields)
