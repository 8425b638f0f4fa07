"""Uploaded images are served from the storage, on disk or in a bucket, with a cache lifetime.

Documents go through Wagtail's view (tests/core/test_private_media.py), audio through
the listen app's."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from wagtail.documents import get_document_model

from tests import factory, objectstore

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored():
    name = default_storage.save("images/note.txt", ContentFile(b"Bonjour"))
    yield name
    default_storage.delete(name)


def test_a_stored_file_is_served_with_a_cache_lifetime(client, stored, settings):
    settings.MANCHETTE_MEDIA_MAX_AGE = 600
    response = client.get(default_storage.url(stored))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "public, max-age=600"
    assert b"".join(response.streaming_content) == b"Bonjour"


def test_a_missing_file_is_404(client):
    assert client.get("/media/images/nothing-here.txt").status_code == 404


def test_a_folder_is_404(client, stored):
    assert client.get("/media/images/").status_code == 404


@pytest.mark.parametrize("path", ["/media/../settings.py", "/media/%2e%2e/secret_key"])
def test_a_path_out_of_the_storage_is_404(client, path):
    assert client.get(path).status_code == 404


def test_post_is_refused(client, stored):
    assert client.post(default_storage.url(stored)).status_code == 405


def test_images_and_renditions_go_to_the_bucket_and_are_served_from_it(client, bucket, s3_endpoint):
    picture = factory.image()
    rendition = picture.get_rendition("width-400")
    keys = objectstore.bucket_keys(s3_endpoint, bucket)
    assert picture.file.name in keys and rendition.file.name in keys
    # URLs stay on the site: no signed address that expires inside a cached page.
    assert rendition.url == f"/media/{rendition.file.name}"
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_a_file_missing_from_the_bucket_is_404(client, bucket):
    assert client.get("/media/images/never-made.jpg").status_code == 404


def test_a_file_name_is_never_reused_in_the_bucket(bucket):
    first = default_storage.save("documents/a.txt", ContentFile(b"one"))
    second = default_storage.save("documents/a.txt", ContentFile(b"two"))
    assert first != second
    with default_storage.open(first) as file:
        assert file.read() == b"one"


def test_a_document_in_the_bucket_is_served_through_wagtails_view(client, bucket):
    document = get_document_model().objects.create(
        title="Communiqué", file=ContentFile(b"%PDF-1.4 communique", name="communique.pdf")
    )
    response = client.get(document.url, follow=True)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 communique"


def test_an_empty_file_is_served_empty(client, bucket):
    name = default_storage.save("images/empty.txt", ContentFile(b""))
    response = client.get(default_storage.url(name))
    assert response.status_code == 200 and response["Content-Length"] == "0"
    assert b"".join(response.streaming_content) == b""


def test_head_has_the_headers_and_no_body(client, stored):
    response = client.head(default_storage.url(stored))
    assert response.status_code == 200 and response["Content-Length"] == "7"
    assert response.content == b""
