"""Community health figures: contributions per month, review coverage, answer rate.

Pure functions over a Catalog, for the health dashboard and anything else
(a CLI report, a scheduled check) that wants the same numbers:

- :func:`monthly_contributions`: items created per calendar month, by type, for
  the months up to ``catalog.now`` (at most :data:`MONTHS`, starting with the
  first month that has any).
- :func:`review_coverage`: how many problems, answers and resources are in each
  review state (collections are learning paths, not claims, and are not
  reviewed).
- :func:`answer_stats`: answer rate (answered problems / problems) and the median
  number of days from a problem's date to its first answer's date, over all
  time, because a problem answered last year still counts as answered.

- :func:`reading`: the community's item views per member over the participation
  period, against ``policy.reading_target``. Views are imported as anonymous
  monthly counts, so reading is a community figure, never a person's.
- :func:`sme_coverage`: the share of the community's current tags that have a
  listed SME (someone a reader can find and ask), against
  ``policy.sme_coverage_target``.
- :func:`verdict`: one line a person can act on: healthy, quiet since a date,
  needs SMEs, needs readers, or roles below target, with every reason in words.

``community=None`` means the whole site; otherwise only the items of that
community count (an answer belongs to its problem's community).

Why is a quiet community's profile not "meeting" its targets? The profile covers
a year, so a community that stopped in February can still show a year's worth of
creators in November. Its verdict says "quiet since ...", and :func:`role_status`
shows no role of a quiet community as meeting its target: the year's average is
not how the community is doing now.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ..model import ITEM_TYPES, REVIEW_STATES, Catalog, Item, ItemType, ReviewState, Tag
from ..rules.reviews import review_status
from .participation import Period, Profile, RoleRow
from .people import listed_people, listed_smes

#: The most months the contributions chart shows.
MONTHS = 24
#: Item types that get SME reviews and count in review coverage.
REVIEWED_TYPES: tuple[ItemType, ...] = ("problem", "answer", "resource")


@dataclass(frozen=True)
class MonthCount:
    """Items created in one month (``YYYY-MM``), by type."""

    month: str
    counts: Mapping[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class AnswerStats:
    problems: int
    answered: int
    #: Median days from a problem to its first answer, over answered problems with dates.
    median_days_to_first_answer: float | None

    @property
    def open(self) -> int:
        return self.problems - self.answered

    @property
    def rate(self) -> float | None:
        """Answered problems / problems; None when there are no problems."""
        return self.answered / self.problems if self.problems else None


def community_items(catalog: Catalog, community: str | None) -> list[Item]:
    """The items of ``community`` (every item when None), in id order."""
    return [i for i in catalog.items.values() if community is None or i.community == community]


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _months_between(first: date, last: date) -> list[str]:
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def monthly_contributions(
    catalog: Catalog, community: str | None = None, months: int = MONTHS
) -> list[MonthCount]:
    """Items created per month, oldest month first, ending with the month of ``catalog.now``.

    Months without contributions are listed with zeros so a chart's gaps show; items
    dated after "now" (a future date typed by hand) are left out of the chart.
    """
    today = catalog.today()
    dated = [i for i in community_items(catalog, community) if i.date]
    if today is None:
        today = max((i.date for i in dated if i.date), default=None)
    if today is None:
        return []
    dated = [i for i in dated if i.date and i.date <= today]
    first = min((i.date for i in dated if i.date), default=today)
    labels = _months_between(first, today)[-months:]
    table: dict[str, dict[str, int]] = {m: {t: 0 for t in ITEM_TYPES} for m in labels}
    for item in dated:
        assert item.date is not None  # filtered above; for the type checker
        row = table.get(_month(item.date))
        if row is not None:
            row[item.type] += 1
    return [MonthCount(m, counts) for m, counts in table.items()]


def review_coverage(catalog: Catalog, community: str | None = None) -> dict[ReviewState, int]:
    """Reviewable items per review state, every state present, in :data:`REVIEW_STATES` order."""
    out: dict[ReviewState, int] = {s: 0 for s in REVIEW_STATES}
    for item in community_items(catalog, community):
        if item.type in REVIEWED_TYPES:
            out[review_status(catalog, item).state] += 1
    return out


def first_answer_days(catalog: Catalog, problem: Item) -> int | None:
    """Days from ``problem``'s date to its earliest answer's (0 if answered "before" it)."""
    dates = [a.date for a in catalog.answers_to(problem.id) if a.date]
    if problem.date is None or not dates:
        return None
    return max(0, (min(dates) - problem.date).days)


def answer_stats(catalog: Catalog, community: str | None = None) -> AnswerStats:
    """Answer rate and median time to first answer for ``community``'s problems."""
    problems = [i for i in community_items(catalog, community) if i.type == "problem"]
    answered = [p for p in problems if catalog.answers_to(p.id)]
    days = [d for d in (first_answer_days(catalog, p) for p in answered) if d is not None]
    return AnswerStats(len(problems), len(answered), _median(days))


