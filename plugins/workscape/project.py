"""Loading a project: settings, files, git history, taxonomy and rules, into one Catalog.

This is the core's front door: the CLI and the MkDocs plugins both call
:func:`load_project` and get the same catalog and the same findings.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from .errors import Finding
from .model import Catalog, Comment, Item, Moderation, News, Rating, Review, Tag
from .rules.conversation import conversation_findings
from .rules.generated import reserved_findings
from .rules.links import link_findings
from .rules.media import MB, media_findings
from .rules.reviews import needs_approval
from .rules.taxonomy import resolve_item_tags
from .rules.validation import validate
from .rules.views import view_jumps
from .sources.cache import CacheFolder, CacheStats
from .sources.content import scan_content
from .sources.conversation import ConversationData
from .sources.curation_files import CurationData, read_curation
from .sources.history import History, now_from, read_history, unknown_identities
from .sources.identities import NonAuthors
from .sources.media import is_media, read_media
from .sources.settings import Settings, find_root, read_settings


@dataclass
class Loaded:
    """A loaded project: its catalog and everything found wrong with it."""

    settings: Settings
    catalog: Catalog
    findings: list[Finding] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  #: plain Markdown pages, docs-relative
    history: History | None = None
    #: Items left off the site, each with why, by id (see :func:`held_back_items`).
    held_back_why: dict[str, str] = field(default_factory=dict)
    #: How many files this load parsed, and how many it took from the cache.
    cache_stats: CacheStats = field(default_factory=CacheStats)

    @property
    def held_back(self) -> list[str]:
        """Items left off the site: critical, without current approval, and policy says so;
        with them, the answers to a held-back problem (they have no page of their own)."""
        return list(self.held_back_why)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def published(self) -> Catalog:
        """The catalog as the site shows it: held-back items absent, not merely unlisted.

        Every page, feed and index reads this catalog, so nothing in it may name a
        held-back id: the visible items' references to them (related, collection steps,
        superseded_by, accepted) and the curation records about them go too, comments
        included. Hidden comments and news keep their place but lose their text.
        """
        shown = without(self.catalog, set(self.held_back)) if self.held_back else self.catalog
        return redacted(shown)


def without(catalog: Catalog, hidden: set[str]) -> Catalog:
    """``catalog`` with the items ``hidden`` and every reference to them removed."""

    def visible(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(i for i in ids if i not in hidden)

    items = {
        k: replace(
            v,
            related=visible(v.related),
            items=visible(v.items),
            superseded_by=None if v.superseded_by in hidden else v.superseded_by,
            accepted=None if v.accepted in hidden else v.accepted,
        )
        for k, v in catalog.items.items()
        if k not in hidden
    }
    return replace(
        catalog,
        items=items,
        reviews={k: v for k, v in catalog.reviews.items() if k not in hidden},
        ratings={k: v for k, v in catalog.ratings.items() if k not in hidden},
        views=tuple(v for v in catalog.views if v.item not in hidden),
        featured=tuple(f for f in catalog.featured if f.kind != "item" or f.ref not in hidden),
        comments={k: v for k, v in catalog.comments.items() if k not in hidden},
    )


def redacted(catalog: Catalog) -> Catalog:
    """``catalog`` with the text of every hidden comment and news post gone.

    Pages show that a curator hid it and why; with the body emptied here, no page,
    feed, digest or search index built from the published catalog can show the text.
    """
    if not catalog.moderation:
        return catalog
    comments = {
        k: tuple(replace(c, body="") if c.hidden else c for c in v)
        for k, v in catalog.comments.items()
    }
    news = tuple(replace(n, body="", title="") if n.hidden else n for n in catalog.news)
    return replace(catalog, comments=comments, news=news)


def held_back_items(catalog: Catalog) -> dict[str, str]:
    """Items the policy leaves off the site, each with why, by id.

    An answer is only ever shown on its problem's page, so the answers to a held-back
    problem go with it, even approved ones: otherwise lists, feeds and profiles would
    link to an answer whose page does not exist.
    """
    if catalog.policy.publish_unapproved_critical:
        return {}
    why = {
        i.id: "critical, not currently approved"
        for i in catalog.items.values()
        if needs_approval(catalog, i)
    }
    for item in catalog.items.values():
        if item.type == "answer" and item.problem in why and item.id not in why:
            why[item.id] = f"answers held-back problem {item.problem}"
    return dict(sorted(why.items()))


def load_project(
    root: Path | None = None, settings: Settings | None = None, *, cache: CacheFolder | bool = True
) -> Loaded:
    """Read everything and check it. Raises :class:`ProjectError` only when there is no project.

    Parsed files are reused from the project's cache folder (:mod:`.sources.cache`)
    (or the given one) unless ``cache`` is false; the result is the same either way.
    """
    if settings is None:
        settings = read_settings(find_root(root or Path.cwd()))
    root = settings.root
    folder = CacheFolder(root) if cache is True else (cache or None)
    prefixes = (f"{settings.docs_dir}/", f"{settings.curation_dir}/")
    with ThreadPoolExecutor(max_workers=1) as pool:
        # `git log` runs while the files are parsed: the wait for it was a quarter of a
        # cold check, and the thread only waits on the process until it parses its output.
        pending = pool.submit(read_history, root, prefixes)
        stats = CacheStats()
        curation = read_curation(root, settings.curation_dir, folder, stats)
        scan = scan_content(root, settings.docs_dir, curation.policy.allowed_assets, folder, stats)
        history = pending.result()
    findings = [*curation.findings, *scan.findings]
    catalog, more = assemble(scan.items, curation, history, settings)
    findings += more
    findings += validate(catalog, settings.curation_dir)
    findings += view_jumps(curation.views, curation.view_paths)
    findings += _identity_warnings(catalog, history, f"{settings.curation_dir}/people.yml")
    why = held_back_items(catalog)
    findings += conversation_findings(catalog, why, settings.curation_dir)
    findings += reserved_findings(catalog, scan.pages, settings.docs_dir)
    findings += link_findings(catalog, list(why), scan.page_bodies, scan.assets, settings)
    # Photos, videos and captions: judged by their bytes against the policy's limits.
    max_bytes = int(curation.policy.media_max_file_mb * MB)
    docs = root / settings.docs_dir
    media = [read_media(docs, path, max_bytes) for path in scan.assets if is_media(path)]
    findings += media_findings(media, curation.policy, settings.docs_dir)
    loaded = Loaded(settings, catalog, sorted(set(findings)), sorted(scan.pages), history, why)
    loaded.cache_stats = stats
    return loaded


def assemble(
    items: list[Item], curation: CurationData, history: History, settings: Settings
) -> tuple[Catalog, list[Finding]]:
    """Join items, curation data and history into a Catalog, resolving tags and inheritance."""
    findings: list[Finding] = []
    tags = _unique(curation.tags, "id", f"{settings.curation_dir}/taxonomy.yml", findings)
    people = _unique(curation.people, "handle", f"{settings.curation_dir}/people.yml", findings)
    communities = _unique(
        curation.communities, "id", f"{settings.curation_dir}/communities.yml", findings
    )
    by_email = {e: p.handle for p in people.values() for e in p.emails}
    non_authors = NonAuthors(curation.policy.non_authors, by_email)
    resolved, tag_findings = resolve_item_tags(items, tags, f"{settings.curation_dir}/taxonomy.yml")
    findings += tag_findings
    by_id: dict[str, Item] = {}
    for item in resolved:
        if item.id in by_id:
            at = item.positions.get("id", (1, 1))
            findings.append(
                Finding.error(
                    item.path,
                    at,
                    "duplicate-id",
                    f"id '{item.id}' is already used by {by_id[item.id].path}",
                    "ids are unique across the whole site: rename this file or set another `id:`",
                )
            )
            continue
        by_id[item.id] = _with_history(item, history, by_email, non_authors)
    by_id = _inherit(by_id, tags)
    reviews: dict[str, list[Review]] = {}
    for review in curation.reviews:
        reviews.setdefault(review.item, []).append(review)
    ratings: dict[str, list[Rating]] = {}
    for rating in curation.ratings:
        ratings.setdefault(rating.item, []).append(rating)
    now = now_from(history) or _latest_date(by_id)
    catalog = Catalog(
        items=dict(sorted(by_id.items())),
        tags=tags,
        communities=communities,
        people=people,
        reviews={k: tuple(v) for k, v in sorted(reviews.items())},
        ratings={k: tuple(sorted(v, key=lambda r: r.by)) for k, v in sorted(ratings.items())},
        views=tuple(curation.views),
        featured=tuple(curation.featured),
        policy=curation.policy,
        now=now,
        **_conversation(curation.conversation),
    )
    return catalog, findings


def _conversation(data: ConversationData) -> dict[str, Any]:
    """Comments by item (oldest first) and news (newest first), each with its moderation."""
    hidden: dict[str, Moderation] = {m.target: m for m in data.moderation}
    comments: dict[str, list[Comment]] = {}
    for c in sorted(data.comments, key=lambda c: (c.item, c.date, c.time, c.id)):
        comments.setdefault(c.item, []).append(replace(c, hidden=hidden.get(c.path)))
    news: list[News] = [replace(n, hidden=hidden.get(n.path)) for n in data.news]
    news.sort(key=lambda n: (n.date, n.community, n.id), reverse=True)
    return {
        "comments": {k: tuple(v) for k, v in sorted(comments.items())},
        "news": tuple(news),
        "moderation": tuple(sorted(data.moderation, key=lambda m: m.path)),
    }


def _unique(records: list[Any], key: str, path: str, findings: list[Finding]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for record in records:
        name = getattr(record, key)
        if name in out:
            at = record.positions.get(key, (1, 1))
            findings.append(
                Finding.error(
                    path,
                    at,
                    f"duplicate-{key}",
                    f"{key} '{name}' is defined twice",
                    "keep one entry",
                )
            )
            continue
        out[name] = record
    return dict(sorted(out.items()))


def _with_history(
    item: Item, history: History, by_email: Mapping[str, str], non_authors: NonAuthors
) -> Item:
    """Dates and contributors from git; front matter's ``date`` and ``updated`` win."""
    record = history.for_path(item.path)
    if record is None:
        return item
    authors = [c for c in record.contributors if c not in non_authors]
    contributors = tuple(dict.fromkeys(by_email.get(c.email, c.email) for c in authors))
    day = item.date or record.created.date()
    changed = max((c.last.date() for c in authors if c.last), default=None)
    if changed and changed < day:
        changed = day  # committed before the date its front matter gives: unchanged since
    return replace(item, date=day, updated=item.updated or changed, contributors=contributors)


