from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import LiveUpdate


class LiveUpdateForm(WagtailAdminModelForm):
    """An update as an editor writes it; the model's ``clean`` holds the rules."""

    class Meta:
        model = LiveUpdate
        fields = ["title", "body", "byline", "is_key_event", "is_pinned"]
        help_texts = {"title": _("Optional, except for key events.")}
