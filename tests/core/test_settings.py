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


def test_var_dir_holds_what_a_node_keeps_on_its_own_disk(tmp_path):
    result = _run_production(
        {"SECRET_KEY": "x" * 50, "MANCHETTE_VAR_DIR": str(tmp_path / "node-a")},
        "import django; django.setup(); from django.conf import settings as s;"
        "from manchette.wire.dropfolder import drop_dir;"
        "from manchette.core.cache import purge_log_path;"
        "print(s.DATABASES['default']['NAME'], s.MEDIA_ROOT, drop_dir(), purge_log_path().parent,"
        " s.CACHES['comments']['LOCATION'])",
    )
    assert result.returncode == 0, result.stderr
    node = tmp_path / "node-a"
    assert result.stdout.split() == [
        str(node / "manchette.sqlite3"),
        str(node / "media"),
        str(node / "wire"),
        str(node / "cache"),
        str(node / "cache" / "comments"),
    ]


def test_var_dir_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "file").write_text("")
    result = _run_production({"SECRET_KEY": "x" * 50, "MANCHETTE_VAR_DIR": str(tmp_path / "file")})
    assert result.returncode != 0
    assert "MANCHETTE_VAR_DIR" in result.stderr and "not a folder" in result.stderr


def test_a_bucket_takes_the_uploads():
    result = _run_production(
        {
            "SECRET_KEY": "x" * 50,
            "AWS_STORAGE_BUCKET_NAME": "news-media",
            "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        },
        "import django; django.setup(); from django.core.files.storage import storages;"
        "d = storages['default']; print(type(d).__name__, d.bucket_name, d.endpoint_url,"
        " d.url('images/a b.jpg'))",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "BucketStorage",
        "news-media",
        "http://127.0.0.1:9000",
        "/media/images/a%20b.jpg",
    ]


@pytest.mark.parametrize("endpoint", ["127.0.0.1:9000", "ftp://s3.example", "http://"])
def test_a_bad_bucket_endpoint_is_refused(endpoint):
    result = _run_production(
        {"SECRET_KEY": "x" * 50, "AWS_STORAGE_BUCKET_NAME": "m", "AWS_S3_ENDPOINT_URL": endpoint}
    )
    assert result.returncode != 0
    assert "AWS_S3_ENDPOINT_URL" in result.stderr


def test_a_bad_addressing_style_is_refused():
    result = _run_production(
        {"SECRET_KEY": "x" * 50, "AWS_STORAGE_BUCKET_NAME": "m", "AWS_S3_ADDRESSING_STYLE": "odd"}
    )
    assert result.returncode != 0
    assert "AWS_S3_ADDRESSING_STYLE" in result.stderr
