"""No query string makes the search page fail, on SQLite as on PostgreSQL."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests import factory

pytestmark = pytest.mark.django_db

QUERY_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("\"-*:^(){}[]'’«»;&|!<>\\ ,.%_"), st.characters(codec="utf-8")
    ),
    max_size=120,
)


@pytest.fixture
def newsroom():
    factory.article(headline="Une grue pilotée à distance", language="fr")
    factory.article(headline="Overstromingen in Limburg", language="nl")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=QUERY_TEXT,
    sort=st.one_of(st.sampled_from(["", "recent", "relevance"]), QUERY_TEXT),
    section=st.one_of(st.sampled_from(["", "monde"]), QUERY_TEXT),
    period=st.one_of(st.sampled_from(["", "day", "year"]), QUERY_TEXT),
)
@example(query='"', sort="", section="", period="")
@example(query='grue "distance', sort="", section="monde", period="")
@example(query='"a" "b" "', sort="recent", section="", period="day")
@example(query="-", sort="", section="\x00", period="\x00")
@example(query="\x00\ud7ff\U0010ffff", sort="\x00", section="", period="")
def test_any_query_gets_a_page(client, newsroom, query, sort, section, period):
    params = {"q": query, "sort": sort, "section": section, "period": period}
    response = client.get("/recherche/", params)
    assert response.status_code == 200
