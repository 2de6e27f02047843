"""The review fingerprint covers what a reader relies on, and old reviews keep their scheme.

A real git repository: reviews recorded with `workscape review`, the reviewed fields
changed in a later commit, the site built and each page's review state read from it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import sitekit
from gitrepo import GitRepo
from workscape.cli import main
from workscape.model import content_fingerprint

ALICE = ("Alice Archer", "alice@acme.test")
CARLA = ("Carla Manager", "carla@acme.test")


def item(title: str, body: str = "Read it before the job.", **fields: str) -> str:
    lines = [f"title: {title}", "author: alice", "tags: [pumps]"]
    lines += [f"{k}: {v}" for k, v in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


ANSWER = "---\nauthor: bob\nproblem: seal-weeps\n---\nCheck the flush plan.\n"
OLD_MANUAL = "content/resources/old-manual.md"
OLD_WORDS = "content/resources/old-words.md"
FILES = {
    "content/problems/pump-hums.md": item("Pump hums at start", "It hums."),
    "content/answers/check-flush.md": ANSWER,
    "content/resources/manual.md": item(
        "Seal manual", url="https://docs.test/manual.pdf", format="document"
    ),
    OLD_MANUAL: item("Old seal manual", url="https://docs.test/old.pdf", format="document"),
    OLD_WORDS: item("Old words", url="https://docs.test/words.pdf", format="document"),
    "content/collections/starter.md": item("Starter path", items="[seal-weeps]"),
}
#: What changes after the reviews: each is something a reader acts on.
EDITS = {
    "content/resources/manual.md": FILES["content/resources/manual.md"].replace(
        "https://docs.test/manual.pdf", "https://evil.test/manual.pdf"
    ),
    "content/collections/starter.md": FILES["content/collections/starter.md"].replace(
        "[seal-weeps]", "[seal-weeps, pump-hums]"
    ),
    "content/answers/check-flush.md": ANSWER.replace("seal-weeps", "pump-hums"),
    OLD_MANUAL: FILES[OLD_MANUAL].replace("https://docs.test/", "https://evil.test/"),
    OLD_WORDS: FILES[OLD_WORDS].replace("Read it", "Skip it"),
}


def v1_review(rel: str) -> str:
    """A review as `workscape review` wrote it before sha256v2: title and body only."""
    text = FILES[rel]
    title = re.search(r"^title: (.*)$", text, re.M)[1]
    body = text.split("---\n", 2)[2]
    fingerprint = content_fingerprint(title, body)
    return f"- by: cmgr\n  date: 2026-02-01\n  verdict: approved\n  fingerprint: {fingerprint}\n"


def state_of(site: Path, url: str, answer: str = "") -> str:
    html = (site / url / "index.html").read_text("utf-8")
    if answer:
        html = html.split(f'id="answer-{answer}"', 1)[1]
    return re.search(r'data-state="([a-z-]+)"', html)[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = sitekit.make_site(tmp_path_factory.mktemp("fp") / "kb", FILES)
    sitekit.write(root, "curation/reviews/old-manual.yml", v1_review(OLD_MANUAL))
    sitekit.write(root, "curation/reviews/old-words.yml", v1_review(OLD_WORDS))
    repo = GitRepo(root)
    repo.git("-c", "init.defaultBranch=main", "init", "-q")
    repo.commit("Seed", author=ALICE, when="2026-01-10T09:00:00")
    for reviewed in ("manual", "starter", "check-flush", "pump-hums"):
        result = CliRunner().invoke(
            main,
            ["review", reviewed, "--by", "cmgr", "--verdict", "approved"]
            + ["--date", "2026-02-01", "--root", str(root)],
        )
        assert result.exit_code == 0, result.output
    repo.commit("Reviews", author=CARLA, when="2026-02-01T09:00:00")
    for rel, text in EDITS.items():
        sitekit.write(root, rel, text)
    repo.commit("Edits after review", author=ALICE, when="2026-02-10T09:00:00")
    result = sitekit.build(root)
    assert result.returncode == 0, result.stderr
    return root


def test_workscape_review_writes_the_versioned_fingerprint(site: Path) -> None:
    recorded = (site / "curation/reviews/manual.yml").read_text("utf-8")
    assert re.search(r"^  fingerprint: sha256v2:[0-9a-f]{64}$", recorded, re.M), recorded


def test_changing_a_resources_url_after_approval_shows_changed_since_review(site: Path) -> None:
    assert state_of(site / "site", "resources/manual") == "changed-since-review"


def test_changing_a_collections_items_after_approval_shows_changed_since_review(
    site: Path,
) -> None:
    assert state_of(site / "site", "collections/starter") == "changed-since-review"


def test_moving_an_answer_to_another_problem_shows_changed_since_review(site: Path) -> None:
    assert state_of(site / "site", "problems/pump-hums", answer="check-flush") == (
        "changed-since-review"
    )
    # the problem itself did not change: its own v2 approval stands
    assert state_of(site / "site", "problems/pump-hums") == "sme-approved"


def test_an_old_v1_fingerprint_still_covers_title_and_body_only(site: Path) -> None:
    assert state_of(site / "site", "resources/old-manual") == "sme-approved"
    assert state_of(site / "site", "resources/old-words") == "changed-since-review"
    # nothing was re-fingerprinted: the recorded statement is as its reviewer made it
    assert "fingerprint: sha256:" in (site / "curation/reviews/old-manual.yml").read_text()


def test_check_refuses_an_unknown_fingerprint_scheme(tmp_path: Path) -> None:
    root = sitekit.make_site(
        tmp_path / "kb",
        {
            "curation/reviews/check-flush.yml": "- by: sme\n  date: 2026-03-04\n"
            "  verdict: approved\n  fingerprint: md5:0123456789abcdef\n"
        },
    )
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 1
    assert (
        "curation/reviews/check-flush.yml:4:16: error unknown-fingerprint: fingerprint scheme "
        "'md5' is not one of sha256, sha256v2, so the review matches no content"
    ) in result.output
