"""Where a dispatch goes: which wire it belongs to, which section, which tags.

Rules are edited in the admin (Wire sources): the first rule whose subject
or keyword the dispatch carries gives the section; every matching rule adds
its tags. With no rule matching, the wire's default section applies.

A dispatch whose provider no wire names goes to the catch-all wire, if
there is one, and waits there as a draft: nobody chose to publish that
agency, but its story is readable input, not a broken file for the quarantine.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_noop
from taggit.models import Tag

from .dispatch import WITHHELD, DispatchRejected
from .models import WireSource

TAG_LENGTH = Tag._meta.get_field("name").max_length


def _active_wires():
    return (
        WireSource.objects.filter(active=True)
        .select_related("source")
        .prefetch_related("routes__section")
    )


@dataclass(frozen=True)
class Routing:
    wire_source: WireSource
    section: object
    tags: tuple[str, ...]
    publish: bool


def wire_source_for(dispatch, given=None):
    """The wire a dispatch belongs to: the one it arrived by, else the one naming its provider."""
    if given is not None:
        return given
    provider = dispatch.provider.strip().casefold()
    if provider:
        for candidate in _active_wires().filter(catch_all=False):
            if provider in candidate.provider_name_list():
                return candidate
    catch_all = _active_wires().filter(catch_all=True).first()
    if catch_all is not None:
        return catch_all
    if not provider:
        raise DispatchRejected(
            gettext_noop(
                "The dispatch names no provider and there is no catch-all wire: pass "
                "--source, or make a wire source the catch-all in the admin, then retry."
            )
        )
    raise DispatchRejected(
        gettext_noop(
            "No wire source for the provider “%(provider)s”: add this name to a wire "
            "source's provider names in the admin (or pass --source, or make a wire source "
            "the catch-all), then retry."
        ),
        provider=dispatch.provider.strip(),
    )


def labels(dispatch):
    """What rules match: its keywords, subject codes and subject names, case folded."""
    labels = {keyword.casefold() for keyword in dispatch.keywords}
    for subject in dispatch.subjects:
        labels.update(value.casefold() for value in (subject.code, subject.name) if value)
    return labels


def route(dispatch, wire_source):
    found = labels(dispatch)
    section, tags = None, []
    # routes.all(): the rules may have been prefetched with the wire source.
    for rule in wire_source.routes.all():
        if rule.matches(found):
            section = section or rule.section
            tags += rule.tag_list()
    if wire_source.keywords_as_tags:
        tags += list(dispatch.keywords)
    section = section or wire_source.default_section
    if section is None:
        raise DispatchRejected(
            gettext_noop(
                "No section for this dispatch: no routing rule of “%(wire)s” matches it and "
                "the wire has no default section. Set one in the admin, then retry."
            ),
            wire=wire_source.name,
        )
    return Routing(
        wire_source=wire_source,
        section=section,
        tags=tuple(dict.fromkeys(tag[:TAG_LENGTH] for tag in tags if tag)),
        # Withheld means the agency says "not yet", and a catch-all's agency was never
        # chosen: an editor decides.
        publish=wire_source.auto_publish
        and not wire_source.catch_all
        and dispatch.pubstatus != WITHHELD,
    )
