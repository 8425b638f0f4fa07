"""Alerts reach the browsers that follow them, encrypted, signed, and only once."""

from datetime import time, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone, translation

from manchette.core.conf import setting
from manchette.live import updates
from manchette.live.models import LiveUpdate
from manchette.push import send
from manchette.push.keys import application_server_key
from manchette.push.models import Alert, Subscription
from tests import factory

from .conftest import follow

pytestmark = pytest.mark.django_db


def topic(page):
    return f"page-{page.pk}"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editrice", "e@example.com", "x")
    client.force_login(user)
    return user


def alert_form(page, *topics, **fields):
    return {
        "page": page.pk,
        "title": "Alerte",
        "text": "Le gouvernement est tombé.",
        "topics": list(topics),
        "urgency": "high",
        **fields,
    }


def send_from_admin(client, capture, page, *topics, **fields):
    with capture(execute=True):
        response = client.post(
            reverse("push_compose"), {**alert_form(page, *topics, **fields), "send": ""}
        )
    assert response.status_code == 302, response.content
    return Alert.objects.latest("pk")


def test_the_preview_shows_the_alert_and_its_reach_before_anything_is_sent(
    client, editor, subscribe, sections, push_service
):
    monde, sport = sections
    subscribe(follow(push_service.browser("a"), topic(monde)))
    subscribe(follow(push_service.browser("b"), "breaking", topic(monde)))
    subscribe(follow(push_service.browser("c"), topic(sport)))
    response = client.post(
        reverse("push_compose"), {**alert_form(monde, topic(monde)), "preview": ""}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Le gouvernement est tombé." in page
    assert "2" in page.split('class="push-followers"')[1][:80]
    assert not Alert.objects.exists() and not push_service.received


def test_an_editors_alert_reaches_each_follower_encrypted_and_signed(
    client, editor, subscribe, sections, push_service, django_capture_on_commit_callbacks, settings
):
    monde, _sport = sections
    reader = push_service.browser("reader")
    subscribe(follow(reader, "breaking"))
    alert = send_from_admin(client, django_capture_on_commit_callbacks, monde, "breaking")
    [message] = push_service.to(reader)
    assert reader.read(message) == {
        "title": "Alerte",
        "body": "Le gouvernement est tombé.",
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + monde.url,
        "tag": topic(monde),
    }
    assert message.headers["ttl"] == str(setting("MANCHETTE_PUSH_TTL_SECONDS"))
    assert message.headers["urgency"] == "high"
    assert message.headers["topic"] == topic(monde)
    assert message.headers["content-encoding"] == "aes128gcm"
    assert message.vapid_key == application_server_key()
    assert message.vapid_claims["aud"] == push_service.origin
    assert message.vapid_claims["sub"].startswith("mailto:")
    assert message.vapid_claims["exp"] > timezone.now().timestamp()
    alert.refresh_from_db()
    assert (alert.status, alert.delivered, alert.sent_by) == ("sent", 1, editor)


def test_only_followers_of_the_chosen_topics_get_it(
    client, editor, subscribe, sections, push_service, django_capture_on_commit_callbacks
):
    monde, sport = sections
    both = push_service.browser("both")
    other = push_service.browser("other")
    subscribe(follow(both, "breaking", topic(monde)))
    subscribe(follow(other, topic(sport)))
    send_from_admin(client, django_capture_on_commit_callbacks, monde, "breaking", topic(monde))
    assert len(push_service.to(both)) == 1  # once, though it follows both topics
    assert push_service.to(other) == []


def test_a_newer_alert_on_the_same_page_replaces_the_waiting_one(
    client, editor, subscribe, sections, push_service, django_capture_on_commit_callbacks
):
    monde, _sport = sections
    phone = push_service.browser("offline-phone")
    subscribe(follow(phone, topic(monde)))
    send_from_admin(client, django_capture_on_commit_callbacks, monde, topic(monde))
    send_from_admin(
        client, django_capture_on_commit_callbacks, monde, topic(monde), text="Le roi consulte."
    )
    [waiting] = push_service.waiting[phone.endpoint.removeprefix(push_service.origin)]
    assert phone.read(waiting)["body"] == "Le roi consulte."


@pytest.mark.parametrize("status", [404, 410])
def test_endpoints_the_push_service_no_longer_knows_are_removed(
    status, client, editor, subscribe, sections, push_service, django_capture_on_commit_callbacks
):
    monde, _sport = sections
    gone, kept = push_service.browser("gone"), push_service.browser("kept")
    subscribe(follow(gone, "breaking"))
    subscribe(follow(kept, "breaking"))
    push_service.answers[gone.endpoint.removeprefix(push_service.origin)] = status
    alert = send_from_admin(client, django_capture_on_commit_callbacks, monde, "breaking")
    assert list(Subscription.objects.values_list("endpoint", flat=True)) == [kept.endpoint]
    alert.refresh_from_db()
    assert (alert.delivered, alert.removed, alert.failed) == (1, 1, 0)


def test_a_failing_push_service_is_counted_and_the_subscription_kept(
    client, editor, subscribe, sections, push_service, django_capture_on_commit_callbacks
):
    monde, _sport = sections
    reader = push_service.browser("busy")
    subscribe(follow(reader, "breaking"))
    push_service.answers[reader.endpoint.removeprefix(push_service.origin)] = 503
    alert = send_from_admin(client, django_capture_on_commit_callbacks, monde, "breaking")
    alert.refresh_from_db()
    assert (alert.delivered, alert.failed) == (0, 1)
    assert Subscription.objects.filter(endpoint=reader.endpoint).exists()


def test_an_endpoint_no_longer_allowed_is_not_sent_to(
    client, editor, subscribe, sections, push_service, django_capture_on_commit_callbacks, settings
):
    monde, _sport = sections
    reader = push_service.browser("later-refused")
    subscribe(follow(reader, "breaking"))
    settings.MANCHETTE_PUSH_ALLOW_LOOPBACK = False
    alert = send_from_admin(client, django_capture_on_commit_callbacks, monde, "breaking")
    alert.refresh_from_db()
    assert alert.failed == 1 and push_service.received == []


def test_readers_in_their_quiet_hours_are_skipped(
    client, editor, subscribe, sections, push_service, django_capture_on_commit_callbacks
):
    monde, _sport = sections
    now = timezone.localtime()
    sleeping, awake = push_service.browser("sleeping"), push_service.browser("awake")
    quiet = {
        "from": (now - timedelta(hours=1)).strftime("%H:%M"),
        "until": (now + timedelta(hours=1)).strftime("%H:%M"),
    }
    subscribe(follow(sleeping, "breaking", quiet=quiet))
    subscribe(follow(awake, "breaking"))
    alert = send_from_admin(client, django_capture_on_commit_callbacks, monde, "breaking")
    assert push_service.to(sleeping) == [] and len(push_service.to(awake)) == 1
    alert.refresh_from_db()
    assert alert.quiet == 1


@pytest.mark.parametrize(
    ("start", "end", "clock", "quiet"),
    [
        (time(22), time(7), time(23, 30), True),
        (time(22), time(7), time(6, 59), True),
        (time(22), time(7), time(7), False),
        (time(22), time(7), time(12), False),
        (time(13), time(14), time(13, 30), True),
        (time(13), time(14), time(14, 30), False),
    ],
)
def test_quiet_hours_may_span_midnight(start, end, clock, quiet):
    reader = Subscription(quiet_from=start, quiet_until=end)
    moment = timezone.make_aware(timezone.datetime.combine(timezone.localdate(), clock))
    assert send.in_quiet_hours(reader, moment) is quiet


def test_an_alert_goes_out_once_however_often_its_task_runs(
    client, editor, subscribe, sections, push_service, django_capture_on_commit_callbacks
):
    monde, _sport = sections
    reader = push_service.browser("once")
    subscribe(follow(reader, "breaking"))
    alert = send_from_admin(client, django_capture_on_commit_callbacks, monde, "breaking")
    send.send_alert.call(alert.pk)
    assert len(push_service.to(reader)) == 1


def test_editors_need_the_permission_to_send(client, sections, django_user_model):
    user = django_user_model.objects.create_user("pigiste", password="x")
    user.groups.add(Group.objects.get_or_create(name="Pigistes")[0])
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.post(reverse("push_compose"), alert_form(sections[0], "breaking"))
    assert response.status_code in (302, 403)
    assert not Alert.objects.exists()


def test_the_admin_refuses_an_alert_without_topics(client, editor, sections):
    response = client.post(reverse("push_compose"), {**alert_form(sections[0]), "send": ""})
    assert response.status_code == 200
    assert not Alert.objects.exists()


# Alerts made from the wire: a story of urgency 1, in each reader's language.


def publish(capture, section, **fields):
    with capture(execute=True):
        article = factory.article(in_section=section, published_at=timezone.now(), **fields)
    return article


def test_an_urgent_story_alerts_followers_of_breaking_news_and_of_its_section(
    subscribe, sections, push_service, django_capture_on_commit_callbacks, client, settings
):
    monde, sport = sections
    breaking, section_follower, other = (push_service.browser(n) for n in ("b", "s", "o"))
    subscribe(follow(breaking, "breaking"))
    subscribe(follow(section_follower, topic(monde)))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    subscribe(follow(other, topic(sport)))
    article = publish(
        django_capture_on_commit_callbacks, monde, headline="Le gouvernement démissionne", urgency=1
    )
    alerts = [
        reader.read(m) for reader in (breaking, section_follower) for m in push_service.to(reader)
    ]
    with translation.override("fr"):
        assert [alert["title"] for alert in alerts] == ["Alerte info", monde.name]
    assert {alert["body"] for alert in alerts} == {"Le gouvernement démissionne"}
    assert push_service.to(other) == []
    assert Alert.objects.get().page.pk == article.pk


def test_the_urgent_alert_speaks_the_readers_language(
    subscribe, sections, push_service, django_capture_on_commit_callbacks, client, settings
):
    monde, _sport = sections
    reader = push_service.browser("dutch")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    subscribe(follow(reader, "breaking"))
    publish(django_capture_on_commit_callbacks, monde, urgency=1)
    [message] = push_service.to(reader)
    with translation.override("nl"):
        assert reader.read(message)["title"] == translation.gettext("Breaking news")
    assert reader.read(message)["title"] != "Breaking news"


def test_less_urgent_stories_alert_nobody(
    subscribe, sections, push_service, django_capture_on_commit_callbacks
):
    monde, _sport = sections
    subscribe(follow(push_service.browser("r"), "breaking"))
    publish(django_capture_on_commit_callbacks, monde, urgency=2)
    assert push_service.received == [] and not Alert.objects.exists()


def test_a_new_version_of_an_urgent_story_does_not_alert_again(
    subscribe, sections, push_service, django_capture_on_commit_callbacks
):
    monde, _sport = sections
    subscribe(follow(push_service.browser("r"), "breaking"))
    article = publish(django_capture_on_commit_callbacks, monde, urgency=1)
    article.title = "Le gouvernement démissionne (nouvelle version)"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert len(push_service.received) == 1


def test_an_old_urgent_story_does_not_alert(
    subscribe, sections, push_service, django_capture_on_commit_callbacks
):
    monde, _sport = sections
    subscribe(follow(push_service.browser("r"), "breaking"))
    with django_capture_on_commit_callbacks(execute=True):
        factory.article(
            in_section=monde, urgency=1, published_at=timezone.now() - timedelta(days=2)
        )
    assert push_service.received == []


# A followed live page: its key events alert its followers.


def test_a_key_event_alerts_the_followers_of_its_live_page(
    subscribe, sections, push_service, django_capture_on_commit_callbacks
):
    coverage = factory.live_page(in_section=sections[0])
    follower, other = push_service.browser("follower"), push_service.browser("other")
    subscribe(follow(follower, topic(coverage)))
    subscribe(follow(other, "breaking"))
    with django_capture_on_commit_callbacks(execute=True):
        updates.post(
            coverage, LiveUpdate(title="La participation", body=factory.paragraphs("72 %"))
        )
        key_event = LiveUpdate(
            title="Premiers résultats",
            body=factory.paragraphs("Le parti sortant recule."),
            is_key_event=True,
        )
        updates.post(coverage, key_event)
    [message] = push_service.to(follower)
    alert = follower.read(message)
    assert alert["title"] == coverage.title
    assert alert["body"] == "Premiers résultats"
    assert alert["url"].endswith(key_event.get_url())
    assert message.headers["topic"] == topic(coverage)
    assert push_service.to(other) == []
