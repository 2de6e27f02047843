"""`workscape check` on comments, news and moderation records: the exact lines it prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import sitekit
from workscape.cli import main
from workscape.sources.conversation import news_community, statement_by

C = "curation/comments/seal-weeps"


def check(root: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    return result.exit_code, [line for line in result.output.splitlines() if line]


def comment(by: str, day: str, body: str = "Hello.", reply_to: str = "") -> str:
    extra = f"reply_to: {reply_to}\n" if reply_to else ""
    return f"---\nby: {by}\ndate: {day}\n{extra}---\n{body}\n"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {f"{C}/20260304-0910-bobb.md": comment("bobb", "2026-03-04")},
            [
                f"{C}/20260304-0910-bobb.md:2:5: error unknown-person: 'bobb' is not in "
                "curation/people.yml",
                "  hint: did you mean 'bob'? add them to curation/people.yml first",
            ],
        ),
        (
            {"curation/comments/seal-weep/20260304-0910-bob.md": comment("bob", "2026-03-04")},
            [
                "curation/comments/seal-weep/20260304-0910-bob.md:1:1: error unknown-item: "
                "comment on 'seal-weep', which is not an item on the site",
                "  hint: did you mean 'seal-weeps'? the folder name is the id of the item",
            ],
        ),
        (
            {
                f"{C}/20260304-0910-bob.md": comment("bob", "2026-03-04"),
                f"{C}/20260304-0920-alice.md": comment(
                    "alice", "2026-03-04", reply_to="20260304-0910-bob"
                ),
                f"{C}/20260304-0930-sme.md": comment(
                    "sme", "2026-03-04", reply_to="20260304-0920-alice"
                ),
            },
            [
                f"{C}/20260304-0930-sme.md:4:11: error reply-to-reply: '20260304-0920-alice' "
                "is itself a reply; replies go one level deep",
                "  hint: reply to the comment it answers: `reply_to: 20260304-0910-bob`",
            ],
        ),
        (
            {f"{C}/20260304-0920-alice.md": comment("alice", "2026-03-04", reply_to="2026-bob")},
            [
                f"{C}/20260304-0920-alice.md:4:11: error unknown-comment: reply_to '2026-bob' "
                "is not a comment on 'seal-weeps'",
                "  hint: give the file name (without .md) of the comment you reply to",
            ],
        ),
        (
            {f"{C}/20260304-0910-bob.md": comment("bob", "2026-03-05")},
            [
                f"{C}/20260304-0910-bob.md:3:7: error date-mismatch: date 2026-03-05 is not the "
                "day in the file name (2026-03-04)",
                "  hint: set `date: 2026-03-04` or rename the file",
            ],
        ),
        (
            {f"{C}/20260304-0910-bob.md": comment("bob", "2026-13-04")},
            [f"{C}/20260304-0910-bob.md:3:7: error bad-date:"],
        ),
        (
            {f"{C}/20260304-0910-alice.md": comment("bob", "2026-03-04")},
            [
                f"{C}/20260304-0910-alice.md:2:5: error comment-name-mismatch: the file name "
                "says 'alice' wrote it, the front matter says 'bob'",
            ],
        ),
        (
            {f"{C}/monday-bob.md": comment("bob", "2026-03-04")},
            [
                f"{C}/monday-bob.md:1:1: error bad-file-name: 'seal-weeps/monday-bob.md' is not "
                "comments/<item id>/<YYYYMMDD-HHMM>-<handle>.md",
            ],
        ),
        (
            {f"{C}/20260304-0910-bob.md": comment("bob", "2026-03-04", "Ask @smee about it.")},
            [
                f"{C}/20260304-0910-bob.md:5:5: warning unknown-mention: @smee is not in "
                "people.yml, so it links to nobody",
                "  hint: did you mean 'sme'? mention people by their handle",
            ],
        ),
        (
            {
                f"{C}/20260304-0910-bob.md": comment("bob", "2026-03-04"),
                "curation/moderation/comments/seal-weeps/20260304-0910-bob.yml": (
                    "by: alice\ndate: 2026-03-05\nreason: I do not like it.\n"
                ),
            },
            [
                "curation/moderation/comments/seal-weeps/20260304-0910-bob.yml:1:5: error "
                "not-a-curator: 'alice' is not a curator (a community manager), so cannot hide it",
                "  hint: ask a curator: cmgr",
            ],
        ),
        (
            {
                "curation/moderation/comments/seal-weeps/20260304-0910-bob.yml": (
                    "by: cmgr\ndate: 2026-03-05\nreason: Spam.\n"
                ),
            },
            [
                "curation/moderation/comments/seal-weeps/20260304-0910-bob.yml:1:1: error "
                "unknown-target: it hides curation/comments/seal-weeps/20260304-0910-bob.md, "
                "which is not a comment or news post",
            ],
        ),
    ],
)
def test_check_reports_each_mistake_at_its_place(
    tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    root = sitekit.make_site(tmp_path / "kb", files)
    code, lines = check(root)
    for want in expected:
        assert any(line.startswith(want) for line in lines), "\n".join(lines)
    errors = [x for x in expected if " error " in x]
    assert code == (1 if errors else 0), "\n".join(lines)


def test_a_comment_on_a_held_back_item_is_kept_with_a_warning(tmp_path: Path) -> None:
    root = sitekit.make_site(
        tmp_path / "kb",
        {
            "content/problems/lockout-motor.md": sitekit.CRITICAL_PROBLEM,
            "curation/policy.yml": "publish_unapproved_critical: false\n",
            "curation/comments/lockout-motor/20260304-0910-bob.md": comment("bob", "2026-03-04"),
        },
    )
    code, lines = check(root)
    assert code == 0
    assert (
        "curation/comments/lockout-motor/20260304-0910-bob.md:1:1: warning comment-on-held-back: "
        "'lockout-motor' is held back from the site, so this comment is not shown"
    ) in lines
    refused = CliRunner().invoke(
        main, ["comment", "lockout-motor", "Hi", "--by", "bob", "--root", str(root)]
    )
    assert (
        refused.exit_code == 1 and "There is no item `lockout-motor` on the site" in refused.output
    )


def test_hide_writes_a_record_for_curators_only_and_leaves_the_comment_alone(
    tmp_path: Path,
) -> None:
    rel = f"{C}/20260304-0910-bob.md"
    root = sitekit.make_site(tmp_path / "kb", {rel: comment("bob", "2026-03-04", "Spam!")})
    before = (root / rel).read_bytes()
    args = ["hide", rel, "--reason", "Off topic.", "--date", "2026-03-05", "--root", str(root)]
    refused = CliRunner().invoke(main, [*args, "--by", "alice"])
    assert refused.exit_code == 1
    assert "not-a-curator" in refused.output
    hidden = CliRunner().invoke(main, [*args, "--by", "cmgr"])
    assert hidden.exit_code == 0, hidden.output
    record = "curation/moderation/comments/seal-weeps/20260304-0910-bob.yml"
    assert hidden.output.strip() == record
    assert (root / record).read_text() == "by: cmgr\ndate: 2026-03-05\nreason: Off topic.\n"
    assert (root / rel).read_bytes() == before
    assert check(root)[0] == 0
    again = CliRunner().invoke(main, [*args, "--by", "cmgr"])
    assert again.exit_code == 1 and "already exists" in again.output


@pytest.mark.parametrize(
    ("path", "text", "by"),
    [
        ("curation/comments/x/20260304-0910-bob.md", comment("bob", "2026-03-04"), "bob"),
        (
            "curation/news/field/2026-03-01-kits.md",
            "---\ntitle: Kits\nby: cmgr\n---\nIn.\n",
            "cmgr",
        ),
        (
            "curation/moderation/comments/x/20260304-0910-bob.yml",
            "by: cmgr\ndate: 2026-03-05\nreason: Spam.\n",
            "cmgr",
        ),
        ("curation/ratings/x/bob.yml", "stars: 4\ndate: 2026-03-05\n", None),
        ("curation/comments/x/20260304-0910-bob.md", "not a comment", None),
    ],
)
def test_statement_by_names_whom_a_file_speaks_for(path: str, text: str, by: str | None) -> None:
    assert statement_by(path, text) == by


def test_news_community_is_the_folder_of_a_news_file() -> None:
    assert news_community("curation/news/field/2026-03-01-kits.md") == "field"
    assert news_community("curation/comments/field/2026-03-01-kits.md") is None
    assert news_community("kb/curation/news/field/x.md", "kb/curation") == "field"
