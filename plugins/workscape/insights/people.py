"""People: who helps, who is new, what each person knows, and who to ask about a topic.

**Helpfulness** rewards what others found useful, never raw activity (activity
targets breed noise). Within a scope (the whole site, a tag, a community)::

    helpfulness = 3 * accepted_answers + sum((stars - 1) / 4 for each rating received)
                  + 1 * items_reviewed

An accepted answer counts when the problem's author or an SME accepted it for
someone else's problem (accepting your own answer to your own problem earns
nothing); ratings count as :mod:`workscape.rules.ratings` counts them (never one's own); reviews
count once per item, and only reviews the reviewer was entitled to give. Ten
unrated, unaccepted posts score zero.

**Derived expertise**: the tags a person *answers well* in: answers that were
accepted or are *well rated* (rated, with a smoothed rating above the policy's prior
mean, i.e. raters judged it better than an average item).

People with ``listed: false`` take part in no ranking, directory, expert list or
suggestion, and get no profile page. Nothing here reads or returns an email.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from ..model import ITEM_TYPES, Catalog, Item, ItemType, Person, Review, Tag
from ..rules.ratings import rating_of, valid_ratings
from ..rules.reviews import valid_reviews
from .memo import per_catalog
from .recency import newest

ACCEPTED_POINTS = 3.0
REVIEW_POINTS = 1.0


@dataclass(frozen=True)
class Helpfulness:
    """What one person did that others found useful, within a scope."""

    handle: str
    accepted: int = 0  #: accepted answers
    ratings: int = 0  #: ratings received on their items
    rating_points: float = 0.0  #: sum of (stars - 1) / 4 over those ratings
    reviews: int = 0  #: items reviewed

    @property
    def score(self) -> float:
        return ACCEPTED_POINTS * self.accepted + self.rating_points + REVIEW_POINTS * self.reviews


@dataclass(frozen=True)
class Expertise:
    """A tag someone answers well in."""

    tag: str
    accepted: int = 0  #: their accepted answers under the tag
    well_rated: int = 0  #: their well-rated answers under the tag

    @property
    def strength(self) -> int:
        return self.accepted + self.well_rated


@dataclass(frozen=True)
class Expert:
    """Someone to ask about a topic: an SME, or a proven helper in that scope."""

    person: Person
    sme: bool
    help: Helpfulness


@dataclass(frozen=True)
class Contributions:
    """What one person has contributed, for their profile."""

    handle: str
    #: Items they wrote, by type (every type present, possibly empty), newest first.
    items: Mapping[ItemType, tuple[Item, ...]] = field(default_factory=dict)
    reviews: tuple[Review, ...] = ()  #: reviews they gave, newest first
    edits: tuple[Item, ...] = ()  #: others' items they changed (from git), newest first

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.items.values()) + len(self.reviews) + len(self.edits)


def listed(catalog: Catalog, handle: str) -> Person | None:
    """The person behind ``handle`` if they may appear in rankings and have a profile."""
    person = catalog.people.get(handle)
    return person if person is not None and person.listed else None


def listed_people(catalog: Catalog) -> list[Person]:
    """Everyone with a public profile, by name (then handle)."""
    return sorted(
        (p for p in catalog.people.values() if p.listed),
        key=lambda p: (p.name.casefold(), p.handle),
    )


def is_accepted(catalog: Catalog, answer: Item) -> bool:
    """True for an answer its problem accepted, unless the asker accepted their own answer."""
    problem = catalog.items.get(answer.problem or "")
    return bool(problem and problem.accepted == answer.id and problem.author != answer.author)


def is_well_rated(catalog: Catalog, item: Item) -> bool:
    """Rated, and raters put it above the policy's prior mean."""
    summary = rating_of(catalog, item.id)
    return summary.count > 0 and summary.smoothed > catalog.policy.rating_prior_mean


def _tally(catalog: Catalog, items: Iterable[Item]) -> dict[str, Helpfulness]:
    """Everyone's helpfulness from what happened on ``items``."""
    accepted: dict[str, int] = {}
    ratings: dict[str, list[float]] = {}
    reviewed: dict[str, set[str]] = {}
    for item in items:
        if item.type == "answer" and is_accepted(catalog, item):
            accepted[item.author] = accepted.get(item.author, 0) + 1
        for rating in valid_ratings(catalog, item.id):
            ratings.setdefault(item.author, []).append((rating.stars - 1) / 4)
        for review in valid_reviews(catalog, item):
            reviewed.setdefault(review.by, set()).add(item.id)
    return {
        handle: Helpfulness(
            handle,
            accepted.get(handle, 0),
            len(ratings.get(handle, ())),
            sum(ratings.get(handle, ())),
            len(reviewed.get(handle, ())),
        )
        for handle in sorted(set(accepted) | set(ratings) | set(reviewed))
    }


