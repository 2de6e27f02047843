"""Participation: who acted in which of the five roles of a learning community, over a period.

The five roles and exactly what counts for each, per community (an item counts for
the community it belongs to) and overall:

- **consumer**: rated or commented on someone else's item in the period.
  Nobody is a consumer for being listed as a member: a floor of members made
  the role always "meet" its target, even in a community nobody had touched for
  months. Reading is anonymous, so it is shown per community
  (:func:`workscape.insights.verdicts.reading`), never per person.
- **creator**: authored a problem, answer or resource dated in the period, or
  discussed one: a comment in the period (creators "create, share, improve and
  discuss"). A comment a curator hid counts for no role.
- **connector**: authored an item dated in the period that links to other
  items: ``related`` entries, or links in its body to another item's page or
  file (``../resources/x.md``, ``/problems/y/``...).
- **carrier**: authored a collection dated in the period, or featured an item
  or a person (curation/featured.yml) with the feature running in the period.
- **caretaker**: gave a valid review in the period; manages the community;
  or changed, in a commit, an item someone else authored, where the item last
  changed in the period (git history gives who changed a file and when it
  last changed, not the date of each person's change, so the file's last
  change stands for the period).

Only people in people.yml count: an unknown git identity (an email) is never a
participant, so it can never reach a page. A person can hold several roles.

The profile reports, per role, how many people held it and their share of the
community's people (its listed members plus anyone who acted in it), next to
the target share from ``policy.participation_targets``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import PurePosixPath

from ..model import FOLDERS, ROLES, Catalog, Item
from ..patterns import linear
from ..rules.reviews import valid_reviews
from .memo import per_catalog

#: The default period: the twelve months up to "now". A year smooths out the
#: seasonal rhythm of a workplace (shutdowns, audits, holidays).
PERIOD_DAYS = 365

# A link target in Markdown or HTML: inline links, reference definitions, hrefs. RE2, so
# linear in the body (see workscape.patterns): with a backtracking engine, `^\s*` crossing
# blank lines made this quadratic.
_LINK_TARGET = linear(r"""(?m)(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?|href=["'])([^)\s"'>]+)""")
_ITEM_PATH = linear(r"(?:^|/)(problems|answers|resources|collections)/([A-Za-z0-9_-]+)")


@dataclass(frozen=True)
class Period:
    """The days ``start < day <= end``: "the last N days up to and including end"."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start < day <= self.end

    @classmethod
    def ending(cls, end: date, days: int = PERIOD_DAYS) -> Period:
        return cls(end - timedelta(days=days), end)


@dataclass(frozen=True)
class Profile:
    """The participation profile of one community (or of everyone, when ``community`` is None)."""

    community: str | None
    period: Period
    population: int  #: members plus anyone who acted in the community in the period
    people: Mapping[str, tuple[str, ...]]  #: role -> handles, sorted
    targets: Mapping[str, float]

    def count(self, role: str) -> int:
        return len(self.people.get(role, ()))

    def share(self, role: str) -> float:
        """The fraction of the community's people who held ``role`` (0 when it has nobody)."""
        return self.count(role) / self.population if self.population else 0.0

    def meets(self, role: str) -> bool:
        return self.share(role) >= self.targets.get(role, 0.0)

    @property
    def rows(self) -> list[RoleRow]:
        """One row per role, in the canonical order, for tables and charts."""
        return [
            RoleRow(r, self.count(r), self.share(r), self.targets.get(r, 0.0), self.meets(r))
            for r in ROLES
        ]


@dataclass(frozen=True)
class RoleRow:
    role: str
    count: int
    share: float
    target: float
    meets: bool


@dataclass
class _Roles:
    """A mutable role -> handles accumulator, limited to known people."""

    known: Mapping[str, object]
    by_role: dict[str, set[str]] = field(default_factory=lambda: {r: set() for r in ROLES})

    def add(self, role: str, handles: Iterable[str]) -> None:
        self.by_role[role].update(h for h in handles if h in self.known)


@per_catalog
def _ids_by_file(catalog: Catalog) -> dict[tuple[str, str], str]:
    """(folder, file stem) -> item id, for links written to a file whose ``id`` differs."""
    return {(FOLDERS[i.type], PurePosixPath(i.path).stem): i.id for i in catalog.items.values()}


def linked_items(catalog: Catalog, item: Item) -> set[str]:
    """Ids of the other items ``item`` links to, by ``related`` or by links in its body."""
    by_file = _ids_by_file(catalog)
    found = {r for r in item.related if r in catalog.items}
    for target in _LINK_TARGET.findall(item.body):
        for folder, name in _ITEM_PATH.findall(target):
            ref = name if name in catalog.items else by_file.get((folder, name))
            if ref:
                found.add(ref)
    found.discard(item.id)
    return found


def roles(catalog: Catalog, community: str | None, period: Period) -> dict[str, tuple[str, ...]]:
    """Role -> sorted handles of the people who held it in ``community`` (None: anywhere)."""
    acc = _Roles(catalog.people)

    def belongs(item: Item | None) -> bool:
        return item is not None and (community is None or item.community == community)

    items = [i for i in catalog.items.values() if belongs(i)]
    for item in items:
        ratings = catalog.ratings.get(item.id, ())
        acc.add("consumer", (r.by for r in ratings if r.date in period and r.by != item.author))
        said = [c.by for c in catalog.comments_on(item.id) if c.date in period and not c.hidden]
        acc.add("creator", said)
        acc.add("consumer", (h for h in said if h != item.author))
        if item.date in period:
            if item.type == "collection":
                acc.add("carrier", [item.author])
            else:
                acc.add("creator", [item.author])
            if linked_items(catalog, item):
                acc.add("connector", [item.author])
        reviews = valid_reviews(catalog, item)
        acc.add("caretaker", (r.by for r in reviews if r.date in period))
        if item.updated in period:
            acc.add("caretaker", (c for c in item.contributors if c != item.author))
    for feature in catalog.featured:
        running = feature.until is None or feature.until > period.start
        if running and _features_community(catalog, feature.kind, feature.ref, community):
            acc.add("carrier", [feature.by])
    managed = catalog.communities.values()
    acc.add("caretaker", (m for c in managed if community in (None, c.id) for m in c.managers))
    return {role: tuple(sorted(handles)) for role, handles in acc.by_role.items()}


def profile(
    catalog: Catalog, community: str | None = None, period: Period | None = None
) -> Profile:
    """The participation profile of ``community`` (None: the whole site) over ``period``.

    The period defaults to the :data:`PERIOD_DAYS` up to ``catalog.now``; without
    any date at all (an empty site) it is empty.
    """
    if period is None:
        end = catalog.today() or date.min + timedelta(days=PERIOD_DAYS)
        period = Period.ending(end)
    people = roles(catalog, community, period)
    active = {h for handles in people.values() for h in handles}
    if community is None:
        population = len(set(catalog.people) | active)
    else:
        members = {p.handle for p in catalog.people.values() if community in p.communities}
        population = len(members | active)
    return Profile(
        community, period, population, people, dict(catalog.policy.participation_targets)
    )


def _features_community(catalog: Catalog, kind: str, ref: str, community: str | None) -> bool:
    if kind == "item":
        item = catalog.items.get(ref)
        return item is not None and (community is None or item.community == community)
    person = catalog.people.get(ref)
    return person is not None and (community is None or community in person.communities)
