"""Read articles aloud now, or show what their voice will say.

manchette listen 42            regenerate the audio of article 42
manchette listen --all         regenerate the audio of every published article
manchette listen --all --missing   only those without up-to-date audio
manchette listen --text 42     print the normalised text that will be spoken
"""

from django.core.management.base import BaseCommand, CommandError

from manchette.listen.models import ArticleAudio
from manchette.listen.normalise import article_script
from manchette.listen.tasks import make_audio
from manchette.newsroom.models import ArticlePage


class Command(BaseCommand):
    help = "Generate articles' audio now (ARTICLE_ID or --all), or print what will be said."

    def add_arguments(self, parser):
        parser.add_argument("article_id", nargs="?", type=int, help="The article's public number.")
        parser.add_argument("--all", action="store_true", help="Every published article.")
        parser.add_argument(
            "--missing",
            action="store_true",
            help="With --all: only articles whose audio is missing, failed or out of date.",
        )
        parser.add_argument(
            "--text", action="store_true", help="Print the normalised text instead of speaking."
        )

    def handle(self, article_id, all, missing, text, **options):
        if (article_id is None) == (not all):
            raise CommandError("Give one ARTICLE_ID, or --all (not both).")
        if text:
            if article_id is None:
                raise CommandError("--text needs an ARTICLE_ID.")
            self.stdout.write(article_script(self.published(article_id)).text())
            return
        if article_id is not None:
            self.speak(self.published(article_id), force=True)
            return
        failures = 0
        for article in ArticlePage.objects.published().newest_first().defer_streamfields():
            failures += not self.speak(article, force=not missing)
        if failures:
            raise CommandError(f"{failures} article(s) could not be read; see the errors above.")

    def published(self, article_id):
        article = ArticlePage.objects.published().filter(pk=article_id).first()
        if article is None:
            raise CommandError(f"No published article has the id {article_id}.")
        return article

    def speak(self, article, force):
        try:
            outcome = make_audio(article.pk, force=force)
        except Exception as error:  # reported, kept for the admin, and the next one goes on
            message = f"{type(error).__name__}: {error}"
            ArticleAudio.objects.filter(article_id=article.pk).update(
                status=ArticleAudio.Status.FAILED, error=message
            )
            self.stderr.write(f"{article.pk} {article.title}: {message}")
            return False
        audio = ArticleAudio.objects.filter(article_id=article.pk).first()
        duration = f"{audio.duration:.1f} s" if audio and audio.duration else "-"
        self.stdout.write(f"{article.pk} {outcome} ({duration}): {article.title}")
        return True
