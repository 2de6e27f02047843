"""`workscape ratings ingest` (GitHub issue form) and `ratings import` (a form tool's CSV).

The rater is always an identity the channel vouches for (the issue's author, the
form tool's authenticated email), mapped through people.yml; each forgery that
tries to put a name into the form is refused or ignored.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import sitekit
from loopkit import DATA, cli, event_file, rate_body
from workscape.github.events import read_issue_event
from workscape.github.intake import item_ref, parse_form, parse_stars

RATE = "issue-rating-opened.json"
BOB_RATING = "curation/ratings/seal-weeps/bob.yml"


def ingest(site: Path, event: Path) -> tuple[int, str, str]:
    """Run the ingest as the workflow does; return (exit code, reply, stdout)."""
    reply = site.parent / "reply.md"
    reply.unlink(missing_ok=True)
    result = cli(site, "ratings", "ingest", str(event), "--reply", str(reply))
    text = reply.read_text(encoding="utf-8") if reply.exists() else ""
    return result.exit_code, text, result.stdout


# --- the issue form's body ----------------------------------------------------


def test_the_saved_event_is_read_like_github_sends_it() -> None:
    event = read_issue_event(DATA / RATE)
    assert (event.number, event.login, event.created) == (41, "bob-gh", date(2026, 3, 5))
    assert event.labels == ("rating",)
    assert parse_form(event.body, ("Item", "Stars", "Comment")) == {
        "Item": "seal-weeps",
        "Stars": "4",
        "Comment": "Saved me a second call-out.",
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (rate_body("a", "5"), {"Item": "a", "Stars": "5", "Comment": ""}),
        ("### Item\r\n\r\na\r\n\r\n### Stars\r\n\r\n2", {"Item": "a", "Stars": "2", "Comment": ""}),
        ("no form at all", {"Item": "", "Stars": "", "Comment": ""}),
        # A heading typed into the comment stays in the comment: it cannot pose as a field.
        (
            rate_body("a", "5", "Great\n\n### Item\n\nb"),
            {"Item": "a", "Stars": "5", "Comment": "Great\n\n### Item\n\nb"},
        ),
    ],
)
def test_form_fields_are_read_by_label_in_order(body: str, expected: dict[str, str]) -> None:
    assert parse_form(body, ("Item", "Stars", "Comment")) == expected


@pytest.mark.parametrize(
    ("typed", "item"),
    [
        ("seal-weeps", "seal-weeps"),
        ("  `Seal-Weeps` ", "seal-weeps"),
        ("https://example.test/kb/problems/seal-weeps/", "seal-weeps"),
        ("https://example.test/kb/problems/seal-weeps/#answers", "seal-weeps"),
        ("/problems/seal-weeps/index.html", "seal-weeps"),
        ("content/problems/seal-weeps.md", "seal-weeps"),
        ("", ""),
    ],
)
def test_item_ids_are_found_in_what_people_paste(typed: str, item: str) -> None:
    assert item_ref(typed) == item


@pytest.mark.parametrize(
    ("text", "stars"),
    [("4", 4), (" 5 stars", 5), ("1 star", 1), ("0", None), ("6", None), ("", None)],
)
def test_stars(text: str, stars: int | None) -> None:
    assert parse_stars(text) == stars


# --- ingest: accepted -----------------------------------------------------------


def test_a_rating_from_the_issue_form_is_recorded(site: Path) -> None:
    code, reply, out = ingest(site, DATA / RATE)
    assert code == 0
    assert out == f"recorded: {BOB_RATING}\n"
    assert (site / BOB_RATING).read_text() == (
        "stars: 4\ndate: 2026-03-05\ncomment: Saved me a second call-out.\n"
    )
    assert reply.startswith("Thank you! Your rating of **Seal weeps after replacement** (4 of 5)")
    assert cli(site, "check").exit_code == 0


def test_running_the_same_event_again_changes_nothing(site: Path) -> None:
    assert ingest(site, DATA / RATE)[0] == 0
    before = (site / BOB_RATING).stat().st_mtime_ns
    code, reply, out = ingest(site, DATA / RATE)
    assert (code, out) == (0, f"unchanged: {BOB_RATING}\n")
    assert "already recorded" in reply
    assert (site / BOB_RATING).stat().st_mtime_ns == before


def test_rating_again_replaces_and_an_older_event_does_not_undo_it(
    site: Path, tmp_path: Path
) -> None:
    later = event_file(
        tmp_path, RATE, body=rate_body("seal-weeps", "2"), created_at="2026-04-01T08:00:00Z"
    )
    assert ingest(site, DATA / RATE)[0] == 0
    assert ingest(site, later)[0] == 0
    assert (site / BOB_RATING).read_text() == "stars: 2\ndate: 2026-04-01\n"
    # The first event is re-run (a workflow re-run): the newer rating stands.
    code, reply, out = ingest(site, DATA / RATE)
    assert (code, out) == (0, f"kept-newer: {BOB_RATING}\n")
    assert "You rated **Seal weeps after replacement** again on 2026-04-01 (2 of 5)" in reply
    assert (site / BOB_RATING).read_text() == "stars: 2\ndate: 2026-04-01\n"


def test_logins_match_whatever_their_case_and_items_may_be_urls(site: Path, tmp_path: Path) -> None:
    event = event_file(
        tmp_path,
        RATE,
        login="Sam-GH",
        body=rate_body("https://example.test/kb/answers/check-flush/", "5"),
    )
    code, _, out = ingest(site, event)
    assert (code, out) == (0, "recorded: curation/ratings/check-flush/sme.yml\n")


# --- ingest: refused ------------------------------------------------------------


@pytest.mark.parametrize(
    ("login", "body", "reply_starts"),
    [
        (
            "alice-gh",
            rate_body("seal-weeps"),
            "You wrote **Seal weeps after replacement**, so you cannot rate it",
        ),
        (
            "mallory",
            rate_body("seal-weeps"),
            "Your GitHub account @mallory is not linked to anyone in the people directory",
        ),
        ("bob-gh", rate_body("seal-weep"), "There is no item `seal-weep` on the site"),
        (
            "bob-gh",
            rate_body("seal-weeps", "7"),
            "Stars must be a whole number from 1 to 5, not `7`",
        ),
        ("bob-gh", "I just wanted to say thanks", "The rating names no item"),
        ("bob-gh", rate_body("seal-weeps", "4", "x" * 2001), "The comment is 2,001 characters"),
    ],
    ids=["self-rating", "unknown-person", "unknown-item", "bad-stars", "not-the-form", "long"],
)
def test_refusals_exit_1_with_a_reply_and_write_nothing(
    site: Path, tmp_path: Path, login: str, body: str, reply_starts: str
) -> None:
    code, reply, _ = ingest(site, event_file(tmp_path, RATE, login=login, body=body))
    assert code == 1
    assert reply.startswith(reply_starts), reply
    assert not (site / "curation" / "ratings").exists()


def test_an_unknown_item_reply_suggests_the_closest(site: Path, tmp_path: Path) -> None:
    _, reply, _ = ingest(site, event_file(tmp_path, RATE, body=rate_body("seal-weep")))
    assert "Did you mean `seal-weeps`?" in reply


@pytest.mark.parametrize(
    "forgery",
    [
        # A name typed into the form is not an identity.
        {"body": rate_body("seal-weeps", "5", "Rated on behalf of sme\n\n### Rater\n\nsme")},
        # The title does not choose the item; the form's Item field does.
        {"title": "Rating: check-flush", "body": rate_body("seal-weeps", "5")},
    ],
)
def test_forged_fields_do_not_change_who_rates_what(
    site: Path, tmp_path: Path, forgery: dict[str, str]
) -> None:
    code, _, out = ingest(site, event_file(tmp_path, RATE, **forgery))
    assert (code, out) == (0, f"recorded: {BOB_RATING}\n")
    assert not (site / "curation/ratings/seal-weeps/sme.yml").exists()


def test_the_rater_is_the_issue_author_not_the_sender(site: Path, tmp_path: Path) -> None:
    import json

    payload = json.loads((DATA / RATE).read_text())
    payload["sender"]["login"] = "sam-gh"  # e.g. someone who edited or transferred the issue
    event = tmp_path / "event.json"
    event.write_text(json.dumps(payload))
    assert ingest(site, event)[2] == f"recorded: {BOB_RATING}\n"


def test_an_unreadable_event_exits_2_and_decides_nothing(site: Path, tmp_path: Path) -> None:
    for text in ("{not json", '{"action": "opened"}', '{"issue": {"user": {}}}'):
        event = tmp_path / "event.json"
        event.write_text(text)
        code, reply, _ = ingest(site, event)
        assert (code, reply) == (2, "")


def test_a_broken_people_file_exits_2_rather_than_refusing_people(tmp_path: Path) -> None:
    site = sitekit.make_site(tmp_path / "kb", {"curation/people.yml": "- handle: [\n"})
    code, reply, _ = ingest(site, DATA / RATE)
    assert (code, reply) == (2, "")


def test_the_workflow_command_line_and_its_exit_codes(site: Path, tmp_path: Path) -> None:
    """`workscape ratings ingest "$GITHUB_EVENT_PATH" --reply FILE`, as ratings.yml runs it."""
    reply = tmp_path / "reply.md"
    ok = sitekit.run(
        ["workscape", "ratings", "ingest", str(DATA / RATE), "--reply", str(reply)], site
    )
    assert ok.returncode == 0, ok.stderr
    self_rating = event_file(tmp_path, RATE, login="alice-gh")
    refused = sitekit.run(
        ["workscape", "ratings", "ingest", str(self_rating), "--reply", str(reply)], site
    )
    assert refused.returncode == 1
    assert reply.read_text().startswith("You wrote **Seal weeps after replacement**")
    broken = sitekit.run(
        ["workscape", "ratings", "ingest", str(tmp_path / "missing.json"), "--reply", str(reply)],
        site,
    )
    assert broken.returncode == 2
    assert "is not a GitHub `issues` event: cannot read it" in broken.stderr


# --- import from a form tool ------------------------------------------------------

EXPORT = """\
timestamp,email,item,stars,comment
2026-03-05 10:12:00,bob@acme.test,seal-weeps,5,Spot on
2026-03-06T08:00:00Z,SAM@acme.test,check-flush,4,
2026-03-06 09:00:00,alice@acme.test,seal-weeps,5,my own
2026-03-07 09:00:00,eve@elsewhere.test,seal-weeps,1,
2026-03-07 10:00:00,bob@acme.test,no-such-item,3,
last tuesday,bob@acme.test,check-flush,3,
"""


def test_a_form_tool_export_is_imported_with_the_same_rules(site: Path) -> None:
    export = site / "export.csv"
    export.write_text(EXPORT)
    result = cli(site, "ratings", "import", str(export))
    assert result.exit_code == 1
    export_name = str(export)
    assert result.stdout.splitlines() == [
        BOB_RATING,
        "curation/ratings/check-flush/sme.yml",
        f"{export_name}:4:1: error rating-refused: You wrote **Seal weeps after replacement**, "
        "so you cannot rate it: ratings say how much an item helped someone else. "
        "The rating was not recorded.",
        f"{export_name}:5:1: error rating-refused: The email address eve@elsewhere.test is not "
        "linked to anyone in the people directory (curation/people.yml), so the rating was not "
        "recorded. Ask a curator to add your account to your entry there, then rate again.",
        f"{export_name}:6:1: error rating-refused: There is no item `no-such-item` on the site, "
        "so the rating was not recorded. The Rate link on an item's page fills in its id for you.",
        f"{export_name}:7:1: error bad-time: cannot read the time 'last tuesday'",
        "  hint: times must be ISO 8601 (2026-03-05 10:12:00), or pass --date-format",
    ]
    assert (
        "2 recorded, 0 already recorded, 0 older than a recorded re-rating, 3 refused, 1 unreadable"
        in result.stderr
    )
    assert (site / BOB_RATING).read_text() == "stars: 5\ndate: 2026-03-05\ncomment: Spot on\n"
    assert (
        site / "curation/ratings/check-flush/sme.yml"
    ).read_text() == "stars: 4\ndate: 2026-03-06\n"
    # The same export again records nothing new.
    again = cli(site, "ratings", "import", str(export))
    assert "0 recorded, 2 already recorded" in again.stderr


def test_the_newest_row_wins_whatever_the_row_order(site: Path) -> None:
    export = site / "export.csv"
    export.write_text(
        "Timestamp,Email Address,Item,Rating,Comments\n"
        "07/03/2026 09:00,bob@acme.test,seal-weeps,2,changed my mind\n"
        "05/03/2026 09:00,bob@acme.test,seal-weeps,5,\n"
    )
    result = cli(site, "ratings", "import", str(export), "--date-format", "%d/%m/%Y %H:%M")
    assert result.exit_code == 0, result.output
    assert (site / BOB_RATING).read_text() == (
        "stars: 2\ndate: 2026-03-07\ncomment: changed my mind\n"
    )
    assert (
        "0 recorded, 1 already recorded, 1 older than a recorded re-rating"
        in cli(site, "ratings", "import", str(export), "--date-format", "%d/%m/%Y %H:%M").stderr
    )


def test_an_export_without_an_email_column_is_refused_whole(site: Path) -> None:
    export = site / "export.csv"
    export.write_text("timestamp,name,item,stars\n2026-03-05,Alice,seal-weeps,5\n")
    result = sitekit.run(["workscape", "ratings", "import", str(export)], site)
    assert result.returncode == 1
    assert "error missing-column: no column for: email" in result.stderr
    assert not (site / "curation" / "ratings").exists()
