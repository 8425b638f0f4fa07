"""Importing from Isso, Disqus and WordPress: matched by address, threads kept, twice is once."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext

from manchette.comments.importers import ImportedComment, ImportFileError, load, parse
from manchette.comments.models import Comment
from manchette.core.cache import purge_log_path
from tests import factory

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def articles():
    """The two articles the sample files' comments were written under."""
    summit = factory.article(headline="Un sommet à Bruxelles", slug="sommet-a-bruxelles")
    strike = factory.article(
        headline="Grève des trains", slug="greve-des-trains", in_section=factory.section("Belgique")
    )
    return summit, strike


@pytest.fixture
def isso_db(tmp_path):
    path = tmp_path / "comments.db"
    with sqlite3.connect(path) as database:
        database.executescript((SAMPLES / "isso.sql").read_text())
    database.close()
    return path


def imported(system, external_id):
    return Comment.objects.get(imported_from=system, external_id=external_id)


def test_isso_database_is_imported_with_its_threads(articles, isso_db):
    summit, strike = articles
    report = load.save(parse("isso", isso_db), system="isso")

    assert report.created == 7 and report.unmatched == {"/blog/un-ancien-billet/": 1}
    first, reply, deeper = (imported("isso", n) for n in ("1", "2", "3"))
    assert first.article_id == summit.pk and first.parent is None and first.depth == 0
    assert reply.parent == first and reply.thread == first and reply.depth == 1
    assert deeper.parent == reply and deeper.thread == first and deeper.depth == 2
    first.refresh_from_db()
    assert first.reply_count == 2
    assert first.markup == Comment.Markup.MARKDOWN
    assert first.text == "Un *bon* résumé de la journée."
    assert first.created == datetime(2015, 9, 16, 19, 0, 0, 500000, tzinfo=UTC)
    assert (first.name, first.email, first.website) == (
        "Claire",
        "claire@example.org",
        "https://claire.example.org",
    )
    assert reply.edited is not None
    assert imported("isso", "7").article_id == strike.pk


def test_isso_modes_become_statuses(articles, isso_db):
    load.save(parse("isso", isso_db), system="isso")

    assert imported("isso", "4").status == Comment.Status.DELETED
    assert imported("isso", "5").parent == imported("isso", "4")
    assert imported("isso", "6").status == Comment.Status.HELD


def test_stored_addresses_keep_only_the_network(articles, isso_db):
    load.save(parse("isso", isso_db), system="isso")

    assert imported("isso", "1").ip_network == "203.0.113.0/24"
    assert imported("isso", "3").ip_network == "2001:db8::/64"


def test_a_javascript_website_is_dropped_on_import(articles, isso_db):
    load.save(parse("isso", isso_db), system="isso")

    assert imported("isso", "3").website == ""


def test_an_invalid_email_is_dropped_on_import(articles, isso_db):
    load.save(parse("isso", isso_db), system="isso")

    assert imported("isso", "5").email == ""


def test_a_nameless_deleted_comment_gets_a_placeholder_name(articles, isso_db):
    load.save(parse("isso", isso_db), system="isso")

    with translation.override("fr"):
        assert imported("isso", "4").name == gettext("Anonymous") != ""


def test_importing_twice_adds_nothing(articles, isso_db):
    load.save(parse("isso", isso_db), system="isso")
    again = load.save(parse("isso", isso_db), system="isso")

    assert again.created == 0 and again.already_imported == 7
    assert Comment.objects.count() == 7


def test_import_purges_the_pages_of_the_articles_it_changed(
    articles, isso_db, django_capture_on_commit_callbacks
):
    summit, strike = articles
    with django_capture_on_commit_callbacks(execute=True):
        load.save(parse("isso", isso_db), system="isso")

    assert f"comments-{summit.pk} comments-{strike.pk}" in purge_log_path().read_text()


def test_disqus_export_is_imported(articles):
    summit, _strike = articles
    report = load.save(parse("disqus", SAMPLES / "disqus.xml"), system="disqus")

    assert report.created == 4
    assert report.unmatched == {"https://ancien-site.example/culture/une-page-disparue/": 1}
    first, reply = imported("disqus", "9001"), imported("disqus", "9002")
    assert first.article_id == summit.pk and reply.parent == first
    assert first.markup == Comment.Markup.HTML and first.email == "sophie@example.org"
    assert reply.ip_network == "2001:db8:abcd:12::/64"
    assert imported("disqus", "9003").status == Comment.Status.SPAM


def test_a_reply_to_a_missing_comment_becomes_top_level_and_is_reported(articles):
    report = load.save(parse("disqus", SAMPLES / "disqus.xml"), system="disqus")

    assert report.orphans == ["9004"]
    assert imported("disqus", "9004").parent is None
    assert "9004" in report.summary()


