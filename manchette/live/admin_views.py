"""The live desk in the Wagtail admin: one screen to post, edit, pin and delete updates,
and to publish the wire's drafts waiting there.

No page publish per update: each change goes through ``updates`` (checked,
saved, logged in the page's history, purged from caches). Whoever may edit
the live page may work its desk.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import updates
from .forms import LiveUpdateForm
from .models import LivePage, LiveUpdate


class DeskMixin(WagtailAdminTemplateMixin):
    """The live page named in the address, for an editor allowed to edit it."""

    header_icon = "time"
    breadcrumbs_items = []

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(LivePage, pk=kwargs["page_id"])

    def dispatch(self, request, *args, **kwargs):
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.title

    def desk_url(self):
        return reverse("live_desk", args=[self.page.pk])

    def get_update(self):
        return get_object_or_404(LiveUpdate, page=self.page, pk=self.kwargs["update_id"])


class DeskView(DeskMixin, FormView):
    """The updates of one live page, newest first, under the form for the next one."""

    page_title = _("Live desk")
    template_name = "live/admin/desk.html"
    form_class = LiveUpdateForm

    def get_initial(self):
        user = self.request.user
        return {"byline": user.get_full_name()}

    def form_valid(self, form):
        update = updates.post(self.page, form.save(commit=False), self.request.user)
        messages.success(self.request, _("Update posted: “%s”.") % update.headline)
        return redirect(self.desk_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page,
            updates=self.page.updates.published().select_related("posted_by"),
            waiting=self.page.waiting(),
            **kwargs,
        )


class EditView(DeskMixin, FormView):
    page_title = _("Edit live update")
    template_name = "live/admin/edit.html"
    form_class = LiveUpdateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_update()}

    def form_valid(self, form):
        update = updates.edit(form.save(commit=False), self.request.user)
        messages.success(self.request, _("Update saved: “%s”.") % update.headline)
        return redirect(self.desk_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, desk_url=self.desk_url(), **kwargs)


class PinView(DeskMixin, TemplateView):
    """POST only: ``pinned`` is "1" to pin, "0" to put the update back in the stream."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        update = self.get_update()
        wanted = request.POST.get("pinned")
        if wanted not in ("0", "1"):
            messages.error(request, _("Pinning needs pinned=1 or pinned=0."))
            return redirect(self.desk_url())
        updates.pin(update, wanted == "1", request.user)
        if update.is_pinned:
            messages.success(request, _("Update pinned: “%s”.") % update.headline)
        else:
            messages.success(request, _("Update unpinned: “%s”.") % update.headline)
        return redirect(self.desk_url())


class PublishView(DeskMixin, TemplateView):
    """POST only: a draft from the wire goes out to readers."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        update = self.get_update()
        if not update.is_draft:
            messages.warning(request, _("This update was already published."))
            return redirect(self.desk_url())
        try:
            updates.publish_draft(update, request.user)
        except ValidationError as error:
            messages.error(
                request,
                _("Not published: %(errors)s Edit it first.")
                % {"errors": " ".join(error.messages)},
            )
            return redirect(self.desk_url())
        messages.success(request, _("Update published: “%s”.") % update.headline)
        return redirect(self.desk_url())


class ArticleView(DeskMixin, TemplateView):
    """POST only: a draft article from the update, opened in the editor to be finished."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        update = self.get_update()
        try:
            article = updates.draft_article(update, request.user)
        except updates.NoNewsroomSource:
            messages.error(
                request,
                _("Add the newsroom's own source (a source that is not an agency) first."),
            )
            return redirect(self.desk_url())
        messages.success(request, _("Draft article made from “%s”.") % update.headline)
        return redirect("wagtailadmin_pages:edit", article.pk)


class DeleteView(DeskMixin, TemplateView):
    """A confirmation page, then the deletion on POST."""

    page_title = _("Delete live update")
    template_name = "live/admin/confirm_delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page, update=self.get_update(), desk_url=self.desk_url(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        update = self.get_update()
        headline = update.headline
        updates.delete(update, request.user)
        messages.success(request, _("Update deleted: “%s”.") % headline)
        return redirect(self.desk_url())
