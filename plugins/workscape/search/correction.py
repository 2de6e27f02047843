"""What a typo was searched as: "Showing results for vibration, search instead for vibraton".

When no word of a query matches, :meth:`SearchEngine.search` retries the words as typos
(``QUERY`` in :mod:`workscape.search.engine`): a word one edit away, or a prefix at least
half as long. A reader must know the words were changed, and what into, so a wrong guess
is seen and can be undone ("search instead for" searches with ``exact=True``).
``search.js`` computes the same correction (its ``correction()``); a browser test
compares the two.

Which word did a typo become? Its own clauses, run alone, reach one or more index terms;
the term in the most documents wins (a typo is likelier of a common word), then the
longer (closer to what was typed), then the first in code-point order. The index holds
stems ("vibrat"), which are not words, so the note shows the first word whose stem is
that term in the results holding it, best-ranked first (each one's title, then its
text), else the first word there that starts with it (a prefix clause can reach a stem
of no word), else the term itself (found only in tags or authors' names).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import partial

from .engine import SearchDoc, SearchEngine, add_clauses, add_word
from .terms import stem, words


@dataclass(frozen=True)
class Correction:
    """The words of a query as typed, and what the ones taken for typos were searched as."""

    typed: tuple[str, ...]
    words: dict[str, str]  #: typed word -> the word its results hold

    @property
    def query(self) -> str:
        """The query as searched: the typed words with each correction in place."""
        return " ".join(self.words.get(w, w) for w in self.typed)

    @property
    def original(self) -> str:
        return " ".join(self.typed)


def correct(engine: SearchEngine, query: str) -> Correction | None:
    """How :meth:`SearchEngine.search` corrected ``query``, or None if it searched it as typed."""
    wanted = engine.wanted(query)
    if not wanted:
        return None
    if engine.index.query(callback=lambda q: add_clauses(q, wanted)):
        return None
    ranked = [h.doc for h in engine.search(query)]
    fixed: dict[str, str] = {}
    last = len(wanted) - 1
    for k, word in enumerate(wanted):
        results = engine.index.query(
            callback=partial(add_word, word=word, last=k == last, fuzzy=True)
        )
        holders: dict[str, set[str]] = {}
        for result in results:
            for found in result["match_data"].metadata:
                holders.setdefault(found, set()).add(engine.docs[int(result["ref"])].id)
        if not holders:
            continue
        counts = Counter({t: len(ids) for t, ids in holders.items()})
        chosen = min(counts, key=lambda t: (-counts[t], -len(t), t))
        fixed[word] = shown_as(chosen, [d for d in ranked if d.id in holders[chosen]])
    if not fixed:
        return None
    return Correction(tuple(words(query)), fixed)


def shown_as(found: str, docs: list[SearchDoc]) -> str:
    """A readable word for the index term ``found``, from ``docs`` (see the module)."""
    for doc in docs:
        whole = next((w for w in words(f"{doc.title} {doc.text}") if stem(w) == found), None)
        if whole:
            return whole
    for doc in docs:
        start = next((w for w in words(f"{doc.title} {doc.text}") if w.startswith(found)), None)
        if start:
            return start
    return found
