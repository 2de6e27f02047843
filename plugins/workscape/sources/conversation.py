"""Reading and writing comments, community news and moderation records under curation/.

Why files, one per statement? Two people commenting at once never conflict, a
comment's history is its file's, and the same rules read a file whoever wrote it:
``workscape comment``, a pull request or the issue-form intake.

- ``comments/<item>/<YYYYMMDD-HHMM>-<handle>.md``: front matter ``by``, ``date`` (the
  day in the name), optional ``reply_to`` (a comment id on the same item), then a
  Markdown body. The name's time (UTC) orders comments made the same day; a second
  comment in the same minute takes ``-2``, ``-3``... after the handle.
- ``news/<community>/<YYYY-MM-DD>-<slug>.md``: ``title``, ``by``, then the body; the
  date is the name's.
- ``moderation/<the hidden file's path under curation/, .yml for .md>``: ``by``,
  ``date``, ``reason``. The hidden file is never edited; deleting the record shows
  it again.

Whose statement is a file? :func:`statement_by` answers from the file alone, so a
check of a pull request can ask it of every added, changed or removed file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..errors import Finding
from ..model import Comment, Moderation, News
from ..patterns import linear
from ..schema import COMMENT_FIELDS, MODERATION_FIELDS, NEWS_FIELDS
from .documents import decode_text, read_document
from .fields import Checker
from .yamlfile import parse_yaml

__all__ = [
    "ConversationData",
    "comment_name",
    "comment_text",
    "moderation_target",
    "news_community",
    "news_text",
    "read_comment",
    "read_conversation",
    "read_moderation",
    "statement_by",
]

#: ``YYYYMMDD-HHMM-<handle>[-n]``; the handle part is checked against ``by`` later.
COMMENT_NAME = linear(r"^([0-9]{8})-([0-9]{4})-([a-z0-9][a-z0-9._-]*)$")
#: ``YYYY-MM-DD-<slug>``.
NEWS_NAME = linear(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$")
_SLUG = linear(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class ConversationData:
    """Every comment, news post and moderation record, as read."""

    comments: list[Comment] = field(default_factory=list)
    news: list[News] = field(default_factory=list)
    moderation: list[Moderation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def comment_name(day: date, hhmm: str, handle: str, n: int = 1) -> str:
    """The file stem of a comment: ``20260305-1412-rkhan`` (``-2`` for a second that minute)."""
    suffix = f"-{n}" if n > 1 else ""
    return f"{day.strftime('%Y%m%d')}-{hhmm.replace(':', '')}-{handle}{suffix}"


def _stamp(stem: str) -> tuple[date, str] | None:
    match = COMMENT_NAME.match(stem)
    if not match:
        return None
    try:
        day = date(int(match[1][:4]), int(match[1][4:6]), int(match[1][6:]))
    except ValueError:
        return None
    hh, mm = int(match[2][:2]), int(match[2][2:])
    if hh > 23 or mm > 59:
        return None
    return day, f"{match[2][:2]}:{match[2][2:]}"


def _front_matter(values: dict[str, Any], body: str) -> str:
    head = yaml.safe_dump(values, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{head}---\n{body.strip()}\n"


def comment_text(*, by: str, day: date, body: str, reply_to: str | None = None) -> str:
    """The Markdown of one comment file."""
    values: dict[str, Any] = {"by": by, "date": day}
    if reply_to:
        values["reply_to"] = reply_to
    return _front_matter(values, body)


def news_text(*, title: str, by: str, body: str) -> str:
    """The Markdown of one news file."""
    return _front_matter({"title": title, "by": by}, body)


def read_conversation(root: Path, curation_dir: str) -> ConversationData:
    """Read comments/, news/ and moderation/ under ``root/curation_dir``."""
    data = ConversationData()
    base = root / curation_dir
    for file in _files(base / "comments", "*/*.md"):
        rel = file.relative_to(root).as_posix()
        comment = read_comment(file.read_bytes(), rel, data.findings)
        if comment is not None:
            data.comments.append(comment)
    for file in _files(base / "news", "*/*.md"):
        rel = file.relative_to(root).as_posix()
        news = read_news(file.read_bytes(), rel, data.findings)
        if news is not None:
            data.news.append(news)
    for file in _files(base / "moderation", "**/*.yml"):
        rel = file.relative_to(root).as_posix()
        record = read_moderation(file.read_bytes(), rel, curation_dir, data.findings)
        if record is not None:
            data.moderation.append(record)
    for folder, pattern in (("comments", "*/*.md"), ("news", "*/*.md")):
        _stray(root, base / folder, pattern, data.findings)
    return data


def _files(folder: Path, pattern: str) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(f for f in folder.glob(pattern) if f.is_file() and not f.is_symlink())


def _stray(root: Path, folder: Path, pattern: str, findings: list[Finding]) -> None:
    """Files in comments/ or news/ that are not where they would be read: never silently skipped."""
    if not folder.is_dir():
        return
    read = set(folder.glob(pattern))
    for file in sorted(folder.rglob("*")):
        if file.is_dir() or (file in read and not file.is_symlink()):
            continue
        rel = file.relative_to(root).as_posix()
        findings.append(
            Finding.error(
                rel,
                (1, 1),
                "stray-file",
                f"{rel} is not read: {folder.name}/ holds <folder>/<name>.md files only",
                f"move it to {folder.relative_to(root).as_posix()}/<"
                f"{'item' if folder.name == 'comments' else 'community'}>/<name>.md, "
                "or delete it (symbolic links are not allowed)",
            )
        )


def read_comment(data: bytes, rel: str, findings: list[Finding]) -> Comment | None:
    """A comment file's bytes read as `check` reads them; None when they hold no comment."""
    doc = read_document(data, rel)
    findings.extend(doc.findings)
    if not doc.ok:
        return None
    item, name = rel.rsplit("/", 2)[-2:]
    stem = name.removesuffix(".md")
    stamp = _stamp(stem)
    if stamp is None or not _SLUG.match(item):
        findings.append(
            Finding.error(
                rel,
                (1, 1),
                "bad-file-name",
                f"'{item}/{name}' is not comments/<item id>/<YYYYMMDD-HHMM>-<handle>.md",
                "name it for when (UTC) and who, e.g. 20260305-1412-rkhan.md, in the folder "
                "of the item's id; `workscape comment` writes it for you",
            )
        )
        return None
    checker = Checker(rel, doc.positions)
    values = checker.check(doc.meta, COMMENT_FIELDS)
    findings.extend(checker.findings)
    if "by" not in values or "date" not in values:
        return None
    day, hhmm = stamp
    by = values["by"]
    rest = stem[len("YYYYMMDD-HHMM-") :]
    if rest != by and not (rest.startswith(f"{by}-") and rest[len(by) + 1 :].isdigit()):
        findings.append(
            Finding.error(
                rel,
                doc.positions.get("by", (1, 1)),
                "comment-name-mismatch",
                f"the file name says '{rest}' wrote it, the front matter says '{by}'",
                f"name the file {comment_name(day, hhmm, by)}.md, or set `by:` to its author",
            )
        )
    if values["date"] != day:
        findings.append(
            Finding.error(
                rel,
                doc.positions.get("date", (1, 1)),
                "date-mismatch",
                f"date {values['date']} is not the day in the file name ({day})",
                f"set `date: {day}` or rename the file",
            )
        )
    if not doc.body.strip():
        findings.append(
            Finding.error(
                rel,
                (doc.body_line, 1),
                "empty-comment",
                "the comment has no text",
                "write it below the front matter, or delete the file",
            )
        )
    return Comment(
        item=item,
        id=stem,
        by=by,
        date=day,
        body=doc.body,
        reply_to=values.get("reply_to"),
        time=hhmm,
        path=rel,
        positions=dict(doc.positions),
        body_line=doc.body_line,
    )


