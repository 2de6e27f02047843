"""The review queue on a real catalog: a git repository with an item in every review state."""

from __future__ import annotations

from pathlib import Path

import pytest
import reviewkit

from workscape.insights.review_queue import (
    is_reviewer,
    queue_for,
    queue_for_tag,
    review_queue,
    reviewers,
    state_counts,
)
from workscape.model import Catalog
from workscape.project import load_project


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    root = tmp_path_factory.mktemp("queue") / "kb"
    reviewkit.make(root)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", reviewkit.EPOCH)
        loaded = load_project(Path(root))
    assert not [f for f in loaded.findings if f.severity == "error"], loaded.findings
    return loaded.catalog


def test_every_waiting_state_is_queued_most_read_first_with_why_in_words(catalog: Catalog) -> None:
    queue = review_queue(catalog)
    got = [(w.item.id, w.state, w.why[:1].upper() + w.why[1:], bool(w.critical)) for w in queue]
    assert got == reviewkit.EXPECTED
    # an approved item waits for nobody, however much it is read; a collection is a path
    assert "good" not in {w.item.id for w in queue}
    assert "seal-path" not in {w.item.id for w in queue}
    assert [w.views for w in queue][:5] == list(reviewkit.VIEWS.values())


def test_counts_per_state_add_up_to_the_queue(catalog: Catalog) -> None:
    counts = state_counts(review_queue(catalog))
    assert counts == {
        "community": 5,
        "changed-since-review": 1,
        "review-expired": 1,
        "changes-requested": 1,
        "disputed": 1,
    }
    assert sum(counts.values()) == len(review_queue(catalog))


def test_each_reviewer_gets_the_items_they_may_review_never_their_own(catalog: Catalog) -> None:
    for handle, expected in reviewkit.QUEUE_OF.items():
        assert [w.item.id for w in queue_for(catalog, handle)] == expected
    # sme wrote `mine`; `sent-back` is tagged pumps only, outside sme's tags
    assert "mine" not in [w.item.id for w in queue_for(catalog, "sme")]
    assert queue_for(catalog, "alice") == []
    assert not is_reviewer(catalog, "alice")
    assert [p.handle for p in reviewers(catalog)] == ["cmgr", "sme"]  # Carla, Sam by name


def test_per_tag_queue_and_when_each_item_started_waiting(catalog: Catalog) -> None:
    assert [w.item.id for w in queue_for_tag(catalog, "lockout")] == ["loto"]
    assert [w.item.id for w in queue_for_tag(catalog, "pumps")] == [
        "seal-weeps",
        "loto",
        "sent-back",
        "old",
        "check-flush",
    ]
    since = {w.item.id: str(w.since) for w in review_queue(catalog)}
    # the change after the approval, the review's date, the approval's date + 365 days
    assert since["changed"] == "2026-03-10"
    assert since["sent-back"] == "2026-03-01"
    assert since["old"] == "2025-01-09"
    assert since["fresh"] == "2026-03-05"