def _inherit(items: dict[str, Item], tags: Mapping[str, Tag]) -> dict[str, Item]:
    """Answers take tags and community from their problem; others their first tag's community."""
    out = dict(items)
    for item in items.values():
        changes: dict[str, Any] = {}
        if item.type == "answer" and item.problem in items:
            problem = items[item.problem]
            if not item.tags:
                changes["tags"] = problem.tags
            if not item.community:
                changes["community"] = problem.community
        if not item.community and not changes.get("community"):
            for t in changes.get("tags", item.tags):
                if t in tags and tags[t].community:
                    changes["community"] = tags[t].community
                    break
        if changes:
            out[item.id] = replace(item, **changes)
    return out


def _latest_date(items: Mapping[str, Item]) -> datetime | None:
    """Without git (and SOURCE_DATE_EPOCH), "now" is the newest item date: still a function
    of the content, never the wall clock."""
    dates = [d for i in items.values() for d in (i.date, i.updated) if d]
    return datetime.combine(max(dates), time(), UTC) if dates else None


def _identity_warnings(catalog: Catalog, history: History, people_file: str) -> list[Finding]:
    known = set(catalog.person_by_email)
    non_authors = NonAuthors(catalog.policy.non_authors, known)
    out = []
    for email, paths in sorted(unknown_identities(history, known).items()):
        if non_authors.matches(email):
            continue
        shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        out.append(
            Finding.warning(
                people_file,
                (1, 1),
                "unknown-identity",
                f"git author <{email}> is not in people.yml (changed {shown})",
                "add the address to that person's `emails:` or map it in .mailmap; if it "
                "never authors knowledge (a bot, a maintainer), list it in `non_authors:` "
                "in policy.yml",
            )
        )
    return out
