"""Rules over a whole catalog: every reference resolves, every record is allowed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import timedelta

from ..errors import Finding, Position
from ..model import FINGERPRINT_SCHEMES, Catalog, Item, Positions
from ..suggest import did_you_mean
from .reviews import fingerprint_scheme, reviewer_problem
from .taxonomy import replacement_chain


def _pos(positions: Positions, key: str) -> Position:
    return positions.get(key) or positions.get(key.split(".")[0]) or positions.get("") or (1, 1)


def validate(catalog: Catalog, curation_dir: str = "curation") -> list[Finding]:
    """Every referential and permission problem in the catalog."""
    findings: list[Finding] = []
    _check_items(catalog, findings)
    _check_updated(catalog, findings)
    _check_curation(catalog, findings, curation_dir)
    return findings


def _ref_checker(findings: list[Finding], item: Item) -> Callable[..., None]:
    def check(key: str, value: str, pool: Iterable[str], what: str, code: str) -> None:
        if value not in pool:
            findings.append(
                Finding.error(
                    item.path,
                    _pos(item.positions, key),
                    code,
                    f"{what} '{value}' does not exist",
                    did_you_mean(value, pool),
                )
            )

    return check


def _check_items(catalog: Catalog, findings: list[Finding]) -> None:
    items = catalog.items
    problems = {p.id for p in catalog.of_type("problem")}
    for item in items.values():
        ref = _ref_checker(findings, item)
        ref("author", item.author, catalog.people, "author", "unknown-author")
        if item.community:
            ref("community", item.community, catalog.communities, "community", "unknown-community")
        for i, target in enumerate(item.related):
            ref(f"related.{i}", target, items, "related item", "unknown-item")
        if item.superseded_by:
            ref("superseded_by", item.superseded_by, items, "item", "unknown-item")
            if item.superseded_by == item.id:
                findings.append(
                    Finding.error(
                        item.path,
                        _pos(item.positions, "superseded_by"),
                        "self-reference",
                        "an item cannot supersede itself",
                    )
                )
        for i, target in enumerate(item.items):
            ref(f"items.{i}", target, items, "collection item", "unknown-item")
        if item.type == "answer" and item.problem:
            ref("problem", item.problem, problems, "problem", "unknown-problem")
        if item.type == "problem" and item.accepted:
            answer = items.get(item.accepted)
            at = _pos(item.positions, "accepted")
            if answer is None or answer.type != "answer":
                answers = [a.id for a in catalog.answers_to(item.id)]
                findings.append(
                    Finding.error(
                        item.path,
                        at,
                        "unknown-answer",
                        f"accepted answer '{item.accepted}' does not exist",
                        did_you_mean(
                            item.accepted,
                            answers,
                            f"answers to this problem: {', '.join(answers) or 'none yet'}",
                        ),
                    )
                )
            elif answer.problem != item.id:
                findings.append(
                    Finding.error(
                        item.path,
                        at,
                        "accepted-elsewhere",
                        f"accepted answer '{item.accepted}' answers '{answer.problem}', not this problem",
                        "accept one of this problem's own answers",
                    )
                )


#: "Now" is an instant, and somewhere it is already tomorrow: UTC+14 is the last time zone
#: to reach a new day, so a contributor writing their own today is never refused.
_LATEST_ZONE = timedelta(hours=14)


def _check_updated(catalog: Catalog, findings: list[Finding]) -> None:
    """A front-matter ``updated`` lies between the item's date and today."""
    latest = (catalog.now + _LATEST_ZONE).date() if catalog.now else None
    for item in catalog.items.values():
        if item.updated is None or "updated" not in item.positions:
            continue  # git's date needs no check; only what a person wrote does
        at = _pos(item.positions, "updated")
        if item.date and item.updated < item.date:
            findings.append(
                Finding.error(
                    item.path,
                    at,
                    "updated-before-date",
                    f"updated {item.updated} is before the item's date {item.date}",
                    "`updated:` is the last meaningful change, so it cannot come before `date:`; "
                    "fix the one that is wrong",
                )
            )
        elif latest and item.updated > latest:
            findings.append(
                Finding.error(
                    item.path,
                    at,
                    "updated-in-future",
                    f"updated {item.updated} is in the future (today is {catalog.now:%Y-%m-%d})",
                    "write the day of the last meaningful change, today at the latest",
                )
            )


