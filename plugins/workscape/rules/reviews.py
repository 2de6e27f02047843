"""SME review: who may review, and the state an item is in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from ..interface_language import N_
from ..model import Catalog, Item, Review, ReviewState


@dataclass(frozen=True)
class ReviewStatus:
    """The state shown on an item's page, with the review it comes from."""

    state: ReviewState
    review: Review | None = None

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


STATE_LABELS: dict[ReviewState, str] = {
    "community": N_("Community content"),
    "sme-approved": N_("SME approved"),
    "changes-requested": N_("Changes requested"),
    "changed-since-review": N_("Changed since review"),
    "review-expired": N_("Review expired"),
    "disputed": N_("Disputed"),
}
#: What each state means, in a reader's words: shown beside the badge, in its tooltip,
#: and on /help/#review-states. "Community content" alone reads as a compliment.
STATE_MEANINGS: dict[ReviewState, str] = {
    "community": N_("not yet reviewed by an expert"),
    "sme-approved": N_("an expert for its topic checked it"),
    "changes-requested": N_("an expert asked for corrections, not made yet"),
    "changed-since-review": N_("edited after an expert approved it; the change is not checked yet"),
    "review-expired": N_("an expert approved it over {days} days ago; it is due another check"),
    "disputed": N_("an expert disagrees with it; read with care"),
}


def state_meaning(state: ReviewState, max_age_days: int, say: Callable[[str], str] = str) -> str:
    """What ``state`` means for a reader (``review_max_age_days`` names the expiry).

    ``say`` translates it (a catalogue's ``gettext``, workscape.interface_language).
    """
    return say(STATE_MEANINGS[state]).format(days=max_age_days)


def reviewer_problem(catalog: Catalog, item: Item, handle: str) -> str | None:
    """Why ``handle`` may not review ``item``, or None when they may."""
    person = catalog.people.get(handle)
    if person is None:
        return f"'{handle}' is not in people.yml"
    if handle == item.author:
        return f"'{handle}' wrote this item; reviews must come from someone else"
    community = catalog.communities.get(item.community or "")
    if community and handle in community.managers:
        return None
    if set(item.tags) & set(person.sme_for):
        return None
    return (
        f"'{handle}' is neither an SME of its tags ({', '.join(item.tags) or 'none'}) "
        f"nor a manager of its community ({item.community or 'none'})"
    )


def valid_reviews(catalog: Catalog, item: Item) -> list[Review]:
    """The item's reviews by people entitled to give them, oldest first."""
    return [
        r for r in catalog.reviews.get(item.id, ()) if reviewer_problem(catalog, item, r.by) is None
    ]


def review_status(catalog: Catalog, item: Item, today: date | None = None) -> ReviewStatus:
    """The item's state from its newest valid review ("community" without one).

    A disputed or changes-requested verdict is the state; an approval is
    ``changed-since-review`` when the content's fingerprint moved on, ``review-expired``
    past the policy's ``review_max_age_days``, else ``sme-approved``.
    """
    reviews = valid_reviews(catalog, item)
    if not reviews:
        return ReviewStatus("community")
    newest = reviews[-1]
    today = today or catalog.today()
    if newest.verdict == "disputed":
        return ReviewStatus("disputed", newest)
    if newest.verdict == "changes-requested":
        return ReviewStatus("changes-requested", newest)
    if newest.fingerprint and not fingerprint_matches(newest.fingerprint, item):
        return ReviewStatus("changed-since-review", newest)
    max_age = timedelta(days=catalog.policy.review_max_age_days)
    if today is not None and today - newest.date > max_age:
        return ReviewStatus("review-expired", newest)
    return ReviewStatus("sme-approved", newest)


def fingerprint_scheme(fingerprint: str) -> str:
    """The scheme a recorded fingerprint names (``sha256:...`` -> ``sha256``)."""
    return fingerprint.partition(":")[0]


def fingerprint_matches(fingerprint: str, item: Item) -> bool:
    """Whether ``item`` still has the fields the review's scheme covered as reviewed.

    A ``sha256`` review is checked against title and body only, as it always was; a
    ``sha256v2`` review against every field a reader relies on. An unknown scheme
    matches nothing (and ``check`` reports it).
    """
    return item.fingerprints.get(fingerprint_scheme(fingerprint)) == fingerprint


def needs_approval(catalog: Catalog, item: Item) -> bool:
    """True for an item under a critical tag without a current approval."""
    critical = any(catalog.tags[t].critical for t in item.tags if t in catalog.tags)
    return critical and review_status(catalog, item).state != "sme-approved"
