"""Import fixtures written from each format's published description."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr


def row(**attrs: str) -> str:
    return "  <row " + " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items()) + " />\n"


def dump(
    folder: Path, *, new_tags: bool = False, title: str = "Seal leaks after pump rebuild"
) -> Path:
    """A dump written from the published schema: Posts, Users and Tags."""
    tags = "|pumps|shaft-seals|vibration|" if new_tags else "<pumps><shaft-seals><vibration>"
    posts = [
        row(
            Id="1",
            PostTypeId="1",
            AcceptedAnswerId="3",
            CreationDate="2019-03-04T10:11:12.345",
            LastEditDate="2019-05-01T08:00:00.000",
            Score="7",
            Body="<p>The <b>seal</b> leaks within a day.</p><script>alert(1)</script>",
            OwnerUserId="10",
            Title=title,
            Tags=tags,
        ),
        row(
            Id="2",
            PostTypeId="2",
            ParentId="1",
            CreationDate="2019-03-05T09:00:00.000",
            Body="<p>Check the <code>flush</code> plan.</p>",
            OwnerUserId="11",
        ),
        row(
            Id="3",
            PostTypeId="2",
            ParentId="1",
            CreationDate="2019-03-06T09:00:00.000",
            Body="<p>Replace the O-ring; it was the wrong elastomer.</p>",
            OwnerUserId="12",
        ),
        row(
            Id="4",
            PostTypeId="1",
            CreationDate="2019-04-01T09:00:00.000",
            Body="<ul><li>Welche Größe?</li></ul>",
            OwnerUserId="11",
            Title="Größe der Dichtung?",
            Tags="|seals|" if new_tags else "<seals>",
        ),
        row(
            Id="5",
            PostTypeId="4",
            CreationDate="2019-01-01T00:00:00.000",
            Body="<p>Shaft and casing vibration.</p>",
        ),
    ]
    users = [
        row(Id="10", DisplayName="Alice Archer", CreationDate="2018-01-01T00:00:00.000"),
        row(Id="11", DisplayName="Bob Brandt", CreationDate="2018-01-01T00:00:00.000"),
        row(Id="12", DisplayName="Carl Contractor", CreationDate="2018-01-01T00:00:00.000"),
    ]
    tags_rows = [
        row(Id="1", TagName="pumps", Count="1"),
        row(Id="2", TagName="vibration", Count="1", ExcerptPostId="5"),
    ]
    folder.mkdir(parents=True, exist_ok=True)
    for name, root, rows in (
        ("Posts", "posts", posts),
        ("Users", "users", users),
        ("Tags", "tags", tags_rows),
    ):
        text = f'<?xml version="1.0" encoding="utf-8"?>\n<{root}>\n{"".join(rows)}</{root}>\n'
        (folder / f"{name}.xml").write_text(text, encoding="utf-8")
    return folder
