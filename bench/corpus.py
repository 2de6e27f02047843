"""Deterministic benchmark corpora: a Workscape knowledge base of N items as a git repository.

``ensure_corpus(n)`` returns ``build/bench/corpus-<n>/``, a git repository holding
``content/{problems,answers,resources}/`` and ``curation/`` (taxonomy, communities, people,
policy, reviews, ratings, views) with about three commits per content file by many
authors at fixed, increasing dates. Everything comes from one seeded random generator,
so the same parameters and code give byte-identical files and commit ids.

The plan is made in steps, each in its own module, all drawing on one random generator
in a fixed order: organisation.py (communities, tags, people, SMEs, managers and the
curation files), items.py (who wrote, edited and answered what, and when; the text from
prose.py), activity.py (ratings, reviews, views). This module puts them together and
hands the changes to gitstream.py, which groups them into commits (per author, a batch
at a time; a quarter of them arrive as merged pull requests, a few carry a
``Co-authored-by`` trailer, some files are renamed, some people commit under a second
address) and writes them with one ``git fast-import`` process. The result is cached: it
is rebuilt only when PARAMS or the code of these modules change (their hash is kept in
``.git/bench-corpus.json``).

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
from pathlib import Path

from activity import plan_activity
from gitstream import Commit, plan_commits, write_history
from items import ItemPlanner
from organisation import Organisation
from prose import Text
from yamltext import day, epoch

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
#: The modules whose code shapes a corpus (with PARAMS, the cache key).
GENERATOR_MODULES = (
    "corpus.py",
    "organisation.py",
    "items.py",
    "activity.py",
    "prose.py",
    "gitstream.py",
    "words.py",
    "yamltext.py",
)


class Generator:
    """Plans every file and every change, then writes them as git history."""

    def __init__(self, size: int, params: dict = PARAMS):
        self.size = size
        self.p = params
        self.rng = random.Random(f"{params['seed']}-{size}")
        self.start = epoch(params["start"]) + 9 * 3600
        self.end = epoch(params["end"]) + 17 * 3600
        # The steps draw on self.rng in this order; reordering them changes every corpus.
        self.org = Organisation(self.rng, params)
        self.events = self.org.curation_events(self.start, self.end)
        text = Text(self.rng, self.org.text_nouns())
        planner = ItemPlanner(self.rng, params, self.org, text, self.start, self.end)
        self.items = planner.plan(size)
        self.events += planner.events
        self.activity = plan_activity(self.rng, params, self.org, self.items, self.end)
        self.events += self.activity.events

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
        m = self.org.people[self.org.curator]
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
            "tags": len(self.org.tags),
            "people": len(self.org.people),
            "ratings": self.activity.ratings,
            "reviews": self.activity.reviews,
            "commits": made,
            "merges": sum(c.pull_request for c in commits),
            "file_changes": len(self.events),
            "commits_per_content_file": round(len(content) / len(self.items), 2),
            "words": sum(len(i.body.split()) for i in self.items),
            "head_date": day(commits[-1].ts),
        }

    def _identify(self, c: Commit) -> None:
        """The address a commit is made under (some people use two), and a rare co-author."""
        r, people = self.rng, self.org.people
        person = people[c.author]
        second = len(person.emails) > 1 and r.random() < 0.3
        c.identity = f"{person.name} <{person.emails[-1 if second else 0]}>"
        if r.random() < self.p["coauthor_share"]:
            co = people[r.choice([h for h in self.org.handles if h != c.author])]
            c.trailer = f"Co-authored-by: {co.name} <{co.emails[0]}>"


def corpus_key(size: int) -> str:
    """Hash of everything that shapes a corpus: parameters and the generator's code."""
    digest = hashlib.sha256(json.dumps({"size": size, **PARAMS}, sort_keys=True).encode())
    for name in GENERATOR_MODULES:
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
