"""What `check` enforces on comments, community news and moderation records.

- A comment names a person in people.yml, is on an item that exists, and replies (if
  at all) to a top-level comment on the same item: one level of replies keeps a thread
  readable on a page and in a feed. A comment on an item the policy holds back is kept
  but not shown: a warning, since the item comes back once approved.
- ``@handle`` mentions name people in people.yml (a warning with the closest handle:
  the comment still reads, only the link is missing).
- A news post is by a manager of the community whose folder it is in.
- A moderation record hides a comment or news post that exists, and is by a curator
  (a community manager: CODEOWNERS makes them the owners of curation/), or for a news
  post by a manager of its community.

Who may *add* each file in a pull request is :func:`workscape.sources.conversation.
statement_by`'s question; these rules judge what the files say.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

from ..errors import Finding
from ..insights.conversation import curators, mentions
from ..model import Catalog, Comment, Positions
from ..sources.conversation import read_comment, read_moderation, read_news
from ..suggest import did_you_mean

__all__ = ["conversation_findings", "statement_problems"]


def _at(positions: Positions, key: str) -> tuple[int, int]:
    return positions.get(key, (1, 1))


def conversation_findings(
    catalog: Catalog, held_back: Collection[str], curation_dir: str = "curation"
) -> list[Finding]:
    """Every finding about comments, news and moderation in ``catalog``."""
    findings: list[Finding] = []
    people_file = f"{curation_dir}/people.yml"
    for comments in catalog.comments.values():
        by_id = {c.id: c for c in comments}
        for comment in comments:
            findings += _comment(catalog, comment, by_id, held_back, people_file)
    for news in catalog.news:
        at = _at(news.positions, "by")
        community = catalog.communities.get(news.community)
        findings += _person(catalog, news.path, at, news.by, people_file)
        if community is None:
            findings.append(
                Finding.error(
                    news.path,
                    (1, 1),
                    "unknown-community",
                    f"news folder '{news.community}' is not a community in "
                    f"{curation_dir}/communities.yml",
                    did_you_mean(news.community, catalog.communities, "move the file"),
                )
            )
        elif news.by in catalog.people and news.by not in community.managers:
            managers = ", ".join(community.managers) or "nobody"
            findings.append(
                Finding.error(
                    news.path,
                    at,
                    "not-a-manager",
                    f"'{news.by}' is not a manager of {community.name}, so cannot post its news",
                    f"its managers ({managers}) post news; ask one of them to post it",
                )
            )
    findings += _moderation(catalog, people_file)
    return findings


def _person(
    catalog: Catalog, path: str, at: tuple[int, int], handle: str, people_file: str
) -> list[Finding]:
    if handle in catalog.people:
        return []
    return [
        Finding.error(
            path,
            at,
            "unknown-person",
            f"'{handle}' is not in {people_file}",
            did_you_mean(handle, catalog.people, f"add them to {people_file} first"),
        )
    ]


def _comment(
    catalog: Catalog,
    comment: Comment,
    by_id: dict[str, Comment],
    held_back: Collection[str],
    people_file: str,
) -> list[Finding]:
    out = _person(catalog, comment.path, _at(comment.positions, "by"), comment.by, people_file)
    if comment.item not in catalog.items:
        out.append(
            Finding.error(
                comment.path,
                (1, 1),
                "unknown-item",
                f"comment on '{comment.item}', which is not an item on the site",
                did_you_mean(comment.item, catalog.items, "the folder name is the id of the item"),
            )
        )
    elif comment.item in held_back:
        out.append(
            Finding.warning(
                comment.path,
                (1, 1),
                "comment-on-held-back",
                f"'{comment.item}' is held back from the site, so this comment is not shown",
                "it shows again once the item has a current SME approval",
            )
        )
    if comment.reply_to is not None:
        at = _at(comment.positions, "reply_to")
        parent = by_id.get(comment.reply_to)
        if parent is None:
            out.append(
                Finding.error(
                    comment.path,
                    at,
                    "unknown-comment",
                    f"reply_to '{comment.reply_to}' is not a comment on '{comment.item}'",
                    did_you_mean(
                        comment.reply_to,
                        [c for c in by_id if c != comment.id],
                        "give the file name (without .md) of the comment you reply to",
                    ),
                )
            )
        elif parent.reply_to is not None:
            out.append(
                Finding.error(
                    comment.path,
                    at,
                    "reply-to-reply",
                    f"'{comment.reply_to}' is itself a reply; replies go one level deep",
                    f"reply to the comment it answers: `reply_to: {parent.reply_to}`",
                )
            )
        elif parent.id == comment.id:
            out.append(
                Finding.error(comment.path, at, "reply-to-self", "a comment cannot reply to itself")
            )
    out += _mention_findings(catalog, comment.path, comment.body, comment.body_line)
    return out


def _mention_findings(catalog: Catalog, path: str, body: str, first_line: int) -> list[Finding]:
    out = []
    for handle, line, col in mentions(body):
        if handle in catalog.people:
            continue
        out.append(
            Finding.warning(
                path,
                (first_line + line - 1, col),
                "unknown-mention",
                f"@{handle} is not in people.yml, so it links to nobody",
                did_you_mean(handle, catalog.people, "mention people by their handle"),
            )
        )
    return out


def _moderation(catalog: Catalog, people_file: str) -> list[Finding]:
    out: list[Finding] = []
    comments = {c.path: c for cs in catalog.comments.values() for c in cs}
    news = {n.path: n for n in catalog.news}
    allowed = curators(catalog)
    for record in catalog.moderation:
        at = _at(record.positions, "by")
        out += _person(catalog, record.path, at, record.by, people_file)
        if record.target not in comments and record.target not in news:
            out.append(
                Finding.error(
                    record.path,
                    (1, 1),
                    "unknown-target",
                    f"it hides {record.target}, which is not a comment or news post",
                    did_you_mean(record.target, [*comments, *news], "delete this record"),
                )
            )
            continue
        if record.by not in catalog.people:
            continue
        managers: Iterable[str] = ()
        if record.target in news:
            community = catalog.communities.get(news[record.target].community)
            managers = community.managers if community else ()
        if record.by not in allowed and record.by not in managers:
            out.append(
                Finding.error(
                    record.path,
                    at,
                    "not-a-curator",
                    f"'{record.by}' is not a curator (a community manager), so cannot hide it",
                    "ask a curator: " + (", ".join(sorted(allowed)) or "none is listed"),
                )
            )
    return out


def statement_problems(
    catalog: Catalog, held_back: Collection[str], rel: str, text: str, curation_dir: str
) -> list[Finding]:
    """The errors `check` would report on file ``rel`` if it held ``text``; empty when none.

    ``workscape comment``, ``news``, ``hide`` and the comment intake call this before
    writing, so none of them writes a file the check or the build would refuse.
    """
    data = text.encode("utf-8", "surrogatepass")
    found: list[Finding] = []
    kind = rel[len(curation_dir) + 1 :].split("/", 1)[0]
    if kind == "comments":
        comment = read_comment(data, rel, found)
        if comment is not None:
            others = [c for c in catalog.comments_on(comment.item) if c.path != rel]
            ordered = sorted([*others, comment], key=lambda c: (c.date, c.time, c.id))
            catalog = replace(catalog, comments={**catalog.comments, comment.item: tuple(ordered)})
    elif kind == "news":
        news = read_news(data, rel, found)
        if news is not None:
            catalog = replace(catalog, news=(news, *(n for n in catalog.news if n.path != rel)))
    else:
        record = read_moderation(data, rel, curation_dir, found)
        if record is not None:
            rest = tuple(m for m in catalog.moderation if m.path != rel)
            catalog = replace(catalog, moderation=(*rest, record))
    if not any(f.severity == "error" for f in found):
        found += conversation_findings(catalog, held_back, curation_dir)
    return [f for f in found if f.path == rel and f.severity == "error"]