def _ranked(catalog: Catalog, tally: Mapping[str, Helpfulness]) -> list[Helpfulness]:
    """Listed people with a positive score, most helpful first (ties: accepted, handle)."""
    return sorted(
        (h for h in tally.values() if h.score > 0 and listed(catalog, h.handle)),
        key=lambda h: (-h.score, -h.accepted, h.handle),
    )


@per_catalog
def helpfulness(catalog: Catalog) -> Mapping[str, Helpfulness]:
    """Everyone's helpfulness across the whole site (listed or not: filter before showing)."""
    return _tally(catalog, catalog.items.values())


def helpfulness_of(catalog: Catalog, handle: str) -> Helpfulness:
    return helpfulness(catalog).get(handle, Helpfulness(handle))


def most_helpful(catalog: Catalog, limit: int | None = None) -> list[Helpfulness]:
    """Who's popular: listed people ranked by helpfulness, never by how much they post."""
    return _ranked(catalog, helpfulness(catalog))[:limit]


@per_catalog
def first_contributions(catalog: Catalog) -> Mapping[str, date]:
    """The day each person first wrote an item or gave a review."""
    out: dict[str, date] = {}
    for item in catalog.items.values():
        if item.date and (item.author not in out or item.date < out[item.author]):
            out[item.author] = item.date
        for review in valid_reviews(catalog, item):
            if review.by not in out or review.date < out[review.by]:
                out[review.by] = review.date
    return out


def newcomers(catalog: Catalog, limit: int | None = None) -> list[tuple[Person, date]]:
    """Who's new: listed people by first contribution, most recent first (ties: handle)."""
    firsts = first_contributions(catalog)
    people = [(p, firsts[p.handle]) for p in listed_people(catalog) if p.handle in firsts]
    return sorted(people, key=lambda pd: (-pd[1].toordinal(), pd[0].handle))[:limit]


@per_catalog
def expertise(catalog: Catalog) -> Mapping[str, tuple[Expertise, ...]]:
    """Each person's derived expertise, strongest tag first (ties: accepted, tag id)."""
    counts: dict[str, dict[str, list[int]]] = {}
    for answer in catalog.of_type("answer"):
        accepted, good = is_accepted(catalog, answer), is_well_rated(catalog, answer)
        if not (accepted or good):
            continue
        for tag in answer.tags:
            pair = counts.setdefault(answer.author, {}).setdefault(tag, [0, 0])
            pair[0] += accepted
            pair[1] += good
    return {
        handle: tuple(
            sorted(
                (Expertise(t, a, w) for t, (a, w) in tags.items()),
                key=lambda e: (-e.strength, -e.accepted, e.tag),
            )
        )
        for handle, tags in sorted(counts.items())
    }


def expertise_of(catalog: Catalog, handle: str) -> tuple[Expertise, ...]:
    return expertise(catalog).get(handle, ())


@per_catalog
def _items_by_author(catalog: Catalog) -> Mapping[str, list[Item]]:
    out: dict[str, list[Item]] = {}
    for item in catalog.items.values():
        out.setdefault(item.author, []).append(item)
    return out


@per_catalog
def _reviews_by(catalog: Catalog) -> Mapping[str, list[Review]]:
    out: dict[str, list[Review]] = {}
    for item in catalog.items.values():
        for review in valid_reviews(catalog, item):
            out.setdefault(review.by, []).append(review)
    return out


@per_catalog
def _edits_by(catalog: Catalog) -> Mapping[str, list[Item]]:
    """Items each known person changed without having written them (caretaking, from git)."""
    out: dict[str, list[Item]] = {}
    for item in catalog.items.values():
        for who in item.contributors:
            # contributors also holds raw emails of unknown committers: only handles count
            if who in catalog.people and who != item.author:
                out.setdefault(who, []).append(item)
    return out


