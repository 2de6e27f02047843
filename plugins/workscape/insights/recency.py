"""Newest first: the one order of every page, feed and digest that lists items by age."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Item


def newest(items: Iterable[Item]) -> list[Item]:
    """Items newest first by date, then by last change; undated ones last; ties by id.

    Of two items from the same day, the one changed since comes first; the id settles
    the rest, so a list, a feed and a digest order the same items the same way.
    """

    def key(item: Item) -> tuple[bool, int, int, str]:
        created = item.date.toordinal() if item.date else 0
        changed = item.updated.toordinal() if item.updated else created
        return (item.date is None, -created, -changed, item.id)

    return sorted(items, key=key)
