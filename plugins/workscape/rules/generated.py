"""What the site generates, named once.

The publish layer writes these pages and files; the check refuses a contributed
file that would take one of their addresses, and accepts links to them. Both ask
this module, so a page added to the site is protected the day it is added.

A page is named by its docs-relative Markdown path (what MkDocs builds it from);
:func:`page_url` turns that into its address with directory URLs, as MkDocs does.
"""

from __future__ import annotations

import posixpath

from ..errors import Finding
from ..insights.people import listed_people
from ..insights.review_queue import reviewers
from ..model import FOLDERS, Catalog

HOME = "index.md"
SITE_FEED = "feed.xml"
#: Pages with no parameter, by folder: the home page's sections and the site-wide indexes.
SECTIONS = {
    "new": "what's new",
    "popular": "popular and trending items",
    "unanswered": "the unanswered problems",
    "gaps": "the knowledge gaps",
    "health": "the health dashboard",
    "review": "the review queue",
    "search": "the search page",
    "tags": "the index of tags",
    "communities": "the index of communities",
}
#: Ids no item may take: ``<folder>/index.md`` is the generated list of its type.
RESERVED_IDS = frozenset({"index"})


def section_page(name: str) -> str:
    return f"{name}/index.md"


def list_page(folder: str) -> str:
    """The list of one item type, e.g. ``problems/index.md``."""
    return f"{folder}/index.md"


def people_page() -> str:
    return "people/index.md"


def person_page(handle: str) -> str:
    return f"people/{handle}.md"


def tag_page(tag_id: str) -> str:
    return f"tags/{tag_id}.md"


def tag_feed(tag_id: str) -> str:
    return f"tags/{tag_id}/feed.xml"


def community_page(community_id: str) -> str:
    return f"communities/{community_id}.md"


def community_feed(community_id: str) -> str:
    return f"communities/{community_id}/feed.xml"


def digest_page(community_id: str) -> str:
    return f"communities/{community_id}/digest.md"


def digest_email(community_id: str) -> str:
    return f"communities/{community_id}/digest/email.html"


def review_feed(handle: str) -> str:
    """The Atom feed of what waits for one reviewer."""
    return f"review/{handle}/feed.xml"


def generated_pages(catalog: Catalog) -> dict[str, str]:
    """Every page the site generates: docs-relative Markdown path -> what it shows."""
    out = {HOME: "the home page"}
    for name, what in SECTIONS.items():
        out[section_page(name)] = what
    for folder in FOLDERS.values():
        if folder != "answers":  # an answer is read on its problem's page
            out[list_page(folder)] = f"the list of {folder}"
    out[people_page()] = "the people directory"
    for person in listed_people(catalog):
        out[person_page(person.handle)] = f"the profile of '{person.handle}'"
    for tag in catalog.tags.values():
        out[tag_page(tag.id)] = f"the page of tag '{tag.id}'"
    for community in catalog.communities.values():
        out[community_page(community.id)] = f"the page of community '{community.id}'"
        out[digest_page(community.id)] = f"the weekly digest of '{community.id}'"
    return out


def generated_files(catalog: Catalog) -> dict[str, str]:
    """The generated files readers are given links to (feeds, digest emails), by site path."""
    out = {SITE_FEED: "the site's feed"}
    for tag in catalog.tags.values():
        out[tag_feed(tag.id)] = f"the feed of tag '{tag.id}'"
    for community in catalog.communities.values():
        out[community_feed(community.id)] = f"the feed of community '{community.id}'"
        out[digest_email(community.id)] = f"the digest email of '{community.id}'"
    for person in reviewers(catalog):
        out[review_feed(person.handle)] = f"the review queue feed of '{person.handle}'"
    return out


def page_url(uri: str) -> str:
    """The address of the page built from a docs-relative Markdown path (``''`` is home).

    As MkDocs with directory URLs: ``a/index.md`` and ``a/README.md`` are ``a/``,
    ``a/b.md`` is ``a/b/``.
    """
    parent, name = posixpath.split(uri)
    stem = posixpath.splitext(name)[0]
    if stem in ("index", "README"):
        return f"{parent}/" if parent else ""
    return f"{parent}/{stem}/" if parent else f"{stem}/"


def reserved_findings(catalog: Catalog, pages: list[str], docs_dir: str) -> list[Finding]:
    """Contributed files that would replace a generated page, and items with a reserved id."""
    taken = {page_url(uri): what for uri, what in generated_pages(catalog).items()}
    out = []
    for uri in pages:
        url = page_url(uri)
        if url in taken:
            out.append(
                Finding.error(
                    f"{docs_dir}/{uri}",
                    (1, 1),
                    "reserved-path",
                    f"this page would be published at /{url}, where the site generates "
                    f"{taken[url]}",
                    "rename or move the file: the site builds that page itself",
                )
            )
    for item in catalog.items.values():
        if item.id in RESERVED_IDS:
            at = item.positions.get("id", (1, 1))
            out.append(
                Finding.error(
                    item.path,
                    at,
                    "reserved-id",
                    f"id '{item.id}' is reserved for the site's own list pages, "
                    f"such as /{list_page('problems').removesuffix('index.md')}",
                    "rename the file or set another `id:` (lowercase words joined by '-')",
                )
            )
    return out
