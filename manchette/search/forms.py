"""The search page's filters: section, period and order, each checked like any input."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from manchette.newsroom.models import SectionPage

PERIODS = {"day": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=31)}
PERIODS["year"] = timedelta(days=366)
RELEVANCE, RECENT = "relevance", "recent"


class SearchForm(forms.Form):
    # A choice among the sections read once, not a lookup of whatever was sent.
    section = forms.ChoiceField(label=_("Section"), required=False)
    period = forms.ChoiceField(
        label=_("Published"),
        required=False,
        choices=[
            ("", _("at any time")),
            ("day", _("in the past 24 hours")),
            ("week", _("in the past week")),
            ("month", _("in the past month")),
            ("year", _("in the past year")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[(RELEVANCE, _("most relevant first")), (RECENT, _("most recent first"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = {
            section.slug: section
            for section in SectionPage.objects.live().public().order_by("path")
        }
        self.fields["section"].choices = [("", _("All sections"))] + [
            (slug, section.name) for slug, section in self.sections.items()
        ]

    def filters(self):
        """The valid filters only: a bad one is shown as an error and the rest still apply."""
        self.is_valid()
        found = {name: value for name, value in self.cleaned_data.items() if value}
        if "section" in found:
            found["section"] = self.sections[found["section"]]
        return found

    @staticmethod
    def narrow(articles, filters):
        if section := filters.get("section"):
            articles = articles.descendant_of(section)
        if period := filters.get("period"):
            articles = articles.filter(first_published_at__gte=timezone.now() - PERIODS[period])
        return articles
