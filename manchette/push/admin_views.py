"""Editors' alerts in the Wagtail admin: write one, preview it, send it; see what went out.

An alert points at one of our published pages (a story, a section, a live
page), which the reader's phone opens; it goes to everyone who follows one
of the chosen topics. The preview shows the notification as a phone would
and how many browsers will get it; only then is it sent, by the task
worker. Editors need the "add push alert" permission.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page

from . import topics as topic_names
from .models import Alert, Subscription
from .send import queue_alert, replaces_key


class AlertForm(forms.Form):
    page = forms.ModelChoiceField(
        queryset=Page.objects.none(),  # set per form: public() reads the restrictions
        widget=AdminPageChooser(),
        label=gettext_lazy("Story or page the alert opens"),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=80)
    text = forms.CharField(
        label=gettext_lazy("Text"), max_length=200, widget=forms.Textarea(attrs={"rows": 3})
    )
    topics = forms.MultipleChoiceField(
        label=gettext_lazy("Send to the followers of"), widget=forms.CheckboxSelectMultiple
    )
    urgency = forms.ChoiceField(
        label=gettext_lazy("Urgency"), choices=Alert.Urgency.choices, initial=Alert.Urgency.HIGH
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = Page.objects.live().public()
        followable = [
            (topic_names.page_topic(page), getattr(page, "name", page.title))
            for page in topic_names.followable_pages()
        ]
        self.fields["topics"].choices = [(topic_names.BREAKING, _("Breaking news")), *followable]


def followers(topics):
    return Subscription.objects.filter(topics__topic__in=topics).distinct().count()


@permission_required("push.add_alert")
def compose(request):
    form = AlertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        alert = form.cleaned_data
        if "send" in request.POST:
            queue_alert(
                title=alert["title"],
                text=alert["text"],
                url=alert["page"].url,
                topics=alert["topics"],
                replaces=replaces_key(alert["page"]),
                urgency=alert["urgency"],
                page=alert["page"],
                sent_by=request.user,
            )
            messages.success(request, _("The alert is on its way."))
            return redirect("push_alerts")
        context = {"form": form, "alert": alert, "followers": followers(alert["topics"])}
        return TemplateResponse(request, "push/admin/preview.html", context)
    return TemplateResponse(request, "push/admin/compose.html", {"form": form})


@permission_required("push.view_alert")
def sent(request):
    alerts = Alert.objects.select_related("sent_by", "page")[:50]
    return TemplateResponse(request, "push/admin/sent.html", {"alerts": alerts})
