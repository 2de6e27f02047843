"""Item pages built from real git repositories: answer order, review states, ratings, policy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import sitekit
from gitrepo import GitRepo
from workscape.cli import main
from workscape.model import content_fingerprint

SME = ("Sam Expert", "sam@acme.test")
ALICE = ("Alice Archer", "alice@acme.test")
BOB = ("Bob Brandt", "bob@acme.test")


def answer(author: str, day: str, body: str = "Do this.") -> str:
    return f"---\nauthor: {author}\nproblem: seal-weeps\ndate: {day}\n---\n{body}\n"


def review(by: str, day: str, verdict: str, fingerprint: str = "") -> str:
    fp = f"  fingerprint: {fingerprint}\n" if fingerprint else ""
    return f"- by: {by}\n  date: {day}\n  verdict: {verdict}\n{fp}"


def rating(stars: int, day: str = "2026-03-10") -> str:
    return f"stars: {stars}\ndate: {day}\n"


def fingerprint_of(text: str) -> str:
    from workscape.sources.documents import read_document

    doc = read_document(text.encode(), "x.md")
    return content_fingerprint(doc.meta.get("title", ""), doc.body)


def built(root: Path) -> Path:
    result = sitekit.build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def answer_order(site: Path, problem: str = "seal-weeps") -> list[str]:
    html = (site / f"problems/{problem}/index.html").read_text()
    return re.findall(r'<article class="ws-answer[^"]*" id="answer-([a-z0-9-]+)"', html)


def states(site: Path, problem: str = "seal-weeps") -> dict[str, str]:
    html = (site / f"problems/{problem}/index.html").read_text()
    out = {}
    for block in html.split('<article class="ws-answer')[1:]:
        answer_id = re.search(r'id="answer-([a-z0-9-]+)"', block)[1]
        out[answer_id] = re.search(r'data-state="([a-z-]+)"', block)[1]
    return out


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    root = tmp_path / "kb"
    sitekit.make_site(root)
    repo = GitRepo(root)
    repo.git("-c", "init.defaultBranch=main", "init", "-q")
    return repo


def test_answers_are_ranked_accepted_approved_rated_then_oldest(repo: GitRepo) -> None:
    root = repo.path
    fp = fingerprint_of(answer("cmgr", "2026-03-05", "Approved answer."))
    sitekit.make_site(root, {
        "content/problems/seal-weeps.md": sitekit.PROBLEM.replace(
            "date: 2026-03-02\n", "date: 2026-03-02\naccepted: z-accepted\n"),
        "content/answers/z-accepted.md": answer("bob", "2026-03-09", "Accepted one."),
        "content/answers/y-approved.md": answer("cmgr", "2026-03-05", "Approved answer."),
        "content/answers/x-rated.md": answer("sme", "2026-03-08", "Well rated."),
        "content/answers/w-newer.md": answer("bob", "2026-03-07", "Newer."),
        "curation/reviews/y-approved.yml": review("sme", "2026-03-06", "approved", fp),
        "curation/ratings/x-rated/alice.yml": rating(5),
        "curation/ratings/x-rated/bob.yml": rating(5),
        "curation/ratings/w-newer/alice.yml": rating(2),
    }, base=False)  # fmt: skip
    repo.commit("Seed", author=ALICE, when="2026-03-10T09:00:00")
    site = built(root)
    # check-flush (2026-03-03, unrated) is older than w-newer, but w-newer's one
    # 2-star rating ranks it below the unrated prior (3.5): rating before age.
    assert answer_order(site) == ["z-accepted", "y-approved", "x-rated", "check-flush", "w-newer"]
    html = (site / "problems/seal-weeps/index.html").read_text()
    first = html.split('id="answer-z-accepted"')[1].split("</article>")[0]
    assert "Accepted answer" in first


def test_every_review_state_including_an_edit_after_review(repo: GitRepo) -> None:
    root = repo.path
    bodies = {name: answer("bob", "2026-01-10", f"Answer {name}.") for name in
              ["a-none", "a-approved", "a-changes", "a-disputed", "a-edited", "a-old"]}  # fmt: skip
    sitekit.make_site(root, {f"content/answers/{k}.md": v for k, v in bodies.items()}, base=False)
    repo.commit("Answers", author=BOB, when="2026-01-10T09:00:00")
    runner = CliRunner()
    for name, verdict, day in [
        ("a-approved", "approved", "2026-02-01"),
        ("a-changes", "changes-requested", "2026-02-01"),
        ("a-disputed", "disputed", "2026-02-01"),
        ("a-edited", "approved", "2026-02-01"),
        ("a-old", "approved", "2025-01-01"),
    ]:
        result = runner.invoke(main, ["review", name, "--by", "sme", "--verdict", verdict,
                                      "--date", day, "--root", str(root)])  # fmt: skip
        assert result.exit_code == 0, result.output
    repo.commit("Reviews", author=SME, when="2026-02-01T09:00:00")
    sitekit.write(
        root, "content/answers/a-edited.md", answer("bob", "2026-01-10", "Changed words.")
    )
    repo.commit("Edit after review", author=BOB, when="2026-02-10T09:00:00")
    site = built(root)
    assert states(site) == {
        "a-approved": "sme-approved",
        "a-changes": "changes-requested",
        "a-disputed": "disputed",
        "a-edited": "changed-since-review",
        "a-old": "review-expired",  # 2025-01-01 is over 365 days before HEAD (2026-02-10)
        "a-none": "community",
        "check-flush": "community",
    }
    html = (site / "problems/seal-weeps/index.html").read_text()
    assert "SME approved · Sam Expert, <time" in html


def test_expiry_is_measured_from_head_not_the_wall_clock(repo: GitRepo) -> None:
    root = repo.path
    fp = fingerprint_of(sitekit.ANSWER)
    sitekit.write(
        root, "curation/reviews/check-flush.yml", review("sme", "2026-03-04", "approved", fp)
    )
    repo.commit("Seed", author=ALICE, when="2026-06-01T00:00:00")
    assert states(built(root)) == {"check-flush": "sme-approved"}
    repo.commit("Much later", author=ALICE, when="2027-06-01T00:00:00")
    assert states(built(root)) == {"check-flush": "review-expired"}


def test_reviews_by_the_wrong_people_are_refused(repo: GitRepo) -> None:
    root = repo.path
    runner = CliRunner()
    refused = runner.invoke(main, ["review", "check-flush", "--by", "alice", "--verdict",
                                   "approved", "--root", str(root)])  # fmt: skip
    assert refused.exit_code == 1 and "neither an SME of its tags" in refused.output
    own = runner.invoke(main, ["review", "check-flush", "--by", "bob", "--verdict", "approved",
                               "--root", str(root)])  # fmt: skip
    assert own.exit_code == 1 and "wrote this item" in own.output
    assert not (root / "curation/reviews/check-flush.yml").exists()
    sitekit.write(
        root, "curation/reviews/check-flush.yml", review("alice", "2026-03-04", "approved")
    )
    check = runner.invoke(main, ["check", "--root", str(root)])
    assert check.exit_code == 1
    assert check.output.startswith(
        "curation/reviews/check-flush.yml:1:7: error review-not-allowed: 'alice' is neither"
    )
    # A manager of the item's community may review: no error.
    sitekit.write(
        root, "curation/reviews/check-flush.yml", review("cmgr", "2026-03-04", "approved")
    )
    assert "review-not-allowed" not in runner.invoke(main, ["check", "--root", str(root)]).output


def test_ratings_show_average_and_count_and_keep_the_smoothed_score_as_data(repo: GitRepo) -> None:
    root = repo.path
    for who, stars in [("alice", 5), ("sme", 5), ("cmgr", 4)]:
        sitekit.write(root, f"curation/ratings/check-flush/{who}.yml", rating(stars))
    repo.commit("Seed", author=ALICE, when="2026-03-10T00:00:00")
    html = (built(root) / "problems/seal-weeps/index.html").read_text()
    block = html.split('id="answer-check-flush"')[1]
    # Bayesian average with the default prior (3.5 stars weighing 3 ratings):
    # (3 * 3.5 + 14) / (3 + 3) = 4.083
    assert "★ 4.7 (3 ratings)" in block  # the smoothed score ranks; readers see stars
    assert 'data-smoothed="4.08"' in block


def test_rate_link_names_the_item(repo: GitRepo) -> None:
    repo.commit("Seed", author=ALICE, when="2026-03-10T00:00:00")
    html = (built(repo.path) / "problems/seal-weeps/index.html").read_text()
    assert ('href="https://github.com/acme/kb/issues/new?template=rate.yml&amp;item=check-flush'
            '&amp;title=Rating%3A+check-flush"') in html  # fmt: skip


CRITICAL = sitekit.CRITICAL_PROBLEM


def test_unapproved_critical_items_are_flagged_or_held_back(repo: GitRepo) -> None:
    root = repo.path
    sitekit.write(root, "content/problems/isolate-motor.md", CRITICAL)
    repo.commit("Seed", author=ALICE, when="2026-03-10T00:00:00")
    html = (built(root) / "problems/isolate-motor/index.html").read_text()
    assert 'class="ws-banner ws-banner--critical" role="alert"' in html
    assert "Not approved for critical use." in html

    sitekit.write(root, "curation/policy.yml", "publish_unapproved_critical: false\n")
    result = sitekit.run(["mkdocs", "build"], root)
    assert result.returncode == 0, result.stderr
    assert "held back (critical, not currently approved): isolate-motor" in result.stderr
    assert not (root / "site/problems/isolate-motor").exists()
    assert (root / "site/problems/seal-weeps/index.html").exists()
    check = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert "held back from the site (critical, not currently approved): isolate-motor" in (
        check.stderr if hasattr(check, "stderr") else check.output
    )

    fp = fingerprint_of(CRITICAL)
    sitekit.write(
        root, "curation/reviews/isolate-motor.yml", review("sme", "2026-03-05", "approved", fp)
    )
    html = (built(root) / "problems/isolate-motor/index.html").read_text()
    assert "ws-banner--critical" not in html
    assert 'data-state="sme-approved"' in html


def test_synonyms_resolve_to_taxonomy_tag_pages(repo: GitRepo) -> None:
    root = repo.path
    sitekit.write(root, "content/problems/seal-weeps.md",
                  sitekit.PROBLEM.replace("tags: [pumps, seals]", "tags: [pump, shaft-seals]"))  # fmt: skip
    repo.commit("Seed", author=ALICE, when="2026-03-10T00:00:00")
    site = built(root)
    html = (site / "problems/seal-weeps/index.html").read_text()
    assert 'href="../../tags/pumps/">Pumps</a>' in html
    assert 'href="../../tags/seals/">Mechanical seals</a>' in html
    assert "seal-weeps" in (site / "tags/seals/index.html").read_text()
    assert not (site / "tags/pump").exists()


def test_answer_urls_lead_to_their_place_on_the_problem_page(repo: GitRepo) -> None:
    repo.commit("Seed", author=ALICE, when="2026-03-10T00:00:00")
    site = built(repo.path)
    redirect = (site / "answers/check-flush/index.html").read_text()
    assert 'content="0; url=../../problems/seal-weeps/#answer-check-flush"' in redirect
    assert 'id="answer-check-flush"' in (site / "problems/seal-weeps/index.html").read_text()


def test_superseded_banner_and_learning_path_navigation(repo: GitRepo) -> None:
    root = repo.path
    sitekit.make_site(root, {
        "content/problems/old-weep.md": sitekit.PROBLEM.replace(
            "date: 2026-03-02\n", "date: 2026-03-01\nsuperseded_by: seal-weeps\n"),
        "content/resources/seal-guide.md": (
            "---\ntitle: Seal guide\nauthor: sme\nurl: https://x.test/g\nformat: document\n---\nGuide.\n"),
        "content/collections/seals-101.md": (
            "---\ntitle: Seals 101\nauthor: sme\nitems: [seal-guide, seal-weeps, old-weep]\n---\nStart here.\n"),
    }, base=False)  # fmt: skip
    repo.commit("Seed", author=ALICE, when="2026-03-10T00:00:00")
    site = built(root)
    old = (site / "problems/old-weep/index.html").read_text()
    assert "has been superseded by" in old and 'href="../../problems/seal-weeps/"' in old
    middle = (site / "problems/seal-weeps/index.html").read_text()
    assert "Step 2 of 3 on" in middle
    assert 'rel="prev" href="../../resources/seal-guide/"' in middle
    assert 'rel="next" href="../../problems/old-weep/"' in middle
    path = (site / "collections/seals-101/index.html").read_text()
    assert path.index("Seal guide") < path.index("Seal weeps after replacement")
