"""Search: what is indexed, how curation ranks it, and how a query runs.

One engine for the CLI and the site. The site ships the same index to the browser
(``publish/pages/search.py`` writes it, ``assets/search/search.js`` queries it with
lunr.js), so a query returns the same items in the same order in both places.

Ranking is lunr's BM25 score times the item's :func:`weight`, which curation sets:
SME-approved and well-rated items rise, superseded ones sink. The weight is applied
as lunr's document boost when the index is built, so the browser repeats only the
small :func:`rank` step: a problem is found by its answers too (its page shows them),
and ties keep a fixed order.

The weights were tuned on the relevance cases in ``tests/search/test_search.py``, written
before any tuning: the first weights (approval x1.5, 0.2 per star, accepted x1.2)
let a reviewed answer's curation outweigh the words of the question, and answers
came before the problem whose page shows them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from lunr.index import Index
from lunr.query import Query

from ..model import Catalog, Item, ItemType, ReviewState
from ..patterns import linear
from ..rules.ratings import rating_of
from ..rules.reviews import review_status
from .index import IndexRow, Vectors, compute_vectors, lunr_index
from .terms import stem, term, terms, words

#: Indexed fields and their lunr boosts: a word in the title counts most. Comments are
#: the item's text too, but what readers say about an item weighs less than what it
#: says itself: a question in a comment must not make an item rank for the question.
FIELDS: dict[str, float] = {"title": 10, "tags": 4, "author": 2, "body": 1, "comments": 0.5}

#: Review states that move an item (multipliers of its score); others count 1.
STATE_WEIGHTS: dict[str, float] = {
    "sme-approved": 1.25,
    "changes-requested": 0.8,
    "disputed": 0.8,
}
#: Per star of smoothed rating above (or below) the policy's prior mean.
RATING_WEIGHT = 0.1
#: An answer its problem accepted.
ACCEPTED_WEIGHT = 1.1
#: A superseded item stays findable, below what replaced it.
SUPERSEDED_WEIGHT = 0.25

#: How a query becomes lunr clauses; ``search.js`` reads these from documents.json.
QUERY = {
    "exact_boost": 10,  # the word, stemmed, as a whole term
    # The last word also as a prefix of terms, so typing "vibr" finds vibration. Only the
    # last: the words before it are finished, and prefixes of common words would make
    # every query walk most of the index (a fifth of the query time at 10,000 items).
    "prefix_boost": 1,
    "prefix_min": 3,  # shorter words would expand to too many terms
    # With no result at all, words this long are retried as typos: their stem one edit
    # away, and every prefix at least half as long (the index holds stems, which are
    # mostly prefixes: "vibraton" finds "vibrat" through its prefix).
    "fuzzy_min": 5,
}
# And a word whose term is in more than half of all documents ("time", "pump" in a pump
# maker's knowledge base) is left out of a query that has rarer words: lunr would score
# it near zero anyway, yet walking its postings made long questions three times slower.

#: Characters of text a site result shows around its first match (the CLI passes less).
SNIPPET_WIDTH = 200
#: Decimals a ranked score keeps, so float noise past them never decides an order.
RANK_DIGITS = 6


@dataclass(frozen=True)
class SearchDoc:
    """One searchable item as results show it. Never holds an email address."""

    id: str
    type: ItemType
    title: str
    url: str  #: site-relative; an answer's is its place on the problem page
    tags: tuple[str, ...]
    community: str
    state: ReviewState
    rating: float | None  #: mean stars, one decimal, None when unrated
    ratings: int
    weight: float
    date: str  #: ISO date or ""
    author: str  #: the author's name
    superseded_by: str  #: the id of what replaced it, or ""
    problem: str  #: an answer's problem, else ""
    text: str = field(repr=False)  #: plain text of description and body, for snippets


@dataclass(frozen=True)
class Filters:
    """Facet values a result must have; None lets everything through.

    ``state`` takes one review state or several, any of which will do: an SME lists
    not-reviewed, changed-since-review and expired items together.
    """

    type: str | None = None
    tag: str | None = None
    community: str | None = None
    state: str | tuple[str, ...] | None = None

    @property
    def states(self) -> tuple[str, ...]:
        """The review states admitted; empty admits every state."""
        if self.state is None:
            return ()
        return (self.state,) if isinstance(self.state, str) else self.state

    def admits(self, doc: SearchDoc) -> bool:
        return (
            (self.type is None or doc.type == self.type)
            and (self.tag is None or self.tag in doc.tags)
            and (self.community is None or doc.community == self.community)
            and (not self.states or doc.state in self.states)
        )


@dataclass(frozen=True)
class Hit:
    doc: SearchDoc
    score: float


def weight(
    catalog: Catalog, item: Item, state: str | None = None, smoothed: float | None = None
) -> float:
    """How curation scales an item's relevance score (1 is neutral).

    SME approval x1.25; changes requested or disputed x0.8; the smoothed rating adds
    (or takes away) 0.1 per star above (or below) the policy's prior mean; an accepted
    answer x1.1; superseded x0.25. Curation nudges; the words decide. ``state`` and
    ``smoothed`` spare recomputing the review state and rating when known.
    """
    if state is None:
        state = review_status(catalog, item).state
    if smoothed is None:
        smoothed = rating_of(catalog, item.id).smoothed
    w = STATE_WEIGHTS.get(state, 1.0)
    w *= 1 + RATING_WEIGHT * (smoothed - catalog.policy.rating_prior_mean)
    problem = catalog.items.get(item.problem or "")
    if item.type == "answer" and problem is not None and problem.accepted == item.id:
        w *= ACCEPTED_WEIGHT
    if item.superseded_by:
        w *= SUPERSEDED_WEIGHT
    return round(w, 3)


def rank(hits: Iterable[Hit], docs: Mapping[str, SearchDoc]) -> list[Hit]:
    """Best first. ``search.js`` mirrors this function; keep the two alike.

    A problem's page shows its answers, so a problem scores at least as well as its
    best-matching answer (times the superseded weight if it is superseded), and is
    listed even when only an answer matched. Then: higher score first, a problem before
    an answer of equal score, newer first, and by id, so the order is always the same.
    """
    scores = {h.doc.id: h.score for h in hits}
    for doc_id, score in list(scores.items()):
        problem = docs.get(docs[doc_id].problem)
        if problem is not None:
            lifted = score * (SUPERSEDED_WEIGHT if problem.superseded_by else 1)
            scores[problem.id] = max(scores.get(problem.id, 0.0), lifted)

    def key(hit: Hit) -> tuple[float, bool, int, str]:
        day = date.fromisoformat(hit.doc.date).toordinal() if hit.doc.date else 0
        return (-hit.score, hit.doc.type != "problem", -day, hit.doc.id)

    return sorted((Hit(docs[i], round(s, RANK_DIGITS)) for i, s in scores.items()), key=key)


def search_documents(catalog: Catalog) -> list[SearchDoc]:
    """Every item the site shows, as a search document, in id order.

    Answers link to their place on their problem's page; an answer whose problem is
    not published has no page and is left out.
    """
    docs = []
    for item in catalog.items.values():
        problem = catalog.items.get(item.problem or "")
        if item.type == "answer" and problem is None:
            continue
        summary = rating_of(catalog, item.id)
        state = review_status(catalog, item).state
        author = catalog.people.get(item.author)
        url = f"problems/{problem.id}/#answer-{item.id}" if problem else item.url_path
        docs.append(
            SearchDoc(
                id=item.id,
                type=item.type,
                title=item.display_title,
                url=url,
                tags=item.tags,
                community=item.community or "",
                state=state,
                rating=round(summary.average, 1) if summary.average is not None else None,
                ratings=summary.count,
                weight=weight(catalog, item, state, summary.smoothed),
                date=item.date.isoformat() if item.date else "",
                author=author.name if author else item.author,
                superseded_by=item.superseded_by or "",
                problem=problem.id if problem else "",
                text=_without_addresses(plain_text(f"{item.description or ''} {item.body}")),
            )
        )
    return docs


def _comment_text(catalog: Catalog, item_id: str) -> str:
    """The visible comments on an item as plain text (hidden ones have no text here)."""
    said = (c.body for c in catalog.comments_on(item_id) if not c.hidden)
    return _without_addresses(plain_text(" ".join(said)))


def index_rows(catalog: Catalog, docs: Sequence[SearchDoc]) -> Iterator[IndexRow]:
    """What lunr indexes per document: own title, tags with synonyms, author, text.

    One row at a time: :func:`compute_vectors` counts a row's terms and drops them.
    """
    for k, doc in enumerate(docs):
        item = catalog.items[doc.id]
        tags = [catalog.tags[t] for t in doc.tags if t in catalog.tags]
        tag_text = " ".join(" ".join((t.id, t.label, *t.synonyms)) for t in tags)
        person = catalog.people.get(item.author)
        author = f"{person.name} {person.handle}" if person else item.author
        fields = {
            "title": terms(item.title),
            "tags": terms(tag_text),
            "author": terms(author),
            "body": terms(doc.text),
            "comments": terms(_comment_text(catalog, item.id)),
        }
        yield IndexRow(str(k), fields, doc.weight)


class SearchEngine:
    """Documents plus their lunr index: ``SearchEngine.build(catalog).search("seal leak")``."""

    def __init__(self, docs: Sequence[SearchDoc], vectors: Vectors):
        self.docs = list(docs)
        self.by_id = {d.id: d for d in self.docs}
        self.vectors = vectors
        self._index: Index | None = None

    @classmethod
    def build(cls, catalog: Catalog) -> SearchEngine:
        docs = search_documents(catalog)
        return cls(docs, compute_vectors(index_rows(catalog, docs), FIELDS))

    @property
    def index(self) -> Index:
        """The queryable lunr index, made on first use (the site build never needs it)."""
        if self._index is None:
            self._index = lunr_index(self.vectors)
        return self._index

    def search(self, query: str, filters: Filters | None = None, exact: bool = False) -> list[Hit]:
        """Ranked hits for ``query``; an empty query lists everything the filters admit.

        When no word matches, the words are retried as typos (``QUERY``), unless ``exact``:
        "search instead for" what was typed. :func:`workscape.search.correction.correct`
        says what a retry searched for.
        """
        filters = filters or Filters()
        wanted = self.wanted(query)
        if not wanted:
            if words(query):  # only stop words: nothing can match
                return []
            hits = [Hit(d, d.weight) for d in self.docs]
        else:
            results = self.index.query(callback=lambda q: add_clauses(q, wanted))
            if not results and not exact:
                results = self.index.query(callback=lambda q: add_clauses(q, wanted, fuzzy=True))
            hits = [Hit(self.docs[int(r["ref"])], r["score"]) for r in results]
        return [h for h in rank(hits, self.by_id) if filters.admits(h.doc)]

    def wanted(self, query: str) -> list[str]:
        """The query's words that are searched: common ones only when nothing rarer is left."""
        found = query_words(query)
        return [w for w in found if term(w) not in self.vectors.common] or found


