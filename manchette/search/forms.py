"""The search page's filters: section, period and order, each checked like any input."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from manchette.newsroom.models import SectionPage

PERIODS = {"day": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=31)}
PERIODS["year"] = timedelta(days=366)
RELEVANCE, RECENT = "relevance", "recent"


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class SearchForm(forms.Form):
    section = SectionChoiceField(
        label=_("Section"),
        queryset=SectionPage.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All sections"),
    )
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
        # Here, not above: Wagtail's public() reads the view restrictions at once.
        self.fields["section"].queryset = SectionPage.objects.live().public().order_by("path")

    def filters(self):
        """The valid filters only: a bad one is shown as an error and the rest still apply."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    @staticmethod
    def narrow(articles, filters):
        if section := filters.get("section"):
            articles = articles.descendant_of(section)
        if period := filters.get("period"):
            articles = articles.filter(first_published_at__gte=timezone.now() - PERIODS[period])
        return articles
