"""The moderation queue in the Wagtail admin: the "Comments" menu.

Moderators filter the queue (held, flagged, spam…, by article number and by
date), search it (name, e-mail, text, network), then act on the comments
they tick: approve, reject, mark as spam, delete, or ban their authors by
e-mail address or network. "Bans" lists the bans, where one can be added
by hand or lifted.

Every action goes through ``moderation.moderate()`` (or ``privacy.erase()``
for deletion), which keeps threads' reply counts right and purges the
cached pages of the articles concerned. Approving a held reply e-mails
whoever follows its parent comment (``notifications.announce_approved``).
Moderators need Django's "change comment" permission; the bans need the
ban permissions.
"""

import ipaddress

import django_filters
from django import forms
from django.core.validators import validate_email
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import AdminPageChooser, BooleanRadioSelect
from wagtail.permission_policies import ModelPermissionPolicy

from manchette.newsroom.models import ArticlePage, SectionPage

from .models import Ban, Comment, CommentPolicy
from .moderation import moderate
from .notifications import announce_approved
from .privacy import erase

# Comments come from readers: the queue has no "add" page.
NOT_IN_THE_QUEUE = {"add", "copy"}


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Comment.Status.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    flagged = django_filters.BooleanFilter(
        label=_("Flagged by readers"), method="filter_flagged", widget=BooleanRadioSelect
    )
    article = django_filters.NumberFilter(
        field_name="article_id",
        label=_("Article number"),
        help_text=_("As in the article's short address /a/<number>/."),
    )
    created = django_filters.DateFromToRangeFilter(label=_("Posted"), widget=DateRangePickerWidget)

    class Meta:
        model = Comment
        fields = []

    def filter_flagged(self, queryset, name, value):
        return queryset.filter(flag_count__gt=0) if value else queryset.filter(flag_count=0)


def excerpt(comment):
    return Truncator(comment.text).chars(120) or _("(empty)")


class CommentIndexView(generic.IndexView):
    def get_add_url(self):
        return None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("article")

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="comment"),
            TitleColumn(
                "text",
                label=_("Comment"),
                accessor=excerpt,
                get_url=self.get_edit_url,
                get_title_id=lambda comment: f"comment_{comment.pk}_title",
            ),
            Column("name", label=_("Name"), sort_key="name"),
            TitleColumn(
                "article",
                label=_("Article"),
                accessor=lambda comment: comment.article.title,
                get_url=lambda comment: f"?article={comment.article_id}",
            ),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                primary=lambda comment: comment.is_held,
                sort_key="status",
            ),
            Column("flag_count", label=_("Flags"), sort_key="flag_count"),
            DateColumn("created", label=_("Posted"), sort_key="created"),
        ]


class CommentViewSet(ModelViewSet):
    model = Comment
    name = "comment_queue"
    url_prefix = "comments"
    # A comment links to nothing an editor could delete: indexing its references
    # would only queue a task on every reader's post.
    add_to_reference_index = False
    icon = "comment"
    menu_label = _("Moderation queue")
    index_view_class = CommentIndexView
    template_prefix = "comments/admin/"
    filterset_class = CommentFilterSet
    search_fields = ["name", "email", "text", "ip_network"]
    search_backend_name = None
    ordering = ["-created"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "article",
        "parent",
        "name",
        "email",
        "website",
        "text",
        "status",
        "held_reason",
        "created",
        "edited",
        "moderated_at",
        "moderated_by",
        "ip_network",
        "user_agent",
        "flag_count",
        "imported_from",
    ]
    form_fields = ["name", "website", "text", "status", "held_reason"]

    def get_urlpatterns(self):
        return [url for url in super().get_urlpatterns() if url.name not in NOT_IN_THE_QUEUE]


class BanAdminForm(forms.ModelForm):
    """A ban typed by hand: a real e-mail address, or a network written as one."""

    class Meta:
        model = Ban
        fields = ["kind", "value", "reason"]

    def clean(self):
        cleaned = super().clean()
        kind, value = cleaned.get("kind"), (cleaned.get("value") or "").strip()
        if kind == Ban.Kind.EMAIL:
            try:
                validate_email(value)
            except forms.ValidationError:
                self.add_error("value", _("Enter an e-mail address."))
            cleaned["value"] = value.lower()
        elif kind == Ban.Kind.NETWORK:
            try:
                cleaned["value"] = str(ipaddress.ip_network(value, strict=False))
            except ValueError:
                self.add_error("value", _("Enter an address or a network, as 203.0.113.0/24."))
        return cleaned


class BanCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class BanViewSet(ModelViewSet):
    model = Ban
    name = "comment_bans"
    url_prefix = "comments/bans"
    add_to_reference_index = False
    icon = "warning"
    menu_label = _("Bans")
    add_view_class = BanCreateView
    list_display = ["value", "kind", "reason", "created", "created_by"]
    list_filter = ["kind"]
    search_fields = ["value", "reason"]
    search_backend_name = None
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return BanAdminForm


class CommentPolicyViewSet(ModelViewSet):
    """Editors open, pre-moderate or close comments per section or article."""

    model = CommentPolicy
    name = "comment_policies"
    url_prefix = "comments/policies"
    add_to_reference_index = False
    icon = "cog"
    menu_label = _("Policies")
    list_display = ["page", "mode", "close_after_days"]
    list_filter = ["mode"]
    search_fields = ["page__title"]
    search_backend_name = None
    copy_view_enabled = False
    panels = [
        FieldPanel("page", widget=AdminPageChooser(target_models=[SectionPage, ArticlePage])),
        FieldPanel("mode"),
        FieldPanel("close_after_days"),
    ]


