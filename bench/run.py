"""`make bench`: a warm article page from `manchette serve` against nginx serving its bytes.

One run, same machine, same load: the demo site is built in a throwaway
folder, one article page is fetched from granian, the same HTML is written
to a file that nginx serves, and wrk loads each server in turn at the same
number of connections. The figures go to stdout and to
bench/results/latest.md. This is a benchmark, not a test: nothing fails,
the table says whether the target (half of nginx's throughput, p99 under
20 ms) is met.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results" / "latest.md"
MANCHETTE_PORT = 8300
NGINX_PORT = 8301
WORKERS = 2
TARGET_RATIO = 0.5
TARGET_P99_MS = 20.0
MISSING = """\
{tool} is not installed. On Debian or Ubuntu:

    sudo apt-get install -y wrk nginx
"""

NGINX_CONF = """\
worker_processes {workers};
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    open_file_cache max=16;
    keepalive_requests 100000;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {tmp}/www;
        default_type text/html;
    }}
}}
"""


@dataclass
class Figures:
    server: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    peak_rss_mb: float
    peak_pss_mb: float


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="Seconds of each wrk run.")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="wrk runs per server, taking turns; the median counts.",
    )
    parser.add_argument(
        "--site", type=Path, help="Reuse the throwaway folder of an earlier run (see --keep)."
    )
    parser.add_argument("--keep", action="store_true", help="Keep the throwaway folder.")
    args = parser.parse_args()
    tools = {tool: find(tool) for tool in ("wrk", "nginx")}

    tmp = args.site or Path(tempfile.mkdtemp(prefix="manchette-bench-"))
    env = bench_env(tmp)
    base = f"http://127.0.0.1:{MANCHETTE_PORT}"
    nginx_url = f"http://127.0.0.1:{NGINX_PORT}"
    try:
        if args.site is None:
            path = build_site(env, base)["path"]
        else:
            path = (tmp / "article-path").read_text()
        (tmp / "article-path").write_text(path)
        with running(manchette_command(), env, base + path) as granian:
            html = fetch(base + path)
            nginx_page = nginx_url + "/article.html"
            with running(nginx_command(tools["nginx"], tmp, html), env, nginx_page) as nginx:
                servers = [
                    Server("manchette serve", base + path, granian),
                    Server("nginx, static file", nginx_page, nginx),
                ]
                # Other work on the machine skews every figure: say how busy it was.
                load = load_average()
                figures, ratios = measure(servers, tools["wrk"], args)
            cache_state = fetch_header(base + path, "X-Page-Cache")
        report(figures, ratios, len(html), path, cache_state, load, args)
    finally:
        if args.keep or args.site:
            print(f"throwaway folder kept: {tmp} (--site {tmp} reuses it)")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def bench_env(tmp):
    """The environment of the bench's `manchette` commands: bench settings, files in ``tmp``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "MANCHETTE_BENCH_DIR": str(tmp),
        "PYTHONPATH": str(PROJECT),
    }
    # Compiled modules are kept, as an install keeps them: compiling every module at
    # each start would count seconds of start-up that no deployed site pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@contextmanager
