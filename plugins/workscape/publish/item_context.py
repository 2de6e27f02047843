"""Template context for an item page, built from the catalog (no MkDocs here)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..github import links
from ..insights.answers import rank_answers
from ..interface_language import translations
from ..model import Catalog, Item, Person, Tag
from ..rules.ratings import RatingSummary, rating_of
from ..rules.reviews import ReviewStatus, needs_approval, review_status, state_meaning
from ..sources.settings import Settings


@dataclass(frozen=True)
class PathStep:
    """Where an item sits on a collection's learning path."""

    collection: Item
    position: int  #: 1-based
    length: int
    previous: Item | None
    next: Item | None


@dataclass(frozen=True)
class ItemView:
    """What a template needs to show one item (and, for problems, its answers)."""

    item: Item
    author: Person | None
    tags: list[Tag]
    status: ReviewStatus
    #: What the state means, in a reader's words (shown beside the badge).
    meaning: str
    reviewer: Person | None
    rating: RatingSummary
    needs_approval: bool
    edit_url: str
    rate_url: str
    answer_url: str = ""
    #: Where "Rate this" goes, said before the click ("opens GitHub, needs ...").
    rate_where: str = links.ON_GITHUB
    comment_url: str = ""
    #: The "Answer this" issue form (phone-friendly, attachments); answer_url is the editor.
    answer_form_url: str = ""
    #: The review record on the forge, linked from the badge; empty when never reviewed.
    review_url: str = ""
    problem: Item | None = None
    superseded_by: Item | None = None
    answers: list[ItemView] = field(default_factory=list)
    accepted: bool = False
    path_items: list[Item] = field(default_factory=list)
    related: list[Item] = field(default_factory=list)
    paths: list[PathStep] = field(default_factory=list)


def item_view(catalog: Catalog, settings: Settings, item: Item, *, deep: bool = True) -> ItemView:
    """The view of ``item``; ``deep`` adds a problem's ranked answers."""
    status = review_status(catalog, item)
    problem = catalog.items.get(item.problem or "") if item.type == "answer" else None
    answers: list[ItemView] = []
    if deep and item.type == "problem":
        answers = [item_view(catalog, settings, a, deep=False) for a in rank_answers(catalog, item)]
    return ItemView(
        item=item,
        author=catalog.people.get(item.author),
        tags=[catalog.tags[t] for t in item.tags if t in catalog.tags],
        status=status,
        meaning=state_meaning(
            status.state,
            catalog.policy.review_max_age_days,
            translations(settings.language).gettext,
        ),
        reviewer=catalog.people.get(status.review.by) if status.review else None,
        rating=rating_of(catalog, item.id),
        needs_approval=needs_approval(catalog, item),
        edit_url=links.edit_url(settings, item),
        rate_url=links.rate_url(settings, item),
        rate_where=links.rate_where(settings),
        comment_url=links.comment_url(settings, item),
        answer_url=links.answer_url(settings, item) if item.type == "problem" else "",
        answer_form_url=links.answer_form_url(settings, item) if item.type == "problem" else "",
        review_url=links.review_record_url(settings, item) if status.review else "",
        problem=problem,
        superseded_by=catalog.items.get(item.superseded_by or ""),
        answers=answers,
        accepted=bool(problem and problem.accepted == item.id),
        path_items=[catalog.items[i] for i in item.items if i in catalog.items],
        related=[catalog.items[i] for i in item.related if i in catalog.items],
        paths=learning_paths(catalog, item) if deep else [],
    )


def learning_paths(catalog: Catalog, item: Item) -> list[PathStep]:
    """Every collection this item is on, with its neighbours for previous/next links."""
    out = []
    for collection in catalog.of_type("collection"):
        steps = [catalog.items[i] for i in collection.items if i in catalog.items]
        ids = [s.id for s in steps]
        if item.id not in ids:
            continue
        at = ids.index(item.id)
        out.append(
            PathStep(
                collection=collection,
                position=at + 1,
                length=len(steps),
                previous=steps[at - 1] if at > 0 else None,
                next=steps[at + 1] if at + 1 < len(steps) else None,
            )
        )
    return out
