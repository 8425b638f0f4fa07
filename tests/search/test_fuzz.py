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
@given(query=QUERY_TEXT, sort=st.sampled_from(["", "recent", "relevance", "x"]))
@example(query='"', sort="")
@example(query='grue "distance', sort="")
@example(query='"a" "b" "', sort="recent")
@example(query="-", sort="")
@example(query="\x00\ud7ff\U0010ffff", sort="")
def test_any_query_gets_a_page(client, newsroom, query, sort):
    response = client.get("/recherche/", {"q": query, "sort": sort})
    assert response.status_code == 200
