"""What curators feature on the home page, as of ``catalog.now``.

``curation/featured.yml`` names items and people, each until a last day
(inclusive); ``featured: true`` in people.yml features a person with no end. An
entry past its ``until`` is left out, as is one naming an item the site does not
publish or a person with ``listed: false``. Curators' order in featured.yml is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Catalog, Featured, Item, Person


@dataclass(frozen=True)
class FeaturedItem:
    item: Item
    entry: Featured


@dataclass(frozen=True)
class FeaturedPerson:
    person: Person
    note: str = ""
    by: str = ""


def is_current(catalog: Catalog, entry: Featured) -> bool:
    """True until the end of the entry's ``until`` day (always, without an end or a "now")."""
    today = catalog.today()
    return entry.until is None or today is None or today <= entry.until


def featured_items(catalog: Catalog) -> list[FeaturedItem]:
    """Current featured items, in featured.yml's order, each once."""
    out: list[FeaturedItem] = []
    for entry in catalog.featured:
        item = catalog.items.get(entry.ref)
        if entry.kind != "item" or item is None or not is_current(catalog, entry):
            continue
        if all(f.item.id != item.id for f in out):
            out.append(FeaturedItem(item, entry))
    return out


def featured_people(catalog: Catalog) -> list[FeaturedPerson]:
    """Current featured listed people: featured.yml's order, then people.yml's flag by handle."""
    out: list[FeaturedPerson] = []
    seen: set[str] = set()
    for entry in catalog.featured:
        person = catalog.people.get(entry.ref)
        if entry.kind != "person" or person is None or not is_current(catalog, entry):
            continue
        if person.listed and person.handle not in seen:
            seen.add(person.handle)
            out.append(FeaturedPerson(person, entry.note, entry.by))
    for person in sorted(catalog.people.values(), key=lambda p: p.handle):
        if person.featured and person.listed and person.handle not in seen:
            seen.add(person.handle)
            out.append(FeaturedPerson(person))
    return out
