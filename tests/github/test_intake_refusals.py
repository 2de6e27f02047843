"""Intake refuses what `workscape check` would refuse, and what the site does not show.

A rating or question arrives from someone outside the review loop and the bot
commits it (a rating goes straight to main). Each hostile value here is refused
with a reply saying why, nothing is left written, and `check` stays clean; a
held-back item takes no rating and its title never reaches a public reply.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit
from loopkit import DATA, cli, event_file, rate_body

RATE = "issue-rating-opened.json"
ASK = "issue-question-opened.json"

HOSTILE = {
    "escape": "Saved me \x1b[2J a call-out",
    "nul": "Saved\x00 me",
    "vertical-tab": "Saved\x0bme",
    "non-character": "Saved\ufffeme",
    "lone-surrogate": "Saved\ud800me",
    "c1-csi": "Saved\x9b2Jme",
}
CODE_POINT = {
    "escape": "U+001B",
    "nul": "U+0000",
    "vertical-tab": "U+000B",
    "non-character": "U+FFFE",
    "lone-surrogate": "U+D800",
    "c1-csi": "U+009B",
}


def ingest(site: Path, event: Path) -> tuple[int, str]:
    reply = site.parent / "reply.md"
    reply.unlink(missing_ok=True)
    result = cli(site, "ratings", "ingest", str(event), "--reply", str(reply))
    return result.exit_code, reply.read_text(encoding="utf-8") if reply.exists() else ""


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_comment_check_would_refuse_is_refused_and_nothing_is_written(
    site: Path, tmp_path: Path, kind: str
) -> None:
    event = event_file(tmp_path, RATE, body=rate_body("seal-weeps", "4", HOSTILE[kind]))
    code, reply = ingest(site, event)
    assert (code, reply) == (
        1,
        "The rating cannot be recorded as written: 'comment' contains the invisible control "
        f"character {CODE_POINT[kind]}. Change it and rate again; the rating was not recorded.\n",
    )
    assert not (site / "curation/ratings").exists()
    assert cli(site, "check").exit_code == 0


def test_a_form_export_row_check_would_refuse_is_refused_and_the_rest_recorded(
    site: Path,
) -> None:
    export = site / "export.csv"
    export.write_text(
        "timestamp,email,item,stars,comment\n"
        "2026-03-05,bob@acme.test,seal-weeps,5,\x1b]8;;https://evil.test\x1b\\\\click\n"
        "2026-03-06,sam@acme.test,seal-weeps,4,Clear\n",
        encoding="utf-8",
    )
    result = cli(site, "ratings", "import", str(export))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "curation/ratings/seal-weeps/sme.yml",
        f"{export}:2:1: error rating-refused: The rating cannot be recorded as written: "
        "'comment' contains the invisible control character U+001B. Change it and rate again; "
        "the rating was not recorded.",
    ]
    assert not (site / "curation/ratings/seal-weeps/bob.yml").exists()
    assert cli(site, "check").exit_code == 0


def test_the_rating_file_writer_itself_refuses_what_check_would(site: Path) -> None:
    from datetime import date

    from workscape.errors import WorkscapeError
    from workscape.sources.records import write_rating

    with pytest.raises(WorkscapeError) as refused:
        write_rating(
            site, "curation", "seal-weeps", "bob", stars=4, day=date(2026, 3, 5), comment="\x1b"
        )
    assert [f.code for f in refused.value.findings] == ["control-character"]
    assert not (site / "curation/ratings").exists()


# --- held-back items ------------------------------------------------------------

# A critical problem without an approval, under a policy that keeps such items off the site.
HELD_BACK = {
    "curation/policy.yml": "publish_unapproved_critical: false\n",
    "content/problems/isolate-vfd.md": (
        "---\ntitle: Isolating the VFD on line 4 before the audit\nauthor: alice\n"
        "tags: [lockout]\ndate: 2026-03-02\n---\nSteps.\n"
    ),
}


@pytest.fixture
def held_back_site(tmp_path: Path) -> Path:
    site = sitekit.make_site(tmp_path / "kb", HELD_BACK)
    assert "(critical, not currently approved): isolate-vfd" in cli(site, "check").stderr
    return site


@pytest.mark.parametrize("typed", ["isolate-vfd", "https://example.test/kb/problems/isolate-vfd/"])
def test_a_held_back_item_takes_no_rating_and_the_reply_hides_its_title(
    held_back_site: Path, tmp_path: Path, typed: str
) -> None:
    code, reply = ingest(held_back_site, event_file(tmp_path, RATE, body=rate_body(typed, "5")))
    assert code == 1
    assert reply.startswith("There is no item `isolate-vfd` on the site"), reply
    assert "VFD" not in reply and "audit" not in reply
    assert not (held_back_site / "curation/ratings").exists()


def test_a_near_miss_is_never_pointed_at_a_held_back_item(
    held_back_site: Path, tmp_path: Path
) -> None:
    _, reply = ingest(held_back_site, event_file(tmp_path, RATE, body=rate_body("isolate-vf")))
    assert "isolate-vfd" not in reply and "Did you mean" not in reply


def test_a_form_export_row_for_a_held_back_item_is_refused(held_back_site: Path) -> None:
    export = held_back_site / "export.csv"
    export.write_text("timestamp,email,item,stars\n2026-03-05,bob@acme.test,isolate-vfd,5\n")
    result = cli(held_back_site, "ratings", "import", str(export))
    assert result.exit_code == 1
    assert "error rating-refused: There is no item `isolate-vfd` on the site" in result.stdout
    assert "VFD on line 4" not in result.output
    assert not (held_back_site / "curation/ratings").exists()


# --- questions -------------------------------------------------------------------


def ask(site: Path, event: Path) -> tuple[int, str, str]:
    """Run the question intake as the workflow does; return (exit code, reply, stderr)."""
    reply = site.parent / "reply.md"
    reply.unlink(missing_ok=True)
    result = sitekit.run(
        ["workscape", "problems", "ingest", str(event), "--reply", str(reply)], site
    )
    return result.returncode, reply.read_text() if reply.exists() else "", result.stderr


def ask_body(statement: str) -> str:
    return (
        f"### Problem statement\n\n{statement}\n\n### What you tried\n\n_No response_\n\n"
        "### Tags\n\npumps\n\n### Community\n\n_No response_"
    )


@pytest.mark.parametrize(
    ("title", "statement", "reason"),
    [
        (
            "Problem: Pump \x1b[31mtrips",
            "It trips.",
            "- 'title' contains the invisible control character U+001B",
        ),
        ("Problem: Pump trips", "It trips\x0b.", "- invisible control character U+000B"),
        (
            "Problem: Pump trips",
            "See [the manual](manual.pdf).",
            "- link 'manual.pdf' leads nowhere: there is no problems/manual.pdf in the content",
        ),
        ("Problem: " + "Pump trips " * 20, "It trips.", "- 'title' is longer than 200 characters"),
    ],
    ids=["title-escape", "statement-vt", "broken-link", "long-title"],
)
def test_a_question_check_would_refuse_is_refused_with_a_reply_and_nothing_written(
    site: Path, tmp_path: Path, title: str, statement: str, reason: str
) -> None:
    event = event_file(tmp_path, ASK, title=title, body=ask_body(statement))
    code, reply, _ = ask(site, event)
    assert code == 1
    assert reply.startswith("The problem asked in #42 could not be drafted"), reply
    assert reason in reply, reply
    assert sorted(p.name for p in (site / "content/problems").iterdir()) == ["seal-weeps.md"]
    assert cli(site, "check").exit_code == 0


def test_a_question_titled_like_a_reserved_page_takes_the_next_id(
    site: Path, tmp_path: Path
) -> None:
    code, _, err = ask(site, event_file(tmp_path, ASK, title="Problem: Index"))
    assert code == 0, err
    assert (site / "content/problems/index-2.md").is_file()
    assert not (site / "content/problems/index.md").exists()


def test_an_unknown_asker_gets_a_reply_too(site: Path, tmp_path: Path) -> None:
    code, reply, _ = ask(site, event_file(tmp_path, ASK, login="mallory"))
    assert code == 1
    assert reply.startswith("GitHub account @mallory is not linked to anyone")


def test_a_good_question_is_still_drafted_with_the_workflow_command_line(site: Path) -> None:
    code, reply, err = ask(site, DATA / ASK)
    assert (code, reply) == (0, ""), err
    assert (site / "content/problems/pump-trips-on-overload-after-seal-change.md").is_file()
