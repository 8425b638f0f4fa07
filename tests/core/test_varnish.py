"""The shipped Varnish configuration in front of two real manchette servers.

Varnish (``deploy/varnish/manchette.vcl``, xkey) runs in front of node A;
nodes A and B share one SQLite database and hear purges through the real
Redis. Articles change through Django in a separate process
(``manchette shell``), as an editor's publication would, and both Varnish
and node B must show the new state within a second of it. The two nodes,
separate processes, must also give one page version one ETag.
"""

import json
import os
import re
import shutil
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest

from tests.servers import REPO, free_port, manchette, running, serving

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VCL = REPO / "deploy" / "varnish" / "manchette.vcl"
REDIS_URL = "redis://127.0.0.1:6379/0"
SEED = """
import json
from tests import factory
home = factory.home()
articles = {
    "cached": factory.article(headline="Premier titre", tags=["Syrie"]),
    "changed": factory.article(headline="Titre avant", in_section=factory.section("Sport")),
    "etag": factory.article(headline="Même titre", in_section=factory.section("Culture")),
    "unpublished": factory.article(headline="Retiré", in_section=factory.section("Politique")),
}
print(json.dumps({name: {"id": page.pk, "url": page.url} for name, page in articles.items()}))
"""
CHANGE = """
from manchette.newsroom.models import ArticlePage
page = ArticlePage.objects.get(pk={id})
{change}
"""


@dataclass
class Site:
    varnish: str
    node_a: str
    node_b: str
    articles: dict
    env: dict

    def change(self, name, change):
        """Change an article through Django, in a process of its own."""
        code = CHANGE.format(id=self.articles[name]["id"], change=change)
        manchette(self.env, "shell", "--verbosity", "0", "--command", code)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not os.path.exists(VARNISHD):
        pytest.skip("varnishd is not installed (apt-get install varnish varnish-modules)")
    folder = tmp_path_factory.mktemp("shared-cache")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.core.served_settings",
        "MANCHETTE_BROWSER_DIR": str(folder),
        "PYTHONPATH": str(REPO),
        "MANCHETTE_PURGE_REDIS_URL": REDIS_URL,
    }
    manchette(env, "migrate", "--noinput", "--verbosity", "0")
    articles = json.loads(manchette(env, "shell", "--verbosity", "0", "--command", SEED))
    # Ports are chosen last: other test runs on this machine start servers too.
    ports = {}
    for name in ("varnish", "a", "b"):
        ports[name] = free_port(taken=ports.values())
    env["MANCHETTE_VARNISH_URLS"] = site_origin(ports["varnish"])
    # The shipped configuration, pointed at node A.
    vcl = folder / "manchette.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{ports["a"]}";'))
    varnishd = [
        *(VARNISHD, "-F", "-j", "none", "-n", str(folder / "varnish")),
        *("-a", f"127.0.0.1:{ports['varnish']}", "-f", str(vcl), "-s", "malloc,32m"),
    ]
    # Each node has a page cache folder of its own, as on two machines.
    node = {name: {**env, "MANCHETTE_PAGE_CACHE_DIR": str(folder / name)} for name in "ab"}
    with (
        serving(node["a"], ports["a"], folder / "a.log", "--no-worker"),
        serving(node["b"], ports["b"], folder / "b.log", "--no-worker"),
        running(varnishd, env, folder / "varnish.log", site_origin(ports["varnish"]), "varnishd"),
    ):
        if "X-Varnish" not in fetch(site_origin(ports["varnish"]) + "/")[1]:
            pytest.fail(f"Port {ports['varnish']} was taken by another server before varnishd.")
        yield Site(
            varnish=site_origin(ports["varnish"]),
            node_a=site_origin(ports["a"]),
            node_b=site_origin(ports["b"]),
            articles=articles,
            env=env,
        )


def site_origin(port):
    return f"http://127.0.0.1:{port}"


def fetch(url, method="GET", **headers):
    """(status, headers, body) of a request with these headers."""
    request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (test servers)
            return answer.status, answer.headers, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def within_a_second(check):
    """Whether check() comes true within one second."""
    deadline = time.monotonic() + 1.0
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def language_of(body):
    return re.search(r'<html lang="([a-z]+)"', body).group(1)


