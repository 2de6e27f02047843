"""The health dashboard, ``/health/``: a summary first, then the whole site and each community.

The page opens with one row per community: its verdict in words, unanswered
problems, SME coverage and reading. Each section below repeats the verdict with
its reasons and the figures behind it; charts and their tables sit in a
collapsed ``<details>`` so the page stays short to scan.

Every count is a link to the list it counts: unanswered problems to
``/unanswered/`` or the community's page, tags to the section's list of tags
with their SMEs, role counts to the section's list of the people in that role,
review states to the section's list of those items, members to the people
directory. Lists that exist nowhere else (people per role, items per review
state) are written on this page, collapsed, under the anchor the count links to.

Charts are SVG files drawn at build time (see :mod:`workscape.publish.charts`)
under ``/health/``; the page shows each in a ``<figure>`` with an ``alt`` text, a
caption and a table of the same numbers, so nothing depends on seeing the picture.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from typing import Any

from ...insights import health, participation, verdicts
from ...insights.health import AnswerStats, MonthCount
from ...insights.participation import Profile, RoleRow
from ...insights.people import listed_smes
from ...insights.review_queue import review_queue
from ...insights.verdicts import Reading, SmeCoverage, Verdict
from ...interface_language import N_, translations
from ...model import Catalog, Community, Item, Person, ReviewState
from ...rules.generated import SECTIONS, section_page
from ...rules.reviews import STATE_LABELS
from ...sources.settings import Settings
from .. import charts
from .markdown import own_title, page_markdown

KINDS = {"health"}
#: Each chart's size in CSS pixels (the SVG is drawn at 100 pixels per inch).
#: Narrow enough that, scaled to a 390 px phone, chart text stays about 11 px high.
CHARTS = {"participation": (440, 290), "contributions": (440, 290), "coverage": (440, 230)}


@dataclass(frozen=True)
class RoleView:
    """A role's row: its figures, its status in words, and who held it."""

    row: RoleRow
    status: verdicts.RoleStatus
    people: list[tuple[str, Person | None]]  #: (handle, person), by name

    @property
    def status_words(self) -> str:
        return verdicts.ROLE_STATUS_WORDS[self.status]


@dataclass(frozen=True)
class Listed:
    """An item in one of the page's lists (the shape ``ws.item_link`` reads)."""

    item: Item


@dataclass(frozen=True)
class TagView:
    """A tag of the section with its listed SMEs (none: a gap)."""

    id: str
    label: str
    critical: bool
    smes: list[Person]


@dataclass(frozen=True)
class Section:
    """The dashboard's figures for the site (``community`` None) or one community."""

    key: str  #: anchor and chart folder: ``overall`` or ``communities/<id>``
    title: str
    community: Community | None
    profile: Profile
    months: list[MonthCount]
    coverage: dict[ReviewState, int]
    answers: AnswerStats
    verdict: Verdict
    reading: Reading
    sme: SmeCoverage
    roles: list[RoleView] = field(default_factory=list)
    tags: list[TagView] = field(default_factory=list)
    #: state -> the items counted in it, for the list each coverage count links to
    state_items: dict[ReviewState, list[Listed]] = field(default_factory=dict)
    charts: dict[str, str] = field(default_factory=dict)  #: chart -> site-relative URI
    alts: dict[str, str] = field(default_factory=dict)  #: chart -> one-sentence summary

    @property
    def anchor(self) -> str:
        return self.key.replace("communities/", "community-")

    @property
    def reviewed_total(self) -> int:
        return sum(self.coverage.values())

    @property
    def coverage_rows(self) -> list[tuple[str, str, int]]:
        """(state, label, items) in the canonical order."""
        return [(s, STATE_LABELS[s], n) for s, n in self.coverage.items()]


def pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    say = translations(settings.language).gettext
    return {
        section_page("health"): page_markdown(
            "health", own_title(say("Community health")), "health"
        )
    }


