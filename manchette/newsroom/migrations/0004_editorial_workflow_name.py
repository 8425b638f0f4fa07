"""Wagtail's default workflow, named in the site's language.

Wagtail creates it as "Moderators approval", and the page editor's button
reads "Submit to <workflow>" in every language: a French newsroom saw
"Soumettre à Moderators approval". A workflow renamed by the site is left as is.
"""

from django.conf import settings
from django.db import migrations
from django.utils import translation
from django.utils.translation import gettext

WAGTAIL_NAME = "Moderators approval"


def renamed(to_site_language):
    def rename(apps, schema_editor):
        with translation.override(settings.LANGUAGE_CODE):
            ours = gettext("Editorial approval")
        old, new = (WAGTAIL_NAME, ours) if to_site_language else (ours, WAGTAIL_NAME)
        for model in ("Workflow", "Task"):
            apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)

    return rename


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_section_names"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(renamed(True), renamed(False))]
