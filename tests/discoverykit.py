"""Small hand-made catalogs and sites for the discovery, people and gaps tests.

``catalog(...)`` builds a Catalog in memory for the pure rules; ``make_people_site``
writes a site (on top of sitekit's) whose rankings are known by construction:

- ``pat`` posts the most (six answers) but nothing was accepted or rated;
- ``hana`` wrote one answer, accepted by someone else and rated 5 and 4;
- ``hugo`` (``listed: false``) would top every ranking: two accepted answers, three 5s;
- ``sme`` reviewed one item and shares a resource rated 4;
- ``nina`` first contributed last, ``dave`` is featured in people.yml.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import sitekit
from workscape.model import (
    Catalog,
    Community,
    Featured,
    Item,
    Person,
    Policy,
    Rating,
    Review,
    Tag,
    ViewCount,
)

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
#: SOURCE_DATE_EPOCH for builds of the people site: "now" is 2026-06-15.
EPOCH = str(int(NOW.timestamp()))


def item(id: str, type: str = "problem", author: str = "alice", **kw: object) -> Item:
    """An item with sensible defaults (a problem by alice)."""
    return Item(id=id, type=type, path=f"content/{type}s/{id}.md", title=id, author=author, **kw)  # type: ignore[arg-type]  # the tests pass type as a str, **kw any Item field


def person(handle: str, **kw: object) -> Person:
    return Person(handle=handle, name=handle.title(), **kw)  # type: ignore[arg-type]  # **kw: any Person field


def rating(item_id: str, by: str, stars: int, day: date = date(2026, 6, 1)) -> Rating:
    return Rating(item=item_id, by=by, stars=stars, date=day)


def catalog(
    items: list[Item],
    people: list[Person] | None = None,
    *,
    tags: list[Tag] | None = None,
    ratings: list[Rating] | None = None,
    reviews: list[Review] | None = None,
    views: list[ViewCount] | None = None,
    featured: list[Featured] | None = None,
    policy: Policy | None = None,
    now: datetime | None = NOW,
) -> Catalog:
    """A Catalog from model objects; everyone named as an author exists."""
    everyone = {p.handle: p for p in people or []}
    for i in items:
        everyone.setdefault(i.author, person(i.author))
    for r in ratings or []:
        everyone.setdefault(r.by, person(r.by))
    grouped: dict[str, list[Rating]] = {}
    for r in ratings or []:
        grouped.setdefault(r.item, []).append(r)
    by_item: dict[str, list[Review]] = {}
    for rv in reviews or []:
        by_item.setdefault(rv.item, []).append(rv)
    all_tags = tags or [
        Tag("pumps", "Pumps", community="field"),
        Tag("seals", "Seals", community="field"),
        Tag("lockout", "Lockout", community="field", critical=True),
    ]
    return Catalog(
        items={i.id: i for i in sorted(items, key=lambda i: i.id)},
        tags={t.id: t for t in all_tags},
        communities={"field": Community("field", "Field", "vertical", ("cmgr",))},
        people=dict(sorted(everyone.items())),
        reviews={k: tuple(v) for k, v in by_item.items()},
        ratings={k: tuple(v) for k, v in grouped.items()},
        views=tuple(views or ()),
        featured=tuple(featured or ()),
        policy=policy or Policy(),
        now=now,
    )


PEOPLE_YML = (
    sitekit.PEOPLE
    + """\
- handle: pat
  name: Pat Prolific
  emails: [pat@acme.test]
  communities: [field]
- handle: hana
  name: Hana Helper
  emails: [hana@acme.test]
  communities: [field, supply]
  role: Pump fitter
- handle: hugo
  name: Hugo Hidden
  emails: [hugo@acme.test]
  communities: [field]
  listed: false
- handle: nina
  name: Nina Newcomer
  emails: [nina@acme.test]
  communities: [supply]
- handle: dave
  name: Dave Featured
  emails: [dave@acme.test]
  featured: true
"""
)

COMMUNITIES_YML = (
    sitekit.COMMUNITIES
    + """\
- id: supply
  name: Supply chain
  kind: horizontal
  managers: [cmgr]
  description: From supplier to site.
"""
)

TAXONOMY_YML = (
    sitekit.TAXONOMY
    + """\
- id: spares
  label: Spare parts
  description: Ordering and stocking spares.
  community: supply
