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
from .markup import element_html, markup_title, text_html
from .safexml import text_of
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
# Components beside the story: its text is never in them.
SIDE_ROLES = {"title", "headline", "lead", "caption", "stylesheet", "logo", "contact", "byline"}
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
        guid=_guid(identifier, item),
        headline=first(
            _line(component, "HeadLine"), _role_text(component, "title"), markup_title(component)
        ),
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
        language=_language(component),
        kicker=_news_line(component, ("kicker", "overline")),
        slugline=first(
            _line(component, "SlugLine"),
            text_of(item.find("{*}Identification/{*}NameLabel")),
            _line(component, "SubHeadLine") if not _subheadline(component) else "",
        ),
        standfirst=first(_subheadline(component), _role_text(component, "lead")),
        body_html=sanitise_body(_html(_text_content(component))),
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
    """The text of one of the NewsLines (HeadLine, SlugLine …), the nearest component's first."""
    for lines in component.iter("{*}NewsLines"):
        text = text_of(lines.find("{*}" + name))
        if text:
            return text
    return ""


def _language(component):
    """The story's language, from its own component or a nested one (TASS)."""
    for language in component.iter("{*}Language"):
        if formal_name(language):
            return formal_name(language)
    return first(*(c.get(XML_LANG, "") for c in component.iter("{*}NewsComponent")))


def _guid(identifier, item):
    public = text_of(identifier.find("{*}PublicIdentifier"))
    parts = [
        text_of(identifier.find("{*}" + name)) for name in ("ProviderId", "DateId", "NewsItemId")
    ]
    if all(parts):
        return "urn:newsml:" + ":".join(parts)
    if public:
        # The public identifier ends with the revision: drop it to name every version alike.
        return public.rsplit(":", 1)[0] if public.count(":") > 2 else public
    # Some agencies (TASS) give only a provider: the item's own id (Duid) names the story.
    duid = first(item.get("Duid", ""), *(c.get("Duid", "") for c in item.iter("{*}NewsComponent")))
    return f"urn:newsml:{parts[0]}:{duid}" if parts[0] and duid else ""


def _subheadline(component):
    """The SubHeadLine, unless it is a label in capitals (EFE's "INDIA SUCESOS"): a slugline."""
    text = _line(component, "SubHeadLine")
    return "" if text.isupper() and len(text.split()) <= 4 else text


def _news_line(component, kinds):
    """The first NewsLine whose type names one of kinds (EditorialNote, Kicker …)."""
    for line in component.iterfind("{*}NewsLines/{*}NewsLine"):
        kind = formal_name(line.find("{*}NewsLineType")).lower()
        if any(wanted in kind for wanted in kinds):
            return text_of(line.find("{*}NewsLineText"))
    return ""


def _editorial_note(component):
    """NewsML 1.2 carries the note to editors as a NewsLine of type EditorialNote."""
    return _news_line(component, ("note",))


def _by_role(component, role):
    # iter() includes the component itself.
    for candidate in component.iter("{*}NewsComponent"):
        if formal_name(candidate.find("{*}Role")).lower() == role:
            return candidate.find("{*}ContentItem/{*}DataContent")
    return None


def _role_text(component, role):
    return text_of(_by_role(component, role))


def _text_content(component):
    """The story's DataContent: the Body component's, else the first text outside
    the title, lead, caption and other side components (many agencies give no roles)."""
    body = _by_role(component, "body")
    if body is not None:
        return body
    for candidate in component.iter("{*}NewsComponent"):
        if formal_name(candidate.find("{*}Role")).lower() in SIDE_ROLES:
            continue
        for content_item in candidate.iterfind("{*}ContentItem"):
            content = content_item.find("{*}DataContent")
            if _is_text(content_item) and content is not None and text_of(content):
                return content
    return None


def _is_text(content_item):
    media = formal_name(content_item.find("{*}MediaType")).lower()
    mime = formal_name(content_item.find("{*}MimeType")).lower()
    if content_item.get("Href") or mime in ("text/css", "text/javascript"):
        return False
    return media in ("", "text", "complexdata") and not mime.startswith(("image/", "video/"))


def _html(content):
    if content is None:
        return ""
    if len(content):
        return element_html(content)
    text = content.text or ""
    # HTML given as text (in CDATA), as ANA-MPA sends it.
    return text_html(text) if text.lstrip().startswith("<") else text_to_html(text)


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
