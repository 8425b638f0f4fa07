"""`manchette listen`: regenerate one or every article's audio, or show what is said."""

import pytest
from django.core.management import CommandError, call_command

from manchette.listen import speech
from manchette.listen.models import ArticleAudio
from tests import factory

pytestmark = pytest.mark.django_db


def test_text_prints_what_will_be_said(capsys):
    article = factory.article(
        headline="M. Dupont à 22h25", kicker="", body=factory.paragraphs("Le 1er mai.")
    )
    call_command("listen", str(article.pk), "--text")
    assert capsys.readouterr().out == (
        "Monsieur Dupont à vingt-deux heures vingt-cinq.\n\nLe premier mai.\n"
    )


def test_one_article_is_generated_now(capsys):
    article = factory.article()
    call_command("listen", str(article.pk))
    reading = ArticleAudio.objects.get(article=article)
    assert reading.status == "ready" and reading.duration > 1
    assert capsys.readouterr().out.startswith(f"{article.pk} ready (")


def test_all_articles_are_generated(capsys):
    articles = [factory.article(headline=f"Article {n}") for n in range(2)]
    factory.article(headline="Brouillon", publish=False)
    call_command("listen", "--all")
    assert ArticleAudio.objects.filter(status="ready").count() == 2
    call_command("listen", "--all", "--missing")
    assert capsys.readouterr().out.count("unchanged") == len(articles)


def test_a_failure_is_reported_and_kept_for_the_admin(monkeypatch, capsys):
    article = factory.article()

    def broken(*args):
        raise speech.SpeechError("espeak-ng failed: internal error")

    monkeypatch.setattr(speech, "say", broken)
    with pytest.raises(CommandError, match="1 article"):
        call_command("listen", "--all")
    assert "espeak-ng failed" in capsys.readouterr().err
    assert ArticleAudio.objects.get(article=article).status == "failed"


@pytest.mark.parametrize(
    "args, message",
    [
        ((), "Give one ARTICLE_ID, or --all"),
        (("1", "--all"), "Give one ARTICLE_ID, or --all"),
        (("--all", "--text"), "--text needs an ARTICLE_ID"),
        (("999999",), "No published article has the id 999999"),
    ],
)
def test_bad_arguments_say_what_to_do(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("listen", *args)


def test_a_draft_is_not_read():
    draft = factory.article(publish=False)
    with pytest.raises(CommandError, match="No published article"):
        call_command("listen", "--text", str(draft.pk))
