"""Model records (items, reviews, ratings) and findings as plain JSON values, and back, for the cache (:mod:`.cache`).

Data only: decoding builds an :class:`~workscape.model.Item` or a
:class:`~workscape.errors.Finding` from fields it names, and any value of the wrong
shape raises :class:`CacheDecodeError`, which the caller treats as a miss. The model
keeps sequences as tuples, so JSON arrays come back as tuples; dates are tagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import Finding

if TYPE_CHECKING:
    from ..model import Item

_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
R = TypeVar("R")


class CacheDecodeError(ValueError):
    """A cached value does not have the shape this code writes."""


def plain(value: Any) -> Any:
    """The JSON form of what the encoder cannot write itself (``json.dumps(default=plain)``).

    Tuples and dicts it writes natively (as arrays and objects), in C, which makes
    writing a whole cache of items cheap; only dates and read-only mappings come here.
    """
    if isinstance(value, dt.datetime):
        raise TypeError("datetimes are not cached")  # no cached record holds one
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


_FIELDS: dict[object, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple(f.name for f in fields(cls))
    return _FIELDS[cls]


def encode_record(record: Any) -> list[Any]:
    """A model record's fields (an item, a review...), in declaration order, for
    ``json.dumps(..., default=plain)``."""
    return [getattr(record, name) for name in _fields(type(record))]


def decode_record(cls: type[R], value: Any) -> R:
    """The ``cls`` record :func:`encode_record` gave ``value`` for."""
    names = _fields(cls)
    try:
        if not isinstance(value, list) or len(value) != len(names):
            raise CacheDecodeError(f"not a {cls.__name__}")
        return cls(**{name: _field(name, v) for name, v in zip(names, value, strict=True)})
    except (TypeError, ValueError, KeyError) as exc:
        raise CacheDecodeError(str(exc)) from None


def _field(name: str, value: Any) -> Any:
    if name == "positions" and isinstance(value, dict):
        # Every record's positions, by far the most values: (line, column) pairs, built
        # without the general walk (that was most of reading 10,000 items back).
        return {key: tuple(at) for key, at in value.items()}
    return _typed(value)


def encode_item(item: Item) -> list[Any]:
    """``item``'s fields, in declaration order."""
    return encode_record(item)


def decode_item(value: Any) -> Item:
    """The item :func:`encode_item` gave ``value`` for."""
    from ..model import Item  # here: a warm `check` decodes findings only

    return decode_record(Item, value)


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
