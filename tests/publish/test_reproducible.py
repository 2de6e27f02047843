"""Same commit, same site, any day: two builds under different wall clocks are identical.

Each build runs in its own process with the clock moved (tests/moved_clock.py), so
MkDocs' own build date really differs; only dates from the repository may reach
the output, the sitemap's ``lastmod`` and the gzip header of ``sitemap.xml.gz``
included.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import sitekit
from gitrepo import GitRepo, git_env

HERE = Path(__file__).resolve().parent.parent
ALICE = ("Alice Archer", "alice@acme.test")
BOB = ("Bob Brandt", "bob@acme.test")
CARLA = ("Carla Manager", "carla@acme.test")
#: Two days years apart, both long after the repository's last commit.
CLOCKS = ("2031-05-17T08:00:00", "2034-11-02T23:30:00")

RESOURCE = """\
---
title: API 682 flush plans
author: bob
tags: [seals]
format: document
url: https://example.test/api682.pdf
---
The plans, one page each.
"""


def history_site(root: Path) -> GitRepo:
    """A problem, an answer improved later, a resource, then a curation-only HEAD."""
    repo = GitRepo.init(root)
    sitekit.make_site(repo.path)
    repo.commit("Start the knowledge base", author=ALICE, when="2026-03-02T09:00:00")
    answer = (repo.path / "content/answers/check-flush.md").read_text()
    repo.write("content/answers/check-flush.md", answer + "\nThen bleed the flush line.\n")
    repo.commit("Improve the answer", author=BOB, when="2026-03-20T11:00:00")
    repo.write("content/resources/api-682.md", RESOURCE)
    repo.commit("Add the flush plans", author=BOB, when="2026-04-01T15:00:00")
    people = (repo.path / "curation/people.yml").read_text()
    repo.write("curation/people.yml", people.replace("Carla Manager", "Carla Mendes"))
    repo.commit("Rename Carla", author=CARLA, when="2026-04-10T16:30:00")
    return repo


def build_on(root: Path, clock: str, out: Path) -> str:
    """``mkdocs build`` in a fresh process whose wall clock reads ``clock``; its stdout."""
    env = git_env({"NO_MKDOCS_2_WARNING": "1"})
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        [sys.executable, str(HERE / "moved_clock.py"), clock, "build", "-q", "-d", str(out)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_two_days_build_one_commit_into_the_same_bytes(tmp_path: Path) -> None:
    repo = history_site(tmp_path / "kb")
    outputs = [tmp_path / "day-one", tmp_path / "day-two"]
    seen = [build_on(repo.path, clock, out) for clock, out in zip(CLOCKS, outputs, strict=True)]
    # The clock MkDocs reads really moved: each build saw its own day.
    assert [s.splitlines()[0] for s in seen] == [f"clock: {c[:10]}" for c in CLOCKS]
    first, second = (files_of(out) for out in outputs)
    assert sorted(first) == sorted(second)
    differing = [rel for rel in first if first[rel] != second[rel]]
    assert differing == []
    assert "sitemap.xml" in first and "sitemap.xml.gz" in first


def test_sitemap_dates_come_from_the_repository(tmp_path: Path) -> None:
    repo = history_site(tmp_path / "kb")
    out = tmp_path / "site"
    build_on(repo.path, CLOCKS[1], out)
    sitemap = (out / "sitemap.xml").read_text()
    lastmod = dict(
        re.findall(r"<loc>https://example\.test/kb/(.*?)</loc>\s*<lastmod>(.*?)</lastmod>", sitemap)
    )
    # A problem page shows its answers: it changed when its answer last did.
    assert lastmod["problems/seal-weeps/"] == "2026-03-20"
    # An item page: its last change in git.
    assert lastmod["resources/api-682/"] == "2026-04-01"
    # Every other page: "now", HEAD's commit day, never the day of the build.
    assert lastmod[""] == "2026-04-10"
    assert lastmod["tags/seals/"] == "2026-04-10"
    assert set(lastmod.values()) == {"2026-03-20", "2026-04-01", "2026-04-10"}
    # The gzip header carries the newest page date, not the build's clock.
    packed = (out / "sitemap.xml.gz").read_bytes()
    mtime = int.from_bytes(packed[4:8], "little")
    assert datetime.fromtimestamp(mtime, UTC) == datetime(2026, 4, 10, tzinfo=UTC)
    assert gzip.decompress(packed) == (out / "sitemap.xml").read_bytes()
