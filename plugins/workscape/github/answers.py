"""Draft answers from the "Answer this" issue form.

The answerer is the issue's author (its GitHub login mapped through people.yml),
never a name typed into the form; the problem is the id the site's "Answer this"
link fills in (a URL or file name works too). The draft takes its tags and
community from its problem, as every answer does; its id is
``<problem>-by-<handle>`` (``-2``, ``-3``... when taken), so two people answering
at once write two files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import IntakeError
from ..model import Catalog
from ..names import slugify
from ..sources.scaffold import item_text
from ..suggest import closest
from .events import IssueEvent
from .intake import item_ref, parse_form
from .markdown import code, escape

#: The labels of the answer form's fields, as the issue body shows them.
ANSWER_LABELS = ("Problem", "Answer")


@dataclass(frozen=True)
class AnswerDraft:
    """An answer file to propose."""

    slug: str  #: the preferred id; the CLI adds -2, -3... when it is taken
    problem: str
    problem_title: str
    author: str
    day: date
    body: str
    issue: int

    def text(self, body: str | None = None) -> str:
        """The file: front matter, the answerer's words, then a comment for the curator."""
        meta = {"author": self.author, "problem": self.problem, "date": self.day}
        note = (
            f"Drafted from issue #{self.issue} by the intake workflow.\n"
            "Curator: check the answer and its media, then delete this comment."
        )
        return item_text("answer", meta, f"{body or self.body}\n\n<!--\n{note}\n-->\n")


def draft_answer(catalog: Catalog, event: IssueEvent) -> AnswerDraft:
    """The draft for an answer-form issue; :class:`IntakeError` with a reply when refused.

    ``catalog`` is the published one: a problem held back from the site takes no
    answers through a form, as it takes no ratings, and no reply names it.
    """
    person = catalog.person_by_github.get(event.login.lower())
    if person is None:
        raise IntakeError(
            f"GitHub account @{event.login} is not linked to anyone in the people directory "
            "(curation/people.yml), so no answer was drafted: an answer needs an author. "
            "Ask a curator to add your account to your entry there, then answer again."
        )
    fields = parse_form(event.body, ANSWER_LABELS)
    ref = item_ref(fields["Problem"] or event.title.partition(":")[2])
    problem = catalog.items.get(ref)
    if problem is None or problem.type != "problem":
        names = closest(ref, [i.id for i in catalog.of_type("problem")]) if ref else []
        hint = f" Did you mean {' or '.join(code(n) for n in names)}?" if names else ""
        shown = code(ref[:80]) if ref else "no problem"
        raise IntakeError(
            f"The form names {shown}, which is not a problem on the site, so no answer was "
            f"drafted.{hint} The *Answer this* link on a problem's page fills it in for you."
        )
    answer = fields["Answer"].strip()
    if not answer:
        raise IntakeError(
            f"Issue #{event.number} has no answer text (was it opened with the Answer this "
            "form?), so no answer was drafted."
        )
    return AnswerDraft(
        slug=slugify(f"{problem.id}-by-{person.handle}"),
        problem=problem.id,
        problem_title=escape(problem.display_title),
        author=person.handle,
        day=event.created,
        body=answer,
        issue=event.number,
    )
