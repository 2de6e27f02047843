"""Ids from titles in any script.

Why transliterate rather than drop what is not ASCII? An id is a URL and a file name, so it
stays ``[a-z0-9-]``; dropping letters turned "Größe" into "groe" and a Cyrillic or Chinese
title into nothing at all. python-slugify (on text-unidecode) spells each letter in Latin:
"Größe" gives "grosse", "Насос" gives "nasos", "水泵" gives "shui-beng".

Why cut at a word boundary? A long title gives a readable id that ends on a whole word.
"""

from __future__ import annotations

from collections.abc import Iterator

from slugify import slugify as _transliterated_slug

#: Ids longer than this are cut at a word boundary: a URL stays readable.
MAX_ID_LENGTH = 60


def slugify(text: str, limit: int = MAX_ID_LENGTH) -> str:
    """A URL-safe id from a title: lowercase ASCII letters and digits joined by hyphens.

    Empty only when the title has no letter or digit in any script (e.g. "?!").
    """
    return _transliterated_slug(text, max_length=limit, word_boundary=True).strip("-")


def candidate_ids(slug: str) -> Iterator[str]:
    """``slug``, then ``slug-2``, ``slug-3``... for when an id is already taken."""
    yield slug
    n = 2
    while True:
        yield f"{slug}-{n}"
        n += 1
