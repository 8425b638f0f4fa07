"""An article's language: the BCP 47 tag its story is written in, whatever the interface's.

The interface speaks four languages; stories come in any. A tag is kept in
its standard spelling ("en_us" becomes "en-US", "iw" becomes "he"); what is
not a language (a private "x-default", "und") is no tag at all.
"""

import langcodes
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# BCP 47 advises room for 35 characters (language, extlang, script, region, variant).
TAG_LENGTH = 35


def language_tag(value):
    """The standard spelling of a BCP 47 language tag, or "" when value is none."""
    try:
        tag = langcodes.standardize_tag(str(value or "").strip())
    except ValueError:  # langcodes' LanguageTagError is one
        return ""
    language = langcodes.Language.get(tag).language
    # "und" is undetermined, "zxx" no linguistic content, "x-…" a private label: no language.
    known = language and language not in ("und", "zxx") and not language.startswith("x-")
    return tag if known and len(tag) <= TAG_LENGTH else ""


def primary(tag):
    """The language without its region or script: "fr" for "fr-BE"."""
    return (tag or "").split("-")[0].lower()


def validate_language_tag(value):
    if language_tag(value) != value:
        raise ValidationError(
            _("“%(value)s” is not a language tag in its standard spelling, such as fr or nl-BE."),
            params={"value": value},
        )
