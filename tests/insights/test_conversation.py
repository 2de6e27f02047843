"""The core's view of comments and news: mentions, threads and the events activity pages read."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit
from workscape.insights.conversation import Event, conversation_events, mentions, thread
from workscape.project import load_project


def comment(by: str, day: str, body: str, reply_to: str = "") -> str:
    extra = f"reply_to: {reply_to}\n" if reply_to else ""
    return f"---\nby: {by}\ndate: {day}\n{extra}---\n{body}\n"


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("Ask @sme.", [("sme", 1, 5)]),
        ("@alice and @bob-b", [("alice", 1, 1), ("bob-b", 1, 12)]),
        ("mail alice@acme.test or see /users/@bob", []),
        ("`@Override` is code\n```\n@alice in a fence\n```\nthen @bob", [("bob", 5, 6)]),
        ("line one\n  (@cmgr)", [("cmgr", 2, 4)]),
    ],
)
def test_mentions_are_handles_outside_code_and_addresses(
    body: str, found: list[tuple[str, int, int]]
) -> None:
    assert mentions(body) == found


FILES = {
    "curation/comments/seal-weeps/20260304-0910-bob.md": comment(
        "bob", "2026-03-04", "Which kit? cc @sme and @nobody"
    ),
    "curation/comments/seal-weeps/20260304-1015-alice.md": comment(
        "alice", "2026-03-04", "The OEM kit, @sme.", reply_to="20260304-0910-bob"
    ),
    "curation/comments/check-flush/20260305-1200-sme.md": comment("sme", "2026-03-05", "Right."),
    "curation/comments/seal-weeps/20260305-1300-bob.md": comment("bob", "2026-03-05", "Spam."),
    "curation/moderation/comments/seal-weeps/20260305-1300-bob.yml": (
        "by: cmgr\ndate: 2026-03-06\nreason: Spam.\n"
    ),
    "curation/news/field/2026-03-05-kits.md": "---\ntitle: Kits\nby: cmgr\n---\nAsk @alice.\n",
}


def test_events_say_who_when_on_what_in_reply_to_whom_and_whom_they_mention(
    tmp_path: Path,
) -> None:
    catalog = load_project(sitekit.make_site(tmp_path / "kb", FILES)).published()
    events = conversation_events(catalog)
    assert [(e.kind, e.by, e.date.isoformat(), e.time, e.item or e.community) for e in events] == [
        ("comment", "sme", "2026-03-05", "12:00", "check-flush"),
        ("news", "cmgr", "2026-03-05", "", "field"),
        ("reply", "alice", "2026-03-04", "10:15", "seal-weeps"),
        ("comment", "bob", "2026-03-04", "09:10", "seal-weeps"),
    ]
    reply = events[2]
    assert reply == Event(
        kind="reply",
        by="alice",
        date=reply.date,
        time="10:15",
        item="seal-weeps",
        community="field",
        ref="20260304-1015-alice",
        path="curation/comments/seal-weeps/20260304-1015-alice.md",
        reply_to="20260304-0910-bob",
        reply_to_by="bob",
        item_author="alice",
        mentions=("sme",),
    )
    assert events[3].mentions == ("sme",)  # @nobody is in no people.yml: nobody to tell
    assert events[0].item_author == "bob"  # the answer's author hears of comments on it
    assert events[1].mentions == ("alice",)
    # The hidden comment is no event: its text and its existence reach no activity page.
    assert all(e.ref != "20260305-1300-bob" for e in events)
    assert [t.comment.id for t in thread(catalog, "seal-weeps")] == [
        "20260304-0910-bob",
        "20260305-1300-bob",
    ]


def test_a_file_where_none_is_read_is_reported_not_skipped(tmp_path: Path) -> None:
    root = sitekit.make_site(
        tmp_path / "kb",
        {
            "curation/comments/seal-weeps.md": comment("bob", "2026-03-04", "Lost."),
            "curation/news/2026-03-05-kits.md": "---\ntitle: Kits\nby: cmgr\n---\nLost.\n",
        },
    )
    found = [(f.path, f.code) for f in load_project(root).findings if f.code == "stray-file"]
    assert found == [
        ("curation/comments/seal-weeps.md", "stray-file"),
        ("curation/news/2026-03-05-kits.md", "stray-file"),
    ]
