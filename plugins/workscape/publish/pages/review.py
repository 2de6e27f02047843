"""The review queue, ``/review/``: what needs an expert, for everyone, per SME and per tag.

The queue itself is computed in :mod:`workscape.insights.review_queue`; this family lays
it out (every waiting item once, then each reviewer's share under ``#sme-<handle>``, then
each tag's under ``#tag-<id>``) and writes one Atom feed per reviewer
(``review/<handle>/feed.xml``), so the queue comes to the expert's feed reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...insights.review_queue import (
    STATE_WORDS,
    Waiting,
    queue_for,
    queue_for_tag,
    review_queue,
    reviewers,
    state_counts,
    why_words,
)
from ...interface_language import translations
from ...model import Catalog, Person, Tag
from ...rules.generated import review_feed, section_page
from ...sources.settings import Settings
from .. import feeds
from .digests import long_date
from .markdown import own_title, page_markdown

KINDS = {"review"}
#: Rows shown in the whole queue and in each reviewer's or tag's part, most read first:
#: a big site's queue runs to thousands, and a page of them helps no one. Counts show
#: the total; the terminal (``workscape review --queue``) lists all of a reviewer's.
ALL_LIMIT = 100
GROUP_LIMIT = 50
#: Where each row's "How to review" link leads: the steps at the foot of /review/.
HOW_TO = "review/#how-to-review"


@dataclass(frozen=True)
class Row:
    """One waiting item as the page shows it."""

    waiting: Waiting
    path: str  #: site-relative URL where the item is read (an answer: on its problem's page)
    reviewers: tuple[Person, ...]  #: who may review it and has a public profile
    why: str = ""  #: why it waits, in the site's language


@dataclass(frozen=True)
class Group:
    """A reviewer's or a tag's share of the queue."""

    anchor: str
    rows: tuple[Row, ...]  #: the most read, up to GROUP_LIMIT
    total: int
    person: Person | None = None
    tag: Tag | None = None
    feed: str = ""  #: a reviewer's feed, site-relative
    smes: tuple[Person, ...] = ()  #: a tag's SMEs with a public profile


def pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """The one queue page, the width of the screen: its tables need it more than a sidebar."""
    say = translations(settings.language).gettext
    return {
        section_page("review"): page_markdown(
            "review", own_title(say("Review queue")), "review", hide=("navigation", "toc")
        )
    }


def _row(catalog: Catalog, waiting: Waiting, language: str = "en") -> Row:
    people = (catalog.people.get(h) for h in waiting.reviewers)
    why = why_words(
        waiting,
        catalog.policy.review_max_age_days,
        translations(language).gettext,
        lambda day: long_date(day, language),
    )
    return Row(
        waiting,
        feeds.page_path(catalog, waiting.item),
        tuple(p for p in people if p is not None and p.listed),
        why,
    )


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """Every waiting item, the counts per state, and the groups per reviewer and per tag."""
    if kind != "review":
        raise KeyError(kind)
    queue = review_queue(catalog)
    say = translations(settings.language).gettext
    rows = {w.item.id: _row(catalog, w, settings.language) for w in queue}
    by_sme = [
        Group(
            f"sme-{p.handle}",
            *_shown(rows, queue_for(catalog, p.handle)),
            person=p,
            feed=review_feed(p.handle),
        )
        for p in reviewers(catalog)
    ]
    tags = sorted(catalog.tags.values(), key=lambda t: (t.label.casefold(), t.id))
    by_tag = [
        Group(
            f"tag-{t.id}",
            *_shown(rows, queue_for_tag(catalog, t.id)),
            tag=t,
            smes=tuple(p for p in catalog.smes_of(t.id) if p.listed),
        )
        for t in tags
    ]
    return {
        "rows": list(rows.values())[:ALL_LIMIT],
        "total": len(queue),
        "counts": [(s, say(STATE_WORDS[s]), n) for s, n in state_counts(queue).items()],
        "critical": sum(1 for w in queue if w.critical),
        "by_sme": by_sme,
        "by_tag": [g for g in by_tag if g.rows],
        "max_age": catalog.policy.review_max_age_days,
        "curation_dir": settings.curation_dir,
    }


def _shown(rows: dict[str, Row], waiting: list[Waiting]) -> tuple[tuple[Row, ...], int]:
    return tuple(rows[w.item.id] for w in waiting[:GROUP_LIMIT]), len(waiting)


def files(catalog: Catalog, settings: Settings) -> dict[str, str | bytes]:
    """One Atom feed per reviewer with a public profile."""
    return {
        review_feed(p.handle): feeds.review_feed(catalog, settings, p, queue_for(catalog, p.handle))
        for p in reviewers(catalog)
    }
