"""`workscape problems ingest`: an "Ask a problem" issue becomes a draft problem file."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit
from loopkit import DATA, cli, event_file
from workscape.names import slugify

ASK = "issue-question-opened.json"
DRAFT = "content/problems/pump-trips-on-overload-after-seal-change.md"

EXPECTED_DRAFT = """\
---
title: Pump trips on overload after seal change
author: bob
tags:
- pumps
- seals
community: field
date: 2026-03-06
---
After changing the mechanical seal on a P-200 the motor trips on overload within minutes.

Current is 20% above nameplate.

## What I tried

Checked rotation and the impeller clearance.

<!--
Drafted from issue #42 by the intake workflow.
- Tag 'impellers' is not in the taxonomy and was left out. Add it to the taxonomy or drop it.
Curator: check the title, tags and community, then delete this comment.
-->
"""


def ask_body(
    statement: str = "It trips.", tags: str = "_No response_", community: str = "_No response_"
) -> str:
    return (
        f"### Problem statement\n\n{statement}\n\n### What you tried\n\n_No response_\n\n"
        f"### Tags\n\n{tags}\n\n### Community\n\n{community}"
    )


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Pump trips on overload", "pump-trips-on-overload"),
        ("Pompe à chaleur: défaut E4!", "pompe-a-chaleur-defaut-e4"),
        ("x" * 70, "x" * 60),
        (
            "one two three four five six seven eight nine ten eleven twelve",
            "one-two-three-four-five-six-seven-eight-nine-ten-eleven",
        ),
        # Any script is spelled in Latin letters: ids stay [a-z0-9-], never empty.
        ("Größe der Pumpe", "grosse-der-pumpe"),
        ("Насос перегревается", "nasos-peregrevaetsia"),
        ("水泵", "shui-beng"),
        ("?!", ""),
    ],
)
def test_slugs(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_an_ask_issue_becomes_a_valid_draft(site: Path) -> None:
    result = cli(site, "problems", "ingest", str(DATA / ASK))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{DRAFT}\n"
    assert (site / DRAFT).read_text() == EXPECTED_DRAFT
    # Synonyms resolved ("pump", "shaft-seals"); the unknown tag is named for the curator.
    assert "note: Tag 'impellers' is not in the taxonomy and was left out." in result.stderr
    check = cli(site, "check")
    assert (check.exit_code, check.stdout) == (0, "")


def test_ingesting_the_same_issue_again_finds_the_same_draft(site: Path) -> None:
    cli(site, "problems", "ingest", str(DATA / ASK))
    again = cli(site, "problems", "ingest", str(DATA / ASK))
    assert (again.exit_code, again.stdout) == (0, f"{DRAFT}\n")
    assert "already drafted from issue #42" in again.stderr
    assert sorted(p.name for p in (site / "content/problems").iterdir()) == [
        "pump-trips-on-overload-after-seal-change.md",
        "seal-weeps.md",
    ]


def test_a_taken_id_gets_a_number(site: Path, tmp_path: Path) -> None:
    event = event_file(tmp_path, ASK, title="Problem: Check flush", body=ask_body())
    result = cli(site, "problems", "ingest", str(event))
    # "check-flush" is the id of an answer: ids are unique across the site.
    assert result.stdout == "content/problems/check-flush-2.md\n"
    other = event_file(
        tmp_path,
        ASK,
        name="other.json",
        title="Problem: Check flush",
        body=ask_body("Other."),
        number=43,
    )
    assert (
        cli(site, "problems", "ingest", str(other)).stdout == "content/problems/check-flush-3.md\n"
    )


def test_tags_and_communities_resolve_or_are_reported(site: Path, tmp_path: Path) -> None:
    body = ask_body(tags="#old-seals; `Pumps`, pumpz", community="Field service")
    event = event_file(tmp_path, ASK, body=body)
    result = cli(site, "problems", "ingest", str(event))
    text = (site / DRAFT).read_text()
    assert "tags:\n- seals\n- pumps\ncommunity: field\n" in text  # deprecated -> replacement
    assert (
        "- Tag 'pumpz' is not in the taxonomy and was left out. did you mean 'pump' or 'pumps'?"
        in text
    )
    assert "note: Tag 'pumpz'" in result.stderr
    unknown = event_file(
        tmp_path,
        ASK,
        name="c.json",
        body=ask_body(community="feild"),
        number=50,
        title="Problem: Other",
    )
    cli(site, "problems", "ingest", str(unknown))
    assert (
        "- Community 'feild' does not exist and was left out. did you mean 'field'?"
        in (site / "content/problems/other.md").read_text()
    )


def test_nothing_the_asker_types_can_close_the_curator_comment(site: Path, tmp_path: Path) -> None:
    event = event_file(tmp_path, ASK, body=ask_body(tags="--><script>alert(1)</script>"))
    cli(site, "problems", "ingest", str(event))
    text = (site / DRAFT).read_text()
    comment = text[text.index("<!--") :]
    assert comment.count("-->") == 1 and comment.endswith("-->\n")


def test_an_issue_without_a_title_takes_the_statement_first_line(
    site: Path, tmp_path: Path
) -> None:
    event = event_file(
        tmp_path, ASK, title="Problem: ", body=ask_body("Valve chatters at low flow.\nMore.")
    )
    result = cli(site, "problems", "ingest", str(event))
    assert result.stdout == "content/problems/valve-chatters-at-low-flow.md\n"
    assert "note: The issue had no title" in result.stderr


@pytest.mark.parametrize(
    ("login", "body", "message"),
    [
        (
            "mallory",
            ask_body(),
            "GitHub account @mallory is not linked to anyone in the people directory",
        ),
        ("bob-gh", "Just a question", "Issue #42 has no problem statement"),
    ],
)
def test_refusals_exit_1_with_a_message_and_write_nothing(
    site: Path, tmp_path: Path, login: str, body: str, message: str
) -> None:
    event = event_file(tmp_path, ASK, login=login, body=body)
    result = sitekit.run(["workscape", "problems", "ingest", str(event)], site)
    assert result.returncode == 1
    assert message in result.stderr
    assert sorted(p.name for p in (site / "content/problems").iterdir()) == ["seal-weeps.md"]


def test_the_workflow_command_line(site: Path) -> None:
    """`workscape problems ingest "$GITHUB_EVENT_PATH"`, as ratings.yml's question job runs it."""
    result = sitekit.run(["workscape", "problems", "ingest", str(DATA / ASK)], site)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{DRAFT}\n"
