"""The comment form: what a reader may send, and the form token and honeypot beside it.

The token and honeypot are checked before the fields (``intake``): a
tampered token or a filled honeypot is a robot, answered with one opaque
400, while a token that is only too young or too old is an error the reader
reads beside the form, their text kept.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from manchette.core.conf import setting

from .models import Comment

TOKEN_FIELD = "token"  # noqa: S105 (a field name, not a secret)
HONEYPOT_FIELD = "homepage"
# Characters a keyboard does not type: control characters (Unicode's
# category Cc, U+0000-U+001F and U+007F-U+009F; a comment's text may keep
# line breaks and tabs), and the replacement character that stands for bytes
# that were not UTF-8.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
NOT_UTF8 = "\ufffd"
# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069):
# invisible, they make text read differently from how it is stored ("gpj.exe"
# shown as "exe.jpg"), so a name or comment could pose as another.
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean_typed(value, multiline=False):
    """The text as typed, normalised: NFC, Unix line breaks, no surrounding space."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if NOT_UTF8 in value:
        raise ValidationError(
            _("The text contains characters that were not sent as UTF-8; please retype them."),
            code="encoding",
        )
    if BIDI_CONTROL.search(value):
        raise ValidationError(
            _(
                "The text contains invisible characters that change the direction of writing "
                "(U+202A to U+202E, U+2066 to U+2069); please remove them."
            ),
            code="bidi",
        )
    if (CONTROL_IN_TEXT if multiline else CONTROL).search(value):
        raise ValidationError(
            _("The text contains control characters; please remove them."), code="control"
        )
    return value


class TypedField:
    """Mixed into a form field: what the reader typed goes through ``clean_typed`` first."""

    multiline = False

    def to_python(self, value):
        if isinstance(value, str):
            value = clean_typed(value, multiline=self.multiline)
        return super().to_python(value)


class TypedCharField(TypedField, forms.CharField):
    pass


class CommentTextField(TypedCharField):
    """A comment's text: line breaks and tabs are kept."""

    multiline = True


class TypedEmailField(TypedField, forms.EmailField):
    pass


class WebsiteField(TypedField, forms.URLField):
    """An http(s) address: ``javascript:``, ``data:`` and the rest are refused."""

    default_validators = [URLValidator(schemes=["http", "https"])]
    default_error_messages = {
        "invalid": _("Enter a web address starting with http:// or https://."),
    }

    def to_python(self, value):
        value = (value or "").strip()
        # An address with another scheme is refused as typed, not read as a host name.
        if value and ":" in value.split("/")[0] and not value.lower().startswith("http"):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def comment_text_field():
    # Built per form, so that the length limit is read when the form is.
    return CommentTextField(
        label=pgettext_lazy("comment form field", "Comment"),
        max_length=setting("MANCHETTE_COMMENTS_MAX_LENGTH"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class CommentTextForm(forms.Form):
    """A form with a comment's text, as the comment form and the author's edit form have."""

    text = CommentTextField()  # its place among the fields; each form gets its own (below)

    def __init__(self, *args, **kwargs):
        # Labels as on the reference page: "Nom / Pseudo", no colon.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["text"] = comment_text_field()


class CommentForm(CommentTextForm):
    name = TypedCharField(
        label=_("Name / Pseudonym"),
        max_length=Comment._meta.get_field("name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    email = TypedEmailField(
        label=_("E-mail (optional)"),
        required=False,
        max_length=Comment._meta.get_field("email").max_length,
        help_text=_("Never shown."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    website = WebsiteField(
        label=_("Website (optional)"),
        required=False,
        max_length=Comment._meta.get_field("website").max_length,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    notify = forms.BooleanField(
        label=_("E-mail me replies to this comment (you will be asked to confirm)"),
        required=False,
    )
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    field_order = ["name", "email", "website", "text", "notify", "parent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not setting("MANCHETTE_COMMENTS_REPLY_NOTIFICATIONS"):
            del self.fields["notify"]


class EditForm(CommentTextForm):
    pass
