"""Every statement a pull request makes is its opener's own (issue 13, holes 1 and 2).

`workscape check --authors-from-git BASE..HEAD --opener LOGIN`, as the check
workflow runs it with the pull request's opener. Each test makes a real
repository: the tiny site on main (a curator with a GitHub login, an SME's
approval and a manager's later dispute), then a branch `pr` with the forgery.
Commit author lines are set to whoever the forger pretends to be: they prove
nothing, so they must change nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit
from gitrepo import GitRepo
from loopkit import cli

ALICE = ("Alice Archer", "alice@acme.test")
BOB = ("Bob Brandt", "bob@acme.test")
SAM = ("Sam Expert", "sam@acme.test")
MALLORY = ("Mallory", "mallory@evil.test")  # not in people.yml at all

PEOPLE = sitekit.PEOPLE.replace(
    "- handle: cmgr\n  name: Carla Manager\n",
    "- handle: cmgr\n  name: Carla Manager\n  github: carla-gh\n",
)
REVIEWS = """\
- by: sme
  date: 2026-03-04
  verdict: approved
  note: Checked.
- by: cmgr
  date: 2026-03-05
  verdict: disputed
  note: The flush plan in step 2 is wrong for hot water.
"""
REVIEW_BY_SME = "- by: sme\n  date: 2026-03-10\n  verdict: approved\n  note: Fine now.\n"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo.init(tmp_path / "kb")
    sitekit.make_site(
        repo.path,
        {"curation/people.yml": PEOPLE, "curation/reviews/seal-weeps.yml": REVIEWS},
    )
    repo.commit("Start the knowledge base", author=ALICE, when="2026-03-06T09:00:00")
    repo.git("switch", "-q", "-c", "pr")
    return repo


def opened_by(repo: GitRepo, login: str) -> tuple[int, list[str]]:
    result = cli(repo.path, "check", "--authors-from-git", "main..HEAD", "--opener", login)
    return result.exit_code, result.stdout.splitlines()


def codes(lines: list[str]) -> list[str]:
    return [line.split()[2].rstrip(":") for line in lines if not line.startswith("  ")]


def add_review(repo: GitRepo, entry: str = REVIEW_BY_SME, author: tuple[str, str] = SAM) -> None:
    path = repo.path / "curation/reviews/seal-weeps.yml"
    path.write_text(path.read_text() + entry)
    repo.commit("Approve", author=author, when="2026-03-10T09:00:00")


def test_a_forged_sme_approval_is_refused_whoever_the_commit_claims(repo: GitRepo) -> None:
    add_review(repo, author=MALLORY)
    code, lines = opened_by(repo, "bob-gh")
    assert code == 1
    assert lines[0] == (
        "curation/reviews/seal-weeps.yml:9:7: error statement-not-yours: a review of "
        "'seal-weeps' is in the name of 'sme', but 'bob' opened this pull request"
    )
    assert "ask sme to open the pull request" in lines[1]


def test_the_sme_approving_in_their_own_pull_request_passes(repo: GitRepo) -> None:
    add_review(repo, author=MALLORY)  # the commit line is not what counts: the opener is
    assert opened_by(repo, "SAM-GH") == (0, [])  # logins ignore case, as on GitHub


def test_removing_a_newer_dispute_to_revive_an_approval_is_refused(repo: GitRepo) -> None:
    repo.write("curation/reviews/seal-weeps.yml", REVIEWS.split("- by: cmgr")[0])
    repo.commit("Tidy", author=BOB, when="2026-03-10T09:00:00")
    code, lines = opened_by(repo, "bob-gh")
    assert code == 1
    assert (
        "error statement-not-yours: this pull request removes a review of 'seal-weeps' "
        in (lines[0])
    )
    assert "by 'cmgr' (disputed on 2026-03-05" in lines[0]
    assert opened_by(repo, "carla-gh") == (0, [])  # her own dispute, and she curates


@pytest.mark.parametrize("opener", ["bob-gh", "alice-gh"])
def test_a_rating_file_in_someone_elses_name_is_refused(repo: GitRepo, opener: str) -> None:
    repo.write("curation/ratings/seal-weeps/sme.yml", "stars: 1\ndate: 2026-03-10\n")
    repo.commit("Rate", author=SAM, when="2026-03-10T09:00:00")
    code, lines = opened_by(repo, opener)
    assert code == 1
    assert codes(lines) == ["statement-not-yours"]
    assert lines[0].startswith("curation/ratings/seal-weeps/sme.yml:1:1: error")
    assert opened_by(repo, "sam-gh") == (0, [])


def test_accepting_an_answer_is_for_the_asker_an_sme_or_a_manager(repo: GitRepo) -> None:
    text = (repo.path / "content/problems/seal-weeps.md").read_text()
    repo.write(
        "content/problems/seal-weeps.md", text.replace("date:", "accepted: check-flush\ndate:")
    )
    repo.commit("Accept my own answer", author=ALICE, when="2026-03-10T09:00:00")
    code, lines = opened_by(repo, "bob-gh")  # bob wrote the answer, not the problem
    assert code == 1
    assert lines[0].startswith(
        "content/problems/seal-weeps.md:6:11: error statement-not-yours: 'bob' may not change "
        "which answer is accepted on 'seal-weeps'"
    )
    for entitled in ("alice-gh", "sam-gh", "carla-gh"):  # author, SME of seals, manager
        assert opened_by(repo, entitled) == (0, []), entitled


def test_featuring_in_a_curators_name_is_refused(repo: GitRepo) -> None:
    repo.write("curation/featured.yml", "- item: seal-weeps\n  by: cmgr\n  until: 2026-12-31\n")
    repo.commit("Feature", author=("Carla Manager", "carla@acme.test"), when="2026-03-10T09:00")
    code, lines = opened_by(repo, "bob-gh")
    assert code == 1 and codes(lines) == ["statement-not-yours"]
    assert opened_by(repo, "carla-gh") == (0, [])


def test_an_item_in_someone_elses_name_is_refused_with_a_forged_commit(repo: GitRepo) -> None:
    repo.write(
        "content/problems/pump-trips.md",
        "---\ntitle: Pump trips\nauthor: alice\ntags: [pumps]\n---\nIt trips.\n",
    )
    repo.commit(
        "Ask",
        author=ALICE,  # `git commit --author` says alice: the old check believed it
        when="2026-03-10T09:00:00",
        trailers=["Co-authored-by: Alice Archer <alice@acme.test>"],
    )
    code, lines = opened_by(repo, "bob-gh")
    assert code == 1
    assert lines[0] == (
        "content/problems/pump-trips.md:3:9: error statement-not-yours: the authorship of "
        "'pump-trips' is in the name of 'alice', but 'bob' opened this pull request"
    )
    assert opened_by(repo, "alice-gh") == (0, [])


def test_editing_and_renaming_someone_elses_item_says_nothing_in_their_name(
    repo: GitRepo,
) -> None:
    repo.write("content/problems/seal-weeps.md", sitekit.PROBLEM + "Also on P-300.\n")
    repo.mv("content/problems/seal-weeps.md", "content/problems/seal-weeps-p200.md")
    repo.commit("Fix and rename", author=BOB, when="2026-03-10T09:00:00")
    assert opened_by(repo, "bob-gh") == (0, [])


def test_a_curator_records_a_statement_on_its_persons_behalf(repo: GitRepo) -> None:
    add_review(repo, REVIEW_BY_SME + "  recorded_by: cmgr\n", author=BOB)
    assert opened_by(repo, "carla-gh") == (0, [])
    code, lines = opened_by(repo, "bob-gh")  # only the recorder can open it
    assert code == 1
    assert "says it was recorded by 'cmgr', but 'bob' opened this pull request" in lines[0]


def test_the_review_command_records_for_a_curator_and_only_for_one(repo: GitRepo) -> None:
    refused = cli(repo.path, "review", "seal-weeps", "--by", "sme", "--verdict", "approved",
                  "--recorded-by", "bob")  # fmt: skip
    assert refused.exit_code == 1 and "'bob' is not a curator" in refused.output
    done = cli(repo.path, "review", "seal-weeps", "--by", "sme", "--verdict", "approved",
               "--date", "2026-03-10", "--recorded-by", "cmgr")  # fmt: skip
    assert done.exit_code == 0, done.output
    repo.commit("Record Sam's approval from his email", author=BOB, when="2026-03-10T09:00")
    assert opened_by(repo, "carla-gh") == (0, [])


def test_only_curators_record_for_others(repo: GitRepo) -> None:
    add_review(repo, REVIEW_BY_SME + "  recorded_by: bob\n", author=BOB)
    code, lines = opened_by(repo, "bob-gh")
    assert code == 1
    assert "but only curators record statements on someone's behalf" in lines[0]


def test_a_mailmap_or_an_address_added_in_the_pull_request_vouches_for_nothing(
    repo: GitRepo,
) -> None:
    repo.write(".mailmap", "Alice Archer <alice@acme.test> <bob@acme.test>\n")
    people = (repo.path / "curation/people.yml").read_text()
    repo.write(
        "curation/people.yml",
        people.replace("emails: [alice@acme.test]", "emails: [alice@acme.test, bob@acme.test]"),
    )
    repo.write(
        "content/problems/pump-trips.md",
        "---\ntitle: Pump trips\nauthor: alice\ntags: [pumps]\n---\nIt trips.\n",
    )
    repo.commit("Ask as alice", author=BOB, when="2026-03-10T09:00:00")
    code, lines = opened_by(repo, "bob-gh")
    assert code == 1
    assert codes(lines) == ["statement-not-yours", "role-change-not-allowed"]
    assert "changes emails of 'alice', which only curators may change" in lines[2]
    # Without --opener (a local run), commit authors are looked up in the base's people.yml.
    local = cli(repo.path, "check", "--authors-from-git", "main..HEAD")
    assert local.exit_code == 1
    assert "error author-not-committer: author 'alice' did not add this file" in local.stdout


@pytest.mark.parametrize(
    ("opener", "change", "expected"),
    [
        ("bob-gh", ("handle: bob\n", "handle: bob\n  sme_for: [lockout]\n"), "self-granted-role"),
        ("carla-gh", ("github: carla-gh\n", "github: carla-gh\n  sme_for: [lockout]\n"), "self-granted-role"),
        ("bob-gh", ("handle: alice\n", "handle: alice\n  sme_for: [lockout]\n"), "role-change-not-allowed"),
        ("carla-gh", ("handle: bob\n", "handle: bob\n  sme_for: [lockout]\n"), None),
    ],
)  # fmt: skip
def test_roles_are_never_self_service(
    repo: GitRepo, opener: str, change: tuple[str, str], expected: str | None
) -> None:
    people = (repo.path / "curation/people.yml").read_text()
    repo.write("curation/people.yml", people.replace(*change))
    repo.commit("Roles", author=BOB, when="2026-03-10T09:00:00")
    code, lines = opened_by(repo, opener)
    assert (code, codes(lines)) == ((1, [expected]) if expected else (0, []))


def test_making_oneself_a_manager_is_refused(repo: GitRepo) -> None:
    communities = (repo.path / "curation/communities.yml").read_text()
    repo.write("curation/communities.yml", communities.replace("[cmgr]", "[cmgr, bob]"))
    repo.commit("Manage", author=BOB, when="2026-03-10T09:00:00")
    code, lines = opened_by(repo, "bob-gh")
    assert code == 1
    assert lines[0] == (
        "curation/communities.yml:4:13: error self-granted-role: this pull request makes its "
        "opener 'bob' a manager of field: nobody grants a role to themselves"
    )


def test_an_opener_nobody_lists_can_say_nothing_in_anyones_name(repo: GitRepo) -> None:
    add_review(repo, author=SAM)
    code, lines = opened_by(repo, "mallory-gh")
    assert code == 1 and codes(lines) == ["opener-not-listed"]


def test_intake_pull_requests_flag_drafts_and_carry_no_statements(repo: GitRepo) -> None:
    repo.write(
        "content/problems/pump-trips.md",
        "---\ntitle: Pump trips\nauthor: bob\ntags: [pumps]\n---\nIt trips.\n",
    )
    repo.commit("Draft from issue #42", author=BOB, when="2026-03-10T09:00:00")
    code, lines = opened_by(repo, "github-actions[bot]")
    assert code == 0
    assert "warning author-unverified: opened by github-actions[bot]" in lines[0]
    add_review(repo, author=SAM)
    code, lines = opened_by(repo, "github-actions[bot]")
    assert code == 1 and "statement-not-yours" in codes(lines)


def test_what_is_on_main_counts_as_it_is(repo: GitRepo) -> None:
    # Nothing in the range: the dispute and approval on main are not questioned.
    assert opened_by(repo, "bob-gh") == (0, [])


def test_the_summary_puts_roles_first_and_names_whose_each_statement_is(repo: GitRepo) -> None:
    people = (repo.path / "curation/people.yml").read_text()
    repo.write(
        "curation/people.yml",
        people.replace("handle: bob\n", "handle: bob\n  sme_for: [lockout]\n"),
    )
    add_review(repo, author=BOB)
    result = cli(repo.path, "pr-summary", "main", "HEAD", "--opener", "bob-gh")
    text = result.stdout
    roles = text.index("### **Roles and identities changed: a curator must approve each**")
    statements = text.index("### Statements in someone's name")
    assert roles < statements < text.index("### Errors and warnings")
    assert "- **`bob`: sme\\_for** none → lockout" in text
    assert "| added | review of `seal-weeps`: approved on 2026-03-10: Fine now. | `sme` |" in text
    assert "`curation/people.yml:" in text and "`self-granted-role`" in text
    assert "`statement-not-yours`: a review of 'seal-weeps' is in the name of 'sme'" in text