def contributions_of(catalog: Catalog, handle: str) -> Contributions:
    """Everything ``handle`` wrote, reviewed and improved."""
    mine = _items_by_author(catalog).get(handle, [])
    reviews = sorted(
        _reviews_by(catalog).get(handle, []), key=lambda r: (-r.date.toordinal(), r.item)
    )
    return Contributions(
        handle,
        {kind: tuple(newest(i for i in mine if i.type == kind)) for kind in ITEM_TYPES},
        tuple(reviews),
        tuple(newest(_edits_by(catalog).get(handle, []))),
    )


@per_catalog
def _items_by_tag(catalog: Catalog) -> Mapping[str, list[Item]]:
    out: dict[str, list[Item]] = {}
    for item in catalog.items.values():
        for tag in item.tags:
            out.setdefault(tag, []).append(item)
    return out


def _experts(
    catalog: Catalog, sme_tags: set[str], scope: Iterable[Item], limit: int
) -> list[Expert]:
    tally = _tally(catalog, scope)
    none = Helpfulness("")
    smes = list({p.handle: p for t in sme_tags for p in listed_smes(catalog, t)}.values())
    smes.sort(key=lambda p: (-tally.get(p.handle, none).score, p.handle))
    out = [Expert(p, True, tally.get(p.handle, Helpfulness(p.handle))) for p in smes]
    sme_handles = {p.handle for p in smes}
    helpers = [h for h in _ranked(catalog, tally) if h.handle not in sme_handles][:limit]
    out += [Expert(catalog.people[h.handle], False, h) for h in helpers]
    return out


def experts_for_tag(catalog: Catalog, tag_id: str, limit: int = 5) -> list[Expert]:
    """The tag's SMEs (most helpful there first), then up to ``limit`` of its best helpers."""
    return _experts(catalog, {tag_id}, _items_by_tag(catalog).get(tag_id, []), limit)


def experts_for_community(catalog: Catalog, community_id: str, limit: int = 5) -> list[Expert]:
    """SMEs of the community's tags, then up to ``limit`` of its most helpful contributors."""
    tags = {t.id for t in catalog.tags.values() if t.community == community_id}
    scope = [i for i in catalog.items.values() if i.community == community_id]
    return _experts(catalog, tags, scope, limit)


@per_catalog
def _answerers_by_tag(catalog: Catalog) -> Mapping[str, list[tuple[str, int, int]]]:
    """For each tag: (handle, strength, accepted) of every listed person who answers well in it."""
    out: dict[str, list[tuple[str, int, int]]] = {}
    for handle, tags in expertise(catalog).items():
        if listed(catalog, handle):
            for e in tags:
                out.setdefault(e.tag, []).append((handle, e.strength, e.accepted))
    return out


def answerers_for(
    catalog: Catalog, tag_ids: Iterable[str], exclude: Iterable[str] = ()
) -> list[Person]:
    """Listed people with derived expertise in any of the tags, strongest there first."""
    skip = set(exclude)
    totals: dict[str, list[int]] = {}
    index = _answerers_by_tag(catalog)
    for tag in set(tag_ids):
        for handle, strength, accepted in index.get(tag, ()):
            if handle not in skip:
                row = totals.setdefault(handle, [0, 0])
                row[0] += strength
                row[1] += accepted
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    return [catalog.people[handle] for handle, _ in ranked]


@per_catalog
def _listed_smes(catalog: Catalog) -> Mapping[str, list[Person]]:
    out: dict[str, list[Person]] = {}
    for person in sorted(catalog.people.values(), key=lambda p: p.handle):
        if person.listed:
            for tag in person.sme_for:
                out.setdefault(tag, []).append(person)
    return out


def listed_smes(catalog: Catalog, tag_id: str) -> list[Person]:
    """The listed SMEs of a tag, by handle."""
    return list(_listed_smes(catalog).get(tag_id, ()))


def members_of(catalog: Catalog, community_id: str) -> list[Person]:
    """Listed members of a community, by name."""
    return [p for p in listed_people(catalog) if community_id in p.communities]


def people_by_expertise(catalog: Catalog) -> list[tuple[Tag, list[Person]]]:
    """For each tag with a listed SME or derived expert: its SMEs, then its proven answerers."""
    out = []
    for tag in sorted(catalog.tags.values(), key=lambda t: (t.label.casefold(), t.id)):
        smes = listed_smes(catalog, tag.id)
        others = answerers_for(catalog, [tag.id], exclude=[p.handle for p in smes])
        if smes or others:
            out.append((tag, smes + others))
    return out
