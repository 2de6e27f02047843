"""People: helpfulness, who's new, derived expertise, the expert finder, profiles, listed: false."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

import discoverykit as dk
from discoverykit import attr_values, catalog, item, person, rating, section
from workscape.insights.featured import featured_people
from workscape.insights.gaps import suggested_experts
from workscape.insights.people import (
    answerers_for,
    contributions_of,
    expertise_of,
    experts_for_community,
    experts_for_tag,
    helpfulness_of,
    listed_people,
    members_of,
    most_helpful,
    newcomers,
    people_by_expertise,
)
from workscape.model import Review

# --- helpfulness ----------------------------------------------------------------------------


def _forum():
    """pat posts five answers nobody used; hana one that was accepted and rated."""
    items = [item("q", accepted="good", tags=("pumps",)), item("q2", tags=("seals",))]
    items += [
        item(f"pat-{n}", type="answer", author="pat", problem="q", tags=("pumps",))
        for n in range(5)
    ]
    items.append(item("good", type="answer", author="hana", problem="q", tags=("pumps",)))
    return catalog(items, [person("pat"), person("hana")], ratings=[rating("good", "bob", 5)])


def test_who_is_popular_ignores_raw_post_counts() -> None:
    cat = _forum()
    assert [h.handle for h in most_helpful(cat)] == ["hana"]
    assert helpfulness_of(cat, "pat").score == 0
    assert helpfulness_of(cat, "hana").score == pytest.approx(3 + 1)


@pytest.mark.parametrize(
    ("what", "expected"),
    [
        ("accepted answer", 3.0),
        ("own answer accepted on own problem", 0.0),
        ("five stars", 1.0),
        ("three stars", 0.5),
        ("one star", 0.0),
        ("own rating", 0.0),
        ("two reviews of one item", 1.0),
        ("review by someone not entitled", 0.0),
    ],
)
def test_what_counts_as_helpful(what: str, expected: float) -> None:
    items = [item("q", author="asker", tags=("seals",)), item("r", type="resource", author="x")]
    ratings, reviews = [], []
    sme = person("x", sme_for=("seals",))
    if what == "accepted answer":
        items[0] = item("q", author="asker", accepted="a")
        items.append(item("a", type="answer", author="x", problem="q"))
    elif what == "own answer accepted on own problem":
        items[0] = item("q", author="x", accepted="a")
        items.append(item("a", type="answer", author="x", problem="q"))
    elif what.endswith("stars") or what == "one star":
        stars = {"five stars": 5, "three stars": 3, "one star": 1}[what]
        ratings.append(rating("r", "bob", stars))
    elif what == "own rating":
        ratings.append(rating("r", "x", 5))
    elif what == "two reviews of one item":
        reviews += [Review("q", "x", date(2026, 5, 1), "approved")] * 2
    else:
        sme = person("x")
        reviews.append(Review("q", "x", date(2026, 5, 1), "approved"))
    cat = catalog(items, [sme, person("asker")], ratings=ratings, reviews=reviews)
    assert helpfulness_of(cat, "x").score == pytest.approx(expected)


def test_newcomers_by_first_contribution_items_or_reviews() -> None:
    cat = catalog(
        [
            item("a1", author="ann", date=date(2026, 1, 1)),
            item("a2", author="ann", date=date(2026, 6, 1)),
            item("b1", author="ben", date=date(2026, 3, 1)),
            item("h1", author="hid", date=date(2026, 6, 10)),
            item("s1", author="sam", date=date(2026, 5, 1), tags=("seals",)),
        ],
        [
            person("ann"),
            person("ben"),
            person("hid", listed=False),
            person("rev", sme_for=("seals",)),
            person("sam"),
            person("idle"),
        ],
        reviews=[Review("s1", "rev", date(2026, 5, 20), "approved")],
    )
    assert [(p.handle, d) for p, d in newcomers(cat)] == [
        ("rev", date(2026, 5, 20)),
        ("sam", date(2026, 5, 1)),
        ("ben", date(2026, 3, 1)),
        ("ann", date(2026, 1, 1)),  # her first item, not her latest
    ]
    assert len(newcomers(cat, limit=2)) == 2


def test_derived_expertise_is_accepted_or_well_rated_answers_by_tag() -> None:
    cat = catalog(
        [
            item("q1", tags=("pumps", "seals"), accepted="acc"),
            item("acc", type="answer", author="x", problem="q1", tags=("pumps", "seals")),
            item("q2", tags=("seals",)),
            item("liked", type="answer", author="x", problem="q2", tags=("seals",)),
            item("q3", tags=("lockout",)),
            item("meh", type="answer", author="x", problem="q3", tags=("lockout",)),
            item("unrated", type="answer", author="x", problem="q3", tags=("lockout",)),
        ],
        # "liked" is rated above the prior mean; "meh" at three stars falls below it
        ratings=[rating("liked", "bob", 4), rating("meh", "bob", 3)],
    )
    assert [(e.tag, e.accepted, e.well_rated) for e in expertise_of(cat, "x")] == [
        ("seals", 1, 1),
        ("pumps", 1, 0),
    ]


def test_contributions_by_type_reviews_and_edits_of_others_items() -> None:
    cat = catalog(
        [
            item("q", author="x", date=date(2026, 2, 1), tags=("seals",)),
            item("q-new", author="x", date=date(2026, 4, 1)),
            item("a", type="answer", author="x", problem="other"),
            item("other", author="y", tags=("seals",), contributors=("y", "x", "stranger@x.test")),
            item("path", type="collection", author="x"),
        ],
        [person("x", sme_for=("seals",)), person("y")],
        reviews=[Review("other", "x", date(2026, 3, 1), "approved")],
    )
    found = contributions_of(cat, "x")
    assert {k: [i.id for i in v] for k, v in found.items.items()} == {
        "problem": ["q-new", "q"],
        "answer": ["a"],
        "resource": [],
        "collection": ["path"],
    }
    assert [r.item for r in found.reviews] == ["other"]
    assert [i.id for i in found.edits] == ["other"]
    assert found.total == 6
    # an email in git's contributors is never a person
    assert contributions_of(cat, "stranger@x.test").total == 0


# --- listed: false ------------------------------------------------------------------------------


def test_listed_false_takes_part_in_no_ranking_finder_or_suggestion() -> None:
    cat = catalog(
        [
            item("q", tags=("seals",), accepted="star"),
            item(
                "star",
                type="answer",
                author="hid",
                problem="q",
                tags=("seals",),
                date=date(2026, 6, 1),
            ),
            item("open", tags=("seals",)),
        ],
        [
            person("hid", listed=False, sme_for=("seals",), communities=("field",), featured=True),
            person("ann", communities=("field",)),
        ],
        ratings=[rating("star", "ann", 5)],
    )
    assert helpfulness_of(cat, "hid").score > 0  # known, but never shown
    assert most_helpful(cat) == []
    assert newcomers(cat) == []  # hid answered on 2026-06-01, the only dated contribution
    assert [e.person.handle for e in experts_for_tag(cat, "seals")] == []
    assert [e.person.handle for e in experts_for_community(cat, "field")] == []
    assert answerers_for(cat, ["seals"]) == []
    assert people_by_expertise(cat) == []
    assert suggested_experts(cat, cat.items["open"]) == []
    assert featured_people(cat) == []
    assert [p.handle for p in members_of(cat, "field")] == ["ann"]
    assert "hid" not in [p.handle for p in listed_people(cat)]


# --- the expert finder ---------------------------------------------------------------------------


def test_expert_finder_lists_smes_first_then_helpers_in_that_tag() -> None:
    cat = catalog(
        [
            item("q", tags=("seals",), accepted="a1", community="field"),
            item(
                "a1", type="answer", author="hana", problem="q", tags=("seals",), community="field"
            ),
            item("q2", tags=("pumps",), accepted="a2"),
            item("a2", type="answer", author="pumpy", problem="q2", tags=("pumps",)),
        ],
        [person("sam", sme_for=("seals",)), person("zed", sme_for=("seals",))],
        ratings=[rating("a1", "bob", 5)],
        reviews=[Review("a1", "zed", date(2026, 5, 1), "approved")],
    )
    rows = [(e.person.handle, e.sme, e.help.score) for e in experts_for_tag(cat, "seals")]
    # SMEs first, the one who helped in this tag before the one who did not;
    # then hana; pumpy helped only under another tag
    assert rows == [("zed", True, 1.0), ("sam", True, 0.0), ("hana", False, 4.0)]
    # the community's finder: SMEs of its tags, then helpers in its items (pumpy's are in none)
    rows = [(e.person.handle, e.sme) for e in experts_for_community(cat, "field")]
    assert rows == [("zed", True), ("sam", True), ("hana", False)]


# --- built site ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def people_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = dk.make_people_site(tmp_path_factory.mktemp("people") / "kb")
    dk.build(root)
    return root / "site"


def test_home_who_is_popular_and_who_is_new(people_site: Path) -> None:
    home = (people_site / "index.html").read_text()
    # pat posted six answers and ranks nowhere; hugo would win but is unlisted
    assert attr_values(section(home, "whos-popular"), "data-handle") == ["hana", "sme"]
    assert attr_values(section(home, "whos-new"), "data-handle") == [
        "nina",
        "pat",
        "sme",
        "hana",
        "alice",
    ]


def test_profiles_list_the_right_contributions(people_site: Path) -> None:
    hana = (people_site / "people/hana/index.html").read_text()
    assert attr_values(section(hana, "contributions"), "data-id") == ["reset-overload"]
    assert "1 accepted answer · 2 ratings received" in hana
    assert attr_values(section(hana, "expertise"), "data-tag") == ["pumps"]
    pat = (people_site / "people/pat/index.html").read_text()
    assert attr_values(section(pat, "contributions"), "data-id") == [
        f"pat-{n}" for n in range(5, -1, -1)
    ]
    assert "no accepted answers, ratings or reviews yet" in pat
    sme = (people_site / "people/sme/index.html").read_text()
    contributions = section(sme, "contributions")
    assert attr_values(contributions, "data-id") == ["seal-guide"]
    assert 'data-item="check-flush"' in contributions
    assert "SME</span> for" in section(sme, "expertise")


def test_unlisted_person_has_no_profile_and_is_in_no_list(people_site: Path) -> None:
    assert not (people_site / "people/hugo").exists()
    for page in people_site.rglob("*.html"):
        text = page.read_text()
        assert "people/hugo/" not in text, page
        assert 'data-handle="hugo"' not in text, page
    # the answers still show, with the name but no profile link
    problem = (people_site / "problems/noisy-bearing/index.html").read_text()
    assert "Hugo Hidden" in problem


def test_no_email_reaches_any_page(people_site: Path) -> None:
    for page in people_site.rglob("*"):
        if page.suffix in {".html", ".xml", ".json", ".js"}:
            assert not re.search(r"[\w.]+@acme\.test", page.read_text()), page


def test_directory_reads_without_javascript(people_site: Path) -> None:
    html = (people_site / "people/index.html").read_text()
    everyone = section(html, "everyone")
    assert attr_values(everyone, "data-handle") == [
        "alice",
        "bob",
        "cmgr",
        "dave",
        "hana",
        "nina",
        "pat",
        "sme",
    ]
    # every filter is a link to a section that lists the people it would leave
    assert 'href="#community-supply"' in html and 'href="#expertise-pumps"' in html
    supply = section(html, "community-supply").split("</h3>")[0]
    assert "Supply chain" in supply
    grouped = html.split('id="community-supply"')[1].split("</ul>")[0]
    assert re.findall(r'href="\.\./people/(\w+)/"', grouped) == ["hana", "nina"]
    by_tag = html.split('id="expertise-seals"')[1].split("</ul>")[0]
    assert re.findall(r'href="\.\./people/(\w+)/"', by_tag) == ["sme"]
    # the JavaScript filter is an extra: its form starts hidden
    assert re.search(r'<form class="ws-filter" id="ws-people-filter" hidden', html)
    assert (people_site / "assets/workscape-people.js").is_file()


def test_tag_and_community_pages_have_the_expert_finder(people_site: Path) -> None:
    pumps = (people_site / "tags/pumps/index.html").read_text()
    finder = pumps.split('id="experts"')[1].split('id="items"')[0]
    assert attr_values(finder, "data-handle") == ["hana", "sme"]
    seals = (people_site / "tags/seals/index.html").read_text()
    finder = seals.split('id="experts"')[1].split('id="items"')[0]
    assert attr_values(finder, "data-sme")[:1] == ["true"]
    assert attr_values(finder, "data-handle")[0] == "sme"
    field = (people_site / "communities/field/index.html").read_text()
    finder = field.split('id="experts"')[1].split('id="unanswered"')[0]
    assert attr_values(finder, "data-handle") == ["sme", "hana"]
    supply = (people_site / "communities/supply/index.html").read_text()
    assert "Supply chain" in supply and "horizontal" in supply
    members = supply.split('id="members"')[1].split('id="items"')[0]
    assert re.findall(r'href="\.\./\.\./people/(\w+)/"', members) == ["hana", "nina"]
    assert attr_values(supply.split('id="unanswered"')[1].split('id="members"')[0], "data-id") == [
        "spares-wait"
    ]