def query_words(query: str) -> list[str]:
    """The words of a query that can match: stop words dropped, repeats removed."""
    return list(dict.fromkeys(w for w in words(query) if term(w) is not None))


def add_clauses(query: Query, wanted: Sequence[str], fuzzy: bool = False) -> None:
    """The lunr clauses for ``wanted`` words (``search.js`` builds the same ones)."""
    for k, word in enumerate(wanted):
        add_word(query, word, last=k == len(wanted) - 1, fuzzy=fuzzy)


def add_word(query: Query, word: str, last: bool, fuzzy: bool) -> None:
    """The clauses of one query word: itself, as a prefix if ``last``, as a typo if ``fuzzy``."""
    query.term(word, boost=QUERY["exact_boost"])
    if last and len(word) >= QUERY["prefix_min"]:
        query.term(
            word,
            use_pipeline=False,
            wildcard=Query.WILDCARD_TRAILING,
            boost=QUERY["prefix_boost"],
        )
    if fuzzy and len(word) >= QUERY["fuzzy_min"]:
        query.term(word, edit_distance=1, boost=QUERY["prefix_boost"])
        for end in range((len(word) + 1) // 2, len(word)):
            query.term(word[:end], use_pipeline=False, boost=QUERY["prefix_boost"])


def snippet(
    text: str, wanted: Sequence[str], width: int = SNIPPET_WIDTH
) -> tuple[str, list[tuple[int, int]]]:
    """About ``width`` characters of ``text`` around the first match, and the matches in it.

    A word matches when its stem is a query word's stem, or when it starts with a
    query word of at least ``QUERY["prefix_min"]`` letters (as the prefix clauses do).
    """
    stems = {stem(w) for w in wanted}
    prefixes = [w for w in wanted if len(w) >= QUERY["prefix_min"]]
    found = [
        (m.start(), m.end())
        for m in _TOKEN.finditer(text)
        if stem(m[0].lower()) in stems or m[0].lower().startswith(tuple(prefixes))
    ]
    start = 0
    if found and found[0][1] > width * 2 // 3:
        start = text.rfind(" ", 0, max(0, found[0][0] - width // 3)) + 1
    end = len(text) if len(text) - start <= width else text.rfind(" ", start, start + width)
    if end <= start:
        end = min(len(text), start + width)
    spans = [(a - start, b - start) for a, b in found if a >= start and b <= end]
    prefix = "…" if start else ""
    spans = [(a + len(prefix), b + len(prefix)) for a, b in spans]
    return prefix + text[start:end] + ("…" if end < len(text) else ""), spans


_TOKEN = re.compile(r"[^\W_]+")  # one character class: each character is read once
#: Addresses never reach the index or its snippets, even when an author wrote one.
_EMAIL = linear(r"[\pL\pN_.+-]+@[\pL\pN_-]+(?:\.[\pL\pN_-]+)+")
# RE2 (linear time, see workscape.patterns); a rule is one line: `[ \t]`, never `\s`, which
# crosses newlines and made the table rule cubic on blank lines. Each rule names the
# literal text it cannot match without: a rule whose literals are all absent is skipped,
# which changes nothing and saves most of the time (each RE2 call costs a Python round
# trip, and most items have no HTML, link, table or admonition). The rules run on UTF-8
# bytes: on a str the binding converts each match's byte offsets into character offsets,
# which took a third of the time; the matches are the same, RE2 reads UTF-8 either way.
_MARKUP = [
    (linear(r"(?m)^[ \t]*(```|~~~).*$"), b" ", (b"```", b"~~~")),  # code fences (the code stays)
    (linear(r"<[^>]*>"), b" ", (b"<",)),  # HTML tags
    (linear(r"!?\[([^\]]*)\]\([^)]*\)"), rb"\1", (b"](",)),  # links and images: their text
    (linear(r"\[([^\]]*)\]\[[^\]]*\]"), rb"\1", (b"][",)),  # reference links
    (linear(r"\[\^[^\]]*\]:?"), b" ", (b"[^",)),  # footnote marks
    (linear(r"https?://[^\s\pZ]+"), b" ", (b"http",)),  # bare addresses
    (linear(r"\{:?[#.][^}]*\}"), b" ", (b"{",)),  # attribute lists
    (linear(r"(?m)^[ \t]*(!!!|\?\?\?\+?)[ \t]*[^\s\pZ]+"), b" ", (b"!!!", b"???")),  # admonitions
    (linear(r"(?m)^[ \t]*\|?[ \t:|-]+\|[ \t:|-]*$"), b" ", (b"|",)),  # table rules
    (linear(r"(?m)^[ \t]*(#{1,6}|>|[-*+]|\d+\.)(?:[ \t]+|$)"), b" ", ()),  # headings, quotes, lists
    (linear(r"[`*_|~]+"), b" ", (b"`", b"*", b"_", b"|", b"~")),  # emphasis, code and table marks
]


def _without_addresses(text: str) -> str:
    return _EMAIL.sub("(email address)", text) if "@" in text else text  # the check is 10x faster


def plain_text(markdown: str) -> str:
    """Readable text of Markdown, on one line: what snippets show and the index reads."""
    data = markdown.encode()
    for pattern, replacement, needs in _MARKUP:
        if not needs or any(literal in data for literal in needs):
            data = pattern.sub(replacement, data)
    return " ".join(data.decode().split())
