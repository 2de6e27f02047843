"""Who should review an item: the SMEs of its tags and the managers of its community.

CODEOWNERS can only route by path; an item's path says nothing about its
topic. Routing by the item's tags and community is what sends a seal problem
to the seal SME, whatever folder it sits in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Catalog, Item, Person

_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")


@dataclass(frozen=True)
class Reviewer:
    """A person asked to review, and why."""

    person: Person
    reasons: tuple[str, ...]

    @property
    def login(self) -> str | None:
        return github_login(self.person)


def github_login(person: Person) -> str | None:
    """The person's GitHub login when it is a valid one (``@`` stripped), else None."""
    login = (person.github or "").strip().lstrip("@")
    return login if _LOGIN.match(login) else None


def item_reviewers(
    catalog: Catalog, item: Item, *, except_author: bool = True
) -> dict[str, list[str]]:
    """Handle -> reasons, for everyone entitled to review ``item`` (but its author)."""
    out: dict[str, list[str]] = {}
    for tag_id in item.tags:
        tag = catalog.tags.get(tag_id)
        note = " (critical)" if tag and tag.critical else ""
        for person in catalog.smes_of(tag_id):
            out.setdefault(person.handle, []).append(f"SME for {tag_id}{note}")
    community = catalog.communities.get(item.community or "")
    if community:
        for handle in community.managers:
            if handle in catalog.people:
                out.setdefault(handle, []).append(f"manager of {community.name}")
    if except_author:
        out.pop(item.author, None)  # nobody reviews their own work
    return out


def route(catalog: Catalog, items: Iterable[Item]) -> list[Reviewer]:
    """The reviewers of several items, each once with all their reasons, by handle."""
    reasons: dict[str, list[str]] = {}
    for item in items:
        for handle, why in item_reviewers(catalog, item).items():
            mine = reasons.setdefault(handle, [])
            mine.extend(r for r in why if r not in mine)
    return [Reviewer(catalog.people[h], tuple(r)) for h, r in sorted(reasons.items())]


def managers(catalog: Catalog) -> list[Person]:
    """Every community manager, by handle: the curators of the curation data."""
    handles = {h for c in catalog.communities.values() for h in c.managers}
    return [catalog.people[h] for h in sorted(handles) if h in catalog.people]
