"""LiveBlogPosting JSON-LD on a live page, as search engines read it."""

import json
import re
from datetime import UTC, datetime

import jsonschema
import pytest
from django.core.exceptions import ValidationError

from manchette.live.models import LivePage
from tests import factory

pytestmark = pytest.mark.django_db

START = datetime(2026, 6, 9, 18, 0, tzinfo=UTC)
END = datetime(2026, 6, 10, 1, 0, tzinfo=UTC)
# An ISO 8601 time with its offset, as schema.org's DateTime and Google want it.
DATE_TIME = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$"
# What a LiveBlogPosting needs to be read as live coverage (schema.org, and search
# engines' documentation of the live badge).
LIVE_BLOG_POSTING = {
    "type": "object",
    "required": [
        "@context",
        "@type",
        "headline",
        "url",
        "coverageStartTime",
        "liveBlogUpdate",
    ],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "LiveBlogPosting"},
        "headline": {"type": "string", "minLength": 1, "maxLength": 110},
        "coverageStartTime": {"type": "string", "pattern": DATE_TIME},
        "coverageEndTime": {"type": "string", "pattern": DATE_TIME},
        "datePublished": {"type": "string", "pattern": DATE_TIME},
        "dateModified": {"type": "string", "pattern": DATE_TIME},
        "liveBlogUpdate": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["@type", "headline", "datePublished", "articleBody", "url"],
                "properties": {
                    "@type": {"const": "BlogPosting"},
                    "headline": {"type": "string", "minLength": 1, "maxLength": 110},
                    "datePublished": {"type": "string", "pattern": DATE_TIME},
                    "articleBody": {"type": "string", "minLength": 1},
                    "url": {"type": "string", "pattern": "^https?://"},
                },
            },
        },
    },
}


def json_ld(client, url):
    html = client.get(url).content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    jsonschema.validate(data, LIVE_BLOG_POSTING)
    return data


def test_live_blog_posting_with_its_updates(client):
    page = factory.live_page(coverage_start=START, coverage_end=END)
    first = factory.live_update(
        page, "Les bureaux ferment.", posted_at=datetime(2026, 6, 9, 18, 0, tzinfo=UTC)
    )
    second = factory.live_update(
        page,
        "La participation atteint 62 %.",
        title="Participation",
        byline="Marie Dupont",
        posted_at=datetime(2026, 6, 9, 19, 30, tzinfo=UTC),
    )

    data = json_ld(client, page.url)

    assert data["coverageStartTime"] == "2026-06-09T20:00:00+02:00"
    assert data["coverageEndTime"] == "2026-06-10T03:00:00+02:00"
    assert data["url"] == f"http://testserver{page.url}"
    assert data["dateModified"] >= "2026-06-09T21:30:00+02:00"
    assert data["liveBlogUpdate"] == [
        {
            "@type": "BlogPosting",
            "headline": "Participation",
            "datePublished": "2026-06-09T21:30:00+02:00",
            "articleBody": "La participation atteint 62 %.",
            "url": f"http://testserver{page.url}update/{second.pk}/",
            "publisher": {"@type": "Organization", "name": "manchette"},
            "author": {"@type": "Person", "name": "Marie Dupont"},
        },
        {
            "@type": "BlogPosting",
            "headline": "Les bureaux ferment.",
            "datePublished": "2026-06-09T20:00:00+02:00",
            "articleBody": "Les bureaux ferment.",
            "url": f"http://testserver{page.url}update/{first.pk}/",
            "publisher": {"@type": "Organization", "name": "manchette"},
        },
    ]


def test_coverage_end_is_left_out_until_known(client):
    page = factory.live_page(coverage_start=START)
    factory.live_update(page)
    assert "coverageEndTime" not in json_ld(client, page.url)


def test_ending_the_coverage_sets_its_end(client):
    page = factory.live_page(coverage_start=START)
    page.status = page.Status.ENDED
    page.full_clean()
    page.save_revision().publish()
    assert "coverageEndTime" in json_ld(client, page.url)


@pytest.mark.usefixtures("english")
def test_an_end_before_the_start_is_refused():
    page = LivePage(title="Élections", coverage_start=END, coverage_end=START)
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        page.clean()


def test_headline_of_an_untitled_update_is_its_text_shortened(client):
    page = factory.live_page()
    factory.live_update(page, "Un mot " * 40)
    update = json_ld(client, page.url)["liveBlogUpdate"][0]
    assert len(update["headline"]) <= 110 and update["headline"].endswith("…")


def test_updates_follow_the_page_they_are_on(client, settings):
    settings.MANCHETTE_LIVE_PAGE_SIZE = 2
    page = factory.live_page()
    for number in range(3):
        factory.live_update(page, f"Mise à jour {number}.")
    assert len(json_ld(client, page.url)["liveBlogUpdate"]) == 2
    assert len(json_ld(client, page.url + "?page=2")["liveBlogUpdate"]) == 1
