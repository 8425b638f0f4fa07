"""The newsroom desk on the admin's dashboard: what waits for an editor, and where to act."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from manchette.comments.models import Comment
from manchette.listen.models import ArticleAudio
from manchette.wire.models import Receipt
from tests import factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    """Two of everything that waits, and one of each that does not."""
    article = factory.article()
    for status in (Comment.Status.HELD, Comment.Status.HELD, Comment.Status.PUBLISHED):
        Comment.objects.create(article=article, name="Lectrice", text="Bonjour", status=status)
    for status in (
        Receipt.Status.QUARANTINED,
        Receipt.Status.QUARANTINED,
        Receipt.Status.PROCESSED,
    ):
        Receipt.objects.create(transport=Receipt.Transport.CLI, raw=b"<x/>", status=status)
    for status in (
        ArticleAudio.Status.FAILED,
        ArticleAudio.Status.FAILED,
        ArticleAudio.Status.READY,
    ):
        # Publishing queues the article's reading: its audio row is there already.
        ArticleAudio.objects.update_or_create(
            article=factory.article(headline=f"Lue {status}"), defaults={"status": status}
        )
    for hours in (2, 1):
        factory.scheduled_article(
            headline=f"Dans {hours} h", go_live_at=timezone.now() + timedelta(hours=hours)
        )
    factory.article(headline="Déjà en ligne")


def desk_lines(client):
    """Each line of the desk panel: its label, count and links, as an editor reads them."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = re.search(r'id="newsroom-desk-section".*?</table>', html, re.S)
    assert panel, "no newsroom desk on the dashboard"
    lines = {}
    for row in re.findall(r"<tr>(.*?)</tr>", panel.group(), re.S)[1:]:
        label, count, act = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        lines[label.strip()] = (int(count), re.findall(r'href="([^"]+)"[^>]*>([^<]+)<', act))
    return lines


def test_the_desk_counts_what_waits_and_links_to_where_to_act(admin_client, desk):
    lines = desk_lines(admin_client)
    scheduled_count, scheduled_links = lines["Articles programmés"]
    assert scheduled_count == 2
    assert [title for _, title in scheduled_links] == ["Dans 1 h", "Dans 2 h"]
    assert lines["Commentaires en attente de modération"] == (
        2,
        [("/admin/comments/?status=held", "Modérer")],
    )
    assert lines["Arrivées du fil en quarantaine"] == (
        2,
        [("/admin/wire/receipts/?status=quarantined", "Examiner et relancer")],
    )
    assert lines["Lectures audio en échec"] == (
        2,
        [("/admin/listen/audio/?status=failed", "Voir les erreurs")],
    )


def test_every_link_of_the_desk_opens(admin_client, desk):
    for _, links in desk_lines(admin_client).values():
        for url, _ in links:
            assert admin_client.get(url.replace("&amp;", "&")).status_code == 200, url


def test_the_desk_shows_only_what_an_editor_may_act_on(client, django_user_model, desk):
    editor = django_user_model.objects.create_user("pigiste", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    lines = desk_lines(client)
    assert "Commentaires en attente de modération" not in lines
    assert "Arrivées du fil en quarantaine" not in lines
    assert lines["Articles programmés"][0] == 2


def test_an_empty_desk_says_zero(admin_client):
    factory.article()
    lines = desk_lines(admin_client)
    assert {label: count for label, (count, _) in lines.items()} == dict.fromkeys(lines, 0)
