"""NewsML 1.2, as Belga and other agencies of its generation send it.

A ``NewsML`` document holds ``NewsItem``s. Each is identified by its
``NewsIdentifier`` (provider, date, item id; ``RevisionId`` is the
version) and holds a ``NewsComponent`` tree: the headline is in
``NewsLines`` or in a component whose ``Role`` is ``Title``, the
standfirst in the ``Lead`` component, the text in the ``Body`` one.
Times are written ``20150916T222502``; without a zone they are Brussels
time, as Belga means them. Elements are found by local name (``{*}``:
in any namespace or none), as agencies' files differ there.
"""

from django.utils.translation import gettext_noop

from ..dispatch import (
    CANCELED,
    CORRECTION,
    KILL,
    UPDATE,
    USABLE,
    WITHHELD,
    Dispatch,
    DispatchRejected,
    Picture,
    Subject,
)
from .safexml import inner_xml, text_of
from .text import (
    BRUSSELS,
    check_mojibake,
    each,
    first,
    parse_time,
    sanitise_body,
    text_to_html,
    urgency,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUSES = {"usable": USABLE, "canceled": CANCELED, "cancelled": CANCELED, "withheld": WITHHELD}
INSTRUCTIONS = {
    "rectify": CORRECTION,
    "correction": CORRECTION,
    "rectification": CORRECTION,
    "kill": KILL,
    "delete": KILL,
    "withdraw": KILL,
    "update": UPDATE,
}


def parse(root):
    items = root.findall("{*}NewsItem")
    if not items:
        raise DispatchRejected(gettext_noop("The NewsML document holds no NewsItem."))
    return each(items, item_to_dispatch)


def formal_name(element):
    return (element.get("FormalName", "") if element is not None else "").strip()


def time_of(element, what):
    return parse_time(text_of(element), zone=BRUSSELS, what=what)


def item_to_dispatch(item):
    identifier = item.find("{*}Identification/{*}NewsIdentifier")
    management = item.find("{*}NewsManagement")
    component = item.find("{*}NewsComponent")
    if identifier is None or management is None or component is None:
        raise DispatchRejected(
            gettext_noop(
                "The NewsItem lacks its Identification/NewsIdentifier, NewsManagement or "
                "NewsComponent."
            )
        )
    revision = identifier.find("{*}RevisionId")
    status = formal_name(management.find("{*}Status")).lower()
    instructions = {
        INSTRUCTIONS[name]
        for element in management.findall("{*}Instruction")
        if (name := formal_name(element).lower()) in INSTRUCTIONS
    }
    if revision is not None and revision.get("Update", "N") == "U":
        instructions.add(UPDATE)
    embargo = time_of(
        management.find("{*}StatusWillChange/{*}DateAndTimeOfChange"), gettext_noop("embargo")
    )
    dispatch = Dispatch(
        format="NewsML 1.2",
        guid=_guid(identifier),
        headline=first(_line(component, "HeadLine"), _role_text(component, "title")),
        version=text_of(revision),
        provider=first(
            formal_name(component.find("{*}AdministrativeMetadata/{*}Provider/{*}Party")),
            text_of(identifier.find("{*}ProviderId")),
        ),
        first_created=time_of(
            management.find("{*}FirstCreated"), gettext_noop("first-created time")
        ),
        version_created=time_of(
            management.find("{*}ThisRevisionCreated"), gettext_noop("version time")
        ),
        embargo=embargo,
        # "Embargoed" with a time to lift it is usable then; without one, held back.
        pubstatus=STATUSES.get(status, USABLE if embargo else WITHHELD),
        urgency=urgency(formal_name(management.find("{*}Urgency"))),
        language=first(
            formal_name(component.find("{*}DescriptiveMetadata/{*}Language")),
            component.get(XML_LANG, ""),
        ),
        kicker=first(
            _line(component, "SlugLine"), text_of(item.find("{*}Identification/{*}NameLabel"))
        ),
        standfirst=first(_line(component, "SubHeadLine"), _role_text(component, "lead")),
        body_html=sanitise_body(_role_html(component, "body")),
        byline=_line(component, "ByLine"),
        dateline=_line(component, "DateLine"),
        subjects=_subjects(component),
        keywords=_keywords(component),
        pictures=_pictures(component),
        signals=frozenset(instructions),
        note=_editorial_note(component),
        previous_version=revision.get("PreviousRevision", "") if revision is not None else "",
    )
    check_mojibake(dispatch.headline, dispatch.standfirst, dispatch.body_html)
    return dispatch


def _line(component, name):
    """The text of one of the component's NewsLines (HeadLine, SlugLine …)."""
    return text_of(component.find("{*}NewsLines/{*}" + name))


def _guid(identifier):
    public = text_of(identifier.find("{*}PublicIdentifier"))
    parts = [
        text_of(identifier.find("{*}" + name)) for name in ("ProviderId", "DateId", "NewsItemId")
    ]
    if all(parts):
        return "urn:newsml:" + ":".join(parts)
    # The public identifier ends with the revision: drop it to name every version alike.
    return public.rsplit(":", 1)[0] if public.count(":") > 2 else public


def _editorial_note(component):
    """NewsML 1.2 carries the note to editors as a NewsLine of type EditorialNote."""
    for line in component.iterfind("{*}NewsLines/{*}NewsLine"):
        if "note" in formal_name(line.find("{*}NewsLineType")).lower():
            return text_of(line.find("{*}NewsLineText"))
    return ""


def _by_role(component, role):
    # iter() includes the component itself.
    for candidate in component.iter("{*}NewsComponent"):
        if formal_name(candidate.find("{*}Role")).lower() == role:
            return candidate.find("{*}ContentItem/{*}DataContent")
    return None


def _role_text(component, role):
    return text_of(_by_role(component, role))


def _role_html(component, role):
    content = _by_role(component, role)
    if content is None:
        return ""
    if len(content):
        return inner_xml(content)
    return text_to_html(content.text or "")


def _subjects(component):
    found = []
    for subject in component.iter("{*}Subject", "{*}SubjectMatter", "{*}SubjectDetail"):
        code = formal_name(subject)
        if code:
            scheme = subject.get("Scheme", "") or "subj"
            found.append(Subject(code=f"{scheme}:{code}" if ":" not in code else code))
    return tuple(found)


def _keywords(component):
    found = [
        prop.get("Value", "")
        for prop in component.iter("{*}Property")
        if formal_name(prop).lower() == "keyword"
    ]
    found += [text_of(line) for line in component.iterfind("{*}NewsLines/{*}KeywordLine")]
    return tuple(found)


def _pictures(component):
    found = []
    for candidate in component.iter("{*}NewsComponent"):
        item = candidate.find("{*}ContentItem")
        media = formal_name(item.find("{*}MediaType")).lower() if item is not None else ""
        if media in ("photo", "picture", "graphic") and item.get("Href"):
            caption = _role_text(candidate, "caption")
            found.append(Picture(href=item.get("Href"), caption=caption))
    return tuple(found)
