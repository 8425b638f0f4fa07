"""The article form of the admin: what lets an editor's first article publish at the first try."""

from wagtail.admin.forms import WagtailAdminPageForm

from .slugs import free_slug, headline_slug


class ArticlePageForm(WagtailAdminPageForm):
    """An article as an editor writes it: headline, body and section; the rest has a default.

    A new article is credited to the newsroom's own source, so that neither
    autosave nor publication stops at a field the editor had no reason to
    fill. Its slug follows the headline (``TitleFieldPanel`` in the browser,
    and here when it comes empty); when another story of the section already
    has that slug, as two stories with the same headline would, it takes the
    next free number rather than an error on the Promote tab, which the editor
    does not see.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
        if self.instance.pk is None and not self.initial.get("source"):
            from .models import Source  # noqa: PLC0415 (models.py imports this module)

            own = Source.newsroom_own()
            if own is not None:
                self.initial["source"] = own.pk

    def clean_slug(self):
        slug = self.cleaned_data["slug"] or headline_slug(self.cleaned_data.get("title", ""))
        # A published article keeps its address: changing it is the editor's explicit act.
        # (A page not yet saved says live, Wagtail's default, without being on the site.)
        published = self.instance.pk is not None and self.instance.live
        if not slug or published or self.parent_page is None:
            return slug
        return free_slug(slug, self.parent_page.get_children().exclude(pk=self.instance.pk))
