"""Items and findings as plain JSON values, and back, for the cache (:mod:`.cache`).

Data only: decoding builds an :class:`~workscape.model.Item` or a
:class:`~workscape.errors.Finding` from fields it names, and any value of the wrong
shape raises :class:`CacheDecodeError`, which the caller treats as a miss. The model
keeps sequences as tuples, so JSON arrays come back as tuples; dates are tagged.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from ..errors import Finding

if TYPE_CHECKING:
    from ..model import Item

_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


@functools.cache
def _item_fields() -> tuple[str, ...]:
    # Imported here: a warm `check` decodes findings only and never loads the model.
    from ..model import Item

    return tuple(f.name for f in fields(Item))


class CacheDecodeError(ValueError):
    """A cached value does not have the shape this code writes."""


def plain(value: Any) -> Any:
    """The JSON form of what the encoder cannot write itself (``json.dumps(default=plain)``).

    Tuples and dicts it writes natively (as arrays and objects), in C, which makes
    writing a whole cache of items cheap; only dates and read-only mappings come here.
    """
    if isinstance(value, dt.datetime):
        raise TypeError("datetimes are not cached")  # no Item field holds one
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"{type(value).__name__} is not cached")


def _typed(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_typed(v) for v in value)
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return dt.date.fromisoformat(value["$date"])
        return {k: _typed(v) for k, v in value.items()}
    return value


def encode_item(item: Item) -> list[Any]:
    """``item``'s fields, in declaration order, for ``json.dumps(..., default=plain)``."""
    return [getattr(item, name) for name in _item_fields()]


def decode_item(value: Any) -> Item:
    """The item :func:`encode_item` gave ``value`` for."""
    from ..model import Item

    names = _item_fields()
    try:
        if not isinstance(value, list) or len(value) != len(names):
            raise CacheDecodeError("not an item")
        return Item(**{name: _typed(v) for name, v in zip(names, value, strict=True)})
    except (TypeError, ValueError, KeyError) as exc:
        raise CacheDecodeError(str(exc)) from None


def encode_finding(finding: Finding) -> list[Any]:
    return [getattr(finding, name) for name in _FINDING_FIELDS]


def decode_finding(value: Any) -> Finding:
    if (
        not isinstance(value, list)
        or len(value) != len(_FINDING_FIELDS)
        or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value)
    ):
        raise CacheDecodeError("not a finding")
    return Finding(**dict(zip(_FINDING_FIELDS, value, strict=True)))