def _median(values: Iterable[int]) -> float | None:
    values = list(values)
    return float(statistics.median(values)) if values else None


# --- reading, SME coverage and the verdict ------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """Item views of a community in the period, beside how many members it has."""

    views: int
    members: int  #: listed members of the community (everyone listed, site-wide)
    target: float  #: views per member
    first_month: str  #: the first ``YYYY-MM`` of views counted
    last_month: str

    @property
    def per_member(self) -> float | None:
        """Views per member; None for a community without members."""
        return self.views / self.members if self.members else None

    @property
    def meets(self) -> bool:
        return self.per_member is not None and self.per_member >= self.target


@dataclass(frozen=True)
class SmeCoverage:
    """The community's current tags, and those of them with a listed SME."""

    tags: tuple[Tag, ...]  #: by label
    covered: tuple[Tag, ...]
    target: float

    @property
    def uncovered(self) -> tuple[Tag, ...]:
        return tuple(t for t in self.tags if t not in self.covered)

    @property
    def share(self) -> float | None:
        """Covered tags / tags; None for a community without tags (nothing to cover)."""
        return len(self.covered) / len(self.tags) if self.tags else None

    @property
    def meets(self) -> bool:
        return self.share is None or self.share >= self.target


def members(catalog: Catalog, community: str | None) -> list[str]:
    """Handles of the community's listed members (None: everyone listed).

    Listed only, so the number equals the members a reader finds on the community's
    page (or the people directory); someone with ``listed: false`` has no place in a
    public count of people.
    """
    return sorted(
        p.handle for p in listed_people(catalog) if community is None or community in p.communities
    )


def reading(catalog: Catalog, community: str | None, period: Period) -> Reading:
    """Views of the community's items in the months of ``period``.

    Views come as monthly counts, so a month counts whole when the period's first
    day falls in it (the period is 365 days, so that is 12 or 13 months of views).
    """
    first, last = _month(period.start + timedelta(days=1)), _month(period.end)
    ids = {i.id for i in community_items(catalog, community)}
    views = sum(v.views for v in catalog.views if v.item in ids and first <= v.month <= last)
    return Reading(
        views,
        len(members(catalog, community)),
        catalog.policy.reading_target,
        first,
        last,
    )


def community_tags(catalog: Catalog, community: str | None) -> list[Tag]:
    """The community's current (not deprecated) tags, by label (None: every current tag)."""
    tags = [
        t
        for t in catalog.tags.values()
        if not t.replaced_by and (community is None or t.community == community)
    ]
    return sorted(tags, key=lambda t: (t.label.casefold(), t.id))


