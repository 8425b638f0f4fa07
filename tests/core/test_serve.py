"""``manchette serve`` when its own processes die: real processes, killed for real.

A killed granian worker is replaced and the site keeps answering; a killed
helper is started again; a server killed with SIGKILL takes its workers and
helpers with it; SIGTERM waits for the task that is running, then stops
everything.
"""

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.processes import MANCHETTE, REPO, manchette, process_env, shared_database

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LINGER = """
from tests.serving_tasks import linger
linger.enqueue({path!r}, 6)
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid):
    """The live child processes of ``pid``: {pid: command line}."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if ppid == pid and state != "Z":
            found[int(entry.name)] = command
    return found


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def answers(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def wait_for(condition, seconds=60, what="the condition"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


# How each kind of child shows in its command line, the first match naming it.
KINDS = {
    "clock": "manchette.cli clock",
    "watch_wire": "manchette.cli watch_wire",
    "audio": "--queue-name audio",
    "worker": "manchette.cli db_worker",
    "tracker": "resource_tracker",
    "granian": "manchette serve",
}


def kinds(pid):
    """The server's children by kind: granian workers and each helper."""
    found = {}
    for child, command in children(pid).items():
        kind = next((name for name, mark in KINDS.items() if mark in command), command)
        found.setdefault(kind, []).append(child)
    return found


@pytest.fixture
def server(tmp_path):
    database = shared_database(tmp_path)
    port = free_port()
    env = process_env(database, MANCHETTE_WORKER_MEDIA=str(tmp_path / "media"))
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [MANCHETTE, "serve", "--port", str(port), "--workers", "2", "--stop-timeout", "30"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    process.port, process.env, process.database = port, env, database
    process.log = tmp_path / "serve.log"
    try:
        wait_for(lambda: answers(port), 90, "the server to answer")
        wait_for(lambda: len(kinds(process.pid).get("granian", [])) == 2, 30, "two workers")
        yield process
    finally:
        everyone = [process.pid, *children(process.pid)]
        for pid in everyone:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait()


def test_a_killed_worker_is_replaced_and_the_site_keeps_answering(server):
    before = kinds(server.pid)["granian"]
    os.kill(before[0], signal.SIGKILL)
    # The other worker answers meanwhile (a connection the dead one had accepted may fail).
    wait_for(lambda: answers(server.port), 10, "the other worker to answer")
    replaced = wait_for(
        lambda: len(now := kinds(server.pid).get("granian", [])) == 2 and before[0] not in now,
        60,
        "a new worker",
    )
    assert replaced and server.poll() is None
    assert answers(server.port) is not None


@pytest.mark.parametrize("helper", ["clock", "watch_wire", "audio"])
def test_a_killed_helper_is_started_again(server, helper):
    (first,) = kinds(server.pid)[helper]
    os.kill(first, signal.SIGKILL)
    again = wait_for(lambda: kinds(server.pid).get(helper), 30, f"a new {helper}")
    assert again != [first] and len(again) == 1


def test_work_no_reader_waits_for_yields_the_cpu_even_after_a_restart(server):
    def niceness(kind):
        return {os.getpriority(os.PRIO_PROCESS, pid) for pid in kinds(server.pid)[kind]}

    server_niceness = os.getpriority(os.PRIO_PROCESS, server.pid)
    for kind in ("clock", "watch_wire", "granian"):
        assert niceness(kind) == {server_niceness}
    assert niceness("worker") == niceness("audio") == {server_niceness + 10}
    (audio,) = kinds(server.pid)["audio"]
    os.kill(audio, signal.SIGKILL)
    wait_for(lambda: kinds(server.pid).get("audio", [audio]) != [audio], 30, "a new audio worker")
    assert niceness("audio") == {server_niceness + 10}


def test_a_killed_server_leaves_no_process_behind(server):
    family = children(server.pid)
    found = kinds(server.pid)
    assert {kind: len(found.get(kind, [])) for kind in KINDS if kind != "tracker"} == {
        "clock": 1, "watch_wire": 1, "audio": 1, "worker": 1, "granian": 2,
    }, family  # fmt: skip
    os.kill(server.pid, signal.SIGKILL)
    server.wait()
    wait_for(lambda: not any(alive(pid) for pid in family), 30, "every child to stop")


def test_sigterm_waits_for_the_running_task_then_stops_everything(server, tmp_path):
    done = tmp_path / "task-done"
    queued = manchette(server.env, "shell", "--command", LINGER.format(path=str(done)))
    assert queued.returncode == 0, queued.stderr
    wait_for(done.exists, 120, "the task to start")
    family = children(server.pid)
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=60) == 0, server.log.read_text()
    assert done.read_text() == "done", "the server stopped before its task finished"
    assert not any(alive(pid) for pid in family)
