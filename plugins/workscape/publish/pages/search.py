"""The /search/ page and the files the browser searches with.

The browser receives the core's index (:mod:`workscape.curation.search`), not a copy
of the site's pages, in three files under ``search/``:

- ``documents.json``: per item what a result shows and what the filters test (title,
  type, URL, tags, community, review state, rating, weight, date, author name), in
  columns named once; plus facet labels and the query settings;
- ``index.json``: the index's terms, sorted, their position being their number;
- ``vectors.bin``: every document's lunr field vectors as unsigned LEB128 varints:
  per document, per field, the element count, then per element the term number's
  increase over the previous element's and the score in thousandths (lunr rounds
  scores to thousandths, so this is lossless).

``search.js`` turns these into a ``lunr.Index`` identical to the one the CLI
queries, building each term's posting list only when a query reaches it. Snippets
come from ``search/text/<id>.txt``, fetched for the results on screen only. Binary
vectors and lazy postings are what keep 10,000 items small and quick to load: the
``lunr`` package's own JSON is 15 MB for 1,000 items (see the README's figures).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...curation.reviews import STATE_LABELS
from ...curation.search import FIELDS, QUERY, SUPERSEDED_WEIGHT, SearchDoc, SearchEngine
from ...model import ITEM_TYPES, REVIEW_STATES, Catalog
from ...sources.settings import Settings

KINDS = {"search"}
ASSETS = Path(__file__).resolve().parent.parent.parent / "assets" / "search"
LUNR_VERSION = "2.3.9"  #: of assets/search/lunr.min.js; the index format is lunr 2.x's
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
    from . import page_markdown

    return {"search/index.md": page_markdown("search", "Search", "search")}


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """Filter choices for the form (so it is complete before any script runs)."""
    tags = sorted(
        (t for t in catalog.tags.values() if not t.replaced_by), key=lambda t: t.label.lower()
    )
    return {
        "version": bundle(catalog).version,
        "types": [(t, t) for t in ITEM_TYPES],
        "tags": [(t.id, t.label) for t in tags],
        "communities": [(c.id, c.name) for c in catalog.communities.values()],
        "states": [(s, STATE_LABELS[s]) for s in REVIEW_STATES],
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
        "labels": {
            "state": {s: STATE_LABELS[s] for s in REVIEW_STATES},
            "tag": {t.id: t.label for t in catalog.tags.values()},
            "community": {c.id: c.name for c in catalog.communities.values()},
        },
        "columns": list(COLUMNS),
        "docs": [[_column(d, c) for c in COLUMNS] for d in docs],
    }
    out: dict[str, str | bytes] = {
        "search/documents.json": _json(documents),
        "search/index.json": _json({"terms": list(engine.vectors.terms)}),
        "search/vectors.bin": encode_vectors(engine.vectors.rows),
    }
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


def encode_vectors(rows: tuple[tuple[tuple[tuple[int, float], ...], ...], ...]) -> bytes:
    """``vectors.bin``: see the module docstring for the layout."""
    out = bytearray()
    for per_field in rows:
        for elements in per_field:
            out += _varint(len(elements))
            previous = 0
            for number, score in elements:
                out += _varint(number - previous)
                out += _varint(round(score * 1000))
                previous = number
    return bytes(out)
