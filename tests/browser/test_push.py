"""A reader turns alerts on from a section page in Chromium, gets one, sees it, stops them.

Chromium's own push service is on the vendor's servers, which these machines
cannot reach: the page's ``pushManager.subscribe()`` is replaced by one that
hands back a subscription at the tests' push service (with keys the test
holds), and records the options it was called with. Everything else is the
real thing: the permission, the service worker, the site's script, its
posts, the task worker sending the alert, and the service worker showing it.
"""

import base64
import json
import time

import pytest
from playwright.sync_api import expect

from tests.push.pushservice import PushService

pytestmark = pytest.mark.browser

FAKE_PUSH_SERVICE = """
(() => {
  const subscription = %s;
  const stored = () => localStorage.getItem("test-push-subscribed") === "1";
  const handle = {
    endpoint: subscription.endpoint,
    toJSON: () => subscription,
    unsubscribe: async () => { localStorage.removeItem("test-push-subscribed"); return true; },
  };
  PushManager.prototype.subscribe = async function (options) {
    const key = new Uint8Array(options.applicationServerKey);
    localStorage.setItem("test-push-key", btoa(String.fromCharCode(...key)));
    localStorage.setItem("test-push-subscribed", "1");
    return handle;
  };
  PushManager.prototype.getSubscription = async function () {
    return stored() ? handle : null;
  };
})();
"""


@pytest.fixture
def push_service():
    service = PushService()
    yield service
    service.close()


@pytest.fixture
def reader_tab(open_tab, push_service):
    tab = open_tab(permissions=["notifications"], locale="fr-BE")
    reader = push_service.browser("chromium")
    tab.add_init_script(FAKE_PUSH_SERVICE % json.dumps(reader.subscription()))
    yield tab, reader
    tab.context.close()


def send_alert(served_site, section_path, text):
    """An editor's alert to the section's followers, queued for the server's task worker."""
    served_site.command(
        "shell",
        "--command",
        "from wagtail.models import Page; from manchette.push.send import queue_alert; "
        f"page = Page.objects.get(url_path__endswith={section_path!r}); "
        f"queue_alert(title='Alerte', text={text!r}, url=page.url, "
        "topics=[f'page-{page.pk}'], replaces=f'page-{page.pk}')",
    )


def open_follow_link(tab, served_site):
    tab.goto(served_site.url("section"))
    tab.get_by_role("link", name="Recevoir les alertes de cette rubrique").click()
    expect(tab.locator(".follow-status")).not_to_be_empty()


def test_a_reader_follows_a_section_in_one_click_and_gets_its_alert(
    reader_tab, served_site, push_service
):
    tab, reader = reader_tab
    open_follow_link(tab, served_site)
    expect(tab.locator(".follow-status")).to_have_text(
        "Alertes activées : vous serez prévenu sur cet appareil."
    )
    server_key = tab.evaluate("fetch('/push/key/').then((r) => r.json()).then((a) => a.key)")
    given = tab.evaluate("localStorage.getItem('test-push-key')")
    assert base64.b64decode(given) == base64.urlsafe_b64decode(server_key + "=")

    send_alert(served_site, served_site.pages["section"], "Le gouvernement est tombé.")
    [message] = push_service.wait_for(1)
    alert = reader.read(message)
    assert alert["title"] == "Alerte"
    assert alert["body"] == "Le gouvernement est tombé."
    assert alert["url"].endswith(served_site.pages["section"])


def test_the_service_worker_shows_an_alert_and_nothing_else_is_needed(reader_tab, served_site):
    tab, _reader = reader_tab
    open_follow_link(tab, served_site)
    cdp = tab.context.new_cdp_session(tab)
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrations.extend(e["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + 5
    while not registrations and time.monotonic() < deadline:
        tab.wait_for_timeout(100)
    [registration] = [r for r in registrations if r["scopeURL"] == served_site.origin + "/"]
    # A message delivered to a worker still installing is dropped: wait until it is active.
    tab.evaluate("async () => { await navigator.serviceWorker.ready; }")
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": served_site.origin,
            "registrationId": registration["registrationId"],
            "data": json.dumps({"title": "Alerte info", "body": "Séisme", "url": "/", "tag": "t"}),
        },
    )
    shown = tab.evaluate(
        """async () => {
            const registration = await navigator.serviceWorker.ready;
            for (let tries = 0; tries < 100; tries++) {
                const shown = await registration.getNotifications();
                if (shown.length) return shown.map((n) => [n.title, n.body, n.tag]);
                await new Promise((wait) => setTimeout(wait, 100));
            }
            return [];
        }"""
    )
    assert shown == [["Alerte info", "Séisme", "t"]]


def test_the_alerts_page_shows_what_is_followed_and_stops_it(reader_tab, served_site):
    tab, _reader = reader_tab
    open_follow_link(tab, served_site)

    tab.goto("/alertes/")
    expect(tab.locator(".push-unsupported")).to_be_hidden()
    breaking = tab.get_by_role("checkbox", name="Alerte info")
    expect(breaking).not_to_be_checked()
    expect(tab.locator("input[name=topic]:checked")).to_have_count(1)
    breaking.check()
    tab.get_by_label("De", exact=True).fill("22:00")
    tab.get_by_label("à", exact=True).fill("07:00")
    tab.get_by_role("button", name="Enregistrer mes alertes").click()
    expect(tab.locator(".push-status")).to_have_text(
        "Enregistré : vos alertes sur cet appareil sont à jour."
    )

    tab.reload()
    expect(tab.locator("input[name=topic]:checked")).to_have_count(2)
    expect(tab.get_by_label("De", exact=True)).to_have_value("22:00")
    tab.get_by_role("button", name="Arrêter toutes les alertes").click()
    expect(tab.locator(".push-status")).to_have_text(
        "Arrêté : cet appareil ne recevra plus d’alertes."
    )
    tab.reload()
    expect(tab.locator("input[name=topic]:checked")).to_have_count(0)