def section(
    catalog: Catalog, community: Community | None, say: gettext.NullTranslations | None = None
) -> Section:
    """Every figure of one section, with its charts' URIs and alt texts, in ``say``'s words."""
    say = say or gettext.NullTranslations()
    cid = community.id if community else None
    key = f"communities/{community.id}" if community else "overall"
    title = community.name if community else say.gettext("All communities")
    profile = participation.profile(catalog, cid)
    months = health.monthly_contributions(catalog, cid)
    coverage = health.review_coverage(catalog, cid)
    reading = verdicts.reading(catalog, cid, profile.period)
    sme = verdicts.sme_coverage(catalog, cid)
    verdict = verdicts.verdict(catalog, profile, reading, sme, say)
    roles = [
        RoleView(
            row,
            verdicts.role_status(row, verdict),
            sorted(
                ((h, catalog.people.get(h)) for h in profile.people.get(row.role, ())),
                # people with a private profile last: the page names only listed people
                key=lambda hp: (
                    not (hp[1] and hp[1].listed),
                    hp[1].name.casefold() if hp[1] and hp[1].listed else "",
                    hp[0],
                ),
            ),
        )
        for row in profile.rows
    ]
    charts = {kind: f"health/{key}/{kind}.svg" for kind in CHARTS}
    alts = {
        "participation": say.gettext("Participation, share of people per role against target: ")
        + "; ".join(
            say.gettext("%(role)s %(share)s (%(count)s people), target %(target)s, %(status)s")
            % {
                "role": say.gettext(r.row.role),
                "share": f"{r.row.share:.0%}",
                "count": r.row.count,
                "target": f"{r.row.target:.0%}",
                "status": say.gettext(r.status_words),
            }
            for r in roles
        )
        + ".",
        "contributions": _months_alt(months, say),
        "coverage": say.gettext("Review states of problems, answers and resources: ")
        + "; ".join(f"{say.gettext(STATE_LABELS[s])} {n}" for s, n in coverage.items())
        + ".",
    }
    return Section(
        key,
        title,
        community,
        profile,
        months,
        coverage,
        health.answer_stats(catalog, cid),
        verdict,
        reading,
        sme,
        roles,
        [_tag_view(catalog, t.id) for t in sme.tags],
        {
            state: [Listed(i) for i in items]
            for state, items in health.items_by_state(catalog, cid).items()
        },
        charts,
        alts,
    )


def _tag_view(catalog: Catalog, tag_id: str) -> TagView:
    tag = catalog.tags[tag_id]
    return TagView(tag.id, tag.label, tag.critical, listed_smes(catalog, tag_id))


def _months_alt(months: list[MonthCount], say: gettext.NullTranslations) -> str:
    if not months:
        return say.gettext("No contributions yet.")
    busiest = max(months, key=lambda m: (m.total, m.month))
    total = sum(m.total for m in months)
    return say.gettext(
        "Items created per month from %(first)s to %(last)s: "
        "%(total)s in all, the most (%(most)s) in %(busiest)s."
    ) % {
        "first": months[0].month,
        "last": months[-1].month,
        "total": total,
        "most": busiest.total,
        "busiest": busiest.month,
    }


def sections(catalog: Catalog, say: gettext.NullTranslations | None = None) -> list[Section]:
    """The whole site first, then each community in id order (the charts draw in English)."""
    return [section(catalog, None, say)] + [
        section(catalog, c, say) for c in catalog.communities.values()
    ]


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """The dashboard's context: its sections and the period participation covers."""
    all_sections = sections(catalog, translations(settings.language))
    policy = catalog.policy
    return {
        "sections": all_sections,
        "sizes": CHARTS,
        "period": all_sections[0].profile.period,
        "now": catalog.today(),
        "roles": ROLE_HELP,
        "review_waiting": len(review_queue(catalog)),
        "quiet_after_days": policy.quiet_after_days,
        # the SMEs' review queue is linked once the site has one
        "review_page": "review" in SECTIONS,
    }


def files(catalog: Catalog, settings: Settings) -> dict[str, str | bytes]:
    """Every chart of the dashboard as an SVG file."""

    out: dict[str, str | bytes] = {}
    for s in sections(catalog):
        out[s.charts["participation"]] = charts.participation_chart(
            s.profile.rows,
            f"Participation profile: {s.title}",
            _inches("participation"),
            quiet=s.verdict.quiet,
        )
        out[s.charts["contributions"]] = charts.contributions_chart(
            s.months, f"Contributions per month: {s.title}", _inches("contributions")
        )
        out[s.charts["coverage"]] = charts.coverage_chart(
            s.coverage, f"Review coverage: {s.title}", _inches("coverage")
        )
    return out


def _inches(chart: str) -> tuple[float, float]:
    width, height = CHARTS[chart]
    return (width / 100, height / 100)


#: What each role counts, shown beside the participation table.
#: The roles' names as the lists under the participation table head them.
ROLE_LISTS = (N_("Consumers"), N_("Creators"), N_("Connectors"), N_("Carriers"), N_("Caretakers"))
ROLE_HELP = {
    N_("consumer"): N_(
        "rated something in the period (nobody counts for being listed as a member)"
    ),
    N_("creator"): N_("wrote a problem, answer or resource"),
    N_("connector"): N_("wrote an item linking other items (links in its text, or related items)"),
    N_("carrier"): N_("curated a collection or featured someone's content"),
    N_("caretaker"): N_("reviewed items, manages the community, or improved someone else's item"),
}
