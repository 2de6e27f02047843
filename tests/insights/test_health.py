"""Participation roles and health figures on hand-made catalogs; the dashboard and its charts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import sitekit
from workscape.insights import health, participation
from workscape.insights.participation import Period
from workscape.model import (
    Catalog,
    Community,
    Featured,
    Item,
    Person,
    Rating,
    Review,
    Tag,
)

SVG = "{http://www.w3.org/2000/svg}"
EPOCH = "1773360000"  # 2026-03-13T00:00:00Z
NOW = datetime(2026, 3, 13, tzinfo=UTC)


def item(id: str, type: str, author: str, day: date, **more: object) -> Item:  # noqa: A002
    folder = {"problem": "problems", "answer": "answers", "resource": "resources"}.get(
        type, "collections"
    )
    more.setdefault("community", "c1")
    return Item(
        id=id,
        type=type,  # type: ignore[arg-type]  # an ItemType, as the tests pass it
        path=f"content/{folder}/{id}.md",
        title=id.title(),
        author=author,
        date=day,
        **more,  # type: ignore[arg-type]  # any other Item field
    )


def person(handle: str, *communities: str, sme_for: tuple[str, ...] = ()) -> Person:
    return Person(handle, handle.title(), communities=communities, sme_for=sme_for)


def catalog() -> Catalog:
    """Two communities; c1 has someone acting in each role, with edge cases around each rule."""
    people = [
        person("ann", "c1"),
        person("ben", "c1"),
        person("cat", "c2"),
        person("mgr"),
        person("sme", sme_for=("t1",)),
        person("ext"),
        person("idle", "c2"),
    ]
    items = [
        item("p1", "problem", "ann", date(2026, 3, 1), tags=("t1",)),
        # Cites a resource by its file: ben connects as well as creates.
        item(
            "a1",
            "answer",
            "ben",
            date(2026, 3, 3),
            problem="p1",
            body="See [the guide](../resources/r1.md).",
        ),
        item(
            "r1",
            "resource",
            "sme",
            date(2026, 2, 1),
            updated=date(2026, 3, 10),
            # cat fixed sme's resource; an unknown git identity never counts.
            contributors=("sme", "stranger@elsewhere.test", "cat"),
        ),
        item("p2", "problem", "ann", date(2026, 3, 5), related=("r1",)),
        # Before the period: makes nobody a creator.
        item("p-old", "problem", "cat", date(2024, 1, 1)),
        item("col", "collection", "ext", date(2026, 3, 6), items=("p1", "r1")),
        item("p-c2", "problem", "idle", date(2024, 6, 1), community="c2"),
        item("a-c2", "answer", "idle", date(2024, 6, 8), problem="p-c2", community="c2"),
    ]
    return Catalog(
        items={i.id: i for i in items},
        tags={"t1": Tag("t1", "T1", community="c1")},
        communities={
            "c1": Community("c1", "One", "vertical", managers=("mgr",)),
            "c2": Community("c2", "Two", "horizontal", managers=("cat",)),
        },
        people={p.handle: p for p in people},
        reviews={
            "p1": (Review("p1", "sme", date(2026, 3, 2), "approved"),),
            # Not entitled (neither SME of its tags nor a manager): no caretaking.
            "p2": (Review("p2", "ben", date(2026, 3, 6), "approved"),),
        },
        ratings={
            "p1": (Rating("p1", "cat", 5, date(2026, 3, 4)),),
            # Rating one's own item counts for nothing.
            "col": (Rating("col", "ext", 5, date(2026, 3, 7)),),
        },
        featured=(Featured("item", "p1", by="mgr", until=date(2026, 4, 1)),),
        now=NOW,
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("consumer", ("cat",)),  # cat rated; members ann and ben did not, so are not
        ("creator", ("ann", "ben", "sme")),  # not cat: p-old is before the period
        ("connector", ("ann", "ben")),  # related link; link to a resource file
        ("carrier", ("ext", "mgr")),  # a collection; a feature
        ("caretaker", ("cat", "mgr", "sme")),  # someone else's item; manager; valid review
    ],
)
def test_roles_in_a_community(role: str, expected: tuple[str, ...]) -> None:
    profile = participation.profile(catalog(), "c1")
    assert profile.people[role] == expected


def test_profile_shares_are_of_members_plus_anyone_active() -> None:
    profile = participation.profile(catalog(), "c1")
    # ann, ben (members) + cat, sme, mgr, ext (acted in c1)
    assert profile.population == 6
    rows = {r.role: r for r in profile.rows}
    assert [r.role for r in profile.rows] == [
        "consumer",
        "creator",
        "connector",
        "carrier",
        "caretaker",
    ]
    assert rows["consumer"].share == pytest.approx(1 / 6)
    assert rows["consumer"].meets is False  # target 0.7
    assert rows["carrier"].share == pytest.approx(2 / 6) and rows["carrier"].meets


def test_period_bounds_and_overall_profile() -> None:
    cat = catalog()
    # A period that starts after p1, a1 and p2 were written: only what is newer counts.
    late = Period(date(2026, 3, 5), date(2026, 3, 13))
    assert participation.profile(cat, "c1", late).people["creator"] == ()
    assert participation.profile(cat, "c1", late).people["carrier"] == ("ext", "mgr")
    everyone = participation.profile(cat)
    assert everyone.population == 7
    assert "idle" not in everyone.people["consumer"]  # a member of c2 who never rated
    assert "cat" in everyone.people["caretaker"]  # manages c2
    assert "idle" not in everyone.people["creator"]  # wrote in 2024 only


def test_links_to_items_are_found_by_id_path_or_url() -> None:
    cat = catalog()
    body = (
        "[a](../problems/p2.md) [b](/kb/answers/a1/) [c]: https://x.test/kb/resources/r1/\n"
        '<a href="../collections/col/">d</a> [self](../problems/p1.md) [x](../problems/nope.md)'
    )
    linking = item("p1", "problem", "ann", date(2026, 3, 1), body=body)
    # A reference definition counts only at the start of a line, as in Markdown.
    assert participation.linked_items(cat, linking) == {"p2", "a1", "col"}
    linking = item("p1", "problem", "ann", date(2026, 3, 1), body=body.replace(" [c]", "\n[c]"))
    assert participation.linked_items(cat, linking) == {"p2", "a1", "r1", "col"}


def test_answer_rate_and_median_time_to_first_answer() -> None:
    stats = health.answer_stats(catalog(), "c1")
    assert (stats.problems, stats.answered, stats.open) == (3, 1, 2)
    assert stats.rate == pytest.approx(1 / 3)
    assert stats.median_days_to_first_answer == 2.0
    everyone = health.answer_stats(catalog())
    assert everyone.median_days_to_first_answer == 4.5  # 2 days and 7 days
    empty = health.answer_stats(catalog(), "nobody")
    assert empty.rate is None and empty.median_days_to_first_answer is None


def test_review_coverage_counts_every_state_for_reviewable_items() -> None:
    coverage = health.review_coverage(catalog(), "c1")
    assert list(coverage) == [
        "community",
        "sme-approved",
        "changes-requested",
        "changed-since-review",
        "review-expired",
        "disputed",
    ]
    # p1 approved by its SME; p2's review is by someone not entitled; a1, r1, p-old unreviewed.
    assert coverage["sme-approved"] == 1 and coverage["community"] == 4
    assert sum(coverage.values()) == 5  # the collection is not counted


def test_contributions_per_month_fill_gaps_and_stop_at_now() -> None:
    months = health.monthly_contributions(catalog(), "c1", months=3)
    assert [m.month for m in months] == ["2026-01", "2026-02", "2026-03"]
    assert months[0].total == 0
    assert dict(months[2].counts) == {"problem": 2, "answer": 1, "resource": 0, "collection": 1}
    assert health.monthly_contributions(catalog(), "c2", months=2)[-1].month == "2026-03"
    assert len(health.monthly_contributions(catalog())) == 24


def test_charts_are_byte_identical_and_carry_a_title() -> None:
    from workscape.publish import charts

    profile = participation.profile(catalog(), "c1")
    months = health.monthly_contributions(catalog(), "c1")
    coverage = health.review_coverage(catalog(), "c1")
    drawn = []
    for _ in range(2):
        charts._cache.clear()  # draw again rather than reuse
        drawn.append(
            [
                charts.participation_chart(profile.rows, "Participation: One"),
                charts.contributions_chart(months, "Contributions: One"),
                charts.coverage_chart(coverage, "Review coverage: One"),
            ]
        )
    assert drawn[0] == drawn[1]
    for svg, title in zip(
        drawn[0], ["Participation: One", "Contributions: One", "Review coverage: One"], strict=True
    ):
        root = ET.fromstring(svg)
        assert root.findtext(SVG + "title") == title
        text = " ".join(t.text or "" for t in root.iter(SVG + "text"))
        assert text.strip(), "labels stay text, readable without the picture"
    words = " ".join(t.text or "" for t in ET.fromstring(drawn[0][0]).iter(SVG + "text"))
    for role in ("consumer", "creator", "connector", "carrier", "caretaker"):
        assert role in words
    for row in profile.rows:  # each bar carries its figure, as the table beside it does
        assert f"{row.share * 100:.0f}% ({row.count})" in words
    words = [t.text for t in ET.fromstring(drawn[0][2]).iter(SVG + "text")]
    for state, count in coverage.items():
        assert charts.STATE_LABELS[state] in words and str(count) in words
    words = [t.text for t in ET.fromstring(drawn[0][1]).iter(SVG + "text")]
    assert months[0].month in words and "items created" in words


def test_chart_axes_tick_whole_numbers_only() -> None:
    from workscape.publish.charts import integer_ticks

    assert integer_ticks(1.1) == [0, 1]
    assert integer_ticks(11) == [0, 5, 10]
    assert integer_ticks(82.8) == [0, 20, 40, 60, 80]
    assert integer_ticks(1150) == [0, 250, 500, 750, 1000]


def build(root: Path, out: str = "site") -> Path:
    result = sitekit.run(
        ["mkdocs", "build", "-q", "-d", out], root, env={"SOURCE_DATE_EPOCH": EPOCH}
    )
    assert result.returncode == 0, result.stderr
    return root / out


def test_dashboard_shows_each_chart_with_text_alternatives(site: Path) -> None:
    out = build(site)
    html = (out / "health/index.html").read_text()
    figures = re.findall(r'<figure class="ws-chart".*?</figure>', html, re.S)
    assert len(figures) == 3 * 2  # the whole site and the one community
    for figure in figures:
        src = re.search(r'<img src="([^"]+)" alt="([^"]+)"', figure)
        assert src, figure
        assert (out / "health" / src[1]).resolve().is_file()
        assert "<figcaption>" in figure
    field = html.split('id="community-field"')[1]
    rows = dict(
        re.findall(r'<tr data-role="(\w+)"><th scope="row">\w+</th><td><a [^>]+>(\d+)</a>', field)
    )
    assert rows == {
        "consumer": "0",  # three members, none of whom rated anything
        "creator": "2",
        "connector": "0",
        "carrier": "0",
        "caretaker": "1",
    }
    assert 'data-figure="answer-rate">100% of problems have an answer<' in field
    assert 'data-figure="median-days">1 day<' in field
    assert re.search(
        r'<tr data-state="community"><th scope="row">Community content</th><td><a [^>]+>2</a>',
        field,
    )


def test_two_builds_give_identical_charts_feeds_and_digests(site: Path) -> None:
    first, second = build(site, "one"), build(site, "two")
    made = [
        p
        for p in first.rglob("*")
        if p.suffix in (".svg", ".xml") or p.name == "email.html" or "health" in p.parts
    ]
    assert any(p.suffix == ".svg" for p in made)
    for path in made:
        if path.is_file():
            assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path


QUIET = "1796040000"  # 2026-12-01T12:00:00Z: nine months after the small site's last item


def test_a_quiet_community_on_the_dashboard_meets_no_target_and_names_no_private_person(
    site: Path,
) -> None:
    people = site / "curation/people.yml"
    people.write_text(
        people.read_text()
        + "- handle: hid\n  name: Hidden Hollis\n  communities: [field]\n  listed: false\n"
    )
    sitekit.write(site, "curation/ratings/seal-weeps/hid.yml", "stars: 4\ndate: 2026-03-04\n")
    result = sitekit.run(
        ["mkdocs", "build", "-q", "-d", "site"], site, env={"SOURCE_DATE_EPOCH": QUIET}
    )
    assert result.returncode == 0, result.stderr
    html = (site / "site/health/index.html").read_text()
    field = html.split('id="community-field"')[1]
    assert re.search(r'<span class="ws-health-verdict[^>]*>Quiet since 2026-03-03</span>', field)
    assert "No new or changed item for 9 months" in field
    statuses = re.findall(r'<td data-status="(\w+)">([^<]+)</td>', field)
    assert len(statuses) == 5 and ("meets", "meets target") not in statuses
    # hid rated, so is a consumer, counted but never named: no public profile
    consumers = field.split('id="community-field-role-consumer">')[1].split("</ul>")[0]
    assert consumers == '<li><span class="ws-person">someone with a private profile</span></li>'
    assert "Hidden Hollis" not in html
