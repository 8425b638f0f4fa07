"""Why a dispatch was refused or left as it was, told in the reader's language.

A reason is an English message id, marked with ``gettext_noop`` where it is
raised so that ``make messages`` collects it, and its parameters. Both are
stored with the ingest log (``reason_message``) and translated when shown:
in the admin's language, or in ``LANGUAGE_CODE`` on the command line. The
English text is stored too (``reason``), for search, logs and the rows
written before reasons were stored this way.

A parameter may itself be a reason ("Story 2: <why>"); numbers are grouped
as the language writes them.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext


class Reason:
    __slots__ = ("msgid", "params")

    def __init__(self, msgid, **params):
        self.msgid = msgid
        self.params = params

    def __str__(self):
        return self.render(gettext, lambda number: number_format(number, force_grouping=True))

    def __repr__(self):
        return f"Reason({self.english()!r})"

    def english(self):
        return self.render(str, lambda number: f"{number:,}")

    def render(self, translate, group):
        values = {
            name: value.render(translate, group)
            if isinstance(value, Reason)
            else group(value)
            if isinstance(value, int) and not isinstance(value, bool)
            else value
            for name, value in self.params.items()
        }
        try:
            return translate(self.msgid) % values if values else translate(self.msgid)
        except (KeyError, TypeError, ValueError):  # a catalog out of step: English still reads
            return self.msgid % values if values else self.msgid

    def stored(self):
        """The reason as JSON data, for ``reason_message``."""
        return {
            "msgid": self.msgid,
            "params": {
                name: value.stored() if isinstance(value, Reason) else value
                for name, value in self.params.items()
            },
        }

    @classmethod
    def from_stored(cls, data):
        """The reason back from ``stored()``'s data; None when there is none or it is not one."""
        if not isinstance(data, dict) or not isinstance(data.get("msgid"), str):
            return None
        params = data.get("params") if isinstance(data.get("params"), dict) else {}
        return cls(
            data["msgid"],
            **{
                str(name): cls.from_stored(value) if isinstance(value, dict) else value
                for name, value in params.items()
            },
        )


def shown(message, english):
    """A stored reason as the reader should see it: translated, or the old English text."""
    reason = Reason.from_stored(message)
    return str(reason) if reason is not None else english
