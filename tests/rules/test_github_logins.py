"""`github:` in people.yml is a GitHub login, and one person's only.

Intake maps an issue's author to a person through this field, and the bot
writes it after ``@`` (reviewers in the pull request summary, CODEOWNERS). A
value GitHub would never give an account, or a login two entries share in any
case, is a finding at its line; while people.yml has one, intake decides nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit
from loopkit import cli, event_file

PEOPLE = "curation/people.yml"


def people_with(github: str) -> str:
    """people.yml with bob's login replaced by ``github`` (a YAML scalar)."""
    return sitekit.PEOPLE.replace("  github: bob-gh\n", f"  github: {github}\n")


@pytest.mark.parametrize(
    ("value", "message", "hint"),
    [
        ("'@acme/security-team'", "'@acme/security-team' is not a GitHub login", None),
        ("'-bob'", "'-bob' is not a GitHub login", None),
        ("bob-", "'bob-' is not a GitHub login", None),
        ("bob--gh", "'bob--gh' is not a GitHub login", None),
        ("bob_gh", "'bob_gh' is not a GitHub login", None),
        ("b" * 40, f"'{'b' * 40}' is not a GitHub login", None),
        ("'bob gh'", "'bob gh' is not a GitHub login", None),
        ('"bob\\n* @mallory"', "'bob\n* @mallory' is not a GitHub login", None),
        ("'@bob-gh'", "'@bob-gh' is not a GitHub login", "write just the login: `github: bob-gh`"),
        (
            "https://github.com/bob-gh",
            "'https://github.com/bob-gh' is not a GitHub login",
            "write just the login: `github: bob-gh`",
        ),
    ],
)
def test_a_value_that_is_not_a_login_is_a_finding_at_its_line(
    tmp_path: Path, value: str, message: str, hint: str | None
) -> None:
    site = sitekit.make_site(tmp_path / "kb", {PEOPLE: people_with(value)})
    result = cli(site, "check")
    assert result.exit_code == 1
    expected = f"{PEOPLE}:9:11: error bad-github-login: {message}\n  hint: " + (
        hint or "letters, digits and single hyphens, not first or last, at most 39"
    )
    assert result.stdout == expected + "\n"


@pytest.mark.parametrize("login", ["b", "B0b-Gh-2", "b" * 39])
def test_logins_github_allows_pass(tmp_path: Path, login: str) -> None:
    site = sitekit.make_site(tmp_path / "kb", {PEOPLE: people_with(login)})
    assert (cli(site, "check").exit_code, cli(site, "check").stdout) == (0, "")


def test_a_login_two_people_share_in_any_case_is_a_finding_at_both_lines(tmp_path: Path) -> None:
    site = sitekit.make_site(tmp_path / "kb", {PEOPLE: people_with("Alice-GH")})
    result = cli(site, "check")
    assert result.exit_code == 1
    hint = "  hint: a login identifies one person: keep it on the right entry only"
    assert result.stdout.splitlines() == [
        f"{PEOPLE}:4:11: error duplicate-github: GitHub login 'alice-gh' is also bob's "
        "(logins are the same whatever their case)",
        hint,
        f"{PEOPLE}:9:11: error duplicate-github: GitHub login 'Alice-GH' is also alice's "
        "(logins are the same whatever their case)",
        hint,
    ]


def test_a_shared_login_receives_nobodys_ratings(tmp_path: Path) -> None:
    """Before: bob's entry, the later one, silently became the rater of alice-gh's issues."""
    site = sitekit.make_site(tmp_path / "kb", {PEOPLE: people_with("ALICE-GH")})
    reply = tmp_path / "reply.md"
    event = event_file(tmp_path, "issue-rating-opened.json", login="alice-gh")
    result = cli(site, "ratings", "ingest", str(event), "--reply", str(reply))
    assert result.exit_code == 2
    assert "curation/people.yml has errors" in result.stderr
    assert not reply.exists() and not (site / "curation/ratings").exists()
