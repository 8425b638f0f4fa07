"""Security headers: the reader pages' CSP, the admin's, Permissions-Policy, and the same
headers on static files, whose manifest is not served."""

import pytest
from django.test import override_settings

from manchette.core.headers import ADMIN_CSP, PERMISSIONS_POLICY, StaticFiles, policy
from tests import factory

pytestmark = pytest.mark.django_db


def test_reader_pages_allow_only_the_sites_own_scripts_and_styles(client):
    article = factory.article()
    response = client.get(article.url)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "style-src 'self';" in csp
    assert "unsafe-inline" not in csp and "object-src 'none'" in csp
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_the_admin_has_its_own_policy(client):
    response = client.get("/admin/login/")
    assert response["Content-Security-Policy"] == policy(ADMIN_CSP)
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_an_error_page_has_the_headers_too(client):
    factory.home()
    response = client.get("/nothing-here/")
    assert response.status_code == 404
    assert "script-src 'self';" in response["Content-Security-Policy"]


@pytest.fixture
def static(tmp_path):
    (tmp_path / "site.css").write_text("body { color: black; }")
    (tmp_path / "staticfiles.json").write_text('{"paths": {}}')
    (tmp_path / "staticfiles.json.gz").write_bytes(b"\x1f\x8b")

    def django(environ, start_response):
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"Django's 404"]

    def get(path):
        answer = {}

        def start_response(status, headers):
            answer.update(status=status, headers=dict(headers))

        files = StaticFiles(django, root=tmp_path, prefix="/static/")
        body = b"".join(files({"PATH_INFO": path, "REQUEST_METHOD": "GET"}, start_response))
        return answer["status"], answer["headers"], body

    return get


@override_settings(SECURE_HSTS_SECONDS=3600, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_static_files_carry_the_pages_security_headers(static):
    status, headers, _body = static("/static/site.css")
    assert status.startswith("200")
    assert "script-src 'self';" in headers["Content-Security-Policy"]
    assert headers["Permissions-Policy"] == PERMISSIONS_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Strict-Transport-Security"] == "max-age=3600; includeSubDomains"


@pytest.mark.parametrize("path", ["/static/staticfiles.json", "/static/staticfiles.json.gz"])
def test_the_static_manifest_is_not_served(static, path):
    assert static(path)[:3:2] == ("404 Not Found", b"Django's 404")
