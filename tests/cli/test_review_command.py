"""`workscape review --queue HANDLE`: the review queue in the terminal, on a real repository."""

from __future__ import annotations

from pathlib import Path

import pytest
import reviewkit
from click.testing import CliRunner, Result

import sitekit
from workscape.cli import main


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("queue-cli") / "kb"
    reviewkit.make(path)
    return path


def queue(root: Path, *args: str) -> Result:
    return CliRunner().invoke(
        main,
        ["review", *args, "--root", str(root)],
        env={"SOURCE_DATE_EPOCH": reviewkit.EPOCH},
    )


def test_queue_lists_what_waits_for_the_sme_most_read_first(root: Path) -> None:
    result = queue(root, "--queue", "sme")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "7 items wait for Sam Expert's review (sme), most-read first:"
    blocks = [b.splitlines() for b in result.output.strip().split("\n\n")[1:-1]]
    assert [b[0].split()[0] for b in blocks] == reviewkit.QUEUE_OF["sme"]
    assert blocks[0] == [
        "seal-weeps  (problem, 120 views)",
        "  Seal weeps after replacement",
        "  Not yet reviewed by an expert.",
        "  https://example.test/kb/problems/seal-weeps/",
    ]
    assert blocks[1] == [
        "changed  (resource, 90 views)",
        "  Seal fitting guide",
        "  Changed since Sam Expert approved it on 1 February 2026.",
        "  https://example.test/kb/resources/changed/",
    ]
    assert blocks[5][2:] == [
        "  Sam Expert approved it on 10 January 2024; approvals expire after 365 days.",
        "  https://example.test/kb/problems/seal-weeps/#answer-old",
    ]
    assert lines[-1] == (
        "Record a verdict: workscape review ITEM --by sme "
        "--verdict approved|changes-requested|disputed --note '...'"
    )


def test_queue_of_a_manager_has_sent_back_items_too(root: Path) -> None:
    result = queue(root, "--queue", "cmgr")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("9 items wait for Carla Manager's review (cmgr)")
    assert "  Carla Manager asked for changes on 1 March 2026." in result.output.splitlines()


def test_queue_for_someone_who_reviews_nothing_or_nobody(root: Path) -> None:
    alice = queue(root, "--queue", "alice")
    assert alice.exit_code == 0
    assert alice.output == (
        "Alice Archer (alice) is neither an SME of a tag nor a community manager, "
        "so nothing waits for their review.\n"
    )
    typo = queue(root, "--queue", "smee")
    assert typo.exit_code == 1
    assert "no person 'smee' in people.yml; did you mean 'sme'?" in typo.output


def test_queue_and_recording_do_not_mix(root: Path) -> None:
    mixed = queue(root, "fresh", "--queue", "sme")
    assert mixed.exit_code == 2
    assert "--queue lists a queue" in mixed.output
    missing = queue(root, "fresh", "--by", "sme")
    assert missing.exit_code == 2
    assert "recording a review needs --verdict" in missing.output


def test_an_item_held_back_waits_in_the_terminal_but_is_never_named_on_the_site(
    tmp_path: Path,
) -> None:
    kb = sitekit.make_site(
        tmp_path / "kb",
        {
            "content/problems/loto.md": sitekit.CRITICAL_PROBLEM,
            "curation/policy.yml": "publish_unapproved_critical: false\n",
        },
    )
    result = CliRunner().invoke(main, ["review", "--queue", "sme", "--root", str(kb)])
    assert result.exit_code == 0, result.output
    assert (
        "  held back from the site until approved: content/problems/loto.md"
        in result.output.splitlines()
    )
    built = sitekit.build(kb)
    assert built.returncode == 0, built.stderr
    page = (kb / "site/review/index.html").read_text(encoding="utf-8")
    assert 'data-id="seal-weeps"' in page
    assert "loto" not in page and "Isolating the motor" not in page
    feed = (kb / "site/review/sme/feed.xml").read_text(encoding="utf-8")
    assert "Isolating the motor" not in feed


def test_no_contributed_page_may_take_the_queues_address(tmp_path: Path) -> None:
    kb = sitekit.make_site(
        tmp_path / "kb", {"content/review/index.md": "---\ntitle: Fake queue\n---\nNothing.\n"}
    )
    result = CliRunner().invoke(main, ["check", "--root", str(kb)])
    assert result.exit_code == 1
    assert (
        "content/review/index.md:1:1: error reserved-path: this page would be published at "
        "/review/, where the site generates the review queue"
    ) in result.output