def test_wordpress_export_is_imported(articles):
    _summit, strike = articles
    report = load.save(parse("wordpress", SAMPLES / "wordpress.xml"), system="wordpress")

    assert report.created == 4  # the pingback is not a comment
    assert report.unmatched == {"https://ancien-site.example/a-propos/": 1}
    first, reply = imported("wordpress", "101"), imported("wordpress", "102")
    assert first.article_id == strike.pk and reply.parent == first
    assert first.text == (
        "<p>Premier paragraphe.</p>\n\n<p>Second paragraphe,<br>sur deux lignes.</p>"
    )
    assert imported("wordpress", "103").status == Comment.Status.HELD
    assert imported("wordpress", "105").status == Comment.Status.SPAM


def test_wordpress_local_date_is_used_when_the_gmt_one_is_zero(articles):
    load.save(parse("wordpress", SAMPLES / "wordpress.xml"), system="wordpress")

    # 21:30 in Brussels in September is 19:30 UTC.
    assert imported("wordpress", "102").created == datetime(2015, 9, 16, 19, 30, tzinfo=UTC)


def test_short_links_match_their_article(articles):
    summit, _strike = articles
    addresses = load.ArticleAddresses()

    assert addresses.find(f"https://ancien-site.example/a/{summit.pk}/") == summit.pk
    assert addresses.find(f"/a/{summit.pk}") == summit.pk
    assert addresses.find("/a/999999/") is None
    assert addresses.find(summit.full_url) == summit.pk


def row(**fields):
    defaults = {
        "external_id": "x1",
        "url": "/monde/sommet-a-bruxelles/",
        "name": "Ada",
        "text": "Bonjour",
        "markup": Comment.Markup.TEXT,
        "created": datetime(2020, 1, 1, tzinfo=UTC),
        "status": Comment.Status.PUBLISHED,
    }
    return ImportedComment(**{**defaults, **fields})


def test_a_comment_without_text_is_rejected_and_reported(articles):
    report = load.save([row(text="  \x00 ")], system="isso")

    assert report.rejected == [("x1", "empty text")] and not Comment.objects.exists()


def test_a_comment_without_identifier_is_rejected(articles):
    report = load.save([row(external_id="")], system="isso")

    assert report.rejected == [("", "no usable identifier")]


def test_control_characters_are_removed_from_imported_text(articles):
    load.save([row(text="Bon\x00jour\x1b", name="A\x07da")], system="isso")

    comment = imported("isso", "x1")
    assert (comment.text, comment.name) == ("Bonjour", "Ada")


def test_replies_pointing_at_each_other_are_saved_once(articles):
    rows = [row(external_id="a", parent_id="b"), row(external_id="b", parent_id="a")]
    report = load.save(rows, system="isso")

    assert report.created == 2 and len(report.orphans) == 1
    assert Comment.objects.filter(parent__isnull=True).count() == 1


def test_a_reply_keeps_its_parent_imported_earlier(articles):
    load.save([row(external_id="p")], system="disqus")
    load.save([row(external_id="r", parent_id="p")], system="disqus")

    assert imported("disqus", "r").parent == imported("disqus", "p")


def test_a_file_that_is_not_an_isso_database_is_refused(tmp_path):
    path = tmp_path / "comments.db"
    path.write_text("not a database")

    with pytest.raises(ImportFileError, match="not an Isso database"):
        parse("isso", path)


def test_xml_entities_are_refused(tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><disqus xmlns="http://disqus.com">&b;</disqus>'
    )

    with pytest.raises(ImportFileError, match="cannot be read as XML"):
        parse("disqus", path)


def test_malformed_xml_is_refused(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<disqus><post>")

    with pytest.raises(ImportFileError, match="cannot be read as XML"):
        parse("disqus", path)


def test_a_wordpress_file_given_as_disqus_is_refused():
    with pytest.raises(ImportFileError, match="not a Disqus export"):
        parse("disqus", SAMPLES / "wordpress.xml")


def test_a_disqus_file_given_as_wordpress_is_refused():
    with pytest.raises(ImportFileError, match="WordPress"):
        parse("wordpress", SAMPLES / "disqus.xml")


def test_an_unknown_format_is_refused():
    with pytest.raises(ImportFileError, match="Unknown format"):
        parse("blogger", SAMPLES / "disqus.xml")


def test_command_prints_what_could_not_be_matched(articles, isso_db, capsys):
    call_command("import_comments", str(isso_db), "--format", "isso")

    printed = capsys.readouterr().out
    assert "7 comments imported, 0 already there." in printed
    assert "/blog/un-ancien-billet/: 1" in printed


def test_command_explains_an_unreadable_file(tmp_path):
    with pytest.raises(CommandError, match="is not a file"):
        call_command("import_comments", str(tmp_path / "missing.db"), "--format", "isso")
