"""Pictures of a private collection: only for the people the collection's privacy lets in.

Wagtail checks a collection's privacy for its documents; manchette's media
route checks it for images and renditions alike, whoever asks and whichever
size they ask for.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from wagtail.models import Collection, CollectionViewRestriction

from tests import factory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_renditions():
    # Wagtail keeps renditions in the cache, which outlives each test's database: a rendition
    # of an earlier test's image with the same id would be found there, not in the table.
    cache.clear()


def restricted_collection(name="Sous embargo", parent=None, **restriction):
    collection = (parent or Collection.get_first_root_node()).add_child(name=name)
    restriction.setdefault("restriction_type", CollectionViewRestriction.LOGIN)
    groups = restriction.pop("groups", ())
    made = CollectionViewRestriction.objects.create(collection=collection, **restriction)
    made.groups.set(groups)
    return collection


def picture_in(collection):
    picture = factory.image("Photo sous embargo")
    picture.collection = collection
    picture.save()
    return picture


def addresses(picture):
    """The original's address and a rendition's, as a page would show it."""
    return [picture.file.url, picture.get_rendition("width-400").url]


def body(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def private_picture():
    return picture_in(restricted_collection())


@pytest.fixture
def reader(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("lectrice", "l@example.org", "pw"))
    return client


def test_a_public_picture_is_public_and_shared_caches_may_keep_it(client):
    for url in addresses(factory.image()):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("public, ")
        assert body(response)[:2] == b"\xff\xd8"


@pytest.mark.parametrize("which", [0, 1], ids=["original", "rendition"])
def test_a_private_picture_asks_an_anonymous_reader_to_log_in(client, private_picture, which):
    response = client.get(addresses(private_picture)[which])
    assert response.status_code == 302
    assert response["Location"].startswith("/_util/login/?next=")


def test_a_private_picture_is_shown_to_someone_logged_in_and_kept_by_no_shared_cache(
    reader, private_picture
):
    for url in addresses(private_picture):
        response = reader.get(url)
        assert response.status_code == 200
        assert body(response)[:2] == b"\xff\xd8"
        assert response["Cache-Control"].startswith("private, ")
        assert "Cookie" in response["Vary"]


def test_a_head_request_is_refused_too(client, private_picture):
    assert client.head(private_picture.file.url).status_code == 302


def test_a_picture_in_a_collection_inside_a_private_one_is_private(client):
    inner = Collection.objects.get(pk=restricted_collection().pk).add_child(name="Procès")
    for url in addresses(picture_in(inner)):
        assert client.get(url).status_code == 302


def test_a_group_restriction_refuses_someone_outside_the_group(reader, django_user_model):
    photographers = Group.objects.create(name="Photographes")
    collection = restricted_collection(
        restriction_type=CollectionViewRestriction.GROUPS, groups=[photographers]
    )
    url = picture_in(collection).file.url
    assert reader.get(url).status_code == 302
    django_user_model.objects.get(username="lectrice").groups.add(photographers)
    assert reader.get(url).status_code == 200


def test_a_password_restriction_asks_for_the_password_then_shows_the_picture(client):
    collection = restricted_collection(
        restriction_type=CollectionViewRestriction.PASSWORD, password="embargo-42"
    )
    url = picture_in(collection).get_rendition("width-400").url
    asked = client.get(url)
    assert asked.status_code == 403
    assert "no-cache" in asked["Cache-Control"]
    page = asked.rendered_content
    assert "Password required" in page or "Mot de passe requis" in page
    action = asked.context_data["action_url"]
    wrong = client.post(action, {"password": "faux", "return_url": url})
    assert wrong.status_code == 200
    assert client.get(url).status_code == 403
    right = client.post(action, {"password": "embargo-42", "return_url": url})
    assert right.status_code == 302 and right["Location"] == url
    assert body(client.get(url))[:2] == b"\xff\xd8"


def test_a_file_no_image_owns_is_served_as_before(client, private_picture):
    # A rendition file left behind by a deleted image names no collection: nothing to protect.
    url = private_picture.get_rendition("width-200").url
    private_picture.renditions.all().delete()
    assert client.get(url).status_code == 200
