"""Exporting all comments as JSON, and reading the export back into an empty site."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command

from manchette.comments.importers import ImportFileError, load, parse
from manchette.comments.models import Comment
from tests import factory
from tests.comments import helpers

pytestmark = pytest.mark.django_db

START = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


def comment(article, parent=None, minutes=0, **fields):
    return helpers.comment(
        article,
        parent=parent,
        created=START + timedelta(minutes=minutes),
        **{"name": "Ada", "ip_network": "", **fields},
    )


@pytest.fixture
def site_comments():
    summit = factory.article(headline="Un sommet", slug="un-sommet")
    strike = factory.article(headline="Une grève", slug="une-greve")
    top = comment(
        summit,
        email="ada@example.org",
        website="https://ada.example.org/",
        ip_network="203.0.113.0/24",
        language="fr",
    )
    reply = comment(summit, parent=top, minutes=1, name="Bob", markup=Comment.Markup.MARKDOWN)
    comment(summit, parent=reply, minutes=2, name="Cléo", edited=START + timedelta(minutes=5))
    comment(summit, minutes=3, status=Comment.Status.HELD, held_reason="links")
    comment(strike, minutes=4, status=Comment.Status.SPAM)
    comment(strike, minutes=5, imported_from="isso", external_id="42", text="Venu d'Isso")
    return summit, strike


def exported(tmp_path):
    path = tmp_path / "comments.json"
    call_command("export_comments", "--output", str(path))
    return path, json.loads(path.read_text())


def content(comment):
    """What a comment is, whatever its id on a given site."""
    parent = comment.parent
    return (
        comment.article_id,
        comment.name,
        comment.email,
        comment.website,
        comment.text,
        comment.markup,
        comment.language,
        comment.status,
        comment.created,
        comment.edited,
        comment.ip_network,
        comment.depth,
        (parent.name, parent.created) if parent else None,
    )


def test_export_has_every_comment_with_its_article_and_parent(site_comments, tmp_path):
    summit, _strike = site_comments
    _path, data = exported(tmp_path)

    assert data["format"] == "manchette-comments" and data["version"] == 1
    assert len(data["comments"]) == 6
    first, reply = data["comments"][:2]
    assert first["article"] == {"id": summit.pk, "url": summit.full_url, "headline": "Un sommet"}
    assert reply["parent"] == first["id"]
    assert first["email"] == "ada@example.org" and first["ip_network"] == "203.0.113.0/24"
    assert first["created"] == "2024-03-01T12:00:00+00:00"


def test_round_trip_gives_the_same_comments(site_comments, tmp_path):
    path, _data = exported(tmp_path)
    before = sorted(map(content, Comment.objects.all()), key=str)
    Comment.objects.all().delete()

    report = load.save(parse("json", path), system="manchette")

    assert report.created == 6 and not report.unmatched and not report.rejected
    assert sorted(map(content, Comment.objects.all()), key=str) == before


def test_round_trip_keeps_the_identity_of_imported_comments(site_comments, tmp_path):
    path, _data = exported(tmp_path)
    Comment.objects.all().delete()
    load.save(parse("json", path), system="manchette")

    assert Comment.objects.get(imported_from="isso", external_id="42").text == "Venu d'Isso"
    assert load.save(parse("json", path), system="manchette").created == 0


def test_a_json_file_that_is_not_an_export_is_refused(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('[{"id": 1}]')

    with pytest.raises(ImportFileError, match="not a manchette comments export"):
        parse("json", path)


def test_an_export_with_a_malformed_comment_is_refused(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "manchette-comments", "version": 1, "comments": [{"id": 1}]}')

    with pytest.raises(ImportFileError, match="malformed comment"):
        parse("json", path)


def test_an_export_of_another_version_is_refused(tmp_path):
    path = tmp_path / "future.json"
    path.write_text('{"format": "manchette-comments", "version": 9, "comments": []}')

    with pytest.raises(ImportFileError, match="version 9"):
        parse("json", path)
