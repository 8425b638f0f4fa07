"""Several real ``manchette serve`` nodes on shared PostgreSQL, Redis and object storage.

A ``Cluster`` is what a deployment of several application nodes looks like:
one PostgreSQL database (created for the run, dropped after), one Redis
database, one bucket on a local S3-compatible server (moto), a drop folder
all watchers share, and for each node its own ``MANCHETTE_VAR_DIR``, port
and log. Each node runs ``manchette serve`` with its clock, task worker and
wire watcher, under ``manchette.settings.production`` read from the
environment (``tests/nodes/settings.py``), as docs/deploy.md describes.

With ``varnish=True`` the shipped Varnish configuration
(``deploy/varnish/manchette.vcl``, xkey) is in front too, its backend made
a round-robin director over the nodes, and every node purges it
(``MANCHETTE_VARNISH_URLS``), as docs/cache.md describes. More nodes:
``start(names=...)``.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import psycopg
import redis

from tests import objectstore

REPO = Path(__file__).resolve().parents[2]
MANCHETTE = Path(sys.executable).parent / "manchette"
STARTUP_SECONDS = 60
# A Redis database of the cluster's own, emptied at each start.
REDIS_URL = os.environ.get("MANCHETTE_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
SETTINGS = "tests.nodes.settings"
VARNISHD = shutil.which("varnishd", path=f"{os.environ.get('PATH', '')}:/usr/sbin")
VCL = REPO / "deploy" / "varnish" / "manchette.vcl"
SHIPPED_BACKEND = re.compile(r"^backend manchette \{.*?^\}\n", re.M | re.S)


class ClusterError(AssertionError):
    """A node or a step of the set-up failed; the message carries its output."""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(server_url, name):
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@dataclass
class Answer:
    status: int
    headers: httpx.Headers
    body: bytes


def get(origin, path, headers=None, timeout=10):
    """GET a path on a server; any status is returned, not raised."""
    response = httpx.get(origin + path, headers=headers, timeout=timeout)
    return Answer(response.status_code, response.headers, response.content)


def stop_group(process, wait=5):
    """Stop a process started in a session of its own, with its children."""
    if process is None:
        return
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@dataclass
class Server:
    """A server the harness runs: its address, its log, its process once started."""

    origin: str
    log: Path
    process: subprocess.Popen | None = field(default=None, kw_only=True)

    def get(self, path, headers=None, timeout=10):
        return get(self.origin, path, headers, timeout)


@dataclass
class Node(Server):
    """One application node: with its environment and its own folder."""

    name: str
    env: dict
    var_dir: Path

    def command(self, *args):
        """Run a manchette command with this node's settings; its output."""
        done = subprocess.run(
            [MANCHETTE, *args], cwd=REPO, env=self.env, capture_output=True, text=True
        )
        if done.returncode:
            raise ClusterError(f"`manchette {' '.join(args)}` on {self.name}:\n{done.stderr}")
        return done.stdout

    def shell(self, code):
        return self.command("shell", "--verbosity", "0", "--command", code)

    def serve(self):
        with self.log.open("w") as output:
            self.process = subprocess.Popen(
                [
                    MANCHETTE,
                    "serve",
                    "--workers",
                    "1",
                    "--port",
                    str(urlsplit(self.origin).port),
                ],
                cwd=REPO,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                # Its own process group: granian's workers and the helpers stop with it.
                start_new_session=True,
            )

    def wait_until_serving(self):
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ClusterError(f"node {self.name} stopped:\n{self.log.read_text()}")
            try:
                self.get("/", timeout=2)
                return
            except httpx.TransportError:  # refused or reset while granian starts
                time.sleep(0.2)
        raise ClusterError(f"node {self.name} did not answer:\n{self.log.read_text()}")

    def terminate(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)

    def wait_or_kill(self):
        stop_group(self.process)


