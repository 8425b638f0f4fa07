"""The wire desk in the Wagtail admin: wire sources, and the ingest log with its retry.

The ingest log is read-only (nothing received is edited or deleted from
the admin); a quarantined receipt offers a retry once its cause is fixed
(a wire source added, a default section set …).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .dropfolder import drop_dir
from .ingest import retry
from .models import DispatchEntry, Receipt, WireSource


def how_to_ingest(request):
    """What an empty wire screen shows: the four ways in, with this site's addresses."""
    wires = list(WireSource.objects.filter(active=True))
    for wire in wires:
        wire.push_url = request.build_absolute_uri(reverse("wire:push", args=[wire.slug]))
    return {
        "wires": wires,
        "feeds": [wire for wire in wires if wire.feed_url],
        # A push token lets anyone publish as the agency: only who may edit wires sees it.
        "show_tokens": request.user.has_perm("wire.change_wiresource"),
        "drop_folder": drop_dir().resolve(),
        "add_wire_url": reverse("wiresource:add"),
    }


class WireIndexView(IndexView):
    """A wire list that, while empty, says how dispatches get in."""

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not context["object_list"]:
            context["ingest"] = how_to_ingest(self.request)
        return context


class WireSourceViewSet(ModelViewSet):
    model = WireSource
    index_view_class = WireIndexView
    index_results_template_name = "wire/admin/index_results.html"
    icon = "globe"
    menu_label = gettext_lazy("Wire sources")
    url_prefix = "wire/sources"
    list_display = ["name", "source", "default_section", "auto_publish", "active"]
    search_fields = ["name", "provider_names"]
    copy_view_enabled = False


class ReadOnlyViewSet(ModelViewSet):
    """A list and a detail page; no form adds, edits or deletes what was received."""

    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = WireIndexView
    index_results_template_name = "wire/admin/index_results.html"

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None, edit_url_name=None, delete_url_name=None, **kwargs
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]


class DispatchLogViewSet(ReadOnlyViewSet):
    """One line per story received: published, held, unchanged, withdrawn or quarantined, why."""

    model = DispatchEntry
    icon = "list-ul"
    menu_label = gettext_lazy("Ingest log")
    url_prefix = "wire/log"
    list_display = ["headline", "wire_source", "outcome", "reason_text", "recorded_at"]
    list_filter = ["outcome", "wire_source"]
    search_fields = ["headline", "guid", "reason"]
    inspect_view_fields = [
        "recorded_at", "receipt", "wire_source", "guid", "version", "format", "headline",
        "outcome", "reason_text", "article", "live_page",
    ]  # fmt: skip


class ReceiptInspectView(InspectView):
    retry_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["retry_url"] = reverse(self.retry_url_name, args=[self.object.pk])
        context["raw_preview"] = bytes(self.object.raw[:4096]).decode("utf-8", "replace")
        return context


class ReceiptViewSet(ReadOnlyViewSet):
    """Every arrival with its raw bytes; quarantined ones can be processed again."""

    model = Receipt
    icon = "download"
    menu_label = gettext_lazy("Receipts")
    url_prefix = "wire/receipts"
    list_display = ["__str__", "transport", "wire_source", "status", "summary", "received_at"]
    list_filter = ["status", "transport", "wire_source"]
    search_fields = ["origin", "reason"]
    inspect_template_name = "wire/admin/receipt_inspect.html"
    inspect_view_class = ReceiptInspectView
    inspect_view_fields = [
        "received_at", "transport", "origin", "wire_source", "content_type", "size", "status",
        "reason_text", "processed_at", "attempts",
    ]  # fmt: skip

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(retry_url_name=self.get_url_name("retry"), **kwargs)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("retry/<int:pk>/", self.retry_view, name="retry")]

    @property
    def retry_view(self):
        @require_POST
        def view(request, pk):
            if not self.permission_policy.user_has_permission(request.user, "change"):
                messages.error(request, _("You may not retry receipts."))
                return redirect(self.get_url_name("index"))
            receipt = get_object_or_404(Receipt, pk=pk)
            retried = retry(receipt)
            if retried is None:
                messages.warning(request, _("Only a quarantined receipt can be retried."))
            elif retried.status == Receipt.Status.QUARANTINED:
                messages.error(
                    request,
                    _("Still quarantined: %(reason)s")
                    % {"reason": "; ".join(retried.quarantine_reasons())},
                )
            else:
                messages.success(
                    request, _("Processed: %(outcome)s") % {"outcome": retried.summary()}
                )
            return redirect(self.get_url_name("inspect"), pk)

        return view


class WireGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Wire")
    menu_icon = "globe"
    menu_order = 250
    items = (WireSourceViewSet(), DispatchLogViewSet(), ReceiptViewSet())


@hooks.register("register_admin_viewset")
def register_wire_admin():
    return WireGroup()
