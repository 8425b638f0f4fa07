"""One push alert to 10,000 subscriptions, sent by the task's own code to a local push service.

    .venv/bin/python bench/push.py [--subscriptions 10000]

A site is migrated in a throwaway folder and given N subscriptions to
breaking news, each with its own keys, at a push service on 127.0.0.1 (the
tests' one, in this process: it checks each request's VAPID signature and
keeps the message). ``send_alert`` then runs in ``manchette shell`` as the
task worker runs it: encrypting and posting every message, with the
default number of sending threads. The time runs from the call to its
return; every message is then counted and one is decrypted. Target: under
60 s for 10,000. Figures go to stdout and bench/results/push.md. This is a
benchmark, not a test: nothing fails when the target is missed.
"""

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import bench_env, manchette, manchette_shell, throwaway_folder  # noqa: E402

from tests.push.pushservice import PushService  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "push.md"
TARGET_SECONDS = 60

SUBSCRIBE = """
import json
from manchette.push.models import FollowedTopic, Subscription
browsers = json.loads(open({path!r}).read())
made = Subscription.objects.bulk_create(
    Subscription(endpoint=b["endpoint"], p256dh=b["keys"]["p256dh"], auth=b["keys"]["auth"],
                 language="fr")
    for b in browsers
)
FollowedTopic.objects.bulk_create(FollowedTopic(subscription=s, topic="breaking") for s in made)
print(json.dumps(len(made)))
"""

SEND = """
import json, time
from manchette.push.models import Alert
from manchette.push.send import send_alert
alert = Alert.objects.create(title="Alerte", text="Le gouvernement est tombé.", url="/",
                             topics=["breaking"], replaces="bench", urgency="high")
start = time.perf_counter()
send_alert.call(alert.pk)
elapsed = time.perf_counter() - start
alert.refresh_from_db()
print(json.dumps({"seconds": elapsed, "delivered": alert.delivered, "failed": alert.failed}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    args = parser.parse_args()
    service = PushService()
    browsers = [service.browser(f"reader-{n}") for n in range(args.subscriptions)]
    with throwaway_folder("manchette-bench-push-") as tmp:
        env = bench_env(tmp)
        manchette(env, "migrate", "--noinput", "--verbosity", "0")
        path = tmp / "subscriptions.json"
        path.write_text(json.dumps([browser.subscription() for browser in browsers]))
        manchette_shell(env, SUBSCRIBE.format(path=str(path)))
        print(f"sending one alert to {args.subscriptions} subscriptions", flush=True)
        started = time.perf_counter()
        sent = manchette_shell(env, SEND)
        wall = time.perf_counter() - started
    received = len(service.received)
    sample = browsers[0].read(service.to(browsers[0])[0])["body"] if received else None
    service.close()
    report(args.subscriptions, sent, wall, received, sample)


def report(count, sent, wall, received, sample):
    met = sent["seconds"] < TARGET_SECONDS and received == count
    lines = [
        f"# One alert to {count:,} subscriptions ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)",
        "",
        "| figure | value |",
        "|---|---|",
        f"| send_alert, from call to return | {sent['seconds']:.1f} s "
        f"({count / sent['seconds']:,.0f} alerts/s) |",
        f"| the shell command, start-up included | {wall:.1f} s |",
        f"| delivered / failed (the alert's counts) | {sent['delivered']:,} / {sent['failed']:,} |",
        f"| received and signature-checked by the push service | {received:,} |",
        f"| one message decrypted | {sample!r} |",
        f"| target: under {TARGET_SECONDS} s, every one received | {'met' if met else 'not met'} |",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