def read_news(data: bytes, rel: str, findings: list[Finding]) -> News | None:
    """A news file's bytes read as `check` reads them; None when they hold no post."""
    doc = read_document(data, rel)
    findings.extend(doc.findings)
    if not doc.ok:
        return None
    community, name = rel.rsplit("/", 2)[-2:]
    stem = name.removesuffix(".md")
    match = NEWS_NAME.match(stem)
    day = None
    if match:
        try:
            day = date.fromisoformat(match[1])
        except ValueError:
            day = None
    if day is None:
        findings.append(
            Finding.error(
                rel,
                (1, 1),
                "bad-file-name",
                f"'{name}' is not <YYYY-MM-DD>-<slug>.md",
                "name it for the day it is news and a few words, e.g. 2026-03-05-new-seal-kits.md",
            )
        )
        return None
    checker = Checker(rel, doc.positions)
    values = checker.check(doc.meta, NEWS_FIELDS)
    findings.extend(checker.findings)
    if "by" not in values or "title" not in values:
        return None
    return News(
        community=community,
        id=stem,
        title=values["title"],
        by=values["by"],
        date=day,
        body=doc.body,
        path=rel,
        positions=dict(doc.positions),
        body_line=doc.body_line,
    )


def moderation_target(rel: str, curation_dir: str) -> str | None:
    """The file a moderation record hides (``curation/comments/x/y.md``), or None."""
    prefix = f"{curation_dir}/moderation/"
    if not rel.startswith(prefix) or not rel.endswith(".yml"):
        return None
    inner = rel[len(prefix) : -len(".yml")]
    if not (inner.startswith("comments/") or inner.startswith("news/")):
        return None
    return f"{curation_dir}/{inner}.md"