def sme_coverage(catalog: Catalog, community: str | None) -> SmeCoverage:
    """Which of the community's tags have a listed SME, against the policy's target."""
    tags = community_tags(catalog, community)
    covered = tuple(t for t in tags if listed_smes(catalog, t.id))
    return SmeCoverage(tuple(tags), covered, catalog.policy.sme_coverage_target)


def last_contribution(catalog: Catalog, community: str | None) -> date | None:
    """The newest date an item of the community was created or changed, up to "now"."""
    today = catalog.today()
    days = [
        d
        for i in community_items(catalog, community)
        for d in (i.date, i.updated)
        if d is not None and (today is None or d <= today)
    ]
    return max(days, default=None)


VerdictStatus = Literal["healthy", "quiet", "needs-smes", "needs-readers", "needs-participation"]


@dataclass(frozen=True)
class Verdict:
    """How a community is doing, in one line, with every reason behind it.

    ``status`` is the most pressing finding, in this order: quiet (nothing else
    matters much while nobody contributes), needs SMEs (nobody to ask or to
    review), needs readers, roles below target; ``healthy`` when none holds.
    """

    status: VerdictStatus
    headline: str
    reasons: tuple[str, ...]
    last_contribution: date | None
    quiet_since: date | None  #: set when the community is quiet

    @property
    def quiet(self) -> bool:
        return self.status == "quiet"


def verdict(
    catalog: Catalog,
    profile: Profile,
    reading_: Reading,
    coverage: SmeCoverage,
) -> Verdict:
    """The verdict for ``profile.community`` from its figures."""
    community = profile.community
    last = last_contribution(catalog, community)
    today = catalog.today()
    quiet_days = catalog.policy.quiet_after_days
    found: list[tuple[VerdictStatus, str, str]] = []  # status, headline, reason
    if last is None:
        found.append(("quiet", "Quiet: no contribution yet", "Nobody has contributed yet."))
    elif today is not None and (today - last).days >= quiet_days:
        found.append(
            (
                "quiet",
                f"Quiet since {last.isoformat()}",
                f"No new or changed item for {_days_words((today - last).days)} "
                f"(quiet after {quiet_days} days).",
            )
        )
    if not coverage.meets:
        missing = ", ".join(t.label for t in coverage.uncovered)
        found.append(
            (
                "needs-smes",
                "Needs SMEs",
                f"{len(coverage.covered)} of {len(coverage.tags)} tags have an SME "
                f"({_pct(coverage.share)}, target {_pct(coverage.target)}); none for {missing}.",
            )
        )
    if not reading_.meets:
        per = reading_.per_member
        found.append(
            (
                "needs-readers",
                "Needs readers",
                "No members to read it."
                if per is None
                else f"{per:.1f} item views per member in the period (target {reading_.target:g}).",
            )
        )
    below = [r.role for r in profile.rows if not r.meets]
    if below:
        found.append(
            (
                "needs-participation",
                "Needs more people taking part",
                f"Fewer people than the target took part as {_and(below)}.",
            )
        )
    if not found:
        return Verdict(
            "healthy",
            "Healthy",
            ("Active lately, SMEs for its tags, read and taking part at or above target.",),
            last,
            None,
        )
    status, headline, _ = found[0]
    quiet_since = last if status == "quiet" else None
    return Verdict(status, headline, tuple(r for _, _, r in found), last, quiet_since)


RoleStatus = Literal["meets", "below", "quiet"]
ROLE_STATUS_WORDS: dict[RoleStatus, str] = {
    "meets": "meets target",
    "below": "below target",
    "quiet": "quiet lately",
}


def role_status(row: RoleRow, verdict_: Verdict) -> RoleStatus:
    """A role's status: a quiet community meets no target (see the module docstring)."""
    if not row.meets:
        return "below"
    return "quiet" if verdict_.quiet else "meets"


def _pct(share: float | None) -> str:
    return "none" if share is None else f"{share:.0%}"


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _days_words(days: int) -> str:
    if days < 60:
        return f"{days} days"
    return f"{days // 30} months"
