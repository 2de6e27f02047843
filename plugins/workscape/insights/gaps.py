"""Knowledge gaps: what curators should get answered, approved or written next.

- **Unanswered problems by age**, oldest first, each with suggested experts: the
  SMEs of its tags, then people who answer well in those tags (derived expertise),
  never the asker and never anyone with ``listed: false``.
- **Critical items lacking approval**: under a critical tag without a current SME
  approval (see :func:`workscape.rules.reviews.needs_approval`).
- **Thin tags**: tags people read or ask about (views on their items, or problems)
  that have no listed SME, or fewer answers than problems (no answer at all when
  they have views but no problems).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Catalog, Item, Person, Tag
from ..rules.reviews import ReviewStatus, needs_approval, review_status
from .answers import is_open
from .people import answerers_for, listed_smes
from .popularity import views_by_item

SUGGESTED_EXPERTS = 3


@dataclass(frozen=True)
class OpenProblem:
    """A problem nobody has answered yet."""

    item: Item
    age_days: int | None  #: days since it was asked; None without a date or a "now"
    experts: tuple[Person, ...]  #: who to ask, best first


@dataclass(frozen=True)
class Unapproved:
    """An item under a critical tag without a current SME approval."""

    item: Item
    status: ReviewStatus
    critical: tuple[Tag, ...]


@dataclass(frozen=True)
class TagGap:
    """A tag with demand but too little supply."""

    tag: Tag
    views: int  #: all-time views of items under the tag
    problems: int
    open: int  #: problems without an answer
    answers: int
    smes: int  #: listed SMEs
    reasons: tuple[str, ...]


def suggested_experts(
    catalog: Catalog, problem: Item, limit: int = SUGGESTED_EXPERTS
) -> list[Person]:
    """SMEs of the problem's tags, then proven answerers in them; never the asker."""
    out: dict[str, Person] = {}
    for tag in problem.tags:
        out.update((p.handle, p) for p in listed_smes(catalog, tag) if p.handle not in out)
    out.update((p.handle, p) for p in answerers_for(catalog, problem.tags) if p.handle not in out)
    return [p for p in out.values() if p.handle != problem.author][:limit]


def open_problem_count(catalog: Catalog) -> int:
    return sum(1 for p in catalog.of_type("problem") if is_open(catalog, p))


def unanswered_by_age(catalog: Catalog, limit: int | None = None) -> list[OpenProblem]:
    """Open problems, waiting longest first (undated last; ties by id), up to ``limit``."""
    today = catalog.today()

    def age(problem: Item) -> int | None:
        return (today - problem.date).days if today and problem.date else None

    waiting = sorted(
        (p for p in catalog.of_type("problem") if is_open(catalog, p)),
        key=lambda p: (age(p) is None, -(age(p) or 0), p.id),
    )
    # experts only for the rows shown: suggesting is the costly part
    return [OpenProblem(p, age(p), tuple(suggested_experts(catalog, p))) for p in waiting[:limit]]


def unapproved_critical(catalog: Catalog) -> list[Unapproved]:
    """Items that need an SME approval before anyone should rely on them, by id."""
    return [
        Unapproved(
            item,
            review_status(catalog, item),
            tuple(
                catalog.tags[t] for t in item.tags if t in catalog.tags and catalog.tags[t].critical
            ),
        )
        for item in catalog.items.values()
        if needs_approval(catalog, item)
    ]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def tag_gaps(catalog: Catalog) -> list[TagGap]:
    """Tags with views or problems but no SME or too few answers; most open problems first."""
    views = views_by_item(catalog)
    stats = {t: [0, 0, 0, 0] for t in catalog.tags}  # views, problems, open, answers
    for item in catalog.items.values():
        for tag_id in item.tags:
            row = stats.setdefault(tag_id, [0, 0, 0, 0])
            row[0] += views.get(item.id, 0)
            if item.type == "problem":
                row[1] += 1
                row[2] += is_open(catalog, item)
            elif item.type == "answer":
                row[3] += 1
    gaps = []
    for tag_id, (seen, problems, open_, answers) in stats.items():
        tag = catalog.tags.get(tag_id)
        if tag is None or tag.replaced_by or not (seen or problems):
            continue
        smes = len(listed_smes(catalog, tag_id))
        reasons = []
        if not smes:
            reasons.append("no SME")
        if answers < max(1, problems):
            asked = _plural(problems, "problem") if problems else _plural(seen, "view")
            reasons.append(f"{asked}, {_plural(answers, 'answer')}")
        if reasons:
            gaps.append(TagGap(tag, seen, problems, open_, answers, smes, tuple(reasons)))
    # open problems are the sharpest gap, then unanswered demand in general
    return sorted(gaps, key=lambda g: (-g.open, -g.problems, -g.views, g.tag.id))
