"""Turning planned file changes into git history: grouping into commits, then fast-import.

A change (:class:`Event`) is one file written by one person at one moment, perhaps
with another file removed (a rename). :func:`plan_commits` groups each author's changes
into commits the way people work: a batch of files, closed when it is full or weeks
old, never touching a file another author has not committed yet. :func:`write_history`
streams every commit through one ``git fast-import`` process.
"""

from __future__ import annotations

import heapq
import random
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from prose import slugify

DAY = 86400.0


@dataclass(eq=False)
class Event:
    """One file written (and maybe one removed) by one person at one moment."""

    t: float
    author: str  #: handle
    path: str
    render: Callable[[Event], str]  #: the file's text; called once its commit is known
    verb: str  #: add, update, rate, review, import: for commit messages
    deps: tuple[str, ...] = ()  #: files that must exist (be committed) first
    removes: str = ""  #: a path deleted in the same change (a rename)
    commit: Commit | None = None
    due: float = 0.0  #: when a held-back change is expected to go in


@dataclass(eq=False)
class Commit:
    author: str  #: handle
    opened: float
    target: int  #: files it may gather
    events: list[Event] = field(default_factory=list)
    ts: int = 0
    pull_request: bool = False  #: arrives on a branch, merged with a merge commit
    identity: str = ""  #: "Name <email>" of the author
    trailer: str = ""  #: a Co-authored-by trailer


def plan_commits(
    events: list[Event], rng: random.Random, start: float, params: dict
) -> list[Commit]:
    """Group events into commits: per author, until a batch is full or weeks old.

    A change that needs a file another author has not committed yet (a rating of a new
    item, an edit of someone's fresh draft) waits until that commit is made, as it would
    in a repository where you can only change what has been merged; later changes of the
    same file queue behind it, so every file's versions keep their order. Commit times
    strictly increase in commit order.
    """
    span = params["max_span_days"] * DAY
    heap = [(e.t, i, e) for i, e in enumerate(events)]
    heapq.heapify(heap)
    seq = len(heap)
    open_: dict[str, Commit] = {}  #: per author
    holder: dict[str, Commit] = {}  #: open commit holding a file's latest change
    waiting: dict[int, list[Event]] = {}  #: changes held back until a commit closes
    queue: dict[str, list[Event]] = {}  #: per file: held-back changes, in order
    placed: set[str] = set()  #: files some commit has written
    done: list[Commit] = []
    last = int(start) - 1

    def push(e: Event) -> None:
        nonlocal seq
        seq += 1
        heapq.heappush(heap, (e.t, seq, e))

    def close(c: Commit) -> None:
        nonlocal last
        c.ts = max(int(c.events[-1].t), last + 1)
        c.pull_request = bool(done) and rng.random() < params["pr_share"]
        last = c.ts + (60 if c.pull_request else 0)  # its merge commit comes a minute later
        done.append(c)
        del open_[c.author]
        for e in c.events:
            for path in (e.path, e.removes):
                if holder.get(path) is c:
                    del holder[path]
        for e in waiting.pop(id(c), ()):
            e.t = e.due = max(e.t, last + 3600)
            push(e)

    def hold(e: Event) -> None:
        for path in (e.path, e.removes):
            if path and e not in queue.setdefault(path, []):
                queue[path].append(e)

    next_sweep = start + DAY
    budget = 50 * len(heap)
    while heap or open_:
        budget -= 1
        if budget < 0:
            raise RuntimeError("plan_commits does not converge")
        if not heap:
            close(min(open_.values(), key=lambda c: c.opened))
            continue
        _, _, e = heapq.heappop(heap)
        if e.t >= next_sweep:
            for c in sorted(open_.values(), key=lambda c: c.opened):
                if c.opened < e.t - span:
                    close(c)
            next_sweep = e.t + DAY
        paths = [path for path in (e.path, e.removes) if path]
        ahead = [q[0].due for path in paths if (q := queue.get(path)) and q[0] is not e]
        ahead += [q[0].due for path in e.deps if path not in placed and (q := queue.get(path))]
        if ahead:
            e.t = e.due = max(e.t + 3600, *ahead)
            hold(e)
            push(e)
            continue
        own = open_.get(e.author)
        blocker = next(
            (c for path in (*paths, *e.deps) if (c := holder.get(path)) and c is not own), None
        )
        if blocker is not None:
            waiting.setdefault(id(blocker), []).append(e)
            e.due = blocker.opened + span + 2 * DAY  # the latest the sweep closes it
            hold(e)
            continue
        if own is not None and any(holder.get(path) is own for path in paths):
            close(own)  # the same file twice: a new commit
            own = None
        if own is None:
            target = min(params["max_batch"], 1 + int(rng.expovariate(1 / params["mean_batch"])))
            own = open_[e.author] = Commit(e.author, e.t, target)
        own.events.append(e)
        e.commit = own
        for path in paths:
            holder[path] = own
            placed.add(path)
            q = queue.get(path)
            if q and q[0] is e:
                q.pop(0)
                if not q:
                    del queue[path]
        if len(own.events) >= own.target:
            close(own)
    return done


