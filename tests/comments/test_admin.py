"""The moderation queue in the Wagtail admin: filters, search, bulk actions, bans."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from manchette.comments.models import Ban, Comment
from manchette.core.cache import purge_log_path
from tests import factory
from tests.comments.helpers import comment

# These tests read messages by their English wording.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

QUEUE = "/admin/comments/"


@pytest.fixture
def moderator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("moderator", "m@example.org"))
    return client


@pytest.fixture
def article():
    return factory.article()


def listed(response):
    """The comment ids in a page of the queue, as their checkboxes name them."""
    html = response.content.decode()
    return {c.pk for c in Comment.objects.all() if f'data-object-id="{c.pk}"' in html}


def bulk(client, action, *comments, **data):
    url = reverse("wagtail_bulk_action", args=["comments", "comment", action])
    query = "&".join(f"id={c.pk}" for c in comments)
    return client.post(f"{url}?{query}&next={QUEUE}", data)


def test_the_menu_leads_to_the_queue_and_the_bans(moderator):
    html = moderator.get("/admin/").content.decode()

    assert f'"{QUEUE}"' in html and f'"{QUEUE}bans/"' in html


def test_queue_lists_comments_newest_first(moderator, article):
    older = comment(article, created=datetime(2024, 1, 1, tzinfo=UTC), text="Le plus ancien")
    newer = comment(article, created=datetime(2024, 2, 1, tzinfo=UTC), text="Le plus récent")

    html = moderator.get(QUEUE).content.decode()

    assert html.index("Le plus récent") < html.index("Le plus ancien")
    assert {older.pk, newer.pk} <= listed(moderator.get(QUEUE))


def test_held_filter(moderator, article):
    held = comment(article, status=Comment.Status.HELD)
    comment(article)

    assert listed(moderator.get(QUEUE, {"status": "held"})) == {held.pk}


def test_spam_filter(moderator, article):
    spam = comment(article, status=Comment.Status.SPAM)
    comment(article)

    assert listed(moderator.get(QUEUE, {"status": "spam"})) == {spam.pk}


def test_flagged_filter(moderator, article):
    flagged = comment(article, flag_count=2)
    comment(article)

    assert listed(moderator.get(QUEUE, {"flagged": "true"})) == {flagged.pk}


def test_article_filter(moderator, article):
    other = factory.article(headline="Un autre article")
    mine = comment(article)
    comment(other)

    assert listed(moderator.get(QUEUE, {"article": article.pk})) == {mine.pk}


def test_date_filter(moderator, article):
    comment(article, created=datetime(2024, 1, 10, 12, tzinfo=UTC))
    in_range = comment(article, created=datetime(2024, 3, 10, 12, tzinfo=UTC))

    response = moderator.get(QUEUE, {"created_from": "2024-03-01", "created_to": "2024-03-31"})

    assert listed(response) == {in_range.pk}


def test_search_finds_name_text_and_email(moderator, article):
    by_name = comment(article, name="Hortense")
    by_text = comment(article, text="Une remarque sur les hortensias")
    by_email = comment(article, email="hortense@example.org", name="H.")
    comment(article, name="Personne", text="Rien à voir")

    assert listed(moderator.get(QUEUE, {"q": "hortens"})) == {by_name.pk, by_text.pk, by_email.pk}


def test_a_bad_filter_value_is_not_a_server_error(moderator, article):
    comment(article)

    response = moderator.get(QUEUE, {"article": "abc", "created_from": "not-a-date"})

    assert response.status_code == 200


def test_bulk_approve_confirms_first(moderator, article):
    held = comment(article, status=Comment.Status.HELD)
    url = reverse("wagtail_bulk_action", args=["comments", "comment", "approve"])

    response = moderator.get(f"{url}?id={held.pk}")

    assert response.status_code == 200 and "Yes, approve" in response.content.decode()
    held.refresh_from_db()
    assert held.status == Comment.Status.HELD


def test_bulk_approve_publishes_and_refreshes_the_article(
    moderator, article, django_capture_on_commit_callbacks
):
    first = comment(article, status=Comment.Status.HELD)
    second = comment(article, status=Comment.Status.HELD)
    with django_capture_on_commit_callbacks(execute=True):
        response = bulk(moderator, "approve", first, second)

    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.PUBLISHED}
    assert Comment.objects.get(pk=first.pk).moderated_by.username == "moderator"
    assert f"comments-{article.pk}" in purge_log_path().read_text()


def test_bulk_reject(moderator, article):
    target = comment(article)

    bulk(moderator, "reject", target)

    target.refresh_from_db()
    assert target.status == Comment.Status.REJECTED


def test_bulk_mark_spam(moderator, article):
    target = comment(article)

    bulk(moderator, "spam", target)

    target.refresh_from_db()
    assert target.status == Comment.Status.SPAM


def test_bulk_delete_removes_a_comment_without_replies(moderator, article):
    target = comment(article)

    bulk(moderator, "delete", target)

    assert not Comment.objects.filter(pk=target.pk).exists()


def test_bulk_delete_keeps_the_place_of_a_comment_with_replies(moderator, article):
    target = comment(article, name="Ada", email="ada@example.org", text="À effacer")
    reply = comment(article, parent=target, name="Bob")

    bulk(moderator, "delete", target)

    target.refresh_from_db()
    assert target.status == Comment.Status.DELETED
    assert (target.name, target.email, target.text) == ("", "", "")
    assert Comment.objects.get(pk=reply.pk).parent_id == target.pk


def test_bulk_ban_by_email_bans_and_marks_spam(moderator, article):
    target = comment(article, email="Troll@Example.org", ip_network="203.0.113.0/24")

    bulk(moderator, "ban", target, kinds=["email"], reason="Insultes", mark_spam="on")

    ban = Ban.objects.get()
    assert (ban.kind, ban.value, ban.reason) == (Ban.Kind.EMAIL, "troll@example.org", "Insultes")
    assert ban.created_by.username == "moderator"
    target.refresh_from_db()
    assert target.status == Comment.Status.SPAM


def test_bulk_ban_by_network(moderator, article):
    first = comment(article, ip_network="203.0.113.0/24")
    second = comment(article, ip_network="203.0.113.0/24")

    bulk(moderator, "ban", first, second, kinds=["network"])

    assert list(Ban.objects.values_list("kind", "value")) == [(Ban.Kind.NETWORK, "203.0.113.0/24")]
    first.refresh_from_db()
    assert first.status == Comment.Status.PUBLISHED  # mark_spam left unticked


def test_bulk_ban_without_a_choice_is_refused_with_a_message(moderator, article):
    target = comment(article, email="troll@example.org")

    response = bulk(moderator, "ban", target)

    assert response.status_code == 200 and "kinds" in response.context["form"].errors
    assert not Ban.objects.exists()


def test_ban_typed_by_hand_is_checked(moderator):
    url = reverse("comment_bans:add")

    response = moderator.post(url, {"kind": "network", "value": "not a network", "reason": ""})

    assert response.status_code == 200 and not Ban.objects.exists()
    moderator.post(url, {"kind": "network", "value": "203.0.113.77/24", "reason": ""})
    assert Ban.objects.get().value == "203.0.113.0/24"


def test_the_queue_has_no_add_page(moderator):
    assert moderator.get(f"{QUEUE}new/").status_code == 404


def test_a_reader_without_admin_access_is_refused(client, django_user_model, article):
    client.force_login(django_user_model.objects.create_user("reader", "r@example.org", "pw"))
    target = comment(article, status=Comment.Status.HELD)

    assert client.get(QUEUE).status_code in (302, 403)
    response = bulk(client, "approve", target)

    assert response.status_code in (302, 403)
    target.refresh_from_db()
    assert target.status == Comment.Status.HELD


def test_an_editor_without_the_comment_permission_cannot_moderate(
    client, django_user_model, article
):
    editor = django_user_model.objects.create_user("editor", "e@example.org", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    target = comment(article, status=Comment.Status.HELD)

    assert client.get(QUEUE).status_code in (302, 403)
    bulk(client, "approve", target)

    target.refresh_from_db()
    assert target.status == Comment.Status.HELD


def test_anonymous_visitors_are_sent_to_the_login_page(client, article):
    target = comment(article, status=Comment.Status.HELD)

    response = bulk(client, "approve", target)

    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    target.refresh_from_db()
    assert target.status == Comment.Status.HELD


def test_a_comment_opens_for_editing_and_inspection(moderator, article):
    target = comment(article, email="ada@example.org", ip_network="203.0.113.0/24")

    edit = moderator.get(reverse("comment_queue:edit", args=[target.pk]))
    inspect = moderator.get(reverse("comment_queue:inspect", args=[target.pk]))

    assert edit.status_code == 200 and inspect.status_code == 200
    assert "203.0.113.0/24" in inspect.content.decode()


def test_the_bans_are_listed(moderator):
    Ban.objects.create(kind=Ban.Kind.NETWORK, value="198.51.100.0/24", reason="Flood")

    response = moderator.get(f"{QUEUE}bans/")

    assert response.status_code == 200 and "198.51.100.0/24" in response.content.decode()
