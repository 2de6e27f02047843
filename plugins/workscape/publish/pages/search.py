"""The /search/ page and the files the browser searches with.

The browser receives the core's index (:mod:`workscape.search.engine`), not a copy
of the site's pages. What a first query needs is downloaded up front; the postings
come in shards, fetched only for the terms a query reaches:

- ``documents.json``: per item what a result shows and what the filters test (title,
  type, URL, tags, community, review state, rating, weight, date, author name), in
  columns named once; plus facet labels and the query settings;
- ``index.json``: the index's terms, sorted, their position being their number, the
  terms in more than half of the documents (which queries skip), the field boosts and
  BM25 constants (lunr's, with its rounding), and ``shards``: the number of the first
  term of each postings shard (shard ``k`` holds terms ``shards[k]`` up to the next);
- ``lengths.bin``: unsigned LEB128 varints, per document and field its length (terms,
  repeats counted): with the document boosts, all BM25 needs besides a term's postings;
- ``postings/<k>.bin``: varints, per term of shard ``k``: per field, how many documents
  hold it there; then per field, per such document, its number's increase over the
  previous one's and how often the term occurs.

``search.js`` first runs a query against empty postings to learn which terms lunr
reaches (the query's words, the terms its last word begins, its typo variants), fetches
the shards holding them, and then runs it for real. It computes the BM25 scores of a
shard's postings with lunr's formula (as :func:`workscape.search.index.compute_vectors`
does; a browser test checks every score is the same) into the documents' field vectors.
A vector then holds only the terms loaded so far, which leaves every score unchanged:
lunr scores a document by the dot product of its vectors with the query's, and every
term of the query is loaded. Snippets come from ``search/text/<id>.txt``, fetched for
the results on screen only.

Shard names are stable (``postings/0.bin``...) and every file is fetched with the
bundle's version as its query string: adding one item renumbers the documents after it
and often the terms, which changes most shards anyway, so content-hashed names would
keep little in a reader's cache, while one version for all files means a page never
combines a shard with another build's dictionary. Shards are cut at about
``SHARD_BYTES``; a term whose postings are larger than that fills a shard alone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...github.links import ask_link
from ...interface_language import translations
from ...model import ITEM_TYPES, REVIEW_STATES, Catalog
from ...rules.generated import section_page
from ...rules.reviews import STATE_LABELS
from ...search.engine import (
    FIELDS,
    QUERY,
    RANK_DIGITS,
    SNIPPET_WIDTH,
    SUPERSEDED_WEIGHT,
    SearchDoc,
    SearchEngine,
)
from ...search.index import K1, SCORE_DIGITS, B, Vectors
from ...sources.settings import Settings
from .markdown import own_title, page_markdown

KINDS = {"search"}
ASSETS = Path(__file__).resolve().parent.parent.parent / "assets" / "search"
LUNR_VERSION = "2.3.9"  #: of assets/search/lunr.min.js; the index format is lunr 2.x's
#: About how many bytes of postings a shard holds (before gzip, which takes about half):
#: a query fetches one shard per word, so smaller shards waste less of each download,
#: while a typo retried (its variants are spread over the alphabet) fetches more of them.
SHARD_BYTES = 16 * 1024
COLUMNS = (
    "id", "type", "title", "url", "tags", "community", "state", "rating", "ratings",
    "weight", "date", "author", "superseded_by", "problem",
)  # fmt: skip


@dataclass(frozen=True)
class Bundle:
    """Everything the search page and its files need, made once per catalog."""

    files: dict[str, str | bytes]
    version: str  #: changes whenever any search file does (cache busting)


_last: tuple[Catalog, Bundle] | None = None


def bundle(catalog: Catalog) -> Bundle:
    """The search files of ``catalog``; pages, context and files share one build."""
    global _last
    if _last is None or _last[0] is not catalog:
        _last = (catalog, _make_bundle(catalog))
    return _last[1]


def pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    say = translations(settings.language).gettext
    return {section_page("search"): page_markdown("search", own_title(say("Search")), "search")}


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """Filter choices for the form (so it is complete before any script runs), and the
    ask link offered when nothing is found."""
    tags = sorted(
        (t for t in catalog.tags.values() if not t.replaced_by), key=lambda t: t.label.lower()
    )
    say = translations(settings.language).gettext
    return {
        "version": bundle(catalog).version,
        "types": [(t, say(t)) for t in ITEM_TYPES],
        "tags": [(t.id, t.label) for t in tags],
        "communities": [(c.id, c.name) for c in catalog.communities.values()],
        "states": [(s, say(STATE_LABELS[s])) for s in REVIEW_STATES],
        "ask": ask_link(settings),
    }


def files(catalog: Catalog, settings: Settings) -> dict[str, str | bytes]:
    return bundle(catalog).files


def _make_bundle(catalog: Catalog) -> Bundle:
    engine = SearchEngine.build(catalog)
    docs = engine.docs
    documents = {
        "lunr": LUNR_VERSION,
        "fields": list(FIELDS),
        "query": QUERY,
        "superseded_weight": SUPERSEDED_WEIGHT,
        "rank_digits": RANK_DIGITS,
        "snippet_width": SNIPPET_WIDTH,
        "labels": {
            "state": {s: STATE_LABELS[s] for s in REVIEW_STATES},
            "tag": {t.id: t.label for t in catalog.tags.values()},
            "community": {c.id: c.name for c in catalog.communities.values()},
        },
        "columns": list(COLUMNS),
        "docs": [[_column(d, c) for c in COLUMNS] for d in docs],
    }
    shards, starts = encode_postings(engine.vectors)
    out: dict[str, str | bytes] = {
        "search/documents.json": _json(documents),
        "search/index.json": _json(
            {
                "terms": list(engine.vectors.terms),
                "common": sorted(engine.vectors.common, key=engine.vectors.terms.index),
                "boosts": dict(zip(FIELDS, engine.vectors.boosts, strict=True)),
                "bm25": {"k1": K1, "b": B, "digits": SCORE_DIGITS},
                "shards": starts,
            }
        ),
        "search/lengths.bin": encode_lengths(engine.vectors),
    }
    for k, shard in enumerate(shards):
        out[f"search/postings/{k}.bin"] = shard
    for doc in docs:
        out[f"search/text/{doc.id}.txt"] = doc.text
    digest = hashlib.sha256()
    for uri in sorted(out):
        data = out[uri]
        digest.update(uri.encode() + b"\0" + (data if isinstance(data, bytes) else data.encode()))
    version = digest.hexdigest()[:12]
    out["assets/search/lunr.min.js"] = (ASSETS / "lunr.min.js").read_text(encoding="utf-8")
    for name in ("search.js", "search.css"):
        out[f"assets/search/{name}"] = (ASSETS / name).read_text(encoding="utf-8")
    return Bundle(out, version)


def _column(doc: SearchDoc, name: str) -> Any:
    value = getattr(doc, name)
    return list(value) if isinstance(value, tuple) else value


def _json(data: Any) -> str:
    """Compact, key-sorted UTF-8 JSON: the same catalog gives the same bytes."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def _leb128(n: int) -> bytes:
    """Unsigned LEB128: seven bits a byte, low bits first, high bit set on all but the last."""
    out = bytearray()
    while n >= 0x80:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


