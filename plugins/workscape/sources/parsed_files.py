"""Files parsed once per content: in memory for `mkdocs serve`, in the cache folder for the next run.

One :class:`ParsedFiles` per kind of file (items, reviews, ratings) keeps, by the
digest of a file's path and bytes, what reading it gave (a value and its findings).
A run that meets the same bytes again takes that instead of parsing; entries of
files no longer read are dropped when the kind's pack file is written back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from ..errors import Finding
from .cache import CacheFolder, CacheStats, digest, source_digest
from .cache_codec import CacheDecodeError, decode_finding, encode_finding

T = TypeVar("T")
Parsed = tuple[Any, tuple[Finding, ...], list[Any]]

#: What this process parsed, by kind and digest, with its cache entry.
_MEMORY: dict[tuple[str, str], Parsed] = {}


class ParsedFiles(Generic[T]):
    """The parsed files of one kind, kept in ``<kind>-<source digest>.json``."""

    def __init__(
        self,
        kind: str,
        folder: CacheFolder | None,
        stats: CacheStats,
        encode: Callable[[T], Any],
        decode: Callable[[Any], T],
    ) -> None:
        self.kind = kind
        self.folder = folder
        self.stats = stats
        self.encode = encode
        self.decode = decode
        self.name = f"{kind}-{source_digest()}.json" if folder else ""
        stored = folder.read(self.name) if folder else None
        entries = stored.get("entries") if isinstance(stored, dict) else None
        self.stored: dict[str, Any] = entries if isinstance(entries, dict) else {}
        self.used: dict[str, list[Any]] = {}
        self.parsed = 0

    def read(
        self, data: bytes, parts: tuple[str, ...], parse: Callable[[list[Finding]], T]
    ) -> tuple[T, tuple[Finding, ...]]:
        """What ``parse`` gives for a file with ``data`` (and ``parts``: its path, its kind)."""
        key = digest(*parts, data)
        known = _MEMORY.get((self.kind, key)) or self._stored(key)
        if known is None:
            self.stats.parsed += 1
            self.parsed += 1
            found: list[Finding] = []
            value = parse(found)
            entry = [self.encode(value), [encode_finding(f) for f in found]]
            known = value, tuple(found), entry
        else:
            self.stats.reused += 1
        _MEMORY[(self.kind, key)] = known
        self.used[key] = known[2]
        return known[0], known[1]

    def _stored(self, key: str) -> Parsed | None:
        entry = self.stored.get(key)
        if not isinstance(entry, list) or len(entry) != 2 or not isinstance(entry[1], list):
            return None
        try:
            return self.decode(entry[0]), tuple(decode_finding(f) for f in entry[1]), entry
        except CacheDecodeError:
            return None

    def save(self) -> None:
        """Keep the entries of the files read this time, if anything changed."""
        if self.folder and (self.parsed or self.used.keys() != self.stored.keys()):
            self.folder.write(self.name, {"entries": self.used}, keep=f"{self.kind}-")