def test_anonymous_pages_are_kept(site):
    url = site.varnish + site.articles["cached"]["url"]
    first = fetch(url)
    second = fetch(url)
    assert (first[0], second[0]) == (200, 200)
    assert second[1]["X-Cache"] == "hit"
    assert second[2] == first[2]
    # Browsers still ask every time; only the shared cache keeps it.
    assert "max-age=0" in second[1]["Cache-Control"]
    assert "s-maxage=" in second[1]["Cache-Control"]
    assert second[1]["Vary"] == "Accept-Language"
    assert "Surrogate-Key" not in second[1] and "xkey" not in second[1]


def test_each_language_has_its_own_copy(site):
    url = site.varnish + site.articles["cached"]["url"]
    by_header = [fetch(url, **{"Accept-Language": "nl-BE,nl;q=0.9,fr;q=0.8"}) for _ in range(2)]
    by_cookie = [fetch(url, Cookie="_ga=1; manchette_language=de") for _ in range(2)]
    default = fetch(url, **{"Accept-Language": "es"})
    assert [language_of(body) for _, _, body in by_header] == ["nl", "nl"]
    assert [language_of(body) for _, _, body in by_cookie] == ["de", "de"]
    assert language_of(default[2]) == "fr"
    assert by_header[1][1]["X-Cache"] == by_cookie[1][1]["X-Cache"] == "hit"


def test_a_language_cookie_wins_over_the_browser_s_language(site):
    url = site.varnish + site.articles["cached"]["url"]
    fetch(url, **{"Accept-Language": "de"})
    answer = fetch(url, **{"Accept-Language": "de", "Cookie": "manchette_language=en"})
    assert language_of(answer[2]) == "en"


@pytest.mark.parametrize("cookie", ["sessionid=abc", "manchette_commenter=abc"])
def test_editors_and_commenters_are_passed_through(site, cookie):
    url = site.varnish + site.articles["cached"]["url"]
    fetch(url)
    assert fetch(url, Cookie=f"manchette_language=fr; {cookie}")[1]["X-Cache"] == "pass"


def test_a_purge_must_name_its_keys(site):
    # From 127.0.0.1, which the shipped list of purgers allows.
    assert fetch(site.varnish + "/", method="PURGE")[0] == 400


def test_a_publication_reaches_varnish_and_every_node_within_a_second(site):
    path = site.articles["changed"]["url"]
    for origin in (site.varnish, site.node_b):
        fetch(origin + path)
    assert fetch(site.varnish + path)[1]["X-Cache"] == "hit"
    site.change("changed", "page.title = 'Titre après'\npage.save_revision().publish()")
    for origin in (site.varnish, site.node_b):
        assert within_a_second(lambda origin=origin: "Titre après" in fetch(origin + path)[2])


def test_an_unpublished_article_is_gone_everywhere_within_a_second(site):
    path = site.articles["unpublished"]["url"]
    for origin in (site.varnish, site.node_b):
        assert fetch(origin + path)[0] == 200
    site.change("unpublished", "page.unpublish()")
    for origin in (site.varnish, site.node_b):
        assert within_a_second(lambda origin=origin: fetch(origin + path)[0] == 404)
    # Its "not found" is not kept either: published again, it is back at once.
    fetch(site.varnish + path)
    site.change("unpublished", "page.save_revision().publish()")
    for origin in (site.varnish, site.node_b):
        assert within_a_second(lambda origin=origin: fetch(origin + path)[0] == 200)


def test_one_page_has_one_etag_in_every_process(site):
    path = site.articles["etag"]["url"]
    on_a = fetch(site.node_a + path)
    time.sleep(1.1)  # the comment form's token now names another second
    on_b = fetch(site.node_b + path)
    token = re.compile(r'name="token" value="([^"]+)"')
    assert token.search(on_a[2]).group(1) != token.search(on_b[2]).group(1)
    assert on_a[1]["ETag"] == on_b[1]["ETag"]
    revalidated = fetch(site.node_b + path, **{"If-None-Match": on_a[1]["ETag"]})
    assert revalidated[0] == 304


def test_an_article_s_comments_are_kept_too(site):
    url = f"{site.varnish}/comments/api/{site.articles['cached']['id']}/"
    first, second = fetch(url), fetch(url)
    assert (first[0], second[1]["X-Cache"]) == (200, "hit")
    assert json.loads(second[2]) == json.loads(first[2])
