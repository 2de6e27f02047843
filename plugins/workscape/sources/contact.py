"""The ``contact`` of a person in people.yml: how they choose to be reached.

Why only two schemes? A contact becomes a link readers click ("Ask María"): an
``https://`` chat link (a Teams or Slack deep link, an intranet page) opens in a new
tab, a ``mailto:`` opens the reader's mail program. Anything else is refused:
``javascript:`` would run in the reader's browser, ``http://`` can be read and
rewritten on the way, and schemes like ``tel:`` or ``sip:`` do nothing on most
office machines.

Why separate from ``emails:``? Those map git identities to people and never reach a
page; a contact is the one way of reaching someone the person chose to publish, and
it shows only on their profile and in expert lists, never in search data or feeds.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from ..patterns import linear

#: An address after ``mailto:``: one ``@``, a dot in the domain, nothing that could end
#: an attribute or start a header (quotes, angle brackets, spaces).
_ADDRESS = linear(r"^[^@\s<>\"'?&]+@[^@\s<>\"'?&]+\.[^@\s<>\"'?&]+$")
#: Characters that have no place in a link written in YAML and could break out of it.
_FORBIDDEN = linear(r"[\s<>\"'\\`]")

HINT = (
    "write a chat link starting with https:// (e.g. a Teams or Slack deep link) or "
    "mailto:you@example.com, the address you choose to publish"
)


def contact_problem(text: str) -> str | None:
    """Why ``text`` cannot be a contact link, or None when it can."""
    if _FORBIDDEN.search(text):
        return f"'{text}' contains spaces, quotes or angle brackets, which no link has"
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme == "https":
        if not parts.hostname:
            return f"'{text}' has no host after https://"
        if "@" in parts.netloc:
            # https://teams.example@evil.example/ reads as one host and opens the other.
            return f"'{text}' has a user name before its host, which hides where it goes"
        return None
    if scheme == "mailto":
        if parts.query or parts.fragment:
            return f"'{text}' adds a subject or other fields to the address"
        if not _ADDRESS.search(unquote(parts.path)):
            return f"'{parts.path}' after mailto: is not one email address"
        return None
    if scheme == "http":
        return f"'{text}' is not encrypted (http://); a contact link must start with https://"
    return f"'{text}' is neither an https:// link nor a mailto: address"


def contact_where(contact: str) -> str:
    """Where the "Ask" link goes, said before the click: "by email" or "opens <host>"."""
    parts = urlsplit(contact)
    if parts.scheme.lower() == "mailto":
        return "by email"
    return f"opens {parts.hostname}"
