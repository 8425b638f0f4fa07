"""Production settings read from the environment: what they set, and a clear refusal of
anything missing or malformed. Each case starts a fresh Python with only that environment."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MANCHETTE = Path(sys.executable).parent / "manchette"

ENV = {
    "SECRET_KEY": "k3y-" + "x7Qp2" * 12,
    "DATABASE_URL": "postgres://u:p@db.internal:5432/news",
    "REDIS_URL": "redis://127.0.0.1:6379/3",
    "ALLOWED_HOSTS": "news.example, www.news.example",
    "WAGTAILADMIN_BASE_URL": "https://news.example",
    "EMAIL_URL": "smtp://desk:s3cret@mail.news.example:587/?tls=1",
    "CSRF_TRUSTED_ORIGINS": "https://news.example,https://www.news.example",
    "MANCHETTE_TRUSTED_PROXIES": "10.0.0.2, 10.1.0.0/24",
}


def run(env, code="import manchette.settings.production"):
    return subprocess.run(
        [sys.executable, "-c", code],
        env={"DJANGO_SETTINGS_MODULE": "manchette.settings.production", **env},
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def read(env, expression):
    result = run(env, f"from manchette.settings import production as s; print(repr({expression}))")
    assert result.returncode == 0, result.stderr
    return eval(result.stdout)  # noqa: S307 - our own repr, printed just above


def refused(env):
    result = run(env)
    assert result.returncode != 0
    return result.stderr.strip().splitlines()[-1]


def without(*names):
    return {key: value for key, value in ENV.items() if key not in names}


def test_check_deploy_finds_nothing_with_the_documented_variables():
    result = subprocess.run(
        [str(MANCHETTE), "check", "--deploy", "--fail-level", "WARNING"],
        env={**ENV, "DATABASE_URL": "", "REDIS_URL": "",
             "DJANGO_SETTINGS_MODULE": "manchette.settings.production"},
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "name", ["SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL", "EMAIL_URL"]
)
def test_a_missing_required_variable_stops_the_start(name):
    assert f"{name} is not set. For example: {name}=" in refused(without(name))


def test_the_database_cache_and_hosts_come_from_the_environment():
    assert read(
        ENV, "(s.DATABASES['default']['HOST'], s.CACHES['default']['LOCATION'], s.ALLOWED_HOSTS)"
    ) == (  # fmt: skip
        "db.internal",
        "redis://127.0.0.1:6379/3",
        ["news.example", "www.news.example"],
    )


def test_mail_goes_through_smtp_from_email_url():
    mailer = read(ENV, "s.MAILERS['default']")
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] == {
        "host": "mail.news.example",
        "port": 587,
        "username": "desk",
        "password": "s3cret",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 30,
    }
    assert read(ENV, "s.DEFAULT_FROM_EMAIL") == "noreply@news.example"


@pytest.mark.parametrize(
    "url", ["console://", "file:///tmp/mail", "memory://", "mail.news.example"]
)
def test_mail_to_the_console_or_a_file_is_refused(url):
    assert "EMAIL_URL must be an SMTP address" in refused({**ENV, "EMAIL_URL": url})


def test_a_mail_address_with_a_bad_port_is_refused():
    assert "EMAIL_URL could not be read" in refused({**ENV, "EMAIL_URL": "smtp://mail:notaport"})


def test_a_mail_address_without_a_server_is_refused():
    assert "EMAIL_URL names no mail server" in refused({**ENV, "EMAIL_URL": "submission://"})


def test_the_admin_base_url_is_the_sites_address():
    assert read(ENV, "s.WAGTAILADMIN_BASE_URL") == "https://news.example"


@pytest.mark.parametrize("url", ["news.example", "ftp://news.example", "https://news.example/x"])
def test_a_base_url_that_is_not_an_address_is_refused(url):
    message = refused({**ENV, "WAGTAILADMIN_BASE_URL": url})
    assert "WAGTAILADMIN_BASE_URL must be the site's address" in message


def test_a_plain_http_base_url_is_refused_under_https():
    message = refused({**ENV, "WAGTAILADMIN_BASE_URL": "http://news.example"})
    assert "must start with https:// when HTTPS=1" in message


def test_trusted_origins_and_proxies_come_from_the_environment():
    assert read(ENV, "(s.CSRF_TRUSTED_ORIGINS, s.MANCHETTE_TRUSTED_PROXIES)") == (
        ["https://news.example", "https://www.news.example"],
        ["10.0.0.2", "10.1.0.0/24"],
    )


def test_a_trusted_origin_without_a_scheme_is_refused():
    message = refused({**ENV, "CSRF_TRUSTED_ORIGINS": "news.example"})
    assert "CSRF_TRUSTED_ORIGINS: 'news.example' is not an origin" in message


def test_a_trusted_proxy_that_is_not_an_address_is_refused():
    message = refused({**ENV, "MANCHETTE_TRUSTED_PROXIES": "10.0.0.2, nginx"})
    assert "MANCHETTE_TRUSTED_PROXIES: 'nginx' is not an address or network" in message


def test_https_turns_on_the_redirect_hsts_and_secure_cookies_by_default():
    assert read(
        ENV,
        "(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
    ) == (  # fmt: skip
        True,
        31536000,
        True,
        True,
        True,
        True,
    )


def test_https_0_is_a_plain_http_site():
    env = {**ENV, "HTTPS": "0", "WAGTAILADMIN_BASE_URL": "http://news.example"}
    assert read(env, "(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE)") == (
        False, 0, False
    )  # fmt: skip


def test_https_must_be_1_or_0():
    assert "HTTPS must be 1 or 0, not 'yes'." in refused({**ENV, "HTTPS": "yes"})


def test_hsts_seconds_must_be_a_number():
    assert "HSTS_SECONDS must be a whole number" in refused({**ENV, "HSTS_SECONDS": "a year"})


def test_production_reads_the_caches_from_the_environment():
    result = run(
        {
            **ENV,
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
    result = run(
        {**without("DATABASE_URL", "REDIS_URL"), "MANCHETTE_VAR_DIR": str(tmp_path / "node-a")},
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
    result = run(
        {**without("DATABASE_URL", "REDIS_URL"), "MANCHETTE_VAR_DIR": str(tmp_path / "file")}
    )
    assert result.returncode != 0
    assert "MANCHETTE_VAR_DIR" in result.stderr and "not a folder" in result.stderr


def test_a_bucket_takes_the_uploads():
    result = run(
        {
            **ENV,
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
    result = run({**ENV, "AWS_STORAGE_BUCKET_NAME": "m", "AWS_S3_ENDPOINT_URL": endpoint})
    assert result.returncode != 0
    assert "AWS_S3_ENDPOINT_URL" in result.stderr


def test_a_bad_addressing_style_is_refused():
    result = run({**ENV, "AWS_STORAGE_BUCKET_NAME": "m", "AWS_S3_ADDRESSING_STYLE": "odd"})
    assert result.returncode != 0
    assert "AWS_S3_ADDRESSING_STYLE" in result.stderr
