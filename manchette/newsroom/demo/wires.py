"""The demo's agency wires, so that the first file ingested lands somewhere.

Belga and AFP are matched by the provider names their files carry (NewsML
1.2 ``ProviderId`` and ``Party``, ninjs and NewsML-G2 provider names) and
routed by IPTC subject codes, in both vocabularies agencies use (``subj:``
subject codes and ``medtop:`` media topics). Any other provider goes to the
catch-all wire, whose dispatches wait as drafts for an editor.
"""

from manchette.wire.models import WireRoute, WireSource

# (subject code, section slug): the first one a dispatch carries gives its section.
ROUTES = [
    (f"{vocabulary}:{code}", section)
    for code, section in (("04000000", "economie"), ("15000000", "sport"), ("01000000", "culture"))
    for vocabulary in ("subj", "medtop")
]

WIRES = [
    {
        "slug": "belga",
        "name": "Belga",
        "source": "belga",
        "provider_names": "Belga, belga.be, Belga News",
        "default_section": "belgique",
        "catch_all": False,
    },
    {
        "slug": "afp",
        "name": "AFP",
        "source": "afp",
        "provider_names": "AFP, afp.com, Agence France-Presse",
        "default_section": "monde",
        "catch_all": False,
    },
    {
        "slug": "autres-agences",
        "name": "Autres agences",
        "source": "agences",
        "provider_names": "",
        "default_section": "monde",
        "catch_all": True,
    },
]


def ensure_wires(sections, sources):
    """Each demo wire, found by its slug; a wire an editor already has is left as it is."""
    wires = {}
    for spec in WIRES:
        wire = WireSource.objects.filter(slug=spec["slug"]).first()
        if wire is None:
            wire = WireSource.objects.create(
                slug=spec["slug"],
                name=spec["name"],
                source=sources[spec["source"]],
                provider_names=spec["provider_names"],
                default_section=sections[spec["default_section"]],
                catch_all=spec["catch_all"],
                auto_publish=not spec["catch_all"],
            )
            if not wire.catch_all:
                WireRoute.objects.bulk_create(
                    WireRoute(wire_source=wire, match=match, section=sections[slug], sort_order=n)
                    for n, (match, slug) in enumerate(ROUTES)
                )
        wires[spec["slug"]] = wire
    return wires
