"""Uploaded files: private documents stay private, uploads have limits, media served by Django
only in development."""

import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests import factory
from tests.processes import manchette

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.org", "pw"))
    return client


@pytest.fixture
def private_document():
    """A document in a collection that only logged-in people may see."""
    private = Collection.get_first_root_node().add_child(name="Contrats")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return get_document_model().objects.create(
        title="Contrat", collection=private, file=ContentFile(b"secret", name="contrat.txt")
    )


def test_a_private_document_is_not_served_at_its_media_address(client, private_document):
    assert private_document.file.url.startswith("/media/documents/")
    response = client.get(private_document.file.url)
    assert response.status_code == 404 or b"secret" not in b"".join(response)


def test_a_private_document_asks_readers_to_log_in(client, private_document):
    response = client.get(private_document.url)
    assert response.status_code == 302 and "/_util/login/" in response["Location"]


def test_a_private_document_is_served_to_someone_logged_in(editor, private_document):
    response = editor.get(private_document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"secret"


def test_images_are_served_in_development(client):
    picture = factory.image()
    assert client.get(picture.file.url).status_code == 200


def test_production_does_not_serve_media(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "manchette.settings.production",
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "ALLOWED_HOSTS": "news.example",
        "WAGTAILADMIN_BASE_URL": "https://news.example",
        "EMAIL_URL": "smtp://desk:secret@mail.news.example:587/?tls=1",
    }
    resolved = manchette(
        env,
        "shell",
        "--command",
        "from django.urls import Resolver404, resolve\n"
        "try: print(resolve('/media/images/a.jpg').func.__module__)\n"
        "except Resolver404: print('not served')",
    )
    assert resolved.returncode == 0, resolved.stderr
    assert resolved.stdout.splitlines()[-1] == "not served"


def test_a_document_over_the_upload_limit_is_refused(editor, settings, english):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    upload = SimpleUploadedFile("gros.txt", b"x" * 1001, content_type="text/plain")
    response = editor.post("/admin/documents/add/", {"title": "Gros", "file": upload})
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_an_image_with_too_many_pixels_is_refused(editor, settings, english):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    buffer = io.BytesIO()
    PILImage.new("RGB", (101, 100)).save(buffer, "PNG")
    upload = SimpleUploadedFile("grand.png", buffer.getvalue(), content_type="image/png")
    response = editor.post("/admin/images/add/", {"title": "Grand", "file": upload})
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
