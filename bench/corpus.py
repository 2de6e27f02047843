"""Deterministic benchmark corpora: a Workscape knowledge base of N items as a git repository.

``ensure_corpus(n)`` returns ``build/bench/corpus-<n>/``, a git repository holding
``content/{problems,answers,resources}/`` and ``curation/`` (taxonomy, communities, people,
policy, reviews, ratings, views) with about three commits per content file by many
authors at fixed, increasing dates. Everything comes from one seeded random generator,
so the same parameters and code give byte-identical files and commit ids.

This module plans the knowledge base (who wrote, edited, answered, rated and reviewed
what, and when); prose.py writes the text; gitstream.py groups the changes into commits
(per author, a batch at a time; a quarter of them arrive as merged pull requests, a few
carry a ``Co-authored-by`` trailer, some files are renamed, some people commit under a
second address) and writes them with one ``git fast-import`` process. The result is
cached: it is rebuilt only when PARAMS or the code of these modules change (their hash
is kept in ``.git/bench-corpus.json``).

Run ``python bench/corpus.py 1000`` to build (or reuse) one corpus and print its figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import words as W
from gitstream import DAY, Commit, Event, plan_commits, write_history
from prose import Text, slugify

HERE = Path(__file__).resolve().parent
CACHE_DIR = HERE.parent / "build" / "bench"

PARAMS = {
    "seed": 20260301,
    "shares": {"problem": 0.6, "answer": 0.3, "resource": 0.1},
    "people": 300,
    "start": "2023-01-02",
    "end": "2025-12-15",
    # extra edits per content file (the add is the first commit): mean about 1.75
    "edit_weights": {"0": 15, "1": 30, "2": 30, "3": 15, "4": 10},
    "other_editor_share": 0.35,  # edits by someone else than the author (caretakers)
    "accepted_share": 0.55,  # answered problems that accept an answer
    "rating_weights": {"0": 60, "1": 20, "2": 10, "3": 6, "5": 3, "8": 1},
    "review_share": {"problem": 0.3, "resource": 0.3, "answer": 0.15},
    "view_months": 12,
    "mean_batch": 12,  # files an author gathers into one commit, on average...
    "max_batch": 32,  # ...and at most
    "max_span_days": 60,  # an author's open commit is closed after this long
    "pr_share": 0.25,  # commits that arrive as a merged pull request
    "coauthor_share": 0.03,
    "rename_share": 0.015,
    "second_email_share": 0.15,
}
POLICY_YML = """\
review_max_age_days: 365
publish_unapproved_critical: true
rating_prior_mean: 3.5
rating_prior_weight: 3
popularity:
  rating_weight: 1.0
  views_weight: 0.6
  recency_half_life_days: 120
trending_window_days: 30
participation_targets:
  consumer: 0.7
  creator: 0.25
  connector: 0.15
  carrier: 0.05
  caretaker: 0.05
