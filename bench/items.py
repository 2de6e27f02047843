"""The corpus's items and every version of their files: who wrote and edited what, when.

:class:`ItemPlanner` draws resources, problems and answers (each answer to an earlier
problem, by someone else), their text from prose.py, their accepted answers, and the
versions of each file: the add, edits by the author or a caretaker, a rename now and
then, and the problem's edit that accepts an answer.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

import words as W
from gitstream import DAY, Event
from organisation import Organisation
from prose import Text, slugify
from yamltext import day, q


@dataclass
class Item:
    kind: str
    id: str
    community: str
    tags: list[str]
    author: str
    t: float
    title: str = ""
    blocks: list[str] = field(default_factory=list)
    problem: str = ""
    accepted: str = ""
    description: str = ""
    url: str = ""
    format: str = ""
    old_id: str = ""  #: first committed under this name, then renamed
    versions: list[Event] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"content/{self.kind}s/{self.id}.md"

    @property
    def body(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


class ItemPlanner:
    """Plans the items of one corpus between ``start`` and ``end`` (timestamps)."""

    def __init__(
        self,
        rng: random.Random,
        params: dict,
        org: Organisation,
        text: Text,
        start: float,
        end: float,
    ):
        self.rng = rng
        self.p = params
        self.org = org
        self.text = text
        self.start = start
        self.end = end
        self.used_ids: set[str] = set()
        self.events: list[Event] = []

    def _unique_id(self, phrase: str) -> str:
        base = "-".join(slugify(phrase).split("-")[:7]).strip("-") or "item"
        candidate, n = base, 1
        while candidate in self.used_ids:
            n += 1
            candidate = f"{base}-{n}"
        self.used_ids.add(candidate)
        return candidate

    def _author(self, community: str, not_: str = "") -> str:
        people = self.org.people
        pool = [h for h in self.org.members[community] if h != not_]
        return self.rng.choices(pool, weights=[people[h].weight for h in pool])[0]

    def _item_frame(self, kind: str, t: float) -> Item:
        r = self.rng
        cids = [c[0] for c in W.COMMUNITIES]
        community = r.choices(cids, weights=W.COMMUNITY_WEIGHTS)[0]
        tags = r.sample(self.org.tags_of[community], r.choice((1, 2, 2, 3, 3, 4)))
        if r.random() < 0.1:
            other = r.choice([c for c in cids if c != community])
            tags.append(r.choice(self.org.tags_of[other]))
        return Item(kind, "", community, tags, self._author(community), t)

    def plan(self, size: int) -> list[Item]:
        """``size`` items, resources first, then problems and answers; their file versions
        are in :attr:`events`."""
        r, p = self.rng, self.p
        n_problems = round(size * p["shares"]["problem"])
        n_answers = round(size * p["shares"]["answer"])
        n_resources = size - n_problems - n_answers
        lo, hi = self.start + 14 * DAY, self.end - 20 * DAY
        times = lambda n: sorted(lo + (hi - lo) * r.random() ** 0.7 for _ in range(n))  # noqa: E731
        items: list[Item] = []
        tx = self.text
        for t in times(n_resources):
            item = self._item_frame("resource", t)
            kind = r.choice(W.DOC_KINDS)
            label = next(x["label"] for x in self.org.tags if x["id"] == item.tags[0])
            item.title = r.choice(
                (
                    f"{label} {kind}",
                    f"{kind.capitalize()}: {label.lower()}",
                    f"{label}: {tx.fill('the {a} {n}', item).lower()} {kind}",
                )
            )
            item.id = self._unique_id(item.title)
            item.format = W.FORMAT_OF_KIND[kind]
            item.url = f"https://intranet.example/{item.community}/{item.id}"
            item.description = tx.fill(r.choice(W.RESOURCE_SENTENCES), item)
            items.append(item)
        resources = list(items)
        problems = []
        for t in times(n_problems):
            item = self._item_frame("problem", t)
            item.title = tx.fill(
                r.choice(
                    (
                        "{a} {n} {sym}",
                        "{n} on the {c} {sym}",
                        "{t}: {n} {sym}",
                        "How do I {v} the {n} for {t}?",
                        "{n} {sym} at {s}",
                        "{p} {n} {sym}",
                    )
                ),
                item,
            )
            item.id = self._unique_id(item.title)
            problems.append(item)
        open_problems = [x for x in problems if x.t < self.end - 10 * DAY]
        answers = []
        for _ in range(n_answers):
            problem = r.choice(open_problems)
            t = min(problem.t + 600 + r.expovariate(1 / (4 * DAY)), self.end - r.uniform(0, DAY))
            item = Item(
                "answer",
                "",
                problem.community,
                list(problem.tags),
                self._author(problem.community, not_=problem.author),
                t,
                problem=problem.id,
            )
            item.id = self._unique_id(tx.fill("{v} the {a} {n}", item))
            answers.append(item)
        answers.sort(key=lambda x: x.t)
        by_problem: dict[str, list[Item]] = {}
        for answer in answers:
            by_problem.setdefault(answer.problem, []).append(answer)
        items += problems + answers
        for item in items:
            links = []
            if item.kind == "answer" and r.random() < 0.12:
                cited = r.choice(resources)
                links.append(f"More in [{cited.title}](../resources/{cited.id}.md).")
            item.blocks = tx.blocks(item, links)
            accept_at = None
            if (
                item.kind == "problem"
                and item.id in by_problem
                and r.random() < p["accepted_share"]
            ):
                chosen = r.choice(by_problem[item.id])
                accept_at = chosen.t + r.uniform(2, 20) * DAY
                if accept_at < self.end:
                    item.accepted = chosen.id
            self._plan_versions(item, accept_at if item.accepted else None)
        return items

    def _plan_versions(self, item: Item, accept_at: float | None) -> None:
        r, p = self.rng, self.p
        edits = int(r.choices(list(p["edit_weights"]), weights=list(p["edit_weights"].values()))[0])
        times, t = [item.t], item.t
        for _ in range(edits):
            t += 2 * DAY + r.expovariate(1 / (60 * DAY))
            if t < self.end:
                times.append(t)
        authors = [item.author] + [self._editor(item) for _ in times[1:]]
        accept_version = None
        if accept_at is not None:
            accept_version = sum(1 for x in times if x < accept_at)
            times.insert(accept_version, accept_at)
            authors.insert(accept_version, item.author)
        if len(times) > 1 and r.random() < self.p["rename_share"] * 2:
            item.old_id = f"{item.id}-draft"
        n = len(times)
        deps = (f"content/problems/{item.problem}.md",) if item.problem else ()
        for v, (t, author) in enumerate(zip(times, authors, strict=True)):
            accepted = accept_version is not None and v >= accept_version
            extra = (f"content/answers/{item.accepted}.md",) if accepted else ()
            keep = max(1, len(item.blocks) - (n - 1 - v))
            path = item.path
            if item.old_id and v == 0:
                path = f"content/{item.kind}s/{item.old_id}.md"
            event = Event(
                t,
                author,
                path,
                self._item_renderer(item, keep, accepted),
                "add" if v == 0 else "update",
                deps + extra,
                removes=f"content/{item.kind}s/{item.old_id}.md" if item.old_id and v == 1 else "",
            )
            item.versions.append(event)
            self.events.append(event)

    def _editor(self, item: Item) -> str:
        r, org = self.rng, self.org
        if r.random() >= self.p["other_editor_share"]:
            return item.author
        pool = [h for t in item.tags for h in org.smes.get(t, ())] + org.managers[item.community]
        pool = [h for h in pool if h != item.author] or [h for h in org.handles if h != item.author]
        return r.choice(pool)

    def _item_renderer(self, item: Item, keep: int, accepted: bool) -> Callable[[Event], str]:
        def render(_: Event) -> str:
            added = item.versions[0].commit
            assert added is not None
            lines = ["---"]
            if item.kind != "answer":
                lines.append(f"title: {q(item.title)}")
            lines.append(f"author: {item.author}")
            if item.kind == "answer":
                lines.append(f"problem: {item.problem}")
            else:
                lines += [f"tags: [{', '.join(item.tags)}]", f"community: {item.community}"]
            lines.append(f"date: {day(added.ts)}")
            if item.kind == "problem" and accepted:
                lines.append(f"accepted: {item.accepted}")
            if item.kind == "resource":
                lines += [
                    f"url: {item.url}",
                    f"format: {item.format}",
                    f"description: {q(item.description)}",
                ]
            lines.append("---")
            return "\n".join(lines) + "\n" + "\n\n".join(item.blocks[:keep]) + "\n"

        return render
