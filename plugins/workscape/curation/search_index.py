"""A lunr index (lunr.js 2.3.9 compatible) built quickly from prepared term lists.

The ``lunr`` package's ``Builder`` tokenizes, runs its pipeline and inserts vector
elements one binary search at a time: about a minute for 10,000 items. This module
computes the very same structures (inverted index and BM25 field vectors, with lunr's
own formula, constants and rounding) from term lists that :mod:`.search_terms`
prepared once, and hands them to ``lunr.Index``; a test checks it against ``Builder``.

Two choices differ from ``Builder`` on purpose, neither changing a score:

- Terms are numbered in sorted (UTF-16) order, so a term's number is its position in
  the term list the browser receives; lunr.js then rebuilds the identical index.
- No term positions are kept (lunr's ``metadataWhitelist`` is empty): the index
  only answers "which documents, how well", and snippets are cut from the text.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lunr.index import Index
from lunr.token_set import TokenSet
from lunr.vector import Vector

from .search_terms import search_pipeline

#: lunr's BM25 parameters (``Builder`` defaults, which lunr.js shares).
K1 = 1.2
B = 0.75


@dataclass(frozen=True)
class IndexRow:
    """One document to index: its ref, its terms per field, and its boost."""

    ref: str
    fields: Mapping[str, Sequence[str]]
    boost: float = 1.0


@dataclass(frozen=True)
class Vectors:
    """The index as plain data: sorted terms and, per document and field, its vector."""

    fields: tuple[str, ...]
    terms: tuple[str, ...]
    #: per row, per field: ``[(term number, score), ...]`` sorted by term number
    rows: tuple[tuple[tuple[tuple[int, float], ...], ...], ...]
    refs: tuple[str, ...]


def compute_vectors(rows: Sequence[IndexRow], boosts: Mapping[str, float]) -> Vectors:
    """BM25 vectors of ``rows``, exactly as ``lunr.Builder`` would score them.

    ``boosts`` names the fields, in order, with their boosts.
    """
    fields = tuple(boosts)
    counts = [{f: Counter(row.fields.get(f, ())) for f in fields} for row in rows]
    # In UTF-16 order, the order of JavaScript's string comparison, which lunr.js's
    # TokenSet.fromArray insists on (it differs from Python's for letters beyond U+FFFF).
    terms = tuple(sorted({t for c in counts for f in fields for t in c[f]}, key=_utf16))
    number = {t: i for i, t in enumerate(terms)}
    # lunr's idf counts a document once per field the term appears in.
    postings = Counter(t for c in counts for f in fields for t in c[f])
    n = len(rows)
    idfs = {t: _idf(k, n) for t, k in postings.items()}
    lengths = {f: [sum(c[f].values()) for c in counts] for f in fields}
    average = {f: (sum(lengths[f]) / n if n else 0.0) for f in fields}
    out = []
    for k, (row, c) in enumerate(zip(rows, counts, strict=True)):
        per_field = []
        for f in fields:
            length = lengths[f][k]
            elements = []
            for t, tf in c[f].items():
                # The expression and its order of operations are lunr's, so floats match.
                score = idfs[t] * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average[f])) + tf)
                score *= boosts[f]
                score *= row.boost
                elements.append((number[t], round(score, 3)))
            per_field.append(tuple(sorted(elements)))
        out.append(tuple(per_field))
    return Vectors(fields, terms, tuple(out), tuple(row.ref for row in rows))


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be")


def _idf(postings: int, documents: int) -> float:
    """``lunr.idf``: a smoothed inverse document frequency that never goes negative."""
    x = (documents - postings + 0.5) / (postings + 0.5)
    return math.log(1 + abs(x))


def lunr_index(vectors: Vectors) -> Index:
    """A queryable ``lunr.Index`` over ``vectors``, with the browser's query pipeline."""
    inverted: dict[str, dict] = {
        t: {"_index": i, **{f: {} for f in vectors.fields}} for i, t in enumerate(vectors.terms)
    }
    field_vectors: dict[str, Vector] = {}
    for ref, per_field in zip(vectors.refs, vectors.rows, strict=True):
        for f, elements in zip(vectors.fields, per_field, strict=True):
            flat: list[float] = []
            for i, score in elements:
                inverted[vectors.terms[i]][f][ref] = {}
                flat += (i, score)
            field_vectors[f"{f}/{ref}"] = Vector(flat)
    return Index(
        inverted_index=inverted,
        field_vectors=field_vectors,
        token_set=TokenSet.from_list(sorted(vectors.terms)),  # Python's order, for Python's lunr
        fields=list(vectors.fields),
        pipeline=search_pipeline(),
    )
