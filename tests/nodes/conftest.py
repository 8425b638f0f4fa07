"""The ``cluster`` fixture: two real nodes on PostgreSQL, Redis and a local S3 server,
behind the shipped Varnish configuration when varnishd is installed.

These tests run in the PostgreSQL pass of ``.ci/run`` (DATABASE_URL names the
PostgreSQL server; the cluster creates its own database beside the one the
suite uses). Without a PostgreSQL DATABASE_URL they are skipped: several
nodes cannot share a SQLite file. Without varnishd (``.ci/run`` installs it)
the cluster has no Varnish and the tests that need one are skipped.
"""

import os

import pytest

from . import harness

SERVER_URL = os.environ.get("DATABASE_URL", "")


@pytest.fixture(scope="session")
def cluster(tmp_path_factory, s3_endpoint):
    if not SERVER_URL.startswith(("postgres://", "postgresql://")):
        pytest.skip("several nodes need PostgreSQL: set DATABASE_URL (as .ci/run does)")
    started = harness.start(
        tmp_path_factory.mktemp("nodes"),
        SERVER_URL,
        s3_endpoint,
        varnish=harness.VARNISHD is not None,
    )
    try:
        yield started
    finally:
        harness.stop(started, SERVER_URL)
