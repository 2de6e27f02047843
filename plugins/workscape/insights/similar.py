"""Existing problems like a new one, so its asker can answer instead of duplicating.

The score (0-100) mixes how alike the titles read and how many tags the two
share. Titles are compared word by word regardless of order, after dropping
words that carry no topic ("the", "after", "on") and common endings ("weeps",
"weeping" -> "weep"), so "Seal weeps after replacement" finds "Replacement seal
weeping on P-200". The title score is the mean of rapidfuzz's token set ratio
(one title's words all found in the other) and token sort ratio (the whole
titles alike), so a one-word title does not match everything containing that
word. Tags weigh in by their overlap (Jaccard); when the new problem has no
tags yet, the title decides alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..model import Catalog, Item

#: Below this a match is more noise than help.
THRESHOLD = 60.0
TITLE_WEIGHT = 0.7
_STOPWORD_TEXT = """
a an and are as at be by can cannot do does for from how i in is it its my no not of on or
our the to too up what when where which why with without after before during while
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True)
class Similar:
    """An existing problem, how alike it is (0-100) and the tags both have."""

    item: Item
    score: float
    shared_tags: tuple[str, ...]


def _stem(word: str) -> str:
    for suffix in ("ing", "es", "ed", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _words(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return " ".join(_stem(w) for w in words if w not in _STOPWORDS)


def title_similarity(a: str, b: str) -> float:
    """How alike two titles read, 0 to 100."""
    a, b = _words(a), _words(b)
    return (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2


def similarity(new: Item, old: Item) -> float:
    """How alike two problems are, 0 to 100."""
    title = title_similarity(new.title, old.title)
    if not new.tags:
        return title
    union = set(new.tags) | set(old.tags)
    tags = 100.0 * len(set(new.tags) & set(old.tags)) / len(union)
    return TITLE_WEIGHT * title + (1 - TITLE_WEIGHT) * tags


def similar_problems(
    catalog: Catalog,
    new: Item,
    *,
    exclude: frozenset[str] = frozenset(),
    limit: int = 3,
    threshold: float = THRESHOLD,
) -> list[Similar]:
    """Up to ``limit`` problems most like ``new``, best first (ties by id), above threshold."""
    found = []
    for old in catalog.of_type("problem"):
        if old.id == new.id or old.id in exclude:
            continue
        score = similarity(new, old)
        if score >= threshold:
            shared = tuple(t for t in new.tags if t in old.tags)
            found.append(Similar(old, round(score, 1), shared))
    found.sort(key=lambda s: (-s.score, s.item.id))
    return found[:limit]
