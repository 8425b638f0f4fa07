import re
from pathlib import Path

import pytest

from manchette.core.conf import all_settings, setting

DOCS = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


@pytest.mark.parametrize("name", sorted(all_settings()))
def test_every_setting_is_documented(name):
    documented = "\n".join(page.read_text() for page in DOCS.parent.glob("*.md"))
    assert re.search(rf"^\| `{name}` \|", documented, re.M), (
        f"{name} is missing from the tables in docs/*.md"
    )


def test_unknown_setting_names_what_to_do():
    with pytest.raises(KeyError, match="declare it in manchette.core.conf"):
        setting("MANCHETTE_NOPE")
