"""``manchette.wsgi`` as a WSGI server loads it: in a fresh interpreter, nothing set up before."""

import json
import subprocess
import sys

from tests.processes import REPO, process_env

PROBE = """
import gc, json
import manchette.wsgi
gc.collect()
print(json.dumps({
    "frozen": gc.get_freeze_count(),
    "tracked": len(gc.get_objects()),
    "callable": callable(manchette.wsgi.application),
}))
"""


def load_in_a_fresh_interpreter(tmp_path):
    env = process_env(f"sqlite:///{tmp_path / 'site.sqlite3'}")
    answer = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert answer.returncode == 0, answer.stderr
    return json.loads(answer.stdout.strip().splitlines()[-1])


def test_the_entry_point_loads_without_django_set_up_beforehand(tmp_path):
    assert load_in_a_fresh_interpreter(tmp_path)["callable"]


def test_what_it_loads_is_left_out_of_full_collections(tmp_path):
    loaded = load_in_a_fresh_interpreter(tmp_path)
    # Django, Wagtail and the URL patterns are frozen; a full collection walks the rest.
    assert loaded["frozen"] > 100_000
    assert loaded["tracked"] < loaded["frozen"] / 10