def write_history(repo: Path, commits: list[Commit], merger: str) -> int:
    """Create ``repo`` with these commits on main (pull requests merged by ``merger``,
    a "Name <email>"), check it out, and return the number of commits made."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    git = ["git", "-C", str(repo)]
    subprocess.run([*git, "config", "gc.auto", "0"], check=True)
    proc = subprocess.Popen([*git, "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE)
    assert proc.stdin is not None
    out = proc.stdin
    mark = tip = made = 0
    for n, c in enumerate(commits, start=1):
        changes = []
        for e in c.events:
            data = e.render(e).encode("utf-8")
            mark += 1
            out.write(b"blob\nmark :%d\ndata %d\n%s\n" % (mark, len(data), data))
            if e.removes:
                changes.append(f"D {e.removes}\n")
            changes.append(f"M 100644 :{mark} {e.path}\n")
        body = "".join(changes).encode()
        message = _message(c) + (f"\n\n{c.trailer}\n" if c.trailer else "")
        who = f"{c.identity} {c.ts} +0000"
        mark += 1
        if c.pull_request:
            out.write(f"reset refs/heads/pr\nfrom :{tip}\n\n".encode())
            out.write(_commit("refs/heads/pr", mark, who, message, tip) + body + b"\n")
            branch, mark = mark, mark + 1
            title = f"Merge pull request #{n} from {c.author}/{_branch_name(c)}\n\n{message}"
            merged = f"{merger} {c.ts + 60} +0000"
            out.write(_commit("refs/heads/main", mark, merged, title, tip, branch) + body + b"\n")
            made += 1
        else:
            out.write(_commit("refs/heads/main", mark, who, message, tip) + body + b"\n")
        tip = mark
        made += 1
    out.write(b"done\n")
    out.close()
    if proc.wait() != 0:
        raise RuntimeError("git fast-import failed")
    subprocess.run([*git, "update-ref", "-d", "refs/heads/pr"], check=False)
    subprocess.run([*git, "reset", "-q", "--hard", "main"], check=True)
    return made


def _commit(ref: str, mark: int, who: str, message: str, parent: int, merge: int = 0) -> bytes:
    msg = message.encode("utf-8")
    head = f"commit {ref}\nmark :{mark}\nauthor {who}\ncommitter {who}\n".encode()
    head += b"data %d\n%s\n" % (len(msg), msg)
    if parent:
        head += f"from :{parent}\n".encode()
    if merge:
        head += f"merge :{merge}\n".encode()
    return head


def _message(c: Commit) -> str:
    if len(c.events) == 1:
        e = c.events[0]
        return f"{e.verb.capitalize()} {e.path.split('/', 1)[1]}"
    counts: dict[str, int] = {}
    for e in c.events:
        key = f"{e.verb} {e.path.split('/')[1]}"
        counts[key] = counts.get(key, 0) + 1
    text = ", ".join(f"{k} ({v})" for k, v in counts.items())
    return text[0].upper() + text[1:]


def _branch_name(c: Commit) -> str:
    return slugify(c.events[0].path.rsplit("/", 1)[-1].removesuffix(".md"))[:40] or "update"