def moderation_path(target: str, curation_dir: str) -> str:
    """Where the moderation record of ``target`` (a repository-relative .md) lives."""
    inner = target[len(curation_dir) + 1 :].removesuffix(".md")
    return f"{curation_dir}/moderation/{inner}.yml"


def read_moderation(
    data: bytes, rel: str, curation_dir: str, findings: list[Finding]
) -> Moderation | None:
    """A moderation record read as `check` reads it; None when it holds none."""
    target = moderation_target(rel, curation_dir)
    if target is None:
        findings.append(
            Finding.error(
                rel,
                (1, 1),
                "bad-file-name",
                "a moderation record sits at the hidden file's path: "
                "moderation/comments/<item>/<id>.yml or moderation/news/<community>/<id>.yml",
                "write it with `workscape hide PATH --by HANDLE --reason ...`",
            )
        )
        return None
    text = decode_text(data, rel, findings)
    if text is None:
        return None
    parsed = parse_yaml(text, rel)
    findings.extend(parsed.findings)
    if not parsed.ok:
        return None
    if not isinstance(parsed.value, dict):
        findings.append(
            Finding.error(
                rel, (1, 1), "not-a-mapping", "a moderation record is `by:`, `date:` and `reason:`"
            )
        )
        return None
    checker = Checker(rel, parsed.positions)
    values = checker.check(parsed.value, MODERATION_FIELDS)
    findings.extend(checker.findings)
    if not all(k in values for k in ("by", "date", "reason")):
        return None
    return Moderation(target=target, path=rel, positions=dict(parsed.positions), **values)


def moderation_text(*, by: str, day: date, reason: str) -> str:
    """The YAML of one moderation record."""
    return yaml.safe_dump(
        {"by": by, "date": day, "reason": reason}, sort_keys=False, allow_unicode=True, width=100
    )


def news_community(path: str, curation_dir: str = "curation") -> str | None:
    """The community a news file (``curation/news/<community>/...md``) posts to, else None."""
    parts = path.split("/")
    base = curation_dir.split("/")
    if parts[: len(base)] != base or len(parts) != len(base) + 3:
        return None
    if parts[len(base)] != "news" or not parts[-1].endswith(".md"):
        return None
    return parts[len(base) + 1]


def statement_by(path: str, text: str, curation_dir: str = "curation") -> str | None:
    """The handle a comment, news or moderation file speaks for; None when it is none of them.

    ``text`` is the file's content (the new one, or the old one for a removed file): a
    comment's or news post's ``by``, or a moderation record's. A file that does not
    parse speaks for nobody here; `check` reports it on its own.
    """
    data = text.encode("utf-8", "surrogatepass")
    found: list[Finding] = []
    parts = path.split("/")
    base = curation_dir.split("/")
    if parts[: len(base)] != base or len(parts) < len(base) + 2:
        return None
    kind = parts[len(base)]
    if kind == "comments" and len(parts) == len(base) + 3 and path.endswith(".md"):
        comment = read_comment(data, path, found)
        return comment.by if comment else None
    if kind == "news" and news_community(path, curation_dir):
        news = read_news(data, path, found)
        return news.by if news else None
    if kind == "moderation":
        record = read_moderation(data, path, curation_dir, found)
        return record.by if record else None
    return None
