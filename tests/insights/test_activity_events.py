"""Who is told what: the activity providers, newest first, never naming a rater."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from discoverykit import catalog, item, person, rating
from workscape.insights.activity import (
    activity_by_person,
    activity_of,
    conversation_activity,
    followed_activity,
    headline,
)
from workscape.model import Item, Review

D = date(2026, 6, 1)


def _item(
    id: str, type: str = "problem", author: str = "alice", title: str = "", **kw: object
) -> Item:
    """An item titled ``title`` (an answer may have none)."""
    return replace(item(id, type, author, **kw), title=title)


def _site():  # type: ignore[no-untyped-def]  # a Catalog; typed by discoverykit
    return catalog(
        [
            _item("pump-trips", title="Pump trips on start", date=date(2026, 5, 1)),
            _item("reset-relay", "answer", "bob", problem="pump-trips", date=date(2026, 5, 3)),
            _item(
                "check-wiring",
                "answer",
                "sam",
                problem="pump-trips",
                date=date(2026, 5, 9),
                title="Check the wiring",
            ),
            _item("own-fix", "answer", "alice", problem="pump-trips", date=date(2026, 5, 10)),
            _item("manual", "resource", "bob", date=date(2026, 4, 1), title="Pump manual"),
            _item("hidden-q", author="quiet", title="Quiet one", date=date(2026, 5, 1)),
            _item("hidden-a", "answer", "bob", problem="hidden-q", date=date(2026, 5, 2)),
        ],
        [person("quiet", listed=False)],
        ratings=[
            rating("manual", "alice", 5, date(2026, 5, 20)),
            rating("manual", "sam", 2, date(2026, 5, 21)),
        ],
        reviews=[Review("manual", "sam", date(2026, 5, 22), "approved", note="Current edition.")],
    )


def test_answers_are_told_to_the_problems_author_and_its_other_answerers() -> None:
    c = _site()
    alice = [(a.kind, a.subject, a.reason) for a in activity_of(c, "alice")]
    assert alice == [("answer", "check-wiring", "yours"), ("answer", "reset-relay", "yours")]
    bob = [(a.kind, a.item, a.subject, a.reason) for a in activity_of(c, "bob")]
    # Newest first: the review and ratings of Bob's manual, then the answers after his own.
    assert bob == [
        ("review", "manual", "approved", "yours"),
        ("rating", "manual", "", "yours"),
        ("rating", "manual", "", "yours"),
        ("answer", "pump-trips", "own-fix", "following"),
        ("answer", "pump-trips", "check-wiring", "following"),
    ]


def test_headlines_read_as_sentences_and_ratings_never_name_the_rater() -> None:
    c = _site()
    lines = [headline(c, a) for a in activity_of(c, "bob")]
    assert lines == [
        "Sam approved your resource “Pump manual”",
        "Your resource “Pump manual” was rated 2 of 5 stars (2 ratings, average 3.5)",
        "Your resource “Pump manual” was rated 5 of 5 stars (1 rating, average 5.0)",
        "Alice answered “Pump trips on start”, a problem you follow",
        "Sam answered “Pump trips on start”, a problem you follow (Check the wiring)",
    ]
    ratings = [a for a in activity_of(c, "bob") if a.kind == "rating"]
    assert all(a.by == "" for a in ratings)
    assert not any("alice" in a.key or "sam" in a.key for a in ratings)


def test_an_unlisted_person_gets_no_activity_and_nobody_hears_of_their_own_acts() -> None:
    c = _site()
    assert activity_of(c, "quiet") == ()
    assert "quiet" not in activity_by_person(c)
    for handle, events in activity_by_person(c).items():
        assert all(e.by != handle for e in events), handle


def test_keys_are_stable_and_one_answer_has_one_key_for_everyone_told() -> None:
    first, second = _site(), _site()
    assert [a.key for a in activity_of(first, "bob")] == [a.key for a in activity_of(second, "bob")]
    told = {
        a.key
        for h in ("alice", "bob")
        for a in activity_of(first, h)
        if a.subject == "check-wiring"
    }
    assert len(told) == 1


def test_saving_a_problem_follows_its_answers() -> None:
    followed = followed_activity(_site())
    assert [a.subject for a in followed["pump-trips"]] == ["own-fix", "check-wiring", "reset-relay"]
    assert "manual" not in followed  # a resource has no answers to follow


@dataclass(frozen=True)
class _Said:
    """A comment event shaped like the comments module's ``Event``."""

    kind: str
    by: str
    date: date
    time: str
    item: str | None
    ref: str
    reply_to_by: str | None = None
    mentions: tuple[str, ...] = ()


def test_comments_replies_and_mentions_plug_in_as_one_more_provider() -> None:
    c = _site()
    events = [
        _Said("comment", "sam", D, "10:00", "pump-trips", "20260601-1000-sam", mentions=("bob",)),
        _Said("reply", "alice", D, "11:00", "pump-trips", "20260601-1100-alice", "sam"),
        _Said("news", "cmgr", D, "", None, "2026-06-01-shutdown"),
    ]
    told = sorted((a.to, a.kind, a.reason) for a in conversation_activity(c, events))
    assert told == [
        # Both, to whoever saved the problem in their browser.
        ("", "comment", "following"),
        ("", "comment", "following"),
        # Sam's comment on Alice's problem; Alice's reply to Sam.
        ("alice", "comment", "yours"),
        # Alice's reply reaches Bob as a follower (he answered the problem); Sam's comment
        # mentions him, which he hears of once, as a mention.
        ("bob", "comment", "following"),
        ("bob", "mention", "mentioned"),
        ("sam", "reply", "replied"),
    ]
    reply = next(a for a in conversation_activity(c, events) if a.kind == "reply")
    assert headline(c, reply) == "Alice replied to your comment on “Pump trips on start”"
    assert reply.anchor == "comment-pump-trips-20260601-1100-alice"