class CommentsMenu(ModelViewSetGroup):
    menu_label = _("Comments")
    menu_icon = "comment"
    menu_order = 250
    items = (CommentViewSet, BanViewSet, CommentPolicyViewSet)


# Bulk actions on the ticked comments


class CommentBulkAction(BulkAction):
    """What every action on ticked comments shares: the model, the permission, the page."""

    models = [Comment]
    template_name = "comments/admin/bulk_confirm.html"
    # Set by each action: its question, and the label of its button.
    question = ""
    confirm_label = ""
    button_class = "button-primary"

    @cached_property
    def permission_policy(self):
        return ModelPermissionPolicy(Comment)

    def check_perm(self, comment):
        return self.permission_policy.user_has_permission(self.request.user, "change")

    def get_execution_context(self):
        return {"user": self.request.user, "form": self.cleaned_form}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "heading": self.display_name,
            "question": self.question,
            "confirm_label": self.confirm_label,
            "button_class": self.button_class,
        }

    @classmethod
    def chosen(cls, objects):
        return Comment.objects.filter(pk__in=[comment.pk for comment in objects])


class StatusBulkAction(CommentBulkAction):
    status = None
    # What the action did, as ngettext_lazy(singular, plural, "count").
    done = None

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return moderate(cls.chosen(objects), cls.status, user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.done % {"count": num_parent_objects}


class ApproveBulkAction(StatusBulkAction):
    display_name = _("Approve")
    aria_label = _("Approve the selected comments")
    action_type = "approve"
    action_priority = 10
    status = Comment.Status.PUBLISHED
    question = _("Publish these comments?")
    confirm_label = _("Yes, approve")
    done = ngettext_lazy("%(count)d comment approved.", "%(count)d comments approved.", "count")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        announce_approved(cls.chosen(objects))
        return super().execute_action(objects, user=user, **kwargs)


class RejectBulkAction(StatusBulkAction):
    display_name = _("Reject")
    aria_label = _("Reject the selected comments")
    action_type = "reject"
    action_priority = 20
    status = Comment.Status.REJECTED
    question = _("Hide these comments from readers?")
    confirm_label = _("Yes, reject")
    done = ngettext_lazy("%(count)d comment rejected.", "%(count)d comments rejected.", "count")


class SpamBulkAction(StatusBulkAction):
    display_name = _("Spam")
    aria_label = _("Mark the selected comments as spam")
    action_type = "spam"
    action_priority = 30
    status = Comment.Status.SPAM
    question = _("Mark these comments as spam? Readers will not see them.")
    confirm_label = _("Yes, mark as spam")
    done = ngettext_lazy(
        "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", "count"
    )


class DeleteBulkAction(CommentBulkAction):
    display_name = _("Delete")
    aria_label = _("Delete the selected comments")
    action_type = "delete"
    action_priority = 40
    classes = {"serious"}
    button_class = "serious"
    question = _(
        "Delete these comments for good? One that others replied to stays in its thread as "
        "“comment deleted”, emptied of its author and text."
    )
    confirm_label = _("Yes, delete")

    def check_perm(self, comment):
        return self.permission_policy.user_has_permission(self.request.user, "delete")

    @classmethod
    def execute_action(cls, objects, **kwargs):
        return erase(cls.chosen(objects)), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment deleted.", "%(count)d comments deleted.", num_parent_objects
        ) % {"count": num_parent_objects}


class BanChoiceForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Ban their"),
        choices=Ban.Kind.choices,
        initial=[Ban.Kind.EMAIL],
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=Ban._meta.get_field("reason").max_length, required=False
    )
    mark_spam = forms.BooleanField(
        label=_("Also mark these comments as spam"), required=False, initial=True
    )


class BanBulkAction(CommentBulkAction):
    display_name = _("Ban")
    aria_label = _("Ban the authors of the selected comments")
    action_type = "ban"
    action_priority = 50
    classes = {"serious"}
    button_class = "serious"
    form_class = BanChoiceForm
    question = _(
        "Refuse future comments from the e-mail addresses or the networks of these comments' "
        "authors?"
    )
    confirm_label = _("Yes, ban")

    def check_perm(self, comment):
        return super().check_perm(comment) and ModelPermissionPolicy(Ban).user_has_permission(
            self.request.user, "add"
        )

    @classmethod
    def execute_action(cls, objects, user=None, form=None, **kwargs):
        choices = form.cleaned_data
        fields = {Ban.Kind.EMAIL: "email", Ban.Kind.NETWORK: "ip_network"}
        banned = 0
        for kind in choices["kinds"]:
            values = {getattr(comment, fields[kind]).lower() for comment in objects} - {""}
            for value in sorted(values):
                _ban, created = Ban.objects.get_or_create(
                    kind=kind,
                    value=value,
                    defaults={"reason": choices["reason"], "created_by": user},
                )
                banned += created
        if choices["mark_spam"]:
            moderate(cls.chosen(objects), Comment.Status.SPAM, user)
        return banned, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d new ban.", "%(count)d new bans.", num_parent_objects) % {
            "count": num_parent_objects
        }


BULK_ACTIONS = [
    ApproveBulkAction,
    RejectBulkAction,
    SpamBulkAction,
    DeleteBulkAction,
    BanBulkAction,
]