_SMALL = [_leb128(n) for n in range(1 << 14)]  # one or two bytes: nearly every value


def _varint(n: int) -> bytes:
    return _SMALL[n] if n < len(_SMALL) else _leb128(n)


def encode_lengths(vectors: Vectors) -> bytes:
    """``lengths.bin``: see the module docstring."""
    return b"".join(_varint(n) for lengths in vectors.lengths for n in lengths)


def encode_postings(vectors: Vectors) -> tuple[list[bytes], list[int]]:
    """The postings shards, and the number of each one's first term (see the module).

    One pass over the documents, in order, appends each posting's two varints to its
    term and field's bytes: no list of (document, frequency) pairs per term is made, which
    at 10,000 items would hold over a million small tuples at once.
    """
    width = len(vectors.fields)
    slots = len(vectors.terms) * width  # slot term * width + field
    encoded = [bytearray() for _ in range(slots)]
    held = [0] * slots  # how many documents hold the term in the field
    last = [0] * slots  # the previous such document, for the gaps
    small, limit = _SMALL, len(_SMALL)
    for doc, per_field in enumerate(vectors.counts):
        for f, elements in enumerate(per_field):
            for term, tf in elements:
                i = term * width + f
                gap = doc - last[i]
                last[i] = doc
                held[i] += 1
                if gap < limit and tf < limit:
                    encoded[i] += small[gap] + small[tf]
                else:
                    encoded[i] += _varint(gap) + _varint(tf)
    shards: list[bytes] = []
    starts: list[int] = []
    shard: list[bytes] = []
    size = 0
    for term in range(len(vectors.terms)):
        slot = range(term * width, term * width + width)
        # the counts first: the reader needs lunr's df before scoring
        posting = b"".join([_varint(held[i]) for i in slot] + [encoded[i] for i in slot])
        if not shard or size >= SHARD_BYTES:
            if shard:
                shards.append(b"".join(shard))
            starts.append(term)
            shard, size = [], 0
        shard.append(posting)
        size += len(posting)
    if shard:
        shards.append(b"".join(shard))
    return shards, starts
