"""Who said what cannot be forged: every identity forgery we could think of is refused.

Ratings take the rater from the channel (the GitHub issue's author), never from what
a form says; nobody rates their own item; reviews come from an SME of the item's tags
or a manager of its community, never from its author; an item added in a pull
request names as `author` the person who committed it. Each forgery goes through the
command a workflow or a curator runs (`workscape ratings ingest`, `workscape review`,
`workscape check`, `workscape check --authors-from-git`), and through the files a
contributor could commit directly instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit
from gitrepo import GitRepo
from loopkit import cli, event_file, rate_body

RATE = "issue-rating-opened.json"
ALICE = ("Alice Archer", "alice@acme.test")
BOB = ("Bob Brandt", "bob@acme.test")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return sitekit.make_site(tmp_path / "kb")


def ingest(site: Path, tmp_path: Path, login: str, body: str) -> tuple[int, str]:
    event = event_file(tmp_path, RATE, login=login, body=body)
    result = cli(site, "ratings", "ingest", str(event))
    return result.exit_code, result.stdout + result.stderr


def ratings_of(site: Path, item: str) -> list[str]:
    folder = site / "curation/ratings" / item
    return sorted(p.name for p in folder.glob("*.yml")) if folder.is_dir() else []


def test_a_rating_names_its_sender_whatever_the_form_claims(site: Path, tmp_path: Path) -> None:
    """Bob's issue says it is from Alice, in the comment and in a field of its own."""
    body = rate_body("seal-weeps", "1", "Rated on behalf of alice\n\n### Rater\n\nalice")
    code, out = ingest(site, tmp_path, "bob-gh", body)
    assert code == 0, out
    assert ratings_of(site, "seal-weeps") == ["bob.yml"]


def test_a_rating_from_an_unlisted_account_is_refused(site: Path, tmp_path: Path) -> None:
    code, out = ingest(site, tmp_path, "alice-gh-fake", rate_body("check-flush", "5"))
    assert code == 1 and "not linked to anyone in the people directory" in out
    assert ratings_of(site, "check-flush") == []


def test_rating_ones_own_item_is_refused(site: Path, tmp_path: Path) -> None:
    code, out = ingest(site, tmp_path, "alice-gh", rate_body("seal-weeps", "5"))
    assert code == 1 and "You wrote **Seal weeps after replacement**" in out
    assert ratings_of(site, "seal-weeps") == []


@pytest.mark.parametrize(
    ("rel", "finding"),
    [
        ("curation/ratings/seal-weeps/alice.yml", "1:1: error self-rating:"),
        ("curation/ratings/seal-weeps/mallory.yml", "1:1: error unknown-person: rater 'mallory'"),
    ],
)
def test_a_rating_file_committed_in_someone_elses_name_is_reported(
    site: Path, rel: str, finding: str
) -> None:
    sitekit.write(site, rel, "stars: 5\ndate: 2026-03-05\n")
    result = cli(site, "check")
    assert result.exit_code == 1
    assert f"{rel}:{finding}" in result.stdout


@pytest.mark.parametrize(
    ("item", "by", "why"),
    [
        ("seal-weeps", "bob", "'bob' is neither an SME of its tags"),  # not an SME
        ("own-seal-note", "sme", "'sme' wrote this item"),  # an SME reviewing their own item
        ("seal-weeps", "mallory", "'mallory' is not in people.yml"),
    ],
)
def test_forged_reviews_are_refused_by_the_command_and_by_check(
    site: Path, item: str, by: str, why: str
) -> None:
    sitekit.write(
        site,
        "content/problems/own-seal-note.md",
        "---\ntitle: My own note\nauthor: sme\ntags: [seals]\n---\nNote.\n",
    )
    result = cli(site, "review", item, "--by", by, "--verdict", "approved", "--date", "2026-03-06")
    assert result.exit_code == 1 and why in result.stdout + result.stderr
    assert not (site / f"curation/reviews/{item}.yml").exists()

    sitekit.write(
        site,
        f"curation/reviews/{item}.yml",
        f"- by: {by}\n  date: 2026-03-06\n  verdict: approved\n",
    )
    check = cli(site, "check")
    assert check.exit_code == 1
    assert f"curation/reviews/{item}.yml:1:7: error review-not-allowed: {why}" in check.stdout


def test_a_legitimate_review_is_recorded(site: Path) -> None:
    result = cli(site, "review", "seal-weeps", "--by", "sme", "--verdict", "approved")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "by: sme" in (site / "curation/reviews/seal-weeps.yml").read_text()


def test_an_item_naming_someone_else_as_author_fails_the_pr_check(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "kb")
    sitekit.make_site(repo.path)
    repo.commit("Start", author=ALICE, when="2026-03-01T09:00:00")
    repo.git("switch", "-q", "-c", "pr")
    repo.write(
        "content/problems/in-alices-name.md",
        "---\ntitle: Pump trips\nauthor: alice\ntags: [pumps]\n---\nIt trips.\n",
    )
    repo.commit("Ask as if I were Alice", author=BOB, when="2026-03-02T09:00:00")
    result = cli(repo.path, "check", "--authors-from-git", "main..HEAD")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "content/problems/in-alices-name.md:3:9: error author-not-committer: author 'alice' "
        "did not add this file"
    )
