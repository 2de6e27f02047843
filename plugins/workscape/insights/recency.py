"""Newest first: the one order of every page, feed and digest that lists items by age."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Item


def newest(items: Iterable[Item]) -> list[Item]:
    """Items newest first; undated ones last; ties by id."""
    return sorted(
        items, key=lambda i: (i.date is None, -(i.date.toordinal() if i.date else 0), i.id)
    )
