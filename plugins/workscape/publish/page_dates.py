"""The day each page last changed, from the repository, never from the build's clock.

MkDocs stamps every page with the day of the build (``Page.update_date``), which
reaches ``sitemap.xml`` as ``lastmod`` and the gzip header of ``sitemap.xml.gz``;
two builds of one commit on different days would then differ. These dates replace it.
"""

from __future__ import annotations

from datetime import date

from ..model import Catalog, Item


def last_change(catalog: Catalog, item: Item | None) -> date | None:
    """When what a page shows last changed.

    An item page: the item's last change (``updated``, else its ``date``); a problem
    page shows its answers, so the newest of those too. Any other page shows figures
    computed against "now", so it changes with every commit: ``catalog.now``'s day.
    """
    if item is None:
        return catalog.today()
    shown = [item, *catalog.answers_to(item.id)] if item.type == "problem" else [item]
    days = [d for d in (i.updated or i.date for i in shown) if d is not None]
    return max(days) if days else catalog.today()
