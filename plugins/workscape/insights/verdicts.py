"""Each community's verdict in one line, with the figures behind it.

- :func:`reading`: the community's item views per member over the participation
  period, against ``policy.reading_target``. Views are imported as anonymous
  monthly counts, so reading is a community figure, never a person's.
- :func:`sme_coverage`: the share of the community's current tags that have a
  listed SME (someone a reader can find and ask), against
  ``policy.sme_coverage_target``.
- :func:`verdict`: one line a person can act on: healthy, quiet since a date,
  needs SMEs, needs readers, or roles below target, with every reason in words.

``community=None`` means the whole site.

Why is a quiet community's profile not "meeting" its targets? The profile covers
a year, so a community that stopped in February can still show a year's worth of
creators in November. Its verdict says "quiet since ...", and :func:`role_status`
shows no role of a quiet community as meeting its target: the year's average is
not how the community is doing now.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ..interface_language import N_
from ..model import Catalog, Tag
from .health import community_items, month_of
from .participation import Period, Profile, RoleRow
from .people import listed_people, listed_smes


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
    first, last = month_of(period.start + timedelta(days=1)), month_of(period.end)
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
    say: gettext.NullTranslations | None = None,
) -> Verdict:
    """The verdict for ``profile.community`` from its figures, in ``say``'s language."""
    say = say or gettext.NullTranslations()
    community = profile.community
    last = last_contribution(catalog, community)
    today = catalog.today()
    quiet_days = catalog.policy.quiet_after_days
    found: list[tuple[VerdictStatus, str, str]] = []  # status, headline, reason
    if last is None:
        found.append(
            (
                "quiet",
                say.gettext("Quiet: no contribution yet"),
                say.gettext("Nobody has contributed yet."),
            )
        )
    elif today is not None and (today - last).days >= quiet_days:
        found.append(
            (
                "quiet",
                say.gettext("Quiet since %(day)s") % {"day": last.isoformat()},
                say.gettext("No new or changed item for %(time)s (quiet after %(days)s days).")
                % {"time": _days_words((today - last).days, say), "days": quiet_days},
            )
        )
    if not coverage.meets:
        missing = ", ".join(t.label for t in coverage.uncovered)
        found.append(
            (
                "needs-smes",
                say.gettext("Needs SMEs"),
                say.gettext(
                    "%(covered)s of %(tags)s tags have an SME (%(share)s, target %(target)s); "
                    "none for %(missing)s."
                )
                % {
                    "covered": len(coverage.covered),
                    "tags": len(coverage.tags),
                    "share": _pct(coverage.share, say),
                    "target": _pct(coverage.target, say),
                    "missing": missing,
                },
            )
        )
    if not reading_.meets:
        per = reading_.per_member
        found.append(
            (
                "needs-readers",
                say.gettext("Needs readers"),
                say.gettext("No members to read it.")
                if per is None
                else say.gettext("%(per)s item views per member in the period (target %(target)s).")
                % {"per": f"{per:.1f}", "target": f"{reading_.target:g}"},
            )
        )
    below = [r.role for r in profile.rows if not r.meets]
    if below:
        found.append(
            (
                "needs-participation",
                say.gettext("Needs more people taking part"),
                say.gettext("Fewer people than the target took part as %(roles)s.")
                % {"roles": _and([say.gettext(role) for role in below], say)},
            )
        )
    if not found:
        return Verdict(
            "healthy",
            say.gettext("Healthy"),
            (
                say.gettext(
                    "Active lately, SMEs for its tags, read and taking part at or above target."
                ),
            ),
            last,
            None,
        )
    status, headline, _ = found[0]
    quiet_since = last if status == "quiet" else None
    return Verdict(status, headline, tuple(r for _, _, r in found), last, quiet_since)


RoleStatus = Literal["meets", "below", "quiet"]
ROLE_STATUS_WORDS: dict[RoleStatus, str] = {
    "meets": N_("meets target"),
    "below": N_("below target"),
    "quiet": N_("quiet lately"),
}


def role_status(row: RoleRow, verdict_: Verdict) -> RoleStatus:
    """A role's status: a quiet community meets no target (see the module docstring)."""
    if not row.meets:
        return "below"
    return "quiet" if verdict_.quiet else "meets"


def _pct(share: float | None, say: gettext.NullTranslations) -> str:
    return say.gettext("none") if share is None else f"{share:.0%}"


def _and(words: list[str], say: gettext.NullTranslations) -> str:
    if len(words) == 1:
        return words[0]
    return say.gettext("%(first)s and %(last)s") % {
        "first": ", ".join(words[:-1]),
        "last": words[-1],
    }


def _days_words(days: int, say: gettext.NullTranslations) -> str:
    if days < 60:
        return say.gettext("%(n)s days") % {"n": days}
    return say.gettext("%(n)s months") % {"n": days // 30}