def varnish_vcl(backend_ports):
    """The shipped configuration, its one backend made a round-robin director over these."""
    shipped = VCL.read_text()
    if not SHIPPED_BACKEND.search(shipped):
        raise ClusterError(f"{VCL} no longer has its `backend manchette {{…}}` block.")
    backends = "".join(
        f'backend node_{n} {{\n    .host = "127.0.0.1";\n    .port = "{port}";\n}}\n'
        for n, port in enumerate(backend_ports)
    )
    added = "".join(f"    nodes.add_backend(node_{n});\n" for n in range(len(backend_ports)))
    # The shipped file sets no backend in its subroutines: the director chooses each fetch.
    director = (
        f"\nsub vcl_init {{\n    new nodes = directors.round_robin();\n{added}}}\n"
        "\nsub vcl_backend_fetch {\n    set bereq.backend = nodes.backend();\n}\n"
    )
    return (
        SHIPPED_BACKEND.sub(backends, shipped).replace(
            "import xkey;\n", "import xkey;\nimport directors;\n", 1
        )
        + director
    )


@dataclass
class Varnish(Server):
    """varnishd with the shipped configuration in front of some backends; its own folder."""

    folder: Path

    def serve(self, backend_ports, memory="64m"):
        self.folder.mkdir(parents=True, exist_ok=True)
        vcl = self.folder / "manchette.vcl"
        vcl.write_text(varnish_vcl(backend_ports))
        command = [
            *(VARNISHD, "-F", "-j", "none", "-n", str(self.folder / "work")),
            *("-a", urlsplit(self.origin).netloc, "-f", str(vcl), "-s", f"malloc,{memory}"),
        ]
        with self.log.open("w") as output:
            self.process = subprocess.Popen(
                command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )

    def wait_until_serving(self):
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ClusterError(f"varnishd stopped:\n{self.log.read_text()}")
            try:
                answer = self.get("/", timeout=2)
            except httpx.TransportError:
                time.sleep(0.2)
                continue
            if "X-Varnish" not in answer.headers:
                raise ClusterError(f"{self.origin} is another server than varnishd.")
            return
        raise ClusterError(f"varnishd did not answer:\n{self.log.read_text()}")

    def stop(self):
        stop_group(self.process)


