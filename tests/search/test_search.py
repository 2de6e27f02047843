"""Search: relevance on the bundled example, ranking, filters, the CLI and the built files.

The relevance cases were written before the ranking was tuned, phrased the way a
reader would ask (not copied from titles): each names the item that must come first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit
from workscape.project import load_project
from workscape.search.engine import (
    SearchEngine,
    plain_text,
    query_words,
    snippet,
    weight,
)
from workscape.search.terms import stem, terms, words

REPO = Path(__file__).resolve().parent.parent.parent

#: (what a reader types, the item that must come first)
RELEVANCE = [
    ("my new seal is dripping a day after I fitted it", "seal-weeps-after-replacement"),
    (
        "rattling like gravel inside the pump when the tank is nearly empty",
        "cavitation-noise-at-low-tank-level",
    ),
    ("how long do we hold the pressure in a hydrotest", "hydrotest-hold-time"),
    (
        "bearing temperature too high after an overhaul in the workshop",
        "bearing-housing-runs-hot-after-rebuild",
    ),
    ("customer refused to sign my job sheet", "service-report-without-signature"),
    ("vibration went up after I changed the impeller", "high-1x-vibration-after-impeller-swap"),
    ("drive trips on overcurrent when the motor starts", "vfd-overcurrent-trip-on-start"),
    (
        "gauge was out of calibration, are the earlier tests still valid",
        "overdue-gauge-used-on-tests",
    ),
    ("cooling tower pump seals keep failing", "cooling-tower-pumps-lose-seals-every-quarter"),
    ("permit form for going into a wet well", "confined-space-permit-form"),
    (
        "difference between 3.1 and 2.2 certificates for material",
        "material-cert-en-10204-explainer",
    ),
    ("new technician, how do I get parts for my van", "van-stock-access-for-new-technicians"),
    ("stator swelling with solvent", "pc-pump-stator-swelling"),
    ("where do I attach slings to lift the upper casing half", "lifting-split-case-top-half"),
    (
        "is our dosing skid with a dampener in scope of the pressure equipment directive",
        "ped-scope-pump-skid-dampener",
    ),
    ("head lower than the curve on the test bed", "test-head-below-curve"),
    ("laser alignment numbers keep changing", "laser-alignment-readings-drift"),
    ("when do I need a full 8D instead of five whys", "five-whys-or-8d"),
    ("cheat sheet for reading vibration spectrum peaks", "vibration-spectra-cheat-sheet"),
    ("can I use the enable input on the inverter as lockout", "loto-on-vfd-fed-motor"),
]


@pytest.fixture(scope="module")
def example():
    loaded = load_project(REPO)
    catalog = loaded.published()
    return catalog, SearchEngine.build(catalog)


#: Cases the ranking still gets wrong, with why. Before tuning seven failed: an
#: SME-approved answer came before the problem whose page shows it (x6), or a well-rated
#: video before the problem. Milder curation weights and "a problem is found by its
#: answers" fixed six; this one stays: the answer and the problem put the reader's words
#: (permit, wet well) in their titles, while the form's title is its document number.
KNOWN_MISSES = {"confined-space-permit-form"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param(q, e, marks=pytest.mark.xfail(strict=True, reason="known miss"))
        if e in KNOWN_MISSES
        else (q, e)
        for q, e in RELEVANCE
    ],
    ids=[e for _, e in RELEVANCE],
)
def test_a_reader_question_finds_the_named_item_first(example, query: str, expected: str) -> None:
    _, engine = example
    hits = engine.search(query)
    assert hits, f"no result for {query!r}"
    top = [h.doc.id for h in hits[:5]]
    assert top[0] == expected, f"{query!r}: top five were {top}"


# -- synonyms, superseded, curation weights -----------------------------------------------


@pytest.mark.parametrize(
    ("query", "tag"),
    [
        ("coshh", "hazardous-substances"),
        ("hazloc", "atex-hazardous-areas"),
        ("mrp", "inventory-planning"),
    ],
)
def test_a_tag_synonym_finds_items_under_its_tag(example, query: str, tag: str) -> None:
    catalog, engine = example
    hits = engine.search(query)
    assert hits
    assert tag in hits[0].doc.tags
    tagged = {d.id for d in engine.docs if tag in d.tags}
    assert tagged <= {h.doc.id for h in hits}


def test_a_superseded_item_ranks_below_its_replacement_even_on_its_own_title(example) -> None:
    _, engine = example
    ids = [h.doc.id for h in engine.search("Seal failures on cooling-tower pumps")]
    assert "seal-failures-cooling-tower" in ids  # still findable
    assert ids.index("cooling-tower-pumps-lose-seals-every-quarter") < ids.index(
        "seal-failures-cooling-tower"
    )


def test_weights_reward_approval_and_ratings_and_demote_superseded(example) -> None:
    catalog, engine = example
    by_id = {d.id: d for d in engine.docs}
    assert by_id["seal-failures-cooling-tower"].weight < 0.5
    approved = [d for d in engine.docs if d.state == "sme-approved"]
    community = [d for d in engine.docs if d.state == "community" and not d.ratings]
    assert approved and community
    assert min(d.weight for d in approved if not d.superseded_by) > max(d.weight for d in community)
    for doc in engine.docs:
        assert doc.weight == weight(catalog, catalog.items[doc.id])


def _twin_site(root: Path, reviews: dict[str, str], ratings: dict[str, str]) -> Path:
    """Two problems that say the same thing; curation data decides between them."""
    body = "---\ntitle: Impeller rubs the casing\nauthor: {a}\ntags: [seals]\ndate: 2026-03-0{d}\n---\nThe impeller rubs the wear ring after a rebuild.\n"
    files = {
        "content/problems/twin-a.md": body.format(a="alice", d=4),
        "content/problems/twin-b.md": body.format(a="bob", d=4),
        **{f"curation/reviews/{k}.yml": v for k, v in reviews.items()},
        **ratings,
    }
    return sitekit.make_site(root, files)


def _top(root: Path, query: str) -> list[str]:
    loaded = load_project(root)
    return [h.doc.id for h in SearchEngine.build(loaded.published()).search(query)]


APPROVAL = """\
- by: sme
  date: 2026-03-05
  verdict: approved
  note: Checked.
