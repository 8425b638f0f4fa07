"""Article addresses: a readable ASCII slug made from the headline, unique in its section."""

from django.utils.text import slugify

SLUG_LENGTH = 80
# Letters slugify would drop, and apostrophes it would glue: "l'œuvre" reads "l-oeuvre".
_SLUG_SPELLING = str.maketrans({"'": " ", "’": " ", "œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae"})


def headline_slug(headline):
    """An ASCII slug of the headline, cut between words, for readable article URLs."""
    slug = slugify(headline.translate(_SLUG_SPELLING))
    if len(slug) > SLUG_LENGTH:
        slug = slug[: SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return slug


def free_slug(slug, siblings):
    """``slug``, or ``slug-2``, ``slug-3`` … whichever no page of ``siblings`` has yet."""
    taken = set(siblings.filter(slug__startswith=slug).values_list("slug", flat=True))
    free, number = slug, 1
    while free in taken:
        number += 1
        free = f"{slug}-{number}"
    return free