def _check_curation(catalog: Catalog, findings: list[Finding], base: str) -> None:
    people, tags = catalog.people, catalog.tags
    taxonomy, communities_file, people_file = (
        f"{base}/{n}.yml" for n in ("taxonomy", "communities", "people")
    )
    owner: dict[str, str] = {}
    for tag in tags.values():
        if tag.community and tag.community not in catalog.communities:
            findings.append(
                Finding.error(
                    taxonomy,
                    _pos(tag.positions, "community"),
                    "unknown-community",
                    f"community '{tag.community}' does not exist",
                    did_you_mean(tag.community, catalog.communities),
                )
            )
        if tag.replaced_by and tag.replaced_by not in tags:
            findings.append(
                Finding.error(
                    taxonomy,
                    _pos(tag.positions, "replaced_by"),
                    "unknown-tag",
                    f"replacement tag '{tag.replaced_by}' does not exist",
                    did_you_mean(tag.replaced_by, tags),
                )
            )
        elif tag.replaced_by:
            chain = replacement_chain(tag, tags)
            if chain[-1].replaced_by in tags:  # the walk stopped where it began again
                findings.append(
                    Finding.error(
                        taxonomy,
                        _pos(tag.positions, "replaced_by"),
                        "tag-replacement-cycle",
                        f"replacements of '{tag.id}' go round in a circle: "
                        + " -> ".join([*(t.id for t in chain), str(chain[-1].replaced_by)]),
                        "end the chain at a tag that is not deprecated; its old URLs redirect there",
                    )
                )
        for i, syn in enumerate(tag.synonyms):
            clash = syn if syn in tags else owner.get(syn)
            if clash:
                findings.append(
                    Finding.error(
                        taxonomy,
                        _pos(tag.positions, f"synonyms.{i}"),
                        "synonym-clash",
                        f"synonym '{syn}' of '{tag.id}' is already the tag or synonym '{clash}'",
                        "a word may resolve to one tag only",
                    )
                )
            owner.setdefault(syn, tag.id)
    for community in catalog.communities.values():
        for i, handle in enumerate(community.managers):
            if handle not in people:
                findings.append(
                    Finding.error(
                        communities_file,
                        _pos(community.positions, f"managers.{i}"),
                        "unknown-person",
                        f"manager '{handle}' is not in people.yml",
                        did_you_mean(handle, people),
                    )
                )
        if not community.managers:
            findings.append(
                Finding.error(
                    communities_file,
                    _pos(community.positions, "managers"),
                    "no-manager",
                    f"community '{community.id}' has no manager",
                    "name at least one caretaker",
                )
            )
    emails = Counter(e for p in people.values() for e in p.emails)
    by_login: dict[str, list[str]] = {}
    for person in people.values():
        if person.github:
            by_login.setdefault(person.github.lower(), []).append(person.handle)
    for person in people.values():
        others = [h for h in by_login.get((person.github or "").lower(), []) if h != person.handle]
        if others:
            # GitHub logins ignore case: each entry would receive the other's ratings
            # and questions, so neither does until one is corrected.
            findings.append(
                Finding.error(
                    people_file,
                    _pos(person.positions, "github"),
                    "duplicate-github",
                    f"GitHub login '{person.github}' is also {', '.join(others)}'s "
                    "(logins are the same whatever their case)",
                    "a login identifies one person: keep it on the right entry only",
                )
            )
        for i, c in enumerate(person.communities):
            if c not in catalog.communities:
                findings.append(
                    Finding.error(
                        people_file,
                        _pos(person.positions, f"communities.{i}"),
                        "unknown-community",
                        f"community '{c}' does not exist",
                        did_you_mean(c, catalog.communities),
                    )
                )
        for i, t in enumerate(person.sme_for):
            if t not in tags:
                findings.append(
                    Finding.error(
                        people_file,
                        _pos(person.positions, f"sme_for.{i}"),
                        "unknown-tag",
                        f"'{t}' is not in {taxonomy}",
                        did_you_mean(t, tags),
                    )
                )
        for i, e in enumerate(person.emails):
            if emails[e] > 1:
                findings.append(
                    Finding.error(
                        people_file,
                        _pos(person.positions, f"emails.{i}"),
                        "duplicate-email",
                        f"email '{e}' belongs to more than one person",
                        "an address identifies one person",
                    )
                )
    _check_reviews(catalog, findings)
    _check_ratings(catalog, findings)
    for feature in catalog.featured:
        pool = catalog.items if feature.kind == "item" else people
        if feature.ref not in pool:
            findings.append(
                Finding.error(
                    feature.path,
                    _pos(feature.positions, feature.kind),
                    "unknown-" + feature.kind,
                    f"featured {feature.kind} '{feature.ref}' does not exist",
                    did_you_mean(feature.ref, pool),
                )
            )
        if feature.by not in people:
            findings.append(
                Finding.error(
                    feature.path,
                    _pos(feature.positions, "by"),
                    "unknown-person",
                    f"'{feature.by}' is not in people.yml",
                    did_you_mean(feature.by, people),
                )
            )


