"""Live pages in progress, read with the sections that hold them; updates readers may see."""

from django.db.models import OuterRef, QuerySet, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Cast, JSONObject

from manchette.newsroom.querysets import restricted


def coverage_in_progress():
    """A section's published, public live pages not yet ended, as the items of a JSON array.

    A subquery of the sections' query (``newsroom.reading.site_sections``),
    so that announcing live coverage on the front and section pages costs
    no query of its own. ``live_tags.live_now`` reads it.
    """
    from .models import LivePage

    page = JSONObject(
        pk="pk",
        title="title",
        slug="slug",
        language="language",
        status="status",
        coverage_start=Cast("coverage_start", output_field=TextField()),
    )
    listed = StringAgg(Cast(page, output_field=TextField()), delimiter=Value(","))
    return Subquery(
        LivePage.objects.filter(
            path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1, live=True
        )
        .exclude(status=LivePage.Status.ENDED)
        .exclude(restricted())
        # One group, one row: every page of the section in one JSON array (and no
        # ordering of the model's, which would split the group).
        .order_by()
        .annotate(section=Value(1))
        .values("section")
        .annotate(listed=listed)
        .values("listed")
    )


class LiveUpdateQuerySet(QuerySet):
    def published(self):
        """What readers may see: every update but the wire's drafts still waiting for an editor."""
        return self.filter(is_draft=False)
