"""Audio files are served with byte ranges, long cache lifetimes, and only while published."""

import pytest
from django.core.files.storage import default_storage

pytestmark = pytest.mark.django_db


@pytest.fixture
def reading(publish):
    return publish().audio


def content(response):
    return b"".join(response.streaming_content)


def whole(reading, file="mp3"):
    with default_storage.open(getattr(reading, file).name) as stored:
        return stored.read()


def test_the_whole_file_with_ranges_announced_and_a_year_of_cache(client, reading):
    response = client.get(reading.mp3_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["Content-Length"] == str(reading.mp3_size)
    assert content(response) == whole(reading)


def test_the_opus_file(client, reading):
    response = client.get(reading.opus_url)
    assert response["Content-Type"] == "audio/ogg; codecs=opus"
    assert content(response) == whole(reading, "opus")


@pytest.mark.parametrize(
    "asked, first, last",
    [("bytes=0-99", 0, 99), ("bytes=100-", 100, None), ("bytes=-50", -50, None)],
)
def test_a_byte_range(client, reading, asked, first, last):
    data = whole(reading)
    size = len(data)
    start = first % size
    end = size - 1 if last is None else last
    response = client.get(reading.mp3_url, headers={"Range": asked})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{size}"
    assert response["Content-Length"] == str(end - start + 1)
    assert content(response) == data[start : end + 1]


def test_a_range_past_the_end_is_cut_to_the_file(client, reading):
    size = reading.mp3_size
    response = client.get(reading.mp3_url, headers={"Range": f"bytes={size - 10}-{size + 500}"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {size - 10}-{size - 1}/{size}"


@pytest.mark.parametrize(
    "asked",
    ["bytes=999999999-", "bytes=50-10", "bytes=-0", "bytes=abc", "lines=0-10", "bytes=-"],
)
def test_a_bad_range_is_416(client, reading, asked):
    response = client.get(reading.mp3_url, headers={"Range": asked})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{reading.mp3_size}"


def test_several_ranges_get_the_whole_file(client, reading):
    response = client.get(reading.mp3_url, headers={"Range": "bytes=0-1,5-9"})
    assert response.status_code == 200


def test_a_range_for_another_version_gets_the_whole_file(client, reading):
    response = client.get(reading.mp3_url, headers={"Range": "bytes=0-9", "If-Range": '"old"'})
    assert response.status_code == 200
    matching = client.get(
        reading.mp3_url, headers={"Range": "bytes=0-9", "If-Range": response["ETag"]}
    )
    assert matching.status_code == 206


def test_head_has_the_headers_and_no_body(client, reading):
    response = client.head(reading.mp3_url, headers={"Range": "bytes=0-9"})
    assert response.status_code == 206 and response["Content-Length"] == "10"
    assert response.content == b""


def test_post_is_refused(client, reading):
    assert client.post(reading.mp3_url).status_code == 405


def test_unknown_file_is_404(client, reading):
    assert client.get(f"/listen/{reading.article_id}/elsewhere.mp3").status_code == 404
    assert client.get(f"/listen/{reading.article_id + 999}/x.mp3").status_code == 404


def test_an_article_number_too_large_for_the_database_is_404(client, reading):
    assert client.get(f"/listen/{2**64}/x.mp3").status_code == 404


def test_audio_of_an_unpublished_article_is_not_served(client, reading):
    url = reading.mp3_url
    reading.article.unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("method", ["get", "head"])
def test_a_file_missing_from_the_storage_is_404_not_an_empty_200(client, reading, method):
    # A node whose storage never received the file (each node its own disk).
    default_storage.delete(reading.mp3.name)
    response = getattr(client, method)(reading.mp3_url)
    assert response.status_code == 404


def test_a_byte_range_of_audio_in_a_bucket(client, bucket, publish):
    reading = publish().audio
    data = whole(reading)
    response = client.get(reading.mp3_url, headers={"Range": "bytes=100-199"})
    assert response.status_code == 206
    assert content(response) == data[100:200]
    assert content(client.get(reading.mp3_url)) == data