"""


def test_an_sme_approved_twin_outranks_the_other(tmp_path: Path) -> None:
    root = _twin_site(tmp_path / "kb", {"twin-b": APPROVAL}, {})
    assert _top(root, "impeller rubbing")[:2] == ["twin-b", "twin-a"]


def test_a_well_rated_twin_outranks_the_other(tmp_path: Path) -> None:
    ratings = {
        f"curation/ratings/twin-b/{who}.yml": "stars: 5\ndate: 2026-03-06\n"
        for who in ("alice", "sme", "cmgr")
    }
    root = _twin_site(tmp_path / "kb", {}, ratings)
    assert _top(root, "impeller rubbing")[:2] == ["twin-b", "twin-a"]


def test_equal_twins_keep_a_fixed_order(tmp_path: Path) -> None:
    root = _twin_site(tmp_path / "kb", {}, {})
    assert _top(root, "impeller rubbing")[:2] == ["twin-a", "twin-b"]


# -- terms: the same as lunr.js ---------------------------------------------------------

#: lunr.js 2.3.9's ``lunr.stemmer`` on these words (taken from Node), including the words
#: ending in "y" where the ``lunr`` package's own stemmer disagrees with it.
LUNR_JS_STEMS = {
    "day": "day", "days": "day", "dry": "dri", "flying": "fli", "why": "whi", "whys": "whi",
    "key": "key", "say": "say", "try": "tri", "yesterday": "yesterday", "relay": "relay",
    "generalization": "gener", "relational": "relat", "conditional": "condit",
    "hopeful": "hope", "goodness": "good", "sensibility": "sensibl", "electrical": "electr",
    "adjustable": "adjust", "replacement": "replac", "happy": "happi", "sky": "ski",
    "agreed": "agre", "feed": "feed", "hopping": "hop", "hoping": "hope", "filing": "file",
    "sized": "size", "caresses": "caress", "ponies": "poni", "cats": "cat", "yell": "yell",
    "yelling": "yell", "running": "run", "vibrations": "vibrat", "leaking": "leak",
    "failures": "failur", "sealing": "seal", "bearings": "bear", "calibrated": "calibr",
    "calibration": "calibr", "i": "i", "be": "be",
}  # fmt: skip


@pytest.mark.parametrize(("word", "expected"), sorted(LUNR_JS_STEMS.items()))
def test_the_stemmer_is_lunr_js(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_words_are_runs_of_letters_and_digits_after_normalising() -> None:
    assert words("P-200 seal: ﬁtted 2×, Ä/ö; don't") == [
        "p", "200", "seal", "fitted", "2", "ä", "ö", "don", "t",
    ]  # fmt: skip
    assert terms("The seals were leaking") == ["seal", "leak"]  # stop words go


def test_query_words_drop_stop_words_and_repeats() -> None:
    assert query_words("How do I stop the seal, the SEAL leaking?") == ["stop", "seal", "leaking"]


def test_the_fast_index_equals_lunr_builder() -> None:
    from lunr.builder import Builder

    from workscape.search.index import IndexRow, compute_vectors, lunr_index

    catalog = load_project(REPO).published()
    boosts = {"title": 10, "body": 1}
    rows = [
        IndexRow(str(k), {"title": terms(i.title), "body": terms(i.body)}, 1 + k % 3 / 4)
        for k, i in enumerate(catalog.items.values())
    ]
    ours = lunr_index(compute_vectors(rows, boosts))
    builder = Builder()
    builder.ref("ref")
    for name, boost in boosts.items():
        builder.field(name, boost)
    for row in rows:
        builder.add({"ref": row.ref, **row.fields}, attributes={"boost": row.boost})
    theirs = builder.build()

    def by_term(index):  # field ref -> {term: score}, whatever the term numbering
        names = {p["_index"]: t for t, p in index.inverted_index.items()}
        return {
            ref: {names[int(e[i])]: e[i + 1] for i in range(0, len(e), 2)}
            for ref, vector in index.field_vectors.items()
            for e in [vector.elements]
        }

    assert by_term(ours) == by_term(theirs)
    assert ours.inverted_index.keys() == theirs.inverted_index.keys()


# -- text and snippets ------------------------------------------------------------------


def test_plain_text_keeps_words_and_drops_markup() -> None:
    markdown = (
        "## Fix\n\nSee [the guide](https://x.test/a) and **bold** `code`.\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n```text\nE1234 trip\n```\n"
        '!!! warning "Careful"\n    <b>Lock</b> it.\n'
    )
    assert (
        plain_text(markdown)
        == 'Fix See the guide and bold code . a b 1 2 E1234 trip "Careful" Lock it.'
    )


def test_skipping_markup_rules_whose_literals_are_absent_changes_no_text() -> None:
    """plain_text skips a rule when none of its literals is in the text, and runs the rules
    on UTF-8 bytes: every item of the example, and every kind of markup alone, gives the
    text all rules give run on the text."""
    from workscape.search.engine import _MARKUP

    def every_rule(markdown: str) -> str:  # on the text, as plain_text once did
        for pattern, replacement, _ in _MARKUP:
            markdown = pattern.sub(replacement.decode(), markdown)
        return " ".join(markdown.split())

    samples = [p.read_text() for p in sorted((REPO / "content").rglob("*.md"))]
    samples += [
        "```py\nx\n```", "~~~\ny\n~~~", "a <b>c</b>", "![i](a.png) [l](b)", "[r][x]", "x[^1]",
        "see http://a.test/x", "# T {: #id }", "!!! note\n    n", "??? tip", "???+ tip",
        "| a |\n|:-|\n", "1. one\n- two\n> q", "`c` *e* _u_ ~s~ |p|", "plain words only",
        "## Überdruck {: #ü }\n- [Ventil – prüfen](a.md) ✓ <i>jetzt</i> → 水泵 https://x.test/ü",
    ]  # fmt: skip
    assert len(samples) > 100
    for markdown in samples:
        assert plain_text(markdown) == every_rule(markdown), markdown[:60]


def test_a_snippet_is_cut_around_the_first_match_and_marks_every_match() -> None:
    text = " ".join(["filler"] * 60) + " the seal was leaking badly, seals weep " + "end " * 40
    cut, spans = snippet(text, query_words("seal leaks"), width=120)
    assert cut.startswith("…") and cut.endswith("…") and len(cut) <= 122
    assert [cut[a:b] for a, b in spans] == ["seal", "leaking", "seals"]
    short, spans = snippet("Check the flush plan.", ["flush"])
    assert short == "Check the flush plan." and spans == [(10, 15)]


def test_no_match_gives_the_opening_words() -> None:
    cut, spans = snippet("One two three four five six", ["zebra"], width=12)
    assert cut == "One two…" and spans == []


# -- rank: the step search.js repeats ---------------------------------------------------


def _doc(
    doc_id: str,
    kind: str = "problem",
    problem: str = "",
    superseded: str = "",
    day: str = "2026-01-01",
):
    from workscape.search.engine import SearchDoc

    return SearchDoc(
        id=doc_id, type=kind, title=doc_id, url=f"{kind}s/{doc_id}/", tags=(), community="",
        state="community", rating=None, ratings=0, weight=1.0, date=day, author="A",
        superseded_by=superseded, problem=problem, text="",
    )  # fmt: skip


def test_rank_lifts_a_problem_to_its_best_answer_and_lists_it_first() -> None:
    from workscape.search.engine import Hit, rank

    docs = {d.id: d for d in [
        _doc("p"), _doc("a1", "answer", "p"), _doc("a2", "answer", "p"), _doc("q"),
        _doc("old", superseded="p"), _doc("a3", "answer", "old"), _doc("r", "resource"),
    ]}  # fmt: skip
    hits = [Hit(docs["a1"], 5.0), Hit(docs["a2"], 7.0), Hit(docs["q"], 6.0), Hit(docs["p"], 1.0)]
    hits += [Hit(docs["a3"], 8.0), Hit(docs["r"], 6.0)]
    ranked = [(h.doc.id, h.score) for h in rank(hits, docs)]
    assert ranked == [
        ("a3", 8.0), ("p", 7.0), ("a2", 7.0), ("q", 6.0), ("r", 6.0), ("a1", 5.0), ("old", 2.0),
    ]  # fmt: skip


def test_rank_breaks_ties_by_date_then_id() -> None:
    from workscape.search.engine import Hit, rank

    docs = {d.id: d for d in [_doc("b", day="2026-02-01"), _doc("a"), _doc("c")]}
    ranked = rank([Hit(d, 1.0) for d in docs.values()], docs)
    assert [h.doc.id for h in ranked] == ["b", "a", "c"]