"""
)


def _md(front: str, body: str = "Body text.") -> str:
    return f"---\n{front.strip()}\n---\n{body}\n"


def people_site_files() -> dict[str, str]:
    """The files of the people site, on top of sitekit's base (seal-weeps, check-flush)."""
    files = {
        "curation/people.yml": PEOPLE_YML,
        "curation/communities.yml": COMMUNITIES_YML,
        "curation/taxonomy.yml": TAXONOMY_YML,
        "content/problems/pump-trips.md": _md(
            "title: Pump trips on start\nauthor: alice\ntags: [pumps]\ndate: 2026-01-10\naccepted: reset-overload"
        ),
        "content/answers/reset-overload.md": _md(
            "title: Reset the overload relay\nauthor: hana\nproblem: pump-trips\ndate: 2026-01-11"
        ),
        "content/problems/noisy-bearing.md": _md(
            "title: Noisy bearing after rebuild\nauthor: bob\ntags: [pumps]\ndate: 2026-02-01\naccepted: grease-it"
        ),
        "content/answers/grease-it.md": _md(
            "title: Grease it properly\nauthor: hugo\nproblem: noisy-bearing\ndate: 2026-02-02"
        ),
        "content/problems/gland-leak.md": _md(
            "title: Gland leaks\nauthor: bob\ntags: [pumps]\ndate: 2026-02-10\naccepted: repack-gland"
        ),
        "content/answers/repack-gland.md": _md(
            "title: Repack the gland\nauthor: hugo\nproblem: gland-leak\ndate: 2026-02-11"
        ),
        "content/problems/old-open.md": _md(
            "title: Seal faces crack in winter\nauthor: bob\ntags: [seals]\ndate: 2025-12-01"
        ),
        "content/problems/spares-wait.md": _md(
            "title: Spares take months to arrive\nauthor: nina\ntags: [spares]\ndate: 2026-06-01"
        ),
        "content/resources/seal-guide.md": _md(
            "title: Seal guide\nauthor: sme\ntags: [seals]\ndate: 2026-02-20\nformat: document\nurl: https://example.test/seal-guide.pdf"
        ),
        "curation/ratings/reset-overload/alice.yml": "stars: 5\ndate: 2026-05-01\n",
        "curation/ratings/reset-overload/bob.yml": "stars: 4\ndate: 2026-05-02\n",
        "curation/ratings/grease-it/alice.yml": "stars: 5\ndate: 2026-05-01\n",
        "curation/ratings/grease-it/bob.yml": "stars: 5\ndate: 2026-05-01\n",
        "curation/ratings/grease-it/sme.yml": "stars: 5\ndate: 2026-05-01\n",
        "curation/ratings/seal-guide/alice.yml": "stars: 4\ndate: 2026-06-10\n",
        "curation/views/2026-05.csv": "path,views\n/resources/seal-guide/,40\n/problems/pump-trips/,90\n",
        "curation/views/2026-06.csv": "path,views\n/problems/old-open/,12\n",
        "curation/featured.yml": (
            "- item: seal-guide\n  by: cmgr\n  until: 2026-12-31\n  note: Read this before any seal job.\n"
            "- item: pump-trips\n  by: cmgr\n  until: 2026-01-31\n"
            "- person: hugo\n  by: cmgr\n"
            "- person: hana\n  by: cmgr\n  note: Fixes pumps nobody else can.\n"
        ),
    }
    # Pat posts the most: six answers, none accepted, none rated.
    for n, problem in enumerate(["pump-trips", "noisy-bearing", "gland-leak"] * 2):
        files[f"content/answers/pat-{n}.md"] = _md(
            f"title: Pat's idea {n}\nauthor: pat\nproblem: {problem}\ndate: 2026-03-0{n + 1}"
        )
    return files


def make_people_site(root: Path) -> Path:
    """Write the people site, then the SME review with the fingerprint of what it reviewed."""
    sitekit.make_site(root, people_site_files())
    from workscape.project import load_project

    loaded = load_project(root)
    fingerprint = loaded.catalog.items["check-flush"].fingerprint
    sitekit.write(
        root,
        "curation/reviews/check-flush.yml",
        f"- by: sme\n  date: 2026-03-05\n  verdict: approved\n  fingerprint: '{fingerprint}'\n",
    )
    # Nina arrives last: her first contribution is the newest of all.
    return root


def build(root: Path) -> None:
    """Build ``root`` with "now" fixed, failing loudly with MkDocs' output."""
    result = sitekit.run(["mkdocs", "build", "-q"], root, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr


def section(html: str, element_id: str) -> str:
    """The HTML of the ``<section id=...>`` (or other element) with that id, to its end."""
    start = html.index(f'id="{element_id}"')
    tag = html.rfind("<", 0, start)
    name = re.match(r"<(\w+)", html[tag:])[1]  # type: ignore[index]  # html[tag:] starts at a "<"
    depth, pos = 0, tag
    pattern = re.compile(rf"<(/?){name}\b")
    for match in pattern.finditer(html, tag):
        depth += -1 if match[1] else 1
        if depth == 0:
            pos = html.index(">", match.end())
            break
    return html[tag : pos + 1]


def attr_values(html: str, attribute: str) -> list[str]:
    """Every value of ``attribute`` in order, e.g. the ``data-id`` of each card."""
    return re.findall(rf'{attribute}="([^"]*)"', html)
