import re
import subprocess
import sys
from pathlib import Path

import pytest

from manchette.core.conf import all_settings, setting

DOCS = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


@pytest.mark.parametrize("name", sorted(all_settings()))
def test_every_setting_is_documented(name):
    documented = "\n".join(page.read_text() for page in DOCS.parent.glob("*.md"))
    assert re.search(rf"^\| `{name}` \|", documented, re.M), (
        f"{name} is missing from the tables in docs/*.md"
    )


def test_unknown_setting_names_what_to_do():
    with pytest.raises(KeyError, match="declare it in manchette.core.conf"):
        setting("MANCHETTE_NOPE")


PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 50,
    "DATABASE_URL": "postgres://u:p@db.internal:5432/news",
    "REDIS_URL": "redis://127.0.0.1:6379/3",
    "ALLOWED_HOSTS": "news.example, www.news.example",
}


def _run_production(env, code="import django; django.setup()"):
    return subprocess.run(
        [sys.executable, "-c", code],
        env={"DJANGO_SETTINGS_MODULE": "manchette.settings.production", **env},
        capture_output=True,
        text=True,
        cwd=DOCS.parents[1],
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run_production({})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_reads_the_environment():
    result = _run_production(
        PRODUCTION_ENV,
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['HOST'], s.CACHES['default']['LOCATION'], s.ALLOWED_HOSTS)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(None, 2) == [
        "db.internal",
        "redis://127.0.0.1:6379/3",
        "['news.example', 'www.news.example']\n",
    ]


def test_production_reads_the_caches_from_the_environment():
    result = _run_production(
        {
            **PRODUCTION_ENV,
            "MANCHETTE_VARNISH_URLS": "http://10.0.0.5:6081, http://10.0.0.6:6081",
            "MANCHETTE_FASTLY_SERVICE_ID": "service",
            "MANCHETTE_FASTLY_API_TOKEN": "token",
        },
        "from django.conf import settings as s;"
        "print(s.MANCHETTE_PURGE_REDIS_URL, s.MANCHETTE_VARNISH_URLS,"
        " s.MANCHETTE_FASTLY_SERVICE_ID, s.MANCHETTE_CLOUDFLARE_ZONE_ID or '-')",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(" ", 1)[0] == "redis://127.0.0.1:6379/3"
    assert "['http://10.0.0.5:6081', 'http://10.0.0.6:6081'] service -" in result.stdout
