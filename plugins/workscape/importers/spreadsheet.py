"""Question and answer spreadsheets, saved as CSV, read by named columns.

Each row is a problem (``title``, else the question's first line; ``question`` its body),
and, when its answer cell is filled, an answer that the problem accepts: a spreadsheet of
questions and answers holds the answer the organisation settled on. Cells are plain text
(Markdown passes through). Column names are options with the defaults shown by ``--help``;
a missing title or question column is an error naming the columns the file has.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import Finding, ProjectError
from ..patterns import linear
from .plan import Draft, Mapper, Result, day, unknown_people_finding, unknown_tag_finding

_TAG_SPLIT = linear(r"[,;|]")


@dataclass(frozen=True)
class Columns:
    title: str = "title"
    question: str = "question"
    answer: str = "answer"
    author: str = "author"
    answerer: str = "answered_by"
    tags: str = "tags"
    date: str = "date"
    source: str = ""


def read(
    file: Path,
    columns: Columns,
    mapper: Mapper,
    unknown_author: str | None,
    community: str | None,
) -> Result:
    """Drafts for the rows of ``file``, and what could not be mapped."""
    result = Result()
    with file.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        header = reader.fieldnames or []
        missing = [c for c in (columns.title, columns.question) if c not in header]
        if len(missing) == 2:
            raise ProjectError(
                f"{file.name} has neither a '{columns.title}' nor a '{columns.question}' column",
                [
                    Finding.error(
                        str(file),
                        (1, 1),
                        "import-columns",
                        f"no '{columns.title}' or '{columns.question}' column; the columns are: "
                        + ", ".join(repr(h) for h in header),
                        "name them with --title-column and --question-column",
                    )
                ],
            )
        rows = list(reader)
    unknown_people: Counter[str] = Counter()
    unknown_tags: Counter[str] = Counter()
    first: dict[str, int] = {}

    def person(name: str, line: int) -> tuple[str | None, str]:
        handle = mapper.person(name)
        if handle:
            return handle, ""
        who = name or "(no author)"
        unknown_people[who] += 1
        first.setdefault(f"person:{who}", line)
        if unknown_author:
            return unknown_author, (f"\n*First written by {name}.*\n" if name else "")
        return None, ""

    for n, row in enumerate(rows, start=2):  # line 1 is the header
        cell = {k: (v or "").strip() for k, v in row.items() if k}
        question = cell.get(columns.question, "")
        title = cell.get(columns.title) or question.split("\n", 1)[0][:120]
        if not title:
            result.skipped["rows without a title or question"] += 1
            continue
        source = cell.get(columns.source, "") if columns.source else ""
        source = source or f"{file.name}#row-{n}"
        author, note = person(cell.get(columns.author, ""), n)
        if author is None:
            result.skipped["rows by people not mapped"] += 1
            continue
        tags = []
        for name in (t.strip() for t in _TAG_SPLIT.split(cell.get(columns.tags, ""))):
            if not name:
                continue
            tag = mapper.tag(name)
            if tag is None:
                unknown_tags[name] += 1
                first.setdefault(f"tag:{name}", n)
            elif tag not in tags:
                tags.append(tag)
        when = day(cell.get(columns.date, ""))
        problem = Draft(
            kind="problem",
            source=source,
            title=title,
            author=author,
            body=(question or title) + "\n" + note,
            origin=(str(file), n),
            meta={"tags": tags, "community": community, "date": when},
        )
        result.drafts.append(problem)
        answer = cell.get(columns.answer, "")
        if not answer:
            continue
        answerer, note = person(cell.get(columns.answerer, "") or cell.get(columns.author, ""), n)
        if answerer is None:
            result.skipped["answers by people not mapped"] += 1
            continue
        result.drafts.append(
            Draft(
                kind="answer",
                source=f"{source}/answer",
                title="",
                author=answerer,
                body=answer + "\n" + note,
                origin=(str(file), n),
                meta={"date": when},
                refs={"problem": source},
                slug_hint=f"{title} answer",
            )
        )
        problem.refs["accepted"] = f"{source}/answer"
    for who, count in sorted(unknown_people.items()):
        if not unknown_author:
            result.findings.append(
                unknown_people_finding((str(file), first[f"person:{who}"]), who, count)
            )
    for name, count in sorted(unknown_tags.items()):
        result.findings.append(unknown_tag_finding((str(file), first[f"tag:{name}"]), name, count))
    return result
