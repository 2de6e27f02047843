"""Closest valid names for a mistyped one, for hints like "did you mean 'pumps'?"."""

from __future__ import annotations

from collections.abc import Iterable


def closest(
    word: str,
    choices: Iterable[str],
    limit: int = 3,
    cutoff: float = 60.0,
    scorer: str = "WRatio",
) -> list[str]:
    """Up to ``limit`` choices most like ``word``, best first, ties by name.

    ``scorer`` names a ``rapidfuzz.fuzz`` function. WRatio forgives words in another
    order, which suits names; paths share their folders and extensions, so compare
    those with ``"ratio"``. rapidfuzz loads on the first mistake, not with every
    build (2 MB a clean build does not need).
    """
    from rapidfuzz import fuzz, process, utils

    pool = sorted(set(choices))
    found = process.extract(
        word,
        pool,
        scorer=getattr(fuzz, scorer),
        processor=utils.default_process,
        limit=limit * 3,
        score_cutoff=cutoff,
    )
    ranked = sorted(found, key=lambda hit: (-round(hit[1], 3), hit[0]))
    return [name for name, _score, _index in ranked[:limit]]


def did_you_mean(word: str, choices: Iterable[str], fallback: str = "") -> str:
    """A hint naming the closest choices, or ``fallback`` when nothing is close."""
    names = closest(word, choices)
    if not names:
        return fallback
    quoted = " or ".join(f"'{n}'" for n in names)
    return f"did you mean {quoted}?" + (f" {fallback}" if fallback else "")
