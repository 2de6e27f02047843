"""The health dashboard, ``/health/``: the whole site, then each community.

Each section shows the participation profile against the policy's targets,
contributions per month, review coverage, and answer rate with the median time
to a first answer. Charts are SVG files drawn at build time (see
:mod:`workscape.publish.charts`) under ``/health/``; the page shows each in a
``<figure>`` with an ``alt`` text, a caption and a table of the same numbers,
so nothing depends on seeing the picture.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...insights import health, participation
from ...insights.health import AnswerStats, MonthCount
from ...insights.participation import Profile
from ...insights.review_queue import review_queue
from ...model import Catalog, Community, ReviewState
from ...rules.generated import section_page
from ...rules.reviews import STATE_LABELS
from ...sources.settings import Settings
from .markdown import page_markdown

KINDS = {"health"}
#: Each chart's size in CSS pixels (the SVG is drawn at 100 pixels per inch).
CHARTS = {"participation": (640, 280), "contributions": (640, 300), "coverage": (640, 240)}


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
    return {section_page("health"): page_markdown("health", "Community health", "health")}


def section(catalog: Catalog, community: Community | None) -> Section:
    """Every figure of one section, with its charts' URIs and alt texts."""
    cid = community.id if community else None
    key = f"communities/{community.id}" if community else "overall"
    title = community.name if community else "All communities"
    profile = participation.profile(catalog, cid)
    months = health.monthly_contributions(catalog, cid)
    coverage = health.review_coverage(catalog, cid)
    charts = {kind: f"health/{key}/{kind}.svg" for kind in CHARTS}
    alts = {
        "participation": "Participation, share of people per role against target: "
        + "; ".join(
            f"{r.role} {r.share:.0%} ({r.count} people), target {r.target:.0%}"
            for r in profile.rows
        )
        + ".",
        "contributions": _months_alt(months),
        "coverage": "Review states of problems, answers and resources: "
        + "; ".join(f"{STATE_LABELS[s]} {n}" for s, n in coverage.items())
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
        charts,
        alts,
    )


def _months_alt(months: list[MonthCount]) -> str:
    if not months:
        return "No contributions yet."
    busiest = max(months, key=lambda m: (m.total, m.month))
    total = sum(m.total for m in months)
    return (
        f"Items created per month from {months[0].month} to {months[-1].month}: "
        f"{total} in all, the most ({busiest.total}) in {busiest.month}."
    )


def sections(catalog: Catalog) -> list[Section]:
    """The whole site first, then each community in id order."""
    return [section(catalog, None)] + [section(catalog, c) for c in catalog.communities.values()]


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """The dashboard's context: its sections and the period participation covers."""
    all_sections = sections(catalog)
    return {
        "sections": all_sections,
        "sizes": CHARTS,
        "period": all_sections[0].profile.period,
        "now": catalog.today(),
        "roles": ROLE_HELP,
        "review_waiting": len(review_queue(catalog)),
    }


def files(catalog: Catalog, settings: Settings) -> dict[str, str | bytes]:
    """Every chart of the dashboard as an SVG file."""
    from .. import charts  # matplotlib loads only when a site is built, never for the CLI

    out: dict[str, str | bytes] = {}
    for s in sections(catalog):
        out[s.charts["participation"]] = charts.participation_chart(
            s.profile.rows, f"Participation profile: {s.title}", _inches("participation")
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
ROLE_HELP = {
    "consumer": "rated something in the period; every listed member counts as a floor",
    "creator": "wrote a problem, answer or resource",
    "connector": "wrote an item linking other items (links in its text, or related items)",
    "carrier": "curated a collection or featured someone's content",
    "caretaker": "reviewed items, manages the community, or improved someone else's item",
}