"""
REVIEW_NOTES = (
    "Matches the OEM bulletin.",
    "Checked against the current procedure.",
    "Steps verified on site.",
    "Consistent with the standard; good worked example.",
    "Reviewed with the vendor's support team.",
    "Correct; worth linking from the checklist.",
)


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def fingerprint(title: str, body: str) -> str:
    """The review fingerprint, as workscape.model.content_fingerprint computes it."""
    lines = [line.rstrip() for line in f"{title}\n{body}".replace("\r\n", "\n").split("\n")]
    return "sha256:" + hashlib.sha256("\n".join(lines).strip().encode("utf-8")).hexdigest()


def day(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d")


def epoch(iso: str) -> float:
    return datetime.fromisoformat(iso).replace(tzinfo=UTC).timestamp()


@dataclass
class Person:
    handle: str
    name: str
    emails: list[str]
    communities: list[str]
    weight: float
    sme_for: list[str] = field(default_factory=list)


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


class Generator:
    """Plans every file and every change, then writes them as git history."""

    def __init__(self, size: int, params: dict = PARAMS):
        self.size = size
        self.p = params
        self.rng = random.Random(f"{params['seed']}-{size}")
        self.start = epoch(params["start"]) + 9 * 3600
        self.end = epoch(params["end"]) + 17 * 3600
        self.events: list[Event] = []
        self.used_ids: set[str] = set()
        self._plan_curation()
        text_nouns = {
            cid: [w.replace("-", " ") for w in nouns.split()] + self.tag_words[cid]
            for cid, _, _, _, _, nouns in W.COMMUNITIES
        }
        self.text = Text(self.rng, text_nouns)
        self._plan_items()
        self._plan_ratings_and_reviews()
        self._plan_views()

    # -- curation -------------------------------------------------------------------------

    def _plan_curation(self) -> None:
        r = self.rng
        self.tags: list[dict] = []
        self.tag_words: dict[str, list[str]] = {}
        taken: set[str] = set()
        for cid, _, _, _, labels, _ in W.COMMUNITIES:
            words: list[str] = []
            for label in (x.strip() for x in labels.split(";")):
                tid = slugify(label)
                taken.add(tid)
                self.tags.append({"id": tid, "label": label, "community": cid})
                words += [w for w in label.lower().split() if len(w) > 3]
            self.tag_words[cid] = words
        for tag in self.tags:
            words = tag["id"].split("-")
            candidates = [words[-1], tag["id"].replace("-", ""), words[0]]
            tag["synonyms"] = []
            for syn in candidates[: r.choice((0, 0, 1, 1, 2))]:
                if syn not in taken and len(syn) > 3:
                    taken.add(syn)
                    tag["synonyms"].append(syn)
        self.tags_of = {
            cid: [t["id"] for t in self.tags if t["community"] == cid] for cid, *_ in W.COMMUNITIES
        }
        self.people: dict[str, Person] = {}
        names: set[tuple[str, str]] = set()
        cids = [c[0] for c in W.COMMUNITIES]
        ranks = list(range(1, self.p["people"] + 1))
        r.shuffle(ranks)
        while len(self.people) < self.p["people"]:
            first, last = r.choice(W.FIRST_NAMES), r.choice(W.LAST_NAMES)
            if (first, last) in names:
                continue
            names.add((first, last))
            handle = slugify(first[0] + last).replace("-", "")
            while handle in self.people:
                handle = f"{handle}{r.randint(2, 9)}"
            emails = [f"{handle}@corp.example"]
            if r.random() < self.p["second_email_share"]:
                emails.append(f"{slugify(first)}.{slugify(last)}@corp.example")
            home = r.choices(cids, weights=W.COMMUNITY_WEIGHTS)[0]
            communities = [home]
            if r.random() < 0.3:
                communities.append(r.choice([c for c in cids if c != home]))
            rank = ranks[len(self.people)]
            self.people[handle] = Person(
                handle, f"{first} {last}", emails, communities, 1.0 / rank**0.9
            )
        self.handles = list(self.people)
        self.members = {
            c: [h for h in self.handles if c in self.people[h].communities] for c in cids
        }
        for tag in self.tags:
            for handle in r.sample(self.members[tag["community"]], r.randint(1, 3)):
                self.people[handle].sme_for.append(tag["id"])
        self.managers = {c: r.sample(self.members[c], 2) for c in cids}
        self.smes = {
            t["id"]: [h for h in self.handles if t["id"] in self.people[h].sme_for]
            for t in self.tags
        }
        curator = self.managers[cids[0]][0]
        span = self.end - self.start
        for name, versions in (("taxonomy", 3), ("people", 3), ("communities", 2), ("policy", 1)):
            for v in range(versions):
                t = self.start + span * v / 3 + r.uniform(0, DAY)
                render = self._curation_renderer(name, (v + 1) / versions)
                self.events.append(
                    Event(t, curator, f"curation/{name}.yml", render, "add" if v == 0 else "update")
                )

    def _curation_renderer(self, name: str, share: float) -> Callable[[Event], str]:
        def render(_: Event) -> str:
            if name == "policy":
                return POLICY_YML
            if name == "communities":
                return "".join(
                    f"- id: {cid}\n  name: {q(cname)}\n  kind: {kind}\n"
                    f"  managers: [{', '.join(self.managers[cid])}]\n"
                    f"  description: {q(desc if share == 1 else cname)}\n"
                    for cid, cname, kind, desc, _, _ in W.COMMUNITIES
                )
            if name == "taxonomy":
                tags = self.tags[: round(len(self.tags) * share)]
                return "".join(
                    f"- id: {t['id']}\n  label: {q(t['label'])}\n"
                    f"  description: {q('Questions and know-how about ' + t['label'].lower() + '.')}\n"
                    f"  synonyms: [{', '.join(t['synonyms'])}]\n  community: {t['community']}\n"
                    "  critical: false\n"
                    for t in tags
                )
            people = list(self.people.values())[: round(len(self.people) * share)]
            known = {t["id"] for t in self.tags[: round(len(self.tags) * share)]}
            return "".join(
                f"- handle: {p.handle}\n  name: {q(p.name)}\n  emails: [{', '.join(p.emails)}]\n"
                f"  github: {p.handle}-gh\n  communities: [{', '.join(p.communities)}]\n"
                f"  sme_for: [{', '.join(t for t in p.sme_for if t in known)}]\n  listed: true\n"
                for p in people
            )

        return render

    # -- items ----------------------------------------------------------------------------

    def _unique_id(self, phrase: str) -> str:
        base = "-".join(slugify(phrase).split("-")[:7]).strip("-") or "item"
        candidate, n = base, 1
        while candidate in self.used_ids:
            n += 1
            candidate = f"{base}-{n}"
        self.used_ids.add(candidate)
        return candidate

    def _author(self, community: str, not_: str = "") -> str:
        pool = [h for h in self.members[community] if h != not_]
        return self.rng.choices(pool, weights=[self.people[h].weight for h in pool])[0]

    def _item_frame(self, kind: str, t: float) -> Item:
        r = self.rng
        cids = [c[0] for c in W.COMMUNITIES]
        community = r.choices(cids, weights=W.COMMUNITY_WEIGHTS)[0]
        tags = r.sample(self.tags_of[community], r.choice((1, 2, 2, 3, 3, 4)))
        if r.random() < 0.1:
            other = r.choice([c for c in cids if c != community])
            tags.append(r.choice(self.tags_of[other]))
        return Item(kind, "", community, tags, self._author(community), t)

    def _plan_items(self) -> None:
        r, p = self.rng, self.p
        n_problems = round(self.size * p["shares"]["problem"])
        n_answers = round(self.size * p["shares"]["answer"])
        n_resources = self.size - n_problems - n_answers
        lo, hi = self.start + 14 * DAY, self.end - 20 * DAY
        times = lambda n: sorted(lo + (hi - lo) * r.random() ** 0.7 for _ in range(n))  # noqa: E731
        self.items: list[Item] = []
        tx = self.text
        for t in times(n_resources):
            item = self._item_frame("resource", t)
            kind = r.choice(W.DOC_KINDS)
            label = next(x["label"] for x in self.tags if x["id"] == item.tags[0])
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
            self.items.append(item)
        resources = list(self.items)
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
        self.items += problems + answers
        for item in self.items:
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
        self.by_id = {item.id: item for item in self.items}

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
        r = self.rng
        if r.random() >= self.p["other_editor_share"]:
            return item.author
        pool = [h for t in item.tags for h in self.smes.get(t, ())] + self.managers[item.community]
        pool = [h for h in pool if h != item.author] or [
            h for h in self.handles if h != item.author
        ]
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

    # -- ratings, reviews, views ----------------------------------------------------------

    def _plan_ratings_and_reviews(self) -> None:
        r, p = self.rng, self.p
        counts = [int(k) for k in p["rating_weights"]]
        self.rating_count = self.review_count = 0
        for item in self.items:
            settled = item.versions[-1].t
            n = r.choices(counts, weights=list(p["rating_weights"].values()))[0]
            raters = r.sample([h for h in self.handles if h != item.author], n)
            for rater in raters:
                t = item.t + 3600 + r.expovariate(1 / (90 * DAY))
                if t >= self.end:
                    continue
                stars = r.choices((1, 2, 3, 4, 5), weights=(4, 6, 20, 35, 35))[0]
                self.rating_count += 1
                path = f"curation/ratings/{item.id}/{rater}.yml"
                self.events.append(
                    Event(t, rater, path, self._rating_renderer(stars), "rate", (item.path,))
                )
            if r.random() >= p["review_share"][item.kind]:
                continue
            reviewers = [h for tag in item.tags for h in self.smes[tag] if h != item.author]
            reviews: list[tuple[Event, str]] = []  # shared by the file's versions
            t = settled
            for n in range(1, 2 if r.random() < 0.9 else 3):
                t += r.uniform(1, 40) * DAY
                if not reviewers or t >= self.end:
                    break
                by = r.choice(reviewers)
                path = f"curation/reviews/{item.id}.yml"
                render = self._review_renderer(item, reviews, n)
                event = Event(t, by, path, render, "review", (item.path,))
                reviews.append((event, r.choice(REVIEW_NOTES)))
                self.review_count += 1
                self.events.append(event)

    def _rating_renderer(self, stars: int) -> Callable[[Event], str]:
        def render(e: Event) -> str:
            assert e.commit is not None
            return f"stars: {stars}\ndate: {day(e.commit.ts)}\n"

        return render

    def _review_renderer(self, item: Item, reviews: list, count: int) -> Callable[[Event], str]:
        """The reviews file with its first ``count`` reviews, oldest first."""

        def render(_: Event) -> str:
            mark = fingerprint(item.title if item.kind != "answer" else "", item.body)
            return "".join(
                f"- by: {event.author}\n  date: {day(event.commit.ts)}\n"
                f"  verdict: approved\n  note: {q(note)}\n  fingerprint: {mark}\n"
                for event, note in reviews[:count]
            )

        return render

    def _plan_views(self) -> None:
        r = self.rng
        end = datetime.fromtimestamp(self.end, UTC)
        popularity = {i.id: r.lognormvariate(2.5, 1.2) for i in self.items if i.kind != "answer"}
        importer = self.managers[W.COMMUNITIES[0][0]][1]
        for k in range(self.p["view_months"], 0, -1):
            y, m = divmod(end.year * 12 + end.month - 1 - k, 12)
            month = f"{y:04d}-{m + 1:02d}"
            ny, nm = divmod(y * 12 + m + 1, 12)
            month_end = epoch(f"{ny:04d}-{nm + 1:02d}-01")
            rows = []
            for item in self.items:
                if item.kind == "answer" or item.t >= month_end or r.random() < 0.3:
                    continue
                age = (month_end - item.t) / (30 * DAY)
                views = int(popularity[item.id] * (1 + 3 / (1 + age)) * r.uniform(0.5, 1.5))
                if views:
                    rows.append(f"/{item.kind}s/{item.id}/,{views}")
            text = "path,views\n" + "".join(f"{row}\n" for row in sorted(rows))
            self.events.append(
                Event(
                    month_end + 8 * 3600 + r.uniform(0, DAY),
                    importer,
                    f"curation/views/{month}.csv",
                    lambda _, text=text: text,
                    "import",
                )
            )

    # -- history --------------------------------------------------------------------------

    def write(self, repo: Path) -> dict:
        """Create the repository at ``repo`` with the whole history; return its figures."""
        commits = plan_commits(self.events, self.rng, self.start, self.p)
        # Changes held back near the end spill a few weeks past it; squeeze that tail into
        # the last days, so "now" (HEAD) stays where the views and ratings data end.
        last = 0
        for c in commits:
            if c.ts > self.end:
                c.ts = max(int(self.end + (c.ts - self.end) / 40), last + 1)
            last = c.ts + (60 if c.pull_request else 0)
            self._identify(c)
        m = self.people[self.managers[W.COMMUNITIES[0][0]][0]]
        made = write_history(repo, commits, f"{m.name} <{m.emails[0]}>")
        exclude = repo / ".git" / "info" / "exclude"
        exclude.parent.mkdir(exist_ok=True)
        exclude.write_text("/mkdocs*.yml\n/site/\n", encoding="utf-8")
        content = [e for e in self.events if e.path.startswith("content/")]
        return {
            "items": len(self.items),
            "problems": sum(i.kind == "problem" for i in self.items),
            "answers": sum(i.kind == "answer" for i in self.items),
            "resources": sum(i.kind == "resource" for i in self.items),
            "accepted": sum(bool(i.accepted) for i in self.items),
            "renamed": sum(bool(i.old_id) for i in self.items),
            "tags": len(self.tags),
            "people": len(self.people),
            "ratings": self.rating_count,
            "reviews": self.review_count,
            "commits": made,
            "merges": sum(c.pull_request for c in commits),
            "file_changes": len(self.events),
            "commits_per_content_file": round(len(content) / len(self.items), 2),
            "words": sum(len(i.body.split()) for i in self.items),
            "head_date": day(commits[-1].ts),
        }

    def _identify(self, c: Commit) -> None:
        """The address a commit is made under (some people use two), and a rare co-author."""
        r = self.rng
        person = self.people[c.author]
        second = len(person.emails) > 1 and r.random() < 0.3
        c.identity = f"{person.name} <{person.emails[-1 if second else 0]}>"
        if r.random() < self.p["coauthor_share"]:
            co = self.people[r.choice([h for h in self.handles if h != c.author])]
            c.trailer = f"Co-authored-by: {co.name} <{co.emails[0]}>"


def corpus_key(size: int) -> str:
    """Hash of everything that shapes a corpus: parameters and the generator's code."""
    digest = hashlib.sha256(json.dumps({"size": size, **PARAMS}, sort_keys=True).encode())
    for name in ("corpus.py", "prose.py", "gitstream.py", "words.py"):
        digest.update((HERE / name).read_bytes())
    return digest.hexdigest()[:16]


def ensure_corpus(size: int, cache: Path = CACHE_DIR, force: bool = False) -> tuple[Path, dict]:
    """The corpus repository for ``size`` items, built unless the cached one is current."""
    repo = cache / f"corpus-{size}"
    stamp = repo / ".git" / "bench-corpus.json"
    key = corpus_key(size)
    if not force and stamp.is_file():
        info = json.loads(stamp.read_text(encoding="utf-8"))
        if info.get("key") == key:
            return repo, info
    started = time.perf_counter()
    tmp = cache / f"corpus-{size}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    stats = Generator(size).write(tmp)
    info = {
        "key": key,
        "size": size,
        "generated_seconds": round(time.perf_counter() - started, 2),
        **stats,
    }
    (tmp / ".git" / "bench-corpus.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    shutil.rmtree(repo, ignore_errors=True)
    tmp.rename(repo)
    return repo, info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args()
    for size in args.sizes:
        repo, info = ensure_corpus(size, force=args.force)
        print(repo)
        print(json.dumps(info, indent=2))


if __name__ == "__main__":
    sys.exit(main())
