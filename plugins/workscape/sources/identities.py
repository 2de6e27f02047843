"""Who in git is a person: people.yml's addresses, and the known non-authors.

Git history credits contributors and dates changes, but not every commit is
someone's knowledge: a bot commits ratings, a maintainer reformats 200 files,
an import script adds a corpus. ``non_authors`` in policy.yml names those
identities once, by address or pattern (``*`` matches any run of characters
and is the only wildcard, so ``[bot]`` stays literal). Their commits:

- credit no one: they are not an item's contributors (no "improved" credit,
  no caretaker role) and are not reported as unknown identities;
- date no change: an item's ``updated`` comes from its other commits, so a
  bulk edit does not make every item look changed the same day.

They still date a file's first appearance (``date`` defaults to when git first
saw the file, whoever added it): that the file appeared then stays true. They
do not excuse authorship either: ``check --authors-from-git`` still wants a new
item committed by its author. An address listed in people.yml always counts as
its person, even when a pattern matches it, so ``*`` means "everyone not in
people.yml", robust to identities nobody has seen yet: the bundled example uses
it, as its history is the engine's development, not its fictional staff's.

``[bot]`` accounts are non-authors without being listed; nobody can add them to
people.yml.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import lru_cache

from .history import Contributor, is_bot

__all__ = ["NonAuthors"]


class NonAuthors:
    """Tells a non-author identity from a person, given the patterns and people's addresses."""

    def __init__(self, patterns: Iterable[str], known_emails: Collection[str]) -> None:
        self._pattern = _compile(tuple(sorted({p.strip().lower() for p in patterns})))
        self._known = frozenset(e.strip().lower() for e in known_emails)

    def matches(self, email: str) -> bool:
        """True for an address no person claims that a pattern covers."""
        email = email.strip().lower()
        return email not in self._known and bool(self._pattern and self._pattern.match(email))

    def __contains__(self, who: Contributor) -> bool:
        return who.email not in self._known and (is_bot(who) or self.matches(who.email))


@lru_cache(maxsize=8)
def _compile(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    alternatives = (".*".join(re.escape(part) for part in p.split("*")) for p in patterns)
    return re.compile("(?:" + "|".join(alternatives) + r")\Z")