def _check_reviews(catalog: Catalog, findings: list[Finding]) -> None:
    for item_id, reviews in catalog.reviews.items():
        item = catalog.items.get(item_id)
        for review in reviews:
            if item is None:
                findings.append(
                    Finding.error(
                        review.path,
                        (1, 1),
                        "unknown-item",
                        f"reviews for '{item_id}', which does not exist",
                        did_you_mean(item_id, catalog.items, "name the file <item-id>.yml"),
                    )
                )
                break
            problem = reviewer_problem(catalog, item, review.by)
            if problem:
                findings.append(
                    Finding.error(
                        review.path,
                        _pos(review.positions, "by"),
                        "review-not-allowed",
                        problem,
                        "reviews come from an SME of one of the item's tags or a manager "
                        "of its community",
                    )
                )
            scheme = fingerprint_scheme(review.fingerprint)
            if review.fingerprint and scheme not in FINGERPRINT_SCHEMES:
                findings.append(
                    Finding.error(
                        review.path,
                        _pos(review.positions, "fingerprint"),
                        "unknown-fingerprint",
                        f"fingerprint scheme '{scheme}' is not one of "
                        f"{', '.join(FINGERPRINT_SCHEMES)}, so the review matches no content",
                        "record reviews with `workscape review`",
                    )
                )
            if not review.fingerprint:
                findings.append(
                    Finding.warning(
                        review.path,
                        _pos(review.positions, "by"),
                        "no-fingerprint",
                        "review has no fingerprint, so later edits cannot be noticed",
                        "record reviews with `workscape review`",
                    )
                )
        dates = [r.date for r in reviews]
        if dates != sorted(dates):
            findings.append(
                Finding.error(
                    reviews[0].path,
                    (1, 1),
                    "reviews-out-of-order",
                    "reviews must be listed oldest first, newest last",
                )
            )


def _check_ratings(catalog: Catalog, findings: list[Finding]) -> None:
    for item_id, ratings in catalog.ratings.items():
        item = catalog.items.get(item_id)
        for rating in ratings:
            at = (1, 1)
            if item is None:
                findings.append(
                    Finding.error(
                        rating.path,
                        at,
                        "unknown-item",
                        f"rating for '{item_id}', which does not exist",
                        did_you_mean(item_id, catalog.items),
                    )
                )
            elif rating.by not in catalog.people:
                findings.append(
                    Finding.error(
                        rating.path,
                        at,
                        "unknown-person",
                        f"rater '{rating.by}' is not in people.yml",
                        did_you_mean(rating.by, catalog.people, "name the file <handle>.yml"),
                    )
                )
            elif rating.by == item.author:
                findings.append(
                    Finding.error(
                        rating.path,
                        at,
                        "self-rating",
                        f"'{rating.by}' wrote '{item_id}' and cannot rate it",
                        "delete this rating",
                    )
                )