def varnish_in_front_of(answer, folder, name="varnish"):
    """The shipped Varnish before a scripted origin: ``answer(handler)`` writes each GET's
    answer (http.server's handler). Returns the Varnish, serving, and the origin's server."""

    class Origin(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            answer(self)

        def log_message(self, *args):
            pass

    origin = ThreadingHTTPServer(("127.0.0.1", 0), Origin)
    threading.Thread(target=origin.serve_forever, daemon=True).start()
    cache = Varnish(
        origin=f"http://127.0.0.1:{free_port()}", log=folder / f"{name}.log", folder=folder / name
    )
    cache.serve([origin.server_address[1]])
    try:
        cache.wait_until_serving()
    except ClusterError:
        origin.shutdown()
        raise
    return cache, origin


@dataclass
class Cluster:
    database_url: str
    s3_endpoint: str
    bucket: str
    drop_dir: Path
    redis_url: str = REDIS_URL
    nodes: list = field(default_factory=list)
    varnish: Varnish | None = None

    def __getitem__(self, name):
        return next(node for node in self.nodes if node.name == name)

    def sql(self, query, params=()):
        """Rows of a query on the shared database, as the test sees it from outside."""
        with psycopg.connect(self.database_url, autocommit=True) as connection:
            return connection.execute(query, params).fetchall()

    def bucket_keys(self, prefix=""):
        return [
            key
            for key in objectstore.bucket_keys(self.s3_endpoint, self.bucket)
            if key.startswith(prefix)
        ]

    def logs(self):
        return {node.name: node.log.read_text() for node in self.nodes}

    def wait_for(self, what, check, timeout=90, every=0.5):
        """Poll ``check()`` until it returns something true; fail with the nodes' logs."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = check()
            if found:
                return found
            time.sleep(every)
        logs = "\n".join(f"--- {name}\n{text[-4000:]}" for name, text in self.logs().items())
        raise ClusterError(f"Waited {timeout} s for {what}.\n{logs}")


def node_env(name, folder, cluster, port, settings):
    var_dir = folder / name
    varnish = {"MANCHETTE_VARNISH_URLS": cluster.varnish.origin} if cluster.varnish else {}
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "PYTHONPATH": str(REPO),
        "SECRET_KEY": "manchette-nodes-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "HTTPS": "0",
        "DATABASE_URL": cluster.database_url,
        "REDIS_URL": cluster.redis_url,
        "MANCHETTE_VAR_DIR": str(var_dir),
        "MANCHETTE_TEST_DROP_DIR": str(cluster.drop_dir),
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        # Mail is not what these tests are about; production wants an SMTP address.
        "EMAIL_URL": "smtp://127.0.0.1:2525",
        "AWS_STORAGE_BUCKET_NAME": cluster.bucket,
        "AWS_S3_ENDPOINT_URL": cluster.s3_endpoint,
        **objectstore.CREDENTIALS,
        **varnish,
    }


def start(
    folder,
    server_url,
    s3_endpoint,
    names=("a", "b"),
    varnish=False,
    settings=SETTINGS,
    redis_url=REDIS_URL,
):
    """Create the database and bucket, prepare each node, serve them all; returns the Cluster.

    ``server_url`` is a PostgreSQL address (any database on the server): the
    cluster's own database is created beside it. ``varnish``: the shipped
    Varnish in front of the nodes too (``cluster.varnish``). ``settings``:
    the nodes' settings module; ``redis_url``: a Redis database the cluster
    may empty.
    """
    name = f"manchette_nodes_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    cluster = Cluster(
        database_url=database_url(server_url, name),
        s3_endpoint=s3_endpoint,
        bucket=objectstore.new_bucket(s3_endpoint),
        drop_dir=folder / "shared-wire",
        redis_url=redis_url,
    )
    cluster.drop_dir.mkdir()
    # A new database starts its ids again at 1: what an earlier run cached under the
    # same ids (renditions of image 1 …) must not be found in Redis.
    redis.Redis.from_url(redis_url).flushdb()
    if varnish:
        cluster.varnish = Varnish(
            origin=f"http://127.0.0.1:{free_port()}",
            log=folder / "varnish.log",
            folder=folder / "varnish",
        )
    for node_name in names:
        port = free_port()
        cluster.nodes.append(
            Node(
                origin=f"http://127.0.0.1:{port}",
                log=folder / f"{node_name}.log",
                name=node_name,
                env=node_env(node_name, folder, cluster, port, settings),
                var_dir=folder / node_name,
            )
        )
    try:
        prepare_and_serve(cluster)
    except BaseException:
        stop(cluster, server_url)
        raise
    return cluster


def prepare_and_serve(cluster):
    first = cluster.nodes[0]
    # Static files touch no database: collect them (once, then copied to each node's own
    # folder, compressing them is the slow part) while the database migrates.
    collecting = subprocess.Popen(
        [MANCHETTE, "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=REPO,
        env=first.env,
        stderr=subprocess.PIPE,
        text=True,
    )
    first.command("migrate", "--noinput", "--verbosity", "0")
    _, errors = collecting.communicate()
    if collecting.returncode:
        raise ClusterError(f"collectstatic failed:\n{errors}")
    for node in cluster.nodes[1:]:
        shutil.copytree(first.var_dir / "static", node.var_dir / "static")
    for node in cluster.nodes:
        node.serve()
    if cluster.varnish:
        cluster.varnish.serve([urlsplit(node.origin).port for node in cluster.nodes])
    for node in cluster.nodes:
        node.wait_until_serving()
    if cluster.varnish:
        cluster.varnish.wait_until_serving()


def stop(cluster, server_url):
    # All at once: each node's helpers take a few seconds to finish their round.
    for node in cluster.nodes:
        node.terminate()
    for node in cluster.nodes:
        node.wait_or_kill()
    if cluster.varnish:
        cluster.varnish.stop()
    name = urlsplit(cluster.database_url).path.lstrip("/")
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    for node in cluster.nodes:
        shutil.rmtree(node.var_dir, ignore_errors=True)
