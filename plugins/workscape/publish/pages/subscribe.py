"""/subscribe/ and a "follow this" page for each Atom feed.

Why a page per feed? A link straight to ``feed.xml`` shows most employees a wall of
markup; styling the XML with XSLT would help only until browsers drop XSLT, which
they are doing. So every "follow" link on the site leads to an HTML page that says
what the feed holds, gives its address to copy into a feed reader (Outlook, Thunderbird,
an intranet reader), and offers the weekly email digest for people who keep no reader.

/subscribe/ gathers them: the site, each tag, each community, and how an organisation
mails the weekly digests (the email-ready ``digest/email.html`` beside each digest).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...interface_language import translations
from ...model import Catalog
from ...rules.generated import (
    digest_email,
    digest_page,
    feed_file,
    follow_page,
    page_url,
    section_page,
)
from ...sources.settings import Settings
from ..feeds import MAX_ENTRIES
from .markdown import own_title, page_markdown
from .people import title_yaml

KINDS = {"subscribe", "follow"}
#: The copy button's script, shared by every follow page.
SCRIPT = "assets/workscape-copy.js"
_ASSETS = Path(__file__).resolve().parent.parent.parent / "assets"


@dataclass(frozen=True)
class Follow:
    """One feed as a reader meets it: what it follows and where."""

    scope: str  #: site, tag or community
    ref: str  #: the tag's or community's id; empty for the site
    name: str  #: what a reader calls it: the site's name, the tag's label, the community's
    what: str  #: one sentence: what arrives in the reader
    feed: str  #: site-relative path of the Atom file
    address: str  #: the feed's absolute address (empty without a site_url)
    follow: str  #: site-relative URL of the follow page
    page: str  #: site-relative URL of the page the feed mirrors
    digest: str = ""  #: site-relative URL of the weekly digest that covers it, if any
    digest_name: str = ""  #: the community whose digest that is


def follows(catalog: Catalog, settings: Settings) -> list[Follow]:
    """Every feed of the site: the whole site, then tags, then communities, by name."""
    say = translations(settings.language).gettext
    newest = say("the %(n)s newest problems, answers, resources and collections") % {
        "n": MAX_ENTRIES
    }
    whole = say("%(newest)s of the whole site") % {"newest": newest}
    out = [_follow(settings, "site", "", settings.site_name, whole, "")]
    for tag in sorted(catalog.tags.values(), key=lambda t: (t.label.casefold(), t.id)):
        if tag.replaced_by:
            continue  # its page redirects to its replacement; so do readers
        community = catalog.communities.get(tag.community or "")
        out.append(
            _follow(
                settings,
                "tag",
                tag.id,
                tag.label,
                say("%(newest)s tagged %(tag)s (answers under their problem's tags)")
                % {"newest": newest, "tag": tag.label},
                page_url(f"tags/{tag.id}.md"),
                (community.id, community.name) if community else None,
            )
        )
    for c in sorted(catalog.communities.values(), key=lambda c: (c.name.casefold(), c.id)):
        out.append(
            _follow(
                settings,
                "community",
                c.id,
                c.name,
                say("%(newest)s of the %(name)s community") % {"newest": newest, "name": c.name},
                page_url(f"communities/{c.id}.md"),
                (c.id, c.name),
            )
        )
    return out


def _follow(
    settings: Settings,
    scope: str,
    ref: str,
    name: str,
    what: str,
    page: str,
    community: tuple[str, str] | None = None,
) -> Follow:
    feed = feed_file(scope, ref)
    site = settings.site_url.rstrip("/")
    return Follow(
        scope=scope,
        ref=ref,
        name=name,
        what=what,
        feed=feed,
        address=f"{site}/{feed}" if site else "",
        follow=page_url(follow_page(scope, ref)),
        page=page,
        digest=page_url(digest_page(community[0])) if community else "",
        digest_name=community[1] if community else "",
    )


def pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """/subscribe/ and one follow page per feed."""
    say = translations(settings.language).gettext
    out = {
        section_page("subscribe"): page_markdown(
            "subscribe", own_title(say("Subscribe")), "subscribe"
        )
    }
    for f in follows(catalog, settings):
        title = title_yaml(say("Follow %(name)s") % {"name": f.name})
        out[follow_page(f.scope, f.ref)] = page_markdown(
            "follow", title, "follow", f"{f.scope}:{f.ref}"
        )
    return out


def files(catalog: Catalog, settings: Settings) -> dict[str, str | bytes]:
    """The copy button's script."""
    return {SCRIPT: (_ASSETS / "workscape-copy.js").read_text(encoding="utf-8")}


#: The last build's feeds: each of its follow pages asks for one, and listing them all
#: for each page made the pages quadratic in the tags. One build's catalog at most is kept.
_listed: tuple[Catalog, Settings, list[Follow], dict[tuple[str, str], Follow]] | None = None


def _every(
    catalog: Catalog, settings: Settings
) -> tuple[list[Follow], dict[tuple[str, str], Follow]]:
    global _listed
    if _listed is None or _listed[0] is not catalog or _listed[1] is not settings:
        every = follows(catalog, settings)
        by_ref: dict[tuple[str, str], Follow] = {}
        for f in every:
            by_ref.setdefault((f.scope, f.ref), f)  # the first, as a scan would find
        _listed = (catalog, settings, every, by_ref)
    return _listed[2], _listed[3]


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """The subscribe page's feeds and digests, or one follow page's feed."""
    every, by_ref = _every(catalog, settings)
    if kind == "subscribe":
        communities = sorted(catalog.communities.values(), key=lambda c: (c.name.casefold(), c.id))
        site = settings.site_url.rstrip("/")
        return {
            "site": every[0],
            "tags": [f for f in every if f.scope == "tag"],
            "communities": [f for f in every if f.scope == "community"],
            "emails": [
                (c, page_url(digest_page(c.id)), digest_email(c.id), site) for c in communities
            ],
            "example_email": (
                f"{site or '$SITE'}/{digest_email(communities[0].id)}" if communities else ""
            ),
        }
    if kind == "follow":
        scope, _, key = ref.partition(":")
        return {"follow": by_ref[(scope, key)]}
    raise KeyError(kind)
