"""`manchette live post`: an update from a script, with the admin's checks and history."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry

from manchette.core.cache import purge_log_path
from manchette.live.models import LiveUpdate
from tests import factory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
MANCHETTE = Path(sys.executable).parent / "manchette"


@pytest.fixture
def coverage():
    return factory.live_page()


def post(*args):
    call_command("live", "post", *map(str, args))


def test_posts_an_update_with_its_marks(coverage, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(
            coverage.pk,
            "--text",
            "Taux de participation : 62 %.",
            "--title",
            "Participation",
            "--key",
            "--pin",
            "--byline",
            "Service politique",
        )

    update = LiveUpdate.objects.get()
    assert (update.title, update.is_key_event, update.is_pinned) == ("Participation", True, True)
    assert update.byline == "Service politique" and update.text == "Taux de participation : 62 %."
    assert capsys.readouterr().out == (
        f"posted update {update.pk}: http://testserver{coverage.url}update/{update.pk}/\n"
    )
    assert PageLogEntry.objects.filter(page=coverage, action="live.update.post").exists()
    assert f"live-{coverage.pk}" in purge_log_path().read_text().split()


def test_blank_lines_make_paragraphs_and_markup_stays_text(coverage):
    post(coverage.pk, "--text", "Premier <b>point</b>.\n\nSecond point.")
    body = LiveUpdate.objects.get().body
    assert [block.value.source for block in body] == [
        "<p>Premier &lt;b&gt;point&lt;/b&gt;.</p>",
        "<p>Second point.</p>",
    ]


def test_posted_as_an_editor_names_them_in_the_history(coverage, django_user_model):
    django_user_model.objects.create_user("robot-resultats", "r@example.org")
    post(coverage.pk, "--text", "Résultats.", "--user", "robot-resultats")
    entry = PageLogEntry.objects.get(page=coverage, action="live.update.post")
    assert entry.user.username == "robot-resultats"


def test_unknown_page(coverage):
    with pytest.raises(CommandError, match="No live coverage page has the number 999999"):
        post(999999, "--text", "Résultats.")


def test_a_page_that_is_not_live_coverage(coverage):
    article = factory.article()
    with pytest.raises(CommandError, match=f"No live coverage page has the number {article.pk}"):
        post(article.pk, "--text", "Résultats.")


def test_empty_text(coverage):
    with pytest.raises(CommandError, match="--text: An update needs some text."):
        post(coverage.pk, "--text", "  \n\n ")
    assert not LiveUpdate.objects.exists()


def test_key_event_without_title(coverage):
    with pytest.raises(CommandError, match="--title: A key event needs a title"):
        post(coverage.pk, "--text", "Résultats.", "--key")
    assert not LiveUpdate.objects.exists()


def test_title_too_long(coverage):
    with pytest.raises(CommandError, match="--title: Ensure this value has at most 200"):
        post(coverage.pk, "--text", "Résultats.", "--title", "x" * 201)


def test_byline_too_long(coverage):
    with pytest.raises(CommandError, match="--byline: Ensure this value has at most 120"):
        post(coverage.pk, "--text", "Résultats.", "--byline", "x" * 121)


def test_unknown_user(coverage):
    with pytest.raises(CommandError, match="No user is called 'personne'"):
        post(coverage.pk, "--text", "Résultats.", "--user", "personne")


def test_missing_text(coverage):
    with pytest.raises(CommandError, match="--text"):
        post(coverage.pk)


def test_unknown_action():
    with pytest.raises(CommandError, match="invalid choice: 'publish'"):
        call_command("live", "publish", "1")


def test_a_page_number_that_is_not_a_number_fails_in_the_shell():
    # As a script meets it: a usage error on stderr and a non-zero exit, before any database.
    done = subprocess.run(
        [MANCHETTE, "live", "post", "abc", "--text", "Résultats."],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "argument ID: invalid int value: 'abc'" in done.stderr
