"""`workscape notify BASE HEAD`: whom a merged pull request mentions, on a real repository."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit
from gitrepo import GitRepo
from loopkit import cli

ALICE = ("Alice Archer", "alice@acme.test")
BOB = ("Bob Brandt", "bob@acme.test")
CARLA = ("Carla Manager", "carla@acme.test")

# Dora said `notify: false`; Carla (in sitekit) has no GitHub login.
PEOPLE = (
    sitekit.PEOPLE
    + """\
- handle: dora
  name: Dora Quiet
  emails: [dora@acme.test]
  github: dora-gh
  notify: false
"""
)


def _problem(title: str, author: str) -> str:
    return f"---\ntitle: {title}\nauthor: {author}\ntags: [pumps]\ndate: 2026-03-02\n---\nWhy?\n"


def _answer(problem: str, author: str, title: str = "") -> str:
    named = f"title: {title}\n" if title else ""
    return f"---\n{named}author: {author}\nproblem: {problem}\ndate: 2026-03-05\n---\nTry this.\n"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """main with three people's problems, then a merged pull request that answers them."""
    repo = GitRepo.init(tmp_path / "kb")
    sitekit.make_site(
        repo.path,
        {
            "curation/people.yml": PEOPLE,
            "content/problems/quiet-pump.md": _problem("Quiet pump trips", "dora"),
            "content/problems/manager-q.md": _problem("Which gauge to order", "cmgr"),
        },
    )
    repo.commit("Start", author=ALICE, when="2026-03-02T09:00:00")
    repo.git("checkout", "-q", "-b", "answers")
    repo.write(
        "content/answers/flush-again.md", _answer("seal-weeps", "sme", "Flush it [again](x) @team")
    )
    repo.write("content/answers/alice-own.md", _answer("seal-weeps", "alice"))
    repo.write("content/answers/quiet-fix.md", _answer("quiet-pump", "bob"))
    repo.write("content/answers/gauge.md", _answer("manager-q", "bob"))
    repo.commit("Answers", author=BOB, when="2026-03-05T09:00:00")
    repo.git("checkout", "-q", "main")
    repo.merge("answers", author=CARLA, when="2026-03-06T09:00:00")
    return repo


EXPECTED = """\
When this is published, it brings news to people who follow these problems:

- @alice-gh: a new answer to your problem [**Seal weeps after replacement**](https://example.test/kb/problems/seal-weeps/#answer-flush-again) (Flush it \\[again\\](x) @\u2060team)

<sub>Sent once when the pull request is merged. To stop these mentions, set `notify: false` on your entry in people.yml.</sub>
"""


def test_a_merged_answer_mentions_the_problems_author_once(repo: GitRepo) -> None:
    result = cli(repo.path, "notify", "main^1", "main")
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED
    # Alice's own answer brings her no second line; Dora opted out; Carla has no login.
    assert result.stdout.count("@alice-gh") == 1
    assert "dora" not in result.stdout
    assert "Which gauge" not in result.stdout


def test_nobody_is_mentioned_about_their_own_pull_request(repo: GitRepo) -> None:
    result = cli(repo.path, "notify", "main^1", "main", "--opener", "Alice-GH")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_a_pull_request_that_answers_nobodys_problem_prints_nothing(repo: GitRepo) -> None:
    repo.write(
        "content/resources/manual.md",
        "---\ntitle: Manual\nauthor: bob\ntags: [pumps]\n---\nRead.\n",
    )
    repo.commit("A resource", author=BOB, when="2026-03-07T09:00:00")
    result = cli(repo.path, "notify", "main^1", "main")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_a_comment_file_mentions_the_items_author_and_not_the_commenter(repo: GitRepo) -> None:
    # Comments are files under curation/comments/<item>/<YYYYMMDD-HHMM>-<handle>.md.
    repo.write(
        "curation/comments/seal-weeps/20260308-1010-bob.md", "---\nby: bob\n---\nDid it work?\n"
    )
    repo.write("curation/comments/seal-weeps/20260308-1020-alice.md", "---\nby: alice\n---\nYes.\n")
    repo.write("curation/comments/quiet-pump/20260308-1030-bob.md", "---\nby: bob\n---\nAnd you?\n")
    repo.commit("Comments", author=BOB, when="2026-03-08T11:00:00")
    result = cli(repo.path, "notify", "main^1", "main")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2] == (
        "- @alice-gh: a new comment on your problem "
        "[**Seal weeps after replacement**](https://example.test/kb/problems/seal-weeps/)"
    )
    assert result.stdout.count("@") == 1


def test_the_workflow_command_line_and_an_unknown_revision(repo: GitRepo) -> None:
    # As notify.yml runs it: the merged commit's first parent, then the merged commit.
    merged = repo.head()
    ran = sitekit.run(
        ["workscape", "notify", f"{merged}^1", merged, "--opener", "bob-gh"], repo.path
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == EXPECTED
    failed = sitekit.run(["workscape", "notify", "no-such-branch", "main"], repo.path)
    assert failed.returncode == 1
    assert "bad revision 'no-such-branch...main'" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_check_reads_notify_as_true_or_false_and_knows_the_field(tmp_path: Path) -> None:
    people = sitekit.PEOPLE + "- handle: dora\n  name: Dora\n  notify: maybe\n  notfy: false\n"
    root = sitekit.make_site(tmp_path / "kb", {"curation/people.yml": people})
    result = cli(root, "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:4] == [
        "curation/people.yml:22:11: error wrong-type: 'notify' must be true or false",
        "  hint: write true or false",
        "curation/people.yml:23:3: error unknown-field: unknown field 'notfy'",
        "  hint: did you mean 'notify'? Fields are listed in the README.",
    ]
