"""The admin login and comment posts through a real nginx TLS proxy, as in docs/proxy.md.

nginx (Debian's nginx-light) ends TLS with a certificate made here and
forwards to ``manchette serve`` on production settings. Readers from
several networks are played by nginx's realip module: it takes the
reader's address from a header the test sets, as it would take it from the
network, and adds it to X-Forwarded-For.
"""

import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.certificates import self_signed

REPO = Path(__file__).resolve().parents[2]
MANCHETTE = Path(sys.executable).parent / "manchette"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PASSWORD = "un-mot-de-passe-long"  # noqa: S105 - the test's own administrator
ARTICLE = (
    "from tests import factory; from django.contrib.auth import get_user_model; "
    "get_user_model().objects.create_superuser('chef', 'chef@example.org', PASSWORD); "
    "print(factory.article().pk)"
).replace("PASSWORD", repr(PASSWORD))
READERS = ["198.51.100.7", "203.0.113.9", "192.0.2.44", "2001:db8:7::5"]

NGINX_CONF = """
daemon off;
master_process off;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    # The test plays readers from other networks: the address is taken from its header.
    set_real_ip_from 127.0.0.1;
    real_ip_header X-Test-Reader;
    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {folder}/cert.pem;
        ssl_certificate_key {folder}/key.pem;
{proxy}
    }}
}}
"""


def proxy_block(app_port):
    """The location block of docs/proxy.md, pointed at the test server."""
    text = (REPO / "docs" / "proxy.md").read_text()
    block = text.split("```nginx\n", 1)[1].split("```", 1)[0]
    location = block[block.index("    location / {") : block.rindex("}")].rstrip()
    return location.replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")


def free_ports(count):
    """Ports free now, all different: each probe stays bound until all are chosen."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def run(env, *args):
    done = subprocess.run([MANCHETTE, *args], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def wait_for(check, what, log, processes):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            pytest.fail(f"{what}: a process stopped:\n{log.read_text()}")
        try:
            if check():
                return
        except (OSError, httpx.HTTPError):
            pass
        time.sleep(0.2)
    pytest.fail(f"{what} did not start:\n{log.read_text()}")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.fail("This test needs nginx: apt-get install nginx-light", pytrace=False)
    folder = tmp_path_factory.mktemp("behind-nginx")
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / temp).mkdir()
    self_signed(folder, "127.0.0.1")
    app_port, tls_port = free_ports(2)
    origin = f"https://127.0.0.1:{tls_port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.core.nginx_settings",
        "MANCHETTE_TEST_DIR": str(folder),
        "PYTHONPATH": str(REPO),
        "SECRET_KEY": "behind-nginx-" + "k9Zr4" * 10,
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": origin,
        "EMAIL_URL": "smtp://127.0.0.1:2525",
        "MANCHETTE_TRUSTED_PROXIES": "127.0.0.1",
        "HTTPS": "1",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    run(env, "migrate", "--noinput", "--verbosity", "0")
    run(env, "collectstatic", "--noinput", "--verbosity", "0")
    article_id = int(run(env, "shell", "--verbosity", "0", "--command", ARTICLE))
    (folder / "nginx.conf").write_text(
        NGINX_CONF.format(folder=folder, port=tls_port, proxy=proxy_block(app_port))
    )
    log = folder / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [MANCHETTE, "serve", "--no-clock", "--no-worker", "--workers", "1",
             "--port", str(app_port)],
            cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        nginx = subprocess.Popen(
            [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")],
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    tls = ssl.create_default_context(cafile=folder / "cert.pem")
    try:
        running = (server, nginx)
        wait_for(
            lambda: socket.create_connection(("127.0.0.1", app_port)).close() is None,
            "manchette",
            log,
            running,
        )
        wait_for(
            lambda: httpx.get(origin + "/", verify=tls).status_code < 500, "nginx", log, running
        )
        yield {"origin": origin, "article": article_id, "tls": tls, "env": env}
    finally:
        stop(nginx)
        stop(server)


def reader(site, address):
    return httpx.Client(
        base_url=site["origin"], verify=site["tls"], headers={"X-Test-Reader": address}
    )


def post_comment(site, browser, text):
    article = site["article"]
    answer = browser.get(f"/comments/api/{article}/token/").json()
    return browser.post(
        f"/comments/api/{article}/",
        json={"token": answer["token"], "name": "Lucie", "text": text, "homepage": ""},
        headers={
            "X-CSRFToken": answer["csrf"],
            "Origin": site["origin"],
            "Sec-Fetch-Site": "same-origin",
        },
    )


def test_pages_through_the_proxy_carry_hsts(site):
    response = httpx.get(site["origin"] + "/", verify=site["tls"])
    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_admin_login_works_through_the_proxy(site):
    with reader(site, READERS[0]) as browser:
        form = browser.get("/admin/login/")
        assert form.status_code == 200
        csrf = browser.cookies["csrftoken"]
        answer = browser.post(
            "/admin/login/",
            data={"username": "chef", "password": PASSWORD,
                  "csrfmiddlewaretoken": csrf, "next": "/admin/"},
            headers={"Origin": site["origin"], "Referer": site["origin"] + "/admin/login/"},
        )  # fmt: skip
        assert answer.status_code == 302 and answer.headers["Location"] == "/admin/"
        assert browser.get("/admin/").status_code == 200


def test_readers_from_several_networks_have_their_own_limits(site):
    for address in READERS:
        with reader(site, address) as browser:
            for n in (1, 2):
                response = post_comment(site, browser, f"Avis {n} de {address}")
                assert response.status_code == 201, response.text
    with reader(site, READERS[0]) as browser:
        assert post_comment(site, browser, "Un de trop").status_code == 429
    with reader(site, "198.51.100.200") as neighbour:  # the same /24 as the first reader
        assert post_comment(site, neighbour, "Du même réseau").status_code == 429
