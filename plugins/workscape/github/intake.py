"""Ratings sent from outside the repository: accept or refuse them, and say why.

Two channels feed the same rules. The GitHub issue form (.github/ISSUE_TEMPLATE/
rate.yml) arrives as an ``issues`` event whose author is a GitHub login; a form
tool's CSV export arrives with an authenticated email. Either identity is mapped
to a people.yml handle; a name typed into a form never is. A rating is refused
(:class:`IntakeError`, its message written for the rater) when the person is not
in people.yml, the item does not exist, the stars are not 1 to 5, the rater
wrote the item, or the file it would write is one `check` refuses (a control
character in the comment, say): the same rules read the file that would be
written. Nothing here touches files: the CLI writes what is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..errors import IntakeError
from ..model import Catalog, Item, Person, Rating
from ..sources.records import rating_problems
from ..suggest import closest
from .events import IssueEvent
from .markdown import code, escape

#: What GitHub writes for a form field left blank.
NO_RESPONSE = "_No response_"
#: The labels of the rating form's fields, as the issue body shows them.
RATE_LABELS = ("Item", "Stars", "Comment")
#: Longest comment kept; curators read comments, they are not essays.
MAX_COMMENT = 2000

Outcome = Literal["recorded", "unchanged", "kept-newer"]


def parse_form(body: str, labels: Sequence[str]) -> dict[str, str]:
    """Values of an issue form's fields, by label; a blank or missing field is ``""``.

    GitHub renders each field as ``### <label>`` followed by its value. The
    headings are looked for in the form's order, each after the previous one,
    so a ``### ...`` line someone types inside a value is part of that value
    and cannot pose as a later field.
    """
    lines = body.replace("\r\n", "\n").split("\n")
    starts: list[tuple[str, int]] = []
    at = 0
    for label in labels:
        heading = f"### {label}"
        for i in range(at, len(lines)):
            if lines[i].strip() == heading:
                starts.append((label, i))
                at = i + 1
                break
    values = dict.fromkeys(labels, "")
    for n, (label, start) in enumerate(starts):
        end = starts[n + 1][1] if n + 1 < len(starts) else len(lines)
        value = "\n".join(lines[start + 1 : end]).strip()
        values[label] = "" if value == NO_RESPONSE else value
    return values


def item_ref(text: str) -> str:
    """The item id in what someone typed: an id, a site URL or path, or a file name."""
    ref = text.strip().strip("`'\"<>").strip()
    ref = ref.split("#", 1)[0].split("?", 1)[0]
    parts = [p for p in ref.split("/") if p]
    if parts and parts[-1] == "index.html":
        parts.pop()
    last = parts[-1] if parts else ""
    return (last[:-3] if last.endswith(".md") else last).lower()


def _shown(text: str) -> str:
    """Someone's text quoted in a reply: a code span, cut short when long."""
    return code(text if len(text) <= 80 else text[:77] + "...")


def parse_stars(text: str) -> int | None:
    """1 to 5 from ``"4"`` or ``"4 stars"``; None for anything else."""
    match = re.fullmatch(r"\s*([1-5])(?:\s*stars?)?\s*", text, re.IGNORECASE)
    return int(match[1]) if match else None


def item_label(item: Item) -> str:
    """How a reply names an item (Markdown-escaped): its display title."""
    return escape(item.display_title)


@dataclass(frozen=True)
class AcceptedRating:
    """A rating that passed every rule, ready to be written."""

    item: Item
    person: Person
    stars: int
    comment: str
    day: date


def decide_rating(
    catalog: Catalog,
    person: Person | None,
    *,
    identity: str,
    item_text: str,
    stars_text: str,
    comment: str,
    day: date,
) -> AcceptedRating:
    """Apply the rating rules; raise :class:`IntakeError` with a reply when refused.

    ``person`` is whoever the channel's identity (``identity``: ``@login`` or an
    email) maps to, or None when it maps to nobody.
    """
    if person is None:
        raise IntakeError(
            f"{identity} is not linked to anyone in the people directory "
            "(curation/people.yml), so the rating was not recorded. Ask a curator to add "
            "your account to your entry there, then rate again."
        )
    ref = item_ref(item_text)
    if not ref:
        raise IntakeError(
            "The rating names no item, so it was not recorded. Use the Rate link on the "
            "item's page: it fills in the item for you."
        )
    item = catalog.items.get(ref)
    if item is None:
        names = closest(ref, catalog.items)
        hint = f" Did you mean {' or '.join(code(n) for n in names)}?" if names else ""
        raise IntakeError(
            f"There is no item {_shown(ref)} on the site, so the rating was not recorded.{hint} "
            "The Rate link on an item's page fills in its id for you."
        )
    stars = parse_stars(stars_text)
    if stars is None:
        raise IntakeError(
            f"Stars must be a whole number from 1 to 5, not {_shown(stars_text.strip() or 'blank')}; "
            "the rating was not recorded."
        )
    if item.author == person.handle:
        raise IntakeError(
            f"You wrote **{item_label(item)}**, so you cannot rate it: ratings say how much "
            "an item helped someone else. The rating was not recorded."
        )
    comment = comment.replace("\r\n", "\n").strip()
    if comment == NO_RESPONSE:
        comment = ""
    if len(comment) > MAX_COMMENT:
        raise IntakeError(
            f"The comment is {len(comment):,} characters long; keep it under {MAX_COMMENT:,} "
            "and rate again. The rating was not recorded."
        )
    rel = f"ratings/{item.id}/{person.handle}.yml"
    problems = rating_problems(rel, stars=stars, day=day, comment=comment)
    if problems:
        raise IntakeError(
            f"The rating cannot be recorded as written: {escape(problems[0].message)}. "
            "Change it and rate again; the rating was not recorded."
        )
    return AcceptedRating(item, person, stars, comment, day)


def rating_from_issue(catalog: Catalog, event: IssueEvent) -> AcceptedRating:
    """Decide on a rating sent with the GitHub issue form; the rater is the issue's author."""
    fields = parse_form(event.body, RATE_LABELS)
    person = catalog.person_by_github.get(event.login.lower())
    return decide_rating(
        catalog,
        person,
        identity=f"Your GitHub account @{event.login}",
        item_text=fields["Item"],
        stars_text=fields["Stars"],
        comment=fields["Comment"],
        day=event.created,
    )


def newer_rating(catalog: Catalog, accepted: AcceptedRating) -> Rating | None:
    """The person's recorded rating of the item when it is newer than this one (it stands).

    Re-rating replaces, so the newest wins; comparing dates keeps a re-run of an
    old event, or an old CSV row, from undoing a later re-rating.
    """
    for rating in catalog.ratings.get(accepted.item.id, ()):
        if rating.by == accepted.person.handle and rating.date > accepted.day:
            return rating
    return None


def rating_reply(
    accepted: AcceptedRating, outcome: Outcome, path: str, newer: Rating | None = None
) -> str:
    """The reply posted on the rating issue once the rating is accepted."""
    label = item_label(accepted.item)
    if outcome == "kept-newer" and newer is not None:
        return (
            f"You rated **{label}** again on {newer.date.isoformat()} ({newer.stars} of 5); "
            "that newer rating stands, so this one was not recorded."
        )
    if outcome == "unchanged":
        return f"This rating of **{label}** was already recorded in `{path}`; nothing changed."
    return (
        f"Thank you! Your rating of **{label}** ({accepted.stars} of 5) is recorded in "
        f"`{path}` and shows on the site after the next publish. Rating the same item "
        "again replaces it."
    )
