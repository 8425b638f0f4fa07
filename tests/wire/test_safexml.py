"""XML that cannot be abused, without refusing the standard files agencies send."""

import pytest

from manchette.wire.dispatch import DispatchRejected
from manchette.wire.parsers.safexml import parse_xml

NITF_DOCTYPE = b"""<?xml version="1.0"?>
<!DOCTYPE NewsML PUBLIC "urn:newsml:iptc.org:20031010:NewsMLv1.2.dtd:1" "NewsML-1.2.dtd"
[<!ENTITY % nitf SYSTEM "nitf-3-0.dtd"> %nitf; ]>
<NewsML><NewsItem>texte</NewsItem></NewsML>"""


def test_the_standard_nitf_doctype_is_accepted():
    """The external parameter entity is declared and referenced, never loaded."""
    assert parse_xml(NITF_DOCTYPE).findtext("NewsItem") == "texte"


def test_a_public_external_parameter_entity_is_accepted():
    raw = b"""<!DOCTYPE a [<!ENTITY % n PUBLIC "-//IPTC//NITF" 'nitf.dtd'> %n;]><a/>"""
    assert parse_xml(raw).tag == "a"


@pytest.mark.parametrize(
    "raw",
    [
        # An internal parameter entity that declares a general one when expanded.
        b"""<!DOCTYPE a [<!ENTITY % x "<!ENTITY b 'lol'>"> %x; ]><a>&b;</a>""",
        # The same with the external one beside it, to pass as the NITF declaration.
        b"""<!DOCTYPE a [<!ENTITY % n SYSTEM "nitf.dtd"> %n; <!ENTITY % x "<!ENTITY b 'x'>">
        %x;]><a>&b;</a>""",
        # A general internal entity.
        b"""<!DOCTYPE a [<!ENTITY b "lol"> ]><a>&b;</a>""",
        # A general external entity reading a local file.
        b"""<!DOCTYPE a [<!ENTITY b SYSTEM "file:///etc/passwd"> ]><a>&b;</a>""",
        # A parameter entity whose reference reads a local file as the DTD.
        b"""<!DOCTYPE a [<!ENTITY % b SYSTEM "file:///etc/passwd" > %b; <!ENTITY c "x">]><a/>""",
    ],
)
def test_entities_that_would_expand_are_refused(raw):
    with pytest.raises(DispatchRejected, match="entities"):
        parse_xml(raw)


def test_an_entity_declared_in_utf16_is_refused_after_parsing():
    raw = """<?xml version="1.0" encoding="UTF-16"?>
<!DOCTYPE a [<!ENTITY b "lol">]><a>&b;</a>""".encode("utf-16")
    with pytest.raises(DispatchRejected, match="entities"):
        parse_xml(raw)


def test_an_undeclared_entity_is_refused():
    with pytest.raises(DispatchRejected):
        parse_xml(b"<a>caf&eacute;</a>")


def test_an_external_parameter_entity_is_never_loaded(tmp_path):
    """Were the DTD read, &secret; would expand to its text."""
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY secret "leaked">')
    raw = f"""<!DOCTYPE a [<!ENTITY % ext SYSTEM "{dtd.as_uri()}"> %ext;]><a>&secret;</a>"""
    with pytest.raises(DispatchRejected, match="undeclared entities"):
        parse_xml(raw.encode())
    root = parse_xml(
        f"""<!DOCTYPE a [<!ENTITY % ext SYSTEM "{dtd.as_uri()}"> %ext;]><a/>""".encode()
    )
    dtd_seen = root.getroottree().docinfo.internalDTD
    assert [entity.name for entity in dtd_seen.iterentities()] == ["ext"]
