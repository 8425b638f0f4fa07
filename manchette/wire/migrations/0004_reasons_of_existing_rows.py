"""The ingest log's existing reasons become translatable where their English text is known.

Rows written before reasons were stored with their message id keep their
English text; those whose text is one of the reasons manchette wrote get
the message id and parameters it now stores, so that the admin shows them
in its language. Other rows (an error's own text) are shown as they are.
The English text stays, so going back needs nothing.
"""

import re

from django.db import migrations

# (the English text as it was written, the message id it has now). Named groups are parameters.
KNOWN = [
    (r"The file is empty\.", "The file is empty."),
    (r"The XML document is empty\.", "The XML document is empty."),
    (r"The JSON is nested too deeply\.", "The JSON is nested too deeply."),
    (r"The JSON array holds no ninjs item\.", "The JSON array holds no ninjs item."),
    (r"The JSON value is not a ninjs object\.", "The JSON value is not a ninjs object."),
    (r"The NewsML document holds no NewsItem\.", "The NewsML document holds no NewsItem."),
    (r"The NewsML-G2 message holds no newsItem\.", "The NewsML-G2 message holds no newsItem."),
    (r"No article text was found on the page\.", "No article text was found on the page."),
    (
        r"The dispatch has no identifier \(guid, uri or id\)\.",
        "The dispatch has no identifier (guid, uri or id).",
    ),
    (r"The dispatch (?P<guid>.+) has no headline\.", "The dispatch %(guid)s has no headline."),
    (r"The entry (?P<guid>.+) has no text\.", "The entry %(guid)s has no text."),
    (r"Malformed XML: (?P<error>.+)", "Malformed XML: %(error)s"),
    (r"Malformed JSON: (?P<error>.+)", "Malformed JSON: %(error)s"),
    (r"Unreadable feed: (?P<error>.+)", "Unreadable feed: %(error)s"),
    (r"This version was already ingested\.", "This version was already ingested."),
    (
        r"Version (?P<old>\S+) is older than version (?P<new>\S+), already ingested\.",
        "Version %(old)s is older than version %(new)s, already ingested.",
    ),
    (
        r"The article was withdrawn; later versions are ignored\.",
        "The article was withdrawn; later versions are ignored.",
    ),
    (
        r"Killed before it was ingested: nothing to withdraw\.",
        "Killed before it was ingested: nothing to withdraw.",
    ),
    (
        r"Waiting for an editor in the review queue\.",
        "Waiting for an editor in the review queue.",
    ),
    (
        r"No wire source for the provider “(?P<provider>.*)”: .*",
        "No wire source for the provider “%(provider)s”: add this name to a wire "
        "source's provider names in the admin (or pass --source, or make a wire source "
        "the catch-all), then retry.",
    ),
]
PATTERNS = [(re.compile(pattern, re.S), msgid) for pattern, msgid in KNOWN]


def message_of(text):
    for pattern, msgid in PATTERNS:
        found = pattern.fullmatch(text.strip())
        if found:
            return {"msgid": msgid, "params": found.groupdict()}
    return None


def translatable(apps, schema_editor):
    for name in ("Receipt", "DispatchEntry"):
        model = apps.get_model("wire", name)
        rows = model.objects.filter(reason_message__isnull=True).exclude(reason="")
        for pk, reason in rows.values_list("pk", "reason").iterator():
            # A receipt's several stories' reasons, one a line, stay with their entries.
            message = message_of(reason) if "\n" not in reason else None
            if message is not None:
                model.objects.filter(pk=pk).update(reason_message=message)


class Migration(migrations.Migration):
    dependencies = [("wire", "0003_translatable_reasons")]

    operations = [migrations.RunPython(translatable, migrations.RunPython.noop)]
