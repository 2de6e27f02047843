"""The Stack Exchange data-dump format: Posts.xml, Users.xml and optionally Tags.xml.

Stack Exchange publishes its sites' content in this format and Stack Overflow for Teams
exports it too. Each file is ``<posts>`` (``<users>``, ``<tags>``) of ``<row .../>``
elements whose attributes are the columns. What we read:

- Posts: ``PostTypeId`` 1 (question) becomes a problem, 2 (answer, ``ParentId`` its
  question) an answer; a question's ``AcceptedAnswerId`` stays accepted. ``Body`` is HTML;
  ``Tags`` is ``<a><b>`` in older dumps and ``|a|b|`` in newer ones; ``CreationDate`` is the
  date, ``LastEditDate`` the last change. ``OwnerUserId`` names the author, or
  ``OwnerDisplayName`` for a deleted account. Other post types (tag wikis, moderator
  nominations) are counted and left out.
- Users: ``Id`` and ``DisplayName``, to map authors to people.
- Tags: ``TagName`` and ``ExcerptPostId``, whose post describes the tag: it becomes the
  description of the taxonomy entry proposed for a tag we do not have.

The files are read as a stream with expat (a dump can be gigabytes), which gives each
row's line for findings; expat refuses entity expansion bombs by itself (2.4 and later).
"""

from __future__ import annotations

import xml.parsers.expat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Finding
from .html import to_markdown
from .plan import Draft, Mapper, Result, day, unknown_people_finding, unknown_tag_finding

QUESTION, ANSWER = "1", "2"


@dataclass
class Options:
    """How the dump maps onto the project (the CLI's flags)."""

    site_url: str = ""  #: the old site's address; sources become its question and answer URLs
    unknown_author: str | None = None
    community: str | None = None


def rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Each ``<row>`` of a dump file with its line, read as a stream."""
    parser = xml.parsers.expat.ParserCreate("utf-8")
    found: list[tuple[int, dict[str, str]]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "row":
            found.append((parser.CurrentLineNumber, attrs))

    parser.StartElementHandler = start
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            parser.Parse(chunk, False)
            yield from found
            found.clear()
        parser.Parse(b"", True)
        yield from found


def tag_names(value: str) -> list[str]:
    """Both spellings: ``<a><b>`` (older dumps) and ``|a|b|`` (newer ones)."""
    if value.startswith("<"):
        return [t for t in value.strip("<>").split("><") if t]
    return [t for t in value.split("|") if t]


def read(folder: Path, mapper: Mapper, options: Options) -> Result:
    """Drafts for the questions and answers in ``folder``, and what could not be mapped."""
    posts_file = folder / "Posts.xml"
    users = {a["Id"]: a.get("DisplayName", "") for _, a in rows(folder / "Users.xml")}
    tags_file = folder / "Tags.xml"
    excerpts = (
        {a["TagName"]: a.get("ExcerptPostId", "") for _, a in rows(tags_file)}
        if tags_file.is_file()
        else {}
    )
    result = Result()
    questions: dict[str, tuple[int, dict[str, str]]] = {}
    answers: list[tuple[int, dict[str, str]]] = []
    bodies: dict[str, str] = {}
    for line, row in rows(posts_file):
        kind = row.get("PostTypeId")
        if kind == QUESTION:
            questions[row["Id"]] = (line, row)
        elif kind == ANSWER:
            answers.append((line, row))
        else:
            result.skipped["posts of other types (tag wikis, nominations...)"] += 1
            bodies[row.get("Id", "")] = row.get("Body", "")
    unknown_people: Counter[str] = Counter()
    unknown_tags: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    site = options.site_url.rstrip("/")
    rel = posts_file.name

    def source(kind: str, post_id: str) -> str:
        if site:
            return f"{site}/questions/{post_id}" if kind == QUESTION else f"{site}/a/{post_id}"
        return f"{folder.name}/{rel}#{post_id}"

    def author(line: int, row: dict[str, str]) -> tuple[str | None, str]:
        user = row.get("OwnerUserId", "")
        name = users.get(user, "") or row.get("OwnerDisplayName", "") or f"user {user}"
        handle = mapper.person(user, name)
        if handle:
            return handle, ""
        unknown_people[name] += 1
        first_seen.setdefault(f"person:{name}", line)
        if options.unknown_author:
            return options.unknown_author, f"\n*First posted by {name} on the old Q&A site.*\n"
        return None, ""

    written: set[str] = set()
    for post_id, (line, row) in questions.items():
        handle, note = author(line, row)
        if handle is None:
            result.skipped["questions by people not mapped"] += 1
            continue
        tags = []
        for name in tag_names(row.get("Tags", "")):
            tag = mapper.tag(name)
            if tag is None:
                unknown_tags[name] += 1
                first_seen.setdefault(f"tag:{name}", line)
            elif tag not in tags:
                tags.append(tag)
        draft = Draft(
            kind="problem",
            source=source(QUESTION, post_id),
            title=row.get("Title", "") or f"Question {post_id}",
            author=handle,
            body=to_markdown(row.get("Body", "")) + note,
            origin=(str(posts_file), line),
            meta=_dates(row) | {"tags": tags, "community": options.community},
        )
        accepted = row.get("AcceptedAnswerId")
        if accepted:
            draft.refs["accepted"] = source(ANSWER, accepted)
        result.drafts.append(draft)
        written.add(post_id)
    for line, row in answers:
        parent = row.get("ParentId", "")
        if parent not in written:
            result.skipped["answers to questions not imported"] += 1
            continue
        handle, note = author(line, row)
        if handle is None:
            result.skipped["answers by people not mapped"] += 1
            continue
        result.drafts.append(
            Draft(
                kind="answer",
                source=source(ANSWER, row["Id"]),
                title="",
                author=handle,
                body=to_markdown(row.get("Body", "")) + note,
                origin=(str(posts_file), line),
                meta=_dates(row),
                refs={"problem": source(QUESTION, parent)},
                slug_hint=f"{questions[parent][1].get('Title', '')} answer {row['Id']}",
            )
        )
    answered = {d.source for d in result.drafts}
    for d in result.drafts:
        if d.refs.get("accepted") not in answered:
            d.refs.pop("accepted", None)
    for name, count in sorted(unknown_people.items()):
        at = (str(posts_file), first_seen[f"person:{name}"])
        if not options.unknown_author:
            result.findings.append(unknown_people_finding(at, name, count))
    for name, count in sorted(unknown_tags.items()):
        at = (str(posts_file), first_seen[f"tag:{name}"])
        finding = unknown_tag_finding(at, name, count)
        excerpt = bodies.get(excerpts.get(name, ""), "")
        if excerpt:
            described = to_markdown(excerpt).strip().replace("\n", " ")
            finding = Finding.warning(
                finding.path,
                (finding.line, finding.col),
                finding.code,
                finding.message,
                finding.hint.replace("description: ...", f"description: {described!r}"),
            )
        result.findings.append(finding)
    return result


def _dates(row: dict[str, str]) -> dict[str, object]:
    created = day(row.get("CreationDate", ""))
    edited = day(row.get("LastEditDate", ""))
    out: dict[str, object] = {"date": created}
    if created and edited and edited > created:
        out["updated"] = edited
    return out
