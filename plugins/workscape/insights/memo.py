"""Results computed once per catalog and reused by every page built from it.

A site build asks the same questions of one catalog many times (each profile
page wants everyone's helpfulness to rank them); answering each from scratch
would make the build quadratic. A :class:`~workscape.model.Catalog` is frozen,
so a result computed from it stays true for as long as it lives. Entries are
keyed by the catalog's identity and dropped when it is garbage collected, so a
long ``mkdocs serve`` session does not keep old catalogs alive.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any, TypeVar, cast

from ..model import Catalog

T = TypeVar("T")

_cache: dict[int, tuple[weakref.ref[Catalog], dict[str, Any]]] = {}


def _store(catalog: Catalog) -> dict[str, Any]:
    key = id(catalog)
    entry = _cache.get(key)
    if entry is None or entry[0]() is not catalog:

        def forget(ref: weakref.ref[Catalog], key: int = key) -> None:
            # Only our own entry: the id may already name a newer catalog's.
            if _cache.get(key, (None,))[0] is ref:
                del _cache[key]

        entry = (weakref.ref(catalog, forget), {})
        _cache[key] = entry
    return entry[1]


def per_catalog(fn: Callable[[Catalog], T]) -> Callable[[Catalog], T]:
    """Compute ``fn(catalog)`` once per catalog object."""
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def wrapper(catalog: Catalog) -> T:
        store = _store(catalog)
        if name not in store:
            store[name] = fn(catalog)
        return cast(T, store[name])  # stored by this wrapper: fn's result

    return wrapper
