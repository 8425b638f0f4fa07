from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Source


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "globe"
    menu_label = _("Sources")
    list_display = ["name", "long_credit", "is_agency"]
    search_fields = ["name", "long_credit"]


register_snippet(SourceViewSet)
