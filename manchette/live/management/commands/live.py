"""``manchette live post ID --text …``: post an update from a script (a results feed, a bot).

The update goes through the same checks and history as one posted in the
admin (``manchette.live.updates.post``); what is wrong is said on stderr and
the command exits with status 1.
"""

from html import escape

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from manchette.live import updates
from manchette.live.models import LivePage, LiveUpdate


def paragraphs(text):
    """StreamField data for plain text: a blank line starts a new paragraph."""
    parts = [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n")]
    return [{"type": "paragraph", "value": f"<p>{escape(part)}</p>"} for part in parts if part]


class Command(BaseCommand):
    help = "Work a live coverage page from scripts."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        post = actions.add_parser(
            "post", help="Post an update to a live coverage page.", description=__doc__
        )
        post.add_argument("page_id", metavar="ID", type=int, help="The live page's number.")
        post.add_argument("--text", required=True, help="The update's text.")
        post.add_argument("--title", default="", help="Its title (required with --key).")
        post.add_argument("--byline", default="", help="Who wrote it, as readers see it.")
        post.add_argument("--key", action="store_true", help="Mark it as a key event.")
        post.add_argument("--pin", action="store_true", help="Pin it to the top of the page.")
        post.add_argument(
            "--user", default="", help="The editor it is posted as, in the page's history."
        )

    def handle(self, action, **options):
        # The only action so far; argparse refuses any other.
        update = self.post(**options)
        self.stdout.write(f"posted update {update.pk}: {update.get_full_url()}")

    def post(self, page_id, text, title, byline, key, pin, user, **options):
        page = LivePage.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(f"No live coverage page has the number {page_id}.")
        poster = None
        if user:
            poster = get_user_model().objects.filter(username=user).first()
            if poster is None:
                raise CommandError(f"No user is called {user!r}.")
        update = LiveUpdate(
            title=title.strip(),
            body=paragraphs(text),
            byline=byline.strip(),
            is_key_event=key,
            is_pinned=pin,
        )
        try:
            return updates.post(page, update, poster)
        except ValidationError as error:
            raise CommandError(describe(error)) from error


def describe(error):
    """A validation error as one line per field: ``--title: A key event needs a title …``."""
    options = {"body": "--text", "title": "--title", "byline": "--byline"}
    return "\n".join(
        f"{options.get(field, field)}: {message}"
        for field, messages in error.message_dict.items()
        for message in messages
    )
