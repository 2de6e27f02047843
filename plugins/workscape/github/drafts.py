"""Draft problems from the "Ask a problem" issue form.

The asker is the issue's author (its GitHub login mapped through people.yml);
the title is the issue's, less its "Problem:" prefix; tags go through the
taxonomy like any tag in content (synonyms and deprecated tags resolve). What
cannot be resolved is never dropped quietly: unknown tags and communities stay
out of the front matter, so the draft is valid, and are listed in a comment at
the end of the draft's body, where the curator reviewing its pull request sees
them, and in the notes the command prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import Finding, IntakeError
from ..model import Catalog
from ..names import slugify
from ..rules.taxonomy import names, replacement_chain
from ..sources.scaffold import item_text
from ..suggest import did_you_mean
from .events import IssueEvent
from .intake import parse_form
from .markdown import escape

#: The labels of the ask form's fields, as the issue body shows them.
ASK_LABELS = ("Problem statement", "What you tried", "Tags", "Community")
TITLE_PREFIX = "problem:"
MAX_DERIVED_TITLE = 80


@dataclass(frozen=True)
class ProblemDraft:
    """A problem file to propose, and what the curator must look at."""

    slug: str  #: the preferred id; the CLI adds -2, -3... when it is taken
    title: str
    author: str
    tags: tuple[str, ...]
    community: str | None
    day: date
    statement: str
    tried: str
    issue: int
    notes: tuple[str, ...] = ()

    def text(self) -> str:
        """The file: valid front matter, the asker's words, then a comment for the curator."""
        meta = {
            "title": self.title,
            "author": self.author,
            "tags": list(self.tags),
            "community": self.community,
            "date": self.day,
        }
        lines = [f"Drafted from issue #{self.issue} by the intake workflow."]
        lines += [f"- {note}" for note in self.notes]
        lines.append("Curator: check the title, tags and community, then delete this comment.")
        # "--" cannot appear inside an HTML comment; the asker's words are not trusted.
        comment = "\n".join(lines).replace("--", "- -")
        body = f"{self.statement}\n"
        if self.tried:
            body += f"\n## What I tried\n\n{self.tried}\n"
        # Last, so no summary taken from the body's start can pick it up.
        body += f"\n<!--\n{comment}\n-->\n"
        return item_text("problem", meta, body)


def _split_words(text: str) -> list[str]:
    words = re.split(r"[,;\s]+", text.replace("`", "").replace("#", " "))
    return [w.lower() for w in words if w]


def _title(event: IssueEvent, statement: str) -> tuple[str, list[str]]:
    title = event.title
    if title.lower().startswith(TITLE_PREFIX):
        title = title[len(TITLE_PREFIX) :].strip()
    if title:
        return title, []
    first = statement.strip().split("\n", 1)[0].strip()
    if len(first) > MAX_DERIVED_TITLE:
        first = first[:MAX_DERIVED_TITLE].rsplit(" ", 1)[0] + "..."
    return first, ["The issue had no title: this one is the statement's first line."]


def draft_problem(catalog: Catalog, event: IssueEvent) -> ProblemDraft:
    """The draft for an ask-form issue; :class:`IntakeError` when it cannot be drafted."""
    person = catalog.person_by_github.get(event.login.lower())
    if person is None:
        raise IntakeError(
            f"GitHub account @{event.login} is not linked to anyone in the people directory "
            "(curation/people.yml), so no problem was drafted: a problem needs an author. "
            "Add `github: " + event.login + "` to the asker's entry, then run the intake again."
        )
    fields = parse_form(event.body, ASK_LABELS)
    statement = fields["Problem statement"]
    if not statement:
        raise IntakeError(
            f"Issue #{event.number} has no problem statement (was it opened with the "
            "Ask a problem form?), so no problem was drafted."
        )
    title, notes = _title(event, statement)
    by_name = names(catalog.tags)
    tags: list[str] = []
    for word in _split_words(fields["Tags"]):
        tag = by_name.get(word)
        if tag is not None:
            tag = replacement_chain(tag, catalog.tags)[-1]
        if tag is None:
            notes.append(
                f"Tag '{word}' is not in the taxonomy and was left out. "
                + (did_you_mean(word, by_name) or "Add it to the taxonomy or drop it.")
            )
        elif tag.id not in tags:
            tags.append(tag.id)
    community = _community(catalog, fields["Community"], notes)
    return ProblemDraft(
        slug=slugify(title) or f"problem-from-issue-{event.number}",
        title=title,
        author=person.handle,
        tags=tuple(tags),
        community=community,
        day=event.created,
        statement=statement,
        tried=fields["What you tried"],
        issue=event.number,
        notes=tuple(notes),
    )


def _community(catalog: Catalog, text: str, notes: list[str]) -> str | None:
    """The community named by id or by name; an unknown one becomes a note."""
    wanted = text.strip().strip("`").strip()
    if not wanted:
        return None
    for community in catalog.communities.values():
        if wanted.lower() in (community.id, community.name.lower()):
            return community.id
    notes.append(
        f"Community '{wanted}' does not exist and was left out. "
        + (did_you_mean(wanted.lower(), catalog.communities) or "")
    )
    return None


def refusal_reply(issue: int, findings: list[Finding]) -> str:
    """The reply on an ask issue whose draft `workscape check` would refuse.

    It says what is wrong without the findings' hints, which speak to someone
    editing the file; the asker never saw it.
    """
    return "\n".join(
        [
            f"The problem asked in #{issue} could not be drafted: the site would refuse it as "
            "written, so nothing was proposed.",
            "",
            *(f"- {escape(f.message)}" for f in findings),
            "",
            "Ask again in a new issue without these, or ask a curator to write it up.",
        ]
    )
