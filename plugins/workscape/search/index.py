"""A lunr index (lunr.js 2.3.9 compatible) built quickly from prepared term lists.

The ``lunr`` package's ``Builder`` tokenizes, runs its pipeline and inserts vector
elements one binary search at a time: about a minute for 10,000 items. This module
computes the very same structures (inverted index and BM25 field vectors, with lunr's
own formula, constants and rounding) from term lists that :mod:`.terms` prepared
once, and hands them to ``lunr.Index``; a test checks it against ``Builder``.

Two choices differ from ``Builder`` on purpose, neither changing a score:

- Terms are numbered in sorted (UTF-16) order, so a term's number is its position in
  the term list the browser receives; lunr.js then rebuilds the identical index.
- No term positions are kept (lunr's ``metadataWhitelist`` is empty): the index
  only answers "which documents, how well", and snippets are cut from the text.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lunr.index import Index
from lunr.token_set import TokenSet
from lunr.vector import Vector

from .terms import search_pipeline

#: lunr's BM25 parameters (``Builder`` defaults, which lunr.js shares).
K1 = 1.2
B = 0.75
#: lunr rounds every score to thousandths.
SCORE_DIGITS = 3


@dataclass(frozen=True)
class IndexRow:
    """One document to index: its ref, its terms per field, and its boost."""

    ref: str
    fields: Mapping[str, Sequence[str]]
    boost: float = 1.0


@dataclass(frozen=True)
class Vectors:
    """The index as plain data: sorted terms and, per document and field, its vector.

    Besides the scores, it keeps what they were computed from (term frequencies, field
    lengths, boosts), which is what the site ships: ``search.js`` recomputes the scores
    with the formula of :func:`compute_vectors` instead of downloading them.
    """

    fields: tuple[str, ...]
    boosts: tuple[float, ...]  #: per field
    terms: tuple[str, ...]
    refs: tuple[str, ...]
    weights: tuple[float, ...]  #: per row: its document boost
    #: per row, per field: how many terms it holds, repeats counted
    lengths: tuple[tuple[int, ...], ...]
    #: per row, per field: ``((term number, frequency), ...)`` sorted by term number
    counts: tuple[tuple[tuple[tuple[int, int], ...], ...], ...]
    #: terms found in more than half of the documents (queries skip them, see engine.py)
    common: frozenset[str] = frozenset()


def compute_vectors(rows: Iterable[IndexRow], boosts: Mapping[str, float]) -> Vectors:
    """BM25 vectors of ``rows``, exactly as ``lunr.Builder`` would score them.

    ``boosts`` names the fields, in order, with their boosts. ``rows`` is read once, in
    order, so it may be a generator: each row's term lists are counted and dropped, and
    each count is dropped once turned into frequencies, which keeps a site build's peak
    memory to about one copy of the index.
    """
    fields = tuple(boosts)
    refs: list[str] = []
    weights: list[float] = []
    counts: list[dict[str, Counter[str]] | None] = []
    holding: Counter[str] = Counter()  # per term, the documents holding it in any field
    for row in rows:
        c = {f: Counter(row.fields.get(f, ())) for f in fields}
        refs.append(row.ref)
        weights.append(row.boost)
        counts.append(c)
        holding.update(set().union(*c.values()))
    # In UTF-16 order, the order of JavaScript's string comparison, which lunr.js's
    # TokenSet.fromArray insists on (it differs from Python's for letters beyond U+FFFF).
    terms = tuple(sorted(holding, key=_utf16))
    number = {t: i for i, t in enumerate(terms)}
    n = len(refs)
    lengths = []
    frequencies = []
    for k, counted in enumerate(counts):
        assert counted is not None
        counts[k] = None  # dropped as soon as used
        lengths.append(tuple(sum(counted[f].values()) for f in fields))
        # Term frequencies only: the scores are derived from them where needed
        # (lunr_index here, search.js in the browser), which keeps a site build's
        # memory to one small tuple per posting.
        frequencies.append(
            tuple(tuple(sorted((number[t], tf) for t, tf in counted[f].items())) for f in fields)
        )
    return Vectors(
        common=frozenset(t for t, k in holding.items() if k > n / 2),
        fields=fields,
        boosts=tuple(boosts[f] for f in fields),
        terms=terms,
        refs=tuple(refs),
        weights=tuple(weights),
        lengths=tuple(lengths),
        counts=tuple(frequencies),
    )


def scores(vectors: Vectors) -> list[tuple[tuple[tuple[int, float], ...], ...]]:
    """Per row, per field, ``((term number, score), ...)``: BM25 as lunr.js computes it."""
    n = len(vectors.refs)
    fields = range(len(vectors.fields))
    # lunr's idf counts a document once per field the term appears in.
    postings = Counter(i for row in vectors.counts for elements in row for i, _ in elements)
    idfs = {i: _idf(k, n) for i, k in postings.items()}
    average = [sum(row[f] for row in vectors.lengths) / n if n else 0.0 for f in fields]
    out = []
    for weight, lengths, per_field in zip(
        vectors.weights, vectors.lengths, vectors.counts, strict=True
    ):
        row = []
        for f, elements in zip(fields, per_field, strict=True):
            length, boost = lengths[f], vectors.boosts[f]
            scored = []
            for i, tf in elements:
                # lunr's expression and order of operations (search.js repeats it).
                score = idfs[i] * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average[f])) + tf)
                score *= boost
                score *= weight
                scored.append((i, round(score, SCORE_DIGITS)))
            row.append(tuple(scored))
        out.append(tuple(row))
    return out


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be")


def _idf(postings: int, documents: int) -> float:
    """``lunr.idf``: a smoothed inverse document frequency that never goes negative."""
    x = (documents - postings + 0.5) / (postings + 0.5)
    return math.log(1 + abs(x))


def lunr_index(vectors: Vectors) -> Index:
    """A queryable ``lunr.Index`` over ``vectors``, with the browser's query pipeline."""
    inverted: dict[str, dict[str, Any]] = {
        t: {"_index": i, **{f: {} for f in vectors.fields}} for i, t in enumerate(vectors.terms)
    }
    field_vectors: dict[str, Vector] = {}
    for ref, per_field in zip(vectors.refs, scores(vectors), strict=True):
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
