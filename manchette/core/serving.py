"""What keeps ``manchette serve``'s processes together when one of them dies.

- **Children die with the server.** Each process the server starts (granian's
  workers, the clock, the task workers, the wire watcher) asks Linux to send
  it SIGTERM when its parent dies (``prctl(PR_SET_PDEATHSIG)``), so a server
  killed with SIGKILL leaves no orphan behind, and a restart does not run
  two clocks. ``SERVER_PID`` names the server in their environment: a child
  whose parent is already gone when it starts exits at once.
- **Dead helpers are replaced.** A helper that exits while the server runs is
  started again (after a pause if it keeps dying); granian replaces its own
  workers (``respawn_failed_workers``).
- **SIGTERM drains.** granian finishes the requests in progress; each helper
  gets one SIGTERM and is waited for: the task workers finish the task they
  are running (django-tasks-db's worker stops after it), up to
  ``stop_timeout`` seconds, after which what remains is killed.
"""

import ctypes
import logging
import os
import signal
import subprocess
import sys
import threading
import time

log = logging.getLogger("manchette.serve")

SERVER_PID = "MANCHETTE_SERVER_PID"
PR_SET_PDEATHSIG = 1
# At most one start of a helper in this many seconds: one that fails as it starts
# (a database down) is not restarted in a tight loop.
RESTART_PAUSE = 5


def follow_server():
    """In a process ``manchette serve`` started: stop when the server stops."""
    server = os.environ.get(SERVER_PID)
    if not server or not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
        log.warning("Could not ask to stop with the server: %s", os.strerror(ctypes.get_errno()))
    if str(os.getppid()) != server:
        # The server died before we could ask: we are already an orphan.
        sys.exit(0)


class Helper:
    """One helper process, started again whenever it exits on its own."""

    def __init__(self, name, arguments, niceness=0):
        self.name, self.arguments, self.niceness = name, arguments, niceness
        self.process, self.started = None, 0.0

    def start(self):
        self.started = time.monotonic()
        # A session of its own: a Ctrl+C on the terminal reaches the server alone, which
        # then sends each helper one SIGTERM (a second one would abort a running task).
        self.process = subprocess.Popen(
            [sys.executable, "-m", "manchette.cli", *self.arguments], start_new_session=True
        )
        if self.niceness:
            # Set from here, not in the child before exec (preexec_fn is unsafe beside the
            # watcher thread): the child's first instants at normal priority do not matter.
            niceness = os.getpriority(os.PRIO_PROCESS, 0) + self.niceness
            os.setpriority(os.PRIO_PROCESS, self.process.pid, niceness)

    def revive_if_dead(self):
        code = self.process.poll()
        if code is None or time.monotonic() - self.started < RESTART_PAUSE:
            return
        log.error(
            "The %s (pid %s) exited with %s; starting it again", self.name, self.process.pid, code
        )
        self.start()


class Helpers:
    """The helpers beside granian: started, watched, and stopped in order."""

    def __init__(self, commands, stop_timeout, niceness=None):
        """``niceness``: by helper name, how much lower than the server's its priority is."""
        os.environ[SERVER_PID] = str(os.getpid())
        niceness = niceness or {}
        self.helpers = [
            Helper(name, arguments, niceness.get(name, 0)) for name, arguments in commands.items()
        ]
        self.stop_timeout = stop_timeout
        self.stopping = threading.Event()
        self.watcher = threading.Thread(target=self.watch, name="helpers", daemon=True)

    def __enter__(self):
        for helper in self.helpers:
            helper.start()
        self.watcher.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def watch(self):
        while not self.stopping.wait(1):
            for helper in self.helpers:
                helper.revive_if_dead()

    def stop(self):
        self.stopping.set()
        self.watcher.join()
        running = [helper.process for helper in self.helpers if helper.process.poll() is None]
        for process in running:
            process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self.stop_timeout
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.error("Helper %s still busy after %s s: killed", process.pid, self.stop_timeout)
                process.kill()
                process.wait()
