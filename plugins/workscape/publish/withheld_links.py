"""Links to items the policy holds back keep their words and lose their target.

A critical item whose approval lapses is withheld on the next build, and the published
pages that link to it must neither fail the build nor send a reader to a missing page.
``workscape check`` warns about each such link (``link-to-held-back``); the page shows
its text in a span that says why it is not a link.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection
from typing import Any
from urllib.parse import urlsplit

from ..patterns import linear

# Contributor HTML, after the sanitizer: RE2 keeps the scan linear whatever it holds.
_LINK = linear(r"(?s)<a\s([^>]*)>(.*?)</a>")
_HREF = linear(r'\bhref="([^"]*)"')


def target_path(href: str, page_url: str) -> str | None:
    """The site path (``problems/x/``) a relative ``href`` on ``page_url`` leads to."""
    scheme, netloc, path, _query, _fragment = urlsplit(href)
    if scheme or netloc or not path or path.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname("/" + page_url), path))
    return joined.lstrip("/") + ("/" if path.endswith("/") else "")


def unlink_withheld(html: str, page_url: str, withheld: Collection[str]) -> str:
    """``html`` with every link to a ``withheld`` site path turned into plain words."""
    if not withheld:
        return html

    def replace(match: Any) -> str:
        href = _HREF.search(match.group(1))
        target = target_path(href.group(1), page_url) if href else None
        if target is None or target not in withheld:
            return str(match.group(0))
        return (
            '<span class="ws-withheld" title="Not published until an SME approves it">'
            f"{match.group(2)}</span>"
        )

    return str(_LINK.sub(replace, html))