def throwaway_folder(prefix, keep=False):
    """A folder for one run's site, removed after it unless kept to look into."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield tmp
    finally:
        if keep:
            print(f"throwaway folder kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def find(tool):
    # nginx lives in /usr/sbin, which a user's PATH may leave out.
    found = shutil.which(tool, path=f"{os.environ.get('PATH', '')}:/usr/sbin")
    if not found:
        sys.exit(MISSING.format(tool=tool))
    return found


def manchette_command(port=MANCHETTE_PORT):
    return [
        sys.executable,
        "-m",
        "manchette.cli",
        "serve",
        "--no-clock",
        "--no-worker",
        "--port",
        str(port),
        "--workers",
        str(WORKERS),
    ]


def nginx_command(nginx, tmp, html):
    """nginx serving these bytes as a static file, with its own configuration and folders."""
    # nginx's workers drop root for an unprivileged user: let them reach the page.
    tmp.chmod(0o711)
    (tmp / "www").mkdir(mode=0o755, exist_ok=True)
    (tmp / "www" / "article.html").write_bytes(html)
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(workers=WORKERS, tmp=tmp, port=NGINX_PORT))
    return [nginx, "-e", str(tmp / "nginx-error.log"), "-c", str(conf)]


def build_site(env, base):
    """The demo newsroom in the throwaway folder; returns the id and path of one article."""
    for command in (
        ["migrate", "--noinput", "--verbosity", "0"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
        ["demo", "--base-url", base],
    ):
        print("manchette", *command, flush=True)
        manchette(env, *command)
    return manchette_shell(env, FIND_ARTICLE)


def manchette(env, *command):
    """Run a `manchette` command on the bench site; what it printed (a failure stops the bench)."""
    return subprocess.run(
        [sys.executable, "-m", "manchette.cli", *command],
        env=env,
        cwd=PROJECT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def manchette_shell(env, code):
    """Run Python in `manchette shell`; the JSON of the last line it prints."""
    output = manchette(env, "shell", "--verbosity", "0", "-c", code)
    return json.loads(output.strip().splitlines()[-1])


# The article with the most related and latest headlines is the fullest page.
FIND_ARTICLE = (
    "from manchette.newsroom.models import ArticlePage;"
    "import json;"
    "article = ArticlePage.objects.published().newest_first().first();"
    'print(json.dumps({"id": article.pk, "path": article.url}))'
)


class running:
    """A server for the length of a `with` block, answering on its URL; stopped (with its
    children) after."""

    def __init__(self, command, env, url):
        self.command, self.env, self.url = command, env, url

    def __enter__(self):
        port = urllib.parse.urlsplit(self.url).port
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                sys.exit(f"Port {port} is taken: stop what listens there and run again.")
        self.process = subprocess.Popen(
            self.command, env=self.env, cwd=PROJECT, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(self.url)
                return self.process
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.__exit__()
                    sys.exit(f"{self.command[0]} did not start answering on {self.url}.")
                time.sleep(0.2)

    def __exit__(self, *exc):
        # The server leads its own session: the signal reaches its workers too.
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except ProcessLookupError:
            pass  # already gone
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own local server)
        return response.read()


def fetch_header(url, name):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own local server)
        return response.headers.get(name, "absent")


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen


def measure(servers, wrk_command, args):
    """The servers take turns under wrk, so that a busy moment of the machine hits both."""
    for server in servers:
        print(f"{server.name}: warm-up", flush=True)
        wrk(wrk_command, server.url, 2, args.connections)
    runs = {server.name: [] for server in servers}
    for round_number in range(1, args.rounds + 1):
        for server in servers:
            memory = PeakMemory(server.process.pid)
            output = wrk(wrk_command, server.url, args.duration, args.connections)
            memory.read()
            run = figures_of(server.name, output, memory)
            runs[server.name].append(run)
            print(
                f"{server.name}, round {round_number}: {run.requests_per_second:,.0f} requests/s, "
                f"p99 {run.p99_ms:.2f} ms",
                flush=True,
            )
    # Each round's ratio compares the servers a few seconds apart, under the
    # same state of a shared machine: their median is the steadier figure.
    first, second = (runs[server.name] for server in servers)
    ratios = [
        ours.requests_per_second / theirs.requests_per_second
        for ours, theirs in zip(first, second, strict=True)
    ]
    return [median_run(runs[server.name]) for server in servers], ratios


def figures_of(name, output, memory):
    return Figures(
        server=name,
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=latency(output, "50%"),
        p99_ms=latency(output, "99%"),
        errors=errors(output),
        peak_rss_mb=memory.rss / 1024 / 1024,
        peak_pss_mb=memory.pss / 1024 / 1024,
    )


def median_run(runs):
    """The run of median throughput, with the highest memory seen in any run."""
    middle = sorted(runs, key=lambda run: run.requests_per_second)[len(runs) // 2]
    return replace(
        middle,
        peak_rss_mb=max(run.peak_rss_mb for run in runs),
        peak_pss_mb=max(run.peak_pss_mb for run in runs),
    )


def wrk(command, url, seconds, connections, *options):
    return subprocess.run(
        # A generous timeout: a slow answer counts in the latency, not as an error.
        [command, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
        + [*options, url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def latency(output, percentile):
    # wrk pads a latency in seconds with a trailing space.
    value, unit = re.search(rf"^\s+{percentile}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def errors(output):
    """Bad statuses plus socket errors: wrk prints either line only when there are some."""
    counts = re.findall(r"(?:Non-2xx or 3xx responses|connect|read|write|timeout):? (\d+)", output)
    return sum(int(n) for n in counts)


class PeakMemory:
    """The highest memory summed over a server and its worker processes, read from /proc.

    RSS is each process's high-water mark (VmHWM), kept by the kernel, so
    nothing has to watch the server while it is loaded: walking a big
    process's page tables (smaps) ten times a second cost it a tenth of its
    throughput. RSS counts the pages that forked workers share with their
    parent once per process; PSS splits them between the sharers, so its sum
    is what the machine really spends. The kernel keeps no peak PSS: it is
    read once, right after the load, while the server still holds what it
    took.
    """

    def __init__(self, pid):
        self.processes = process_tree(pid)
        self.rss = self.pss = 0

    def read(self):
        """Sum the processes' figures, once the load is over."""
        for pid in self.processes:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:
                continue  # gone meanwhile
            self.rss += int(PEAK_RSS_LINE.search(status).group(1)) * 1024
            self.pss += int(PSS_LINE.search(rollup).group(1)) * 1024


