"""Bylines show names: not "By", not e-mail addresses, not an editing system's accounts."""

import pytest

from manchette.wire.dispatch import names


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("By Henning Gloystein", "Henning Gloystein"),
        ("Von Christian Hollmann, dpa", "Christian Hollmann, dpa"),
        ("Mark Pilgrim (mark@example.org)", "Mark Pilgrim"),
        ("newsdesk@agency.example", ""),
        ("degenhardt.sandra", ""),
        ("powell.robin, Anna Schmidt", "Anna Schmidt"),
        ("MARKO DJURICA", "Marko Djurica"),
        ("AFP", "AFP"),
        ("Ursula Von der Leyen", "Ursula Von der Leyen"),
        ("Sam Jones in Madrid and Stephen Burgen", "Sam Jones in Madrid and Stephen Burgen"),
    ],
)
def test_names(given, shown):
    assert names(given) == shown
