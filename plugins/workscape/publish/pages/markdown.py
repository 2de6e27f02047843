"""The Markdown of a generated page: front matter that names its template and subject.

A module of its own so every page family imports it at the top, and the package's
``__init__`` (which imports every family) stays the only place that knows them all.
"""

from __future__ import annotations

import json


def page_markdown(
    template: str, title: str, kind: str, ref: str = "", hide: tuple[str, ...] = ()
) -> str:
    """The Markdown of a generated page: front matter only.

    ``hide`` names the parts of Material's layout the page does without
    (``navigation``, ``toc``), as a contributed page's ``hide:`` does.
    """
    hidden = f"hide: [{', '.join(hide)}]\n" if hide else ""
    return (
        f"---\ntemplate: workscape/{template}.html\ntitle: {title}\n"
        f"ws_page: {kind}\nws_ref: '{ref}'\n{hidden}---\n"
    )


def own_title(text: str) -> str:
    """Workscape's own words (perhaps translated) as a title: a JSON string is YAML, any text."""
    return json.dumps(text)