PEAK_RSS_LINE = re.compile(r"^VmHWM:\s+(\d+) kB$", re.M)
PSS_LINE = re.compile(r"^Pss:\s+(\d+) kB$", re.M)


def cpu_seconds(pids):
    """CPU time used so far by these processes, their threads and their reaped children.

    On a machine that other work shares, the time a step took varies with
    what the others do; the CPU time it used varies much less.
    """
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # utime, stime, cutime and cstime: the 14th to 17th fields, counted after the
        # parenthesised command name, which may hold spaces.
        total += sum(int(ticks) for ticks in stat.rpartition(")")[2].split()[11:15])
    return total / os.sysconf("SC_CLK_TCK")


def process_tree(pid):
    """A process and all its descendants."""
    parents = {}
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
        except OSError:
            continue
        if stat:
            # The command name in parentheses may hold spaces: read after it.
            parents[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
    tree = {pid}
    while found := {child for child, parent in parents.items() if parent in tree} - tree:
        tree |= found
    return tree


def report(figures, ratios, page_bytes, path, cache_state, load, args):
    manchette, nginx = figures
    ratio = sorted(ratios)[len(ratios) // 2]
    met = ratio >= TARGET_RATIO and manchette.p99_ms < TARGET_P99_MS
    lines = [
        f"# make bench, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Warm article page `{path}` ({page_bytes:,} bytes of HTML), wrk, 2 threads, "
        f"{args.connections} connections; after a 2 s warm-up, {args.rounds} runs of "
        f"{args.duration} s per server, taking turns (the median run is shown, with the "
        f"highest memory of all runs); {WORKERS} worker processes each; {os.cpu_count()} CPUs, "
        f"{cpu_model()}, load average before the runs {load}, "
        f"Python {platform.python_version()}. Page cache after the run: "
        f"`X-Page-Cache: {cache_state}`.",
        "",
        "| server | requests/s | p50 | p99 | errors | peak memory: RSS (PSS) | ratio to nginx |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in figures:
        lines.append(
            f"| {row.server} | {row.requests_per_second:,.0f} | {row.p50_ms:.2f} ms "
            f"| {row.p99_ms:.2f} ms | {row.errors} "
            f"| {row.peak_rss_mb:.0f} MB ({row.peak_pss_mb:.0f} MB) "
            f"| {row.requests_per_second / nginx.requests_per_second:.2f} |"
        )
    lines += [
        "",
        "Ratio of each round (manchette's requests/s over nginx's, a few seconds apart): "
        + ", ".join(f"{r:.2f}" for r in ratios)
        + f"; median {ratio:.2f}.",
        "",
        f"Target: at least {TARGET_RATIO}× nginx's throughput with p99 under "
        f"{TARGET_P99_MS:.0f} ms: **{'met' if met else 'not met'}** "
        f"(median ratio of the rounds {ratio:.2f}×, p99 {manchette.p99_ms:.2f} ms).",
    ]
    publish("\n".join(lines) + "\n", RESULTS)


def publish(text, results):
    """Print a benchmark's report and keep it in bench/results/."""
    print()
    print(text)
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(text)
    print(f"written to {results.relative_to(PROJECT)}")


def load_average():
    """The machine's load over 1, 5 and 15 minutes: other work on it skews every figure."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()


if __name__ == "__main__":
    main()
