"""The pages and files Workscape generates, by family.

Each family is a module with:

- ``KINDS``: the ``ws_page`` values its pages carry;
- ``pages(catalog, settings) -> {uri: markdown}``: generated Markdown pages (front
  matter naming the template and what the page shows, never contributor text);
- ``context(catalog, settings, kind, ref) -> dict``: what the template receives;
- optionally ``files(catalog, settings) -> {uri: str | bytes}``: other generated
  files (feeds, charts, indexes).

Nothing here imports MkDocs: the plugin asks these modules and wraps the results.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

from ...model import Catalog
from ...rules.generated import generated_pages as named_pages
from ...sources.settings import Settings
from . import (
    activity,
    communities,
    digests,
    discovery,
    gaps,
    guide,
    health,
    lists,
    people,
    review,
    search,
    subscribe,
)

FAMILIES: tuple[ModuleType, ...] = (
    lists,
    discovery,
    people,
    communities,
    gaps,
    digests,
    health,
    review,
    search,
    subscribe,
    guide,
    activity,
)


def generated_pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """Every generated Markdown page by docs-relative URI."""
    out: dict[str, str] = {}
    for family in FAMILIES:
        out.update(family.pages(catalog, settings))
    # The check reserves only the pages the core names: one it does not know could be
    # taken by a contributed file of the same path.
    unnamed = sorted(set(out) - set(named_pages(catalog)))
    if unnamed:
        raise RuntimeError(f"generated pages missing from rules/generated.py: {', '.join(unnamed)}")
    return out


def generated_file_batches(
    catalog: Catalog, settings: Settings
) -> Iterator[dict[str, str | bytes]]:
    """Every other generated file (feeds, charts, indexes) by site-relative URI, one
    family at a time: a caller that writes each batch out before asking for the next
    never holds every feed and index in memory at once."""
    for family in FAMILIES:
        if hasattr(family, "files"):
            yield family.files(catalog, settings)


def page_context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """The template context of a generated page."""
    for family in FAMILIES:
        if kind in family.KINDS:
            context: dict[str, Any] = family.context(catalog, settings, kind, ref)
            return context
    raise KeyError(f"no page family makes '{kind}' pages")
