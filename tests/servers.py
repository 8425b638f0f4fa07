"""Real manchette servers for the tests that need one: free ports, start, wait, stop.

Used by the browser tests and the shared-cache tests; each starts
``manchette serve`` as a reader meets it (granian, WhiteNoise, the page
cache) in its own process group, so that granian's workers stop with it.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MANCHETTE = Path(sys.executable).parent / "manchette"
PORTS = range(8200, 8300)
STARTUP_SECONDS = 30


def free_port(taken=()):
    """A port nothing listens on, other than those in ``taken`` (given to servers not up yet)."""
    for port in PORTS:
        if port in taken:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"No free port in {PORTS.start}–{PORTS.stop - 1} for a test server.")


def manchette(env, *args):
    """Run a manchette command with a test server's settings; on failure, show its errors."""
    done = subprocess.run(
        [MANCHETTE, *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        pytest.fail(f"`manchette {' '.join(args)}` failed:\n{done.stderr}", pytrace=False)
    return done.stdout


def wait_until_serving(server, origin, log, what="`manchette serve`"):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"{what} stopped:\n{log.read_text()}", pytrace=False)
        try:
            with urllib.request.urlopen(origin + "/", timeout=2):  # noqa: S310 (our own server)
                return
        except OSError:  # refused or reset while the server starts
            time.sleep(0.2)
    pytest.fail(f"{what} did not answer in {STARTUP_SECONDS} s:\n{log.read_text()}", pytrace=False)


@contextmanager
def running(command, env, log, origin, what="`manchette serve`"):
    """Run a server until the block ends; it must answer at ``origin`` first."""
    with log.open("w") as output:
        server = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_serving(server, origin, log, what)
        yield server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def serving(env, port, log, *options):
    """``manchette serve --no-clock`` with one worker on 127.0.0.1:port."""
    command = [MANCHETTE, "serve", "--no-clock", "--workers", "1", "--port", str(port), *options]
    return running(command, env, log, f"http://127.0.0.1:{port}")
