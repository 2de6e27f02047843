"""Search on the built site and from the command line: files, filters, privacy, the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import sitekit
from workscape.cli import main
from workscape.project import load_project
from workscape.search.engine import (
    FIELDS,
    QUERY,
    RANK_DIGITS,
    SNIPPET_WIDTH,
    SUPERSEDED_WEIGHT,
    Filters,
    SearchEngine,
)
from workscape.search.index import K1, SCORE_DIGITS, B

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    return SearchEngine.build(load_project(REPO).published())


def _varints(data: bytes):
    """Unsigned LEB128 varints, read one by one, as search.js reads them."""
    pos = 0
    while pos < len(data):
        value, shift = 0, 0
        while True:
            byte = data[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        yield value


def decode_postings(shards: list[bytes], starts: list[int], docs: int, fields: int, terms: int):
    """The postings shards read back as search.js reads them (see publish/pages/search.py)."""
    counts: list[list[list[tuple[int, int]]]] = [[[] for _ in range(fields)] for _ in range(docs)]
    for k, data in enumerate(shards):
        read = _varints(data)
        for term in range(starts[k], starts[k + 1] if k + 1 < len(starts) else terms):
            sizes = [next(read) for _ in range(fields)]
            for f in range(fields):
                doc = 0
                for _ in range(sizes[f]):
                    doc += next(read)
                    counts[doc][f].append((term, next(read)))
        assert next(read, None) is None, k  # the shard holds its terms and nothing else
    return counts


# -- the files on the built example -------------------------------------------------------


def test_the_site_ships_what_the_engine_scores_from(example_site: Path, engine) -> None:
    meta = json.loads((example_site / "search/documents.json").read_text())
    index = json.loads((example_site / "search/index.json").read_text())
    assert meta["fields"] == list(FIELDS) and index["boosts"] == FIELDS
    assert index["bm25"] == {"k1": K1, "b": B, "digits": SCORE_DIGITS}
    # what search.js queries, ranks and cuts snippets with (it copies none of these)
    assert (meta["query"], meta["superseded_weight"]) == (QUERY, SUPERSEDED_WEIGHT)
    assert (meta["rank_digits"], meta["snippet_width"]) == (RANK_DIGITS, SNIPPET_WIDTH)
    assert [row[0] for row in meta["docs"]] == [d.id for d in engine.docs]
    weight = meta["columns"].index("weight")
    assert [row[weight] for row in meta["docs"]] == list(engine.vectors.weights)
    terms = index["terms"]
    assert terms == list(engine.vectors.terms)
    assert terms == sorted(terms, key=lambda t: t.encode("utf-16-be"))  # lunr.js's order
    starts = index["shards"]
    assert starts[0] == 0 and starts == sorted(set(starts)) and starts[-1] < len(terms)
    shards = [(example_site / f"search/postings/{k}.bin").read_bytes() for k in range(len(starts))]
    assert not (example_site / f"search/postings/{len(starts)}.bin").exists()
    assert len(shards) > 1  # the example already needs several: every browser test crosses them
    counts = decode_postings(shards, starts, len(meta["docs"]), len(FIELDS), len(terms))
    v = engine.vectors
    assert list(_varints((example_site / "search/lengths.bin").read_bytes())) == [
        n for lengths in v.lengths for n in lengths
    ]
    assert counts == [[list(c) for c in per_field] for per_field in v.counts]


def test_every_published_item_is_searchable_and_answers_point_into_their_problem(
    example_site: Path, engine
) -> None:
    catalog = load_project(REPO).published()
    assert {d.id for d in engine.docs} == set(catalog.items)
    for doc in engine.docs:
        assert (example_site / f"search/text/{doc.id}.txt").read_text() == doc.text
        page, _, anchor = doc.url.partition("#")
        html = (example_site / page / "index.html").read_text()
        assert not anchor or f'id="{anchor}"' in html, doc.url


def test_lunr_is_bundled_with_its_license_and_material_search_is_gone(example_site: Path) -> None:
    lunr = (example_site / "assets/search/lunr.min.js").read_text()
    assert lunr.startswith("/**\n * lunr - http://lunrjs.com") and "@license MIT" in lunr[:300]
    assert "2.3.9" in lunr[:200]
    assert not (example_site / "search/search_index.json").exists()


def test_every_page_has_the_header_search_box_sending_to_search(example_site: Path) -> None:
    for rel in (
        "index.html",
        "problems/seal-weeps-after-replacement/index.html",
        "tags/index.html",
    ):
        html = (example_site / rel).read_text()
        form = re.search(r'<form class="ws-header-search"[^>]*action="([^"]+)"', html)
        assert form, rel
        target = (example_site / rel).parent / form[1]
        assert (target.resolve() / "index.html").is_file(), (rel, form[1])
        assert 'name="q"' in html


def test_the_search_page_has_every_filter_and_says_what_to_do_without_javascript(
    example_site: Path,
) -> None:
    html = (example_site / "search/index.html").read_text()
    for name in ("q", "type", "tag", "community", "state"):
        assert f'name="{name}"' in html
    assert '<option value="mechanical-seals">Mechanical seals</option>' in html
    # the review filter is a set of boxes: several states at once, also without JavaScript
    assert re.search(
        r'<input type="checkbox" name="state" value="sme-approved">\s*<span data-ws-label>SME approved</span>',
        html,
    )
    noscript = re.search(r"<noscript>(.*?)</noscript>", html, re.S)[1]
    assert "needs JavaScript" in noscript
    for link in ("tags/", "communities/", "new/", "problems/", "resources/"):
        assert f'href="../{link}"' in noscript


def test_no_email_address_reaches_the_search_files(example_site: Path) -> None:
    catalog = load_project(REPO).catalog
    emails = {e.lower() for p in catalog.people.values() for e in p.emails}
    assert emails
    for path in (example_site / "search").rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace").lower()
            assert not [e for e in emails if e in text], path
            assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", text), path


def test_an_address_written_in_a_body_stays_out_of_the_index(tmp_path: Path) -> None:
    root = sitekit.make_site(
        tmp_path / "kb",
        {
            "content/problems/mail.md": "---\ntitle: Who to mail\nauthor: alice\n---\n"
            "Write to alice@acme.test or zed.quux@example.org about the pump.\n",
        },
    )
    engine = SearchEngine.build(load_project(root).published())
    doc = next(d for d in engine.docs if d.id == "mail")
    assert "@" not in doc.text and "pump" in doc.text
    assert not {"acme", "quux", "zed"} & set(engine.vectors.terms)
    assert "alic" in engine.vectors.terms  # the author's name and handle are searchable


def test_the_same_content_gives_the_same_search_files(tmp_path: Path) -> None:
    sites = []
    for name in ("one", "two"):
        root = sitekit.make_site(tmp_path / name)
        result = sitekit.build(root)
        assert result.returncode == 0, result.stderr
        sites.append(root / "site")
    files = sorted(p.relative_to(sites[0]) for p in (sites[0] / "search").rglob("*") if p.is_file())
    assert files
    for rel in files:
        assert (sites[0] / rel).read_bytes() == (sites[1] / rel).read_bytes(), rel
    page = [(s / "search/index.html").read_text() for s in sites]
    version = [re.search(r'data-version="(\w+)"', p)[1] for p in page]
    assert version[0] == version[1]


# -- filters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "check"),
    [
        (Filters(type="resource"), lambda d: d.type == "resource"),
        (Filters(tag="mechanical-seals"), lambda d: "mechanical-seals" in d.tags),
        (Filters(community="quality-and-compliance"), lambda d: d.community == "quality-and-compliance"),
        (Filters(state="sme-approved"), lambda d: d.state == "sme-approved"),
        (Filters(type="answer", tag="lockout-tagout"), lambda d: d.type == "answer" and "lockout-tagout" in d.tags),
    ],
)  # fmt: skip
def test_each_filter_keeps_exactly_the_matching_hits(engine, filters: Filters, check) -> None:
    everything = engine.search("pump")
    kept = engine.search("pump", filters)
    assert kept and len(kept) < len(everything)
    assert [h.doc.id for h in kept] == [h.doc.id for h in everything if check(h.doc)]


def test_an_empty_query_lists_what_the_filters_admit_best_curated_first(engine) -> None:
    hits = engine.search("", Filters(type="resource"))
    assert {h.doc.id for h in hits} == {d.id for d in engine.docs if d.type == "resource"}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert engine.search("the and of") == []  # only stop words


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("cavitaton", "cavitation-noise-at-low-tank-level"),
        ("hydrotst", "hydrotest-hold-time"),
        ("alignmnet", "laser-alignment-readings-drift"),
        ("seels", "seal-weeps-after-replacement"),
    ],
)
def test_a_typo_still_finds_the_item(engine, typed: str, expected: str) -> None:
    assert engine.search(typed)[0].doc.id == expected


# -- the command line ---------------------------------------------------------------------


def _cli(*args: str):
    return CliRunner().invoke(main, ["search", *args, "--root", str(REPO)])


def test_cli_prints_ranked_results_with_badge_rating_snippet_and_tags() -> None:
    result = _cli("customer", "refused", "to", "sign", "my", "job", "sheet", "--limit", "2")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        lines[0]
        == "1. Customer wouldn't sign the service report - can I still close the job?  [problem]"
    )
    assert lines[1].startswith("   problems/service-report-without-signature/  ·  ")
    assert "tags: service-reports" in result.output
    assert lines[-1].startswith("… ") and "--limit 0" in lines[-1]


def test_cli_results_equal_the_engine(engine) -> None:
    result = _cli("seal", "leak", "--json", "--limit", "0")
    assert result.exit_code == 0
    got = [(r["id"], r["score"]) for r in json.loads(result.output)]
    assert got == [(h.doc.id, h.score) for h in engine.search("seal leak")]


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["--type", "resource"], lambda r: r["type"] == "resource"),
        (["--tag", "seals"], lambda r: "mechanical-seals" in r["tags"]),  # a synonym
        (["--community", "Supply Chain & Service Parts"], lambda r: r["community"] == "supply-chain"),
        (["--community", "supply-chain"], lambda r: r["community"] == "supply-chain"),
        (["--state", "sme-approved"], lambda r: r["state"] == "sme-approved"),
    ],
)  # fmt: skip
def test_cli_filters(args: list[str], check) -> None:
    result = _cli("pump", *args, "--json", "--limit", "0")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and all(check(r) for r in rows)


def test_cli_names_the_closest_tag_for_an_unknown_one() -> None:
    result = _cli("pump", "--tag", "mechanical-seal")
    assert result.exit_code == 2
    assert "no tag 'mechanical-seal'" in result.output and "'mechanical-seals'" in result.output


def test_cli_says_when_nothing_matches() -> None:
    result = _cli("zzzqqqxx")
    assert result.exit_code == 0
    assert result.output == "No results. Try other words, or fewer filters.\n"
