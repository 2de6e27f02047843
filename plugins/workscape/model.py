"""The domain model: plain, frozen dataclasses with no I/O.

A :class:`Catalog` is everything Workscape knows about one repository at one
commit: items (problems, answers, resources, collections), the taxonomy, the
communities, the people and the curation records (reviews, ratings, views,
featured). Sources build it; curation rules read it; publishers render it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any, Literal

ItemType = Literal["problem", "answer", "resource", "collection"]
ITEM_TYPES: tuple[ItemType, ...] = ("problem", "answer", "resource", "collection")
#: The content folder each type lives in, which is also its URL prefix.
FOLDERS: Mapping[ItemType, str] = {
    "problem": "problems",
    "answer": "answers",
    "resource": "resources",
    "collection": "collections",
}
RESOURCE_FORMATS = ("document", "video", "podcast", "article", "link")
COMMUNITY_KINDS = ("horizontal", "vertical")
Verdict = Literal["approved", "changes-requested", "disputed"]
VERDICTS: tuple[Verdict, ...] = ("approved", "changes-requested", "disputed")
ReviewState = Literal[
    "community",
    "sme-approved",
    "changes-requested",
    "changed-since-review",
    "review-expired",
    "disputed",
]
REVIEW_STATES: tuple[ReviewState, ...] = (
    "community",
    "sme-approved",
    "changes-requested",
    "changed-since-review",
    "review-expired",
    "disputed",
)
ROLES = ("consumer", "creator", "connector", "carrier", "caretaker")

#: Where a field's value sits in its file: (1-based line, 1-based column).
Positions = Mapping[str, tuple[int, int]]


def _no_positions() -> Positions:
    return {}


@dataclass(frozen=True)
class Item:
    """A problem, answer, resource or collection, as its file states it."""

    id: str
    type: ItemType
    path: str  #: repository-relative path of the source file
    title: str
    author: str
    body: str = ""
    tags: tuple[str, ...] = ()
    community: str | None = None
    date: date | None = None  #: front matter, else when git first saw the file
    #: The last meaningful change: front matter ``updated``, else the newest commit by an
    #: author (not a non-author identity, see policy ``non_authors``); None: none since ``date``.
    updated: dt.date | None = None  # `date` is the field above here, not the type
    description: str | None = None
    problem: str | None = None  #: answers: the problem answered
    accepted: str | None = None  #: problems: the accepted answer
    url: str | None = None  #: resources
    format: str | None = None  #: resources
    items: tuple[str, ...] = ()  #: collections: the ordered path
    related: tuple[str, ...] = ()
    superseded_by: str | None = None
    recorded_by: str | None = None  #: a curator who posted it on the author's behalf
    source: str | None = None  #: where an imported item came from (old URL or path)
    #: Digests of what a reviewer read, by scheme ("sha256", "sha256v2"; see
    #: :func:`reader_fingerprints`): a review is checked against the scheme it recorded.
    fingerprints: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    contributors: tuple[str, ...] = ()  #: handles (or emails) that changed the file, from git
    positions: Positions = field(default_factory=_no_positions, compare=False, repr=False)
    body_line: int = field(
        default=1, compare=False, repr=False
    )  #: the body's first line in the file

    @property
    def fingerprint(self) -> str:
        """The fingerprint a new review records: the newest scheme's."""
        return self.fingerprints.get(FINGERPRINT_SCHEMES[-1], "")

    @property
    def display_title(self) -> str:
        """The title readers see: the item's own, else (an answer may have none) 'Answer by <author>'.

        Every page, feed, search result, digest and GitHub reply names an item by this,
        so an untitled answer is called the same everywhere, as the answer schema promises.
        """
        return self.title or f"Answer by {self.author}"

    @property
    def url_path(self) -> str:
        """The site-relative URL of the item's page, e.g. ``problems/pump-seal/``."""
        return f"{FOLDERS[self.type]}/{self.id}/"


@dataclass(frozen=True)
class Tag:
    """A term of the controlled taxonomy."""

    id: str
    label: str
    description: str = ""
    synonyms: tuple[str, ...] = ()
    community: str | None = None
    critical: bool = False
    replaced_by: str | None = None
    positions: Positions = field(default_factory=_no_positions, compare=False, repr=False)


@dataclass(frozen=True)
class Community:
    """A community of practice."""

    id: str
    name: str
    kind: str  #: horizontal or vertical
    managers: tuple[str, ...] = ()
    description: str = ""
    positions: Positions = field(default_factory=_no_positions, compare=False, repr=False)


@dataclass(frozen=True)
class Person:
    """Someone who contributes, reviews or reads. Emails never reach a page."""

    handle: str
    name: str
    emails: tuple[str, ...] = ()
    github: str | None = None
    communities: tuple[str, ...] = ()
    sme_for: tuple[str, ...] = ()
    role: str = ""
    featured: bool = False
    listed: bool = True  #: False: no public profile and no place in any ranking
    #: How the person chooses to be reached (https chat link or mailto:), shown as
    #: "Ask <name>" on their profile and in expert lists; never in search data or feeds.
    contact: str = ""
    #: False: merged pull requests never mention their GitHub login (``workscape notify``).
    notify: bool = True
    positions: Positions = field(default_factory=_no_positions, compare=False, repr=False)


@dataclass(frozen=True)
class Review:
    """An SME's or manager's verdict on an item, recorded in curation/reviews/<item>.yml."""

    item: str
    by: str
    date: date
    verdict: Verdict
    note: str = ""
    fingerprint: str = ""
    recorded_by: str = ""  #: a curator who recorded it on ``by``'s behalf
    path: str = ""
    positions: Positions = field(default_factory=_no_positions, compare=False, repr=False)


@dataclass(frozen=True)
class Rating:
    """One person's stars for one item, in curation/ratings/<item>/<handle>.yml."""

    item: str
    by: str
    stars: int
    date: date
    comment: str = ""
    recorded_by: str = ""  #: a curator who recorded it on ``by``'s behalf
    path: str = ""
    positions: Positions = field(default_factory=_no_positions, compare=False, repr=False)


@dataclass(frozen=True)
class Moderation:
    """A curator's or manager's decision to hide a comment or news post, with why.

    Kept in curation/moderation/ at the hidden file's path under the curation folder
    (``moderation/comments/<item>/<id>.yml`` hides ``comments/<item>/<id>.md``), so the
    commenter's file is never edited and deleting the record shows it again.
    """

    target: str  #: repository-relative path of the hidden file
    by: str
    date: date
    reason: str
    path: str = ""
    positions: Positions = field(default_factory=_no_positions, compare=False, repr=False)


@dataclass(frozen=True)
class Comment:
    """One person's comment on an item, in curation/comments/<item>/<YYYYMMDD-HHMM>-<handle>.md."""

    item: str
    id: str  #: the file's stem, unique per item: ``YYYYMMDD-HHMM-<handle>``
    by: str
    date: date
    body: str = ""
    reply_to: str | None = None  #: id of the comment (same item) this replies to
    time: str = ""  #: ``HH:MM`` (UTC) from the file name, for order and display
    path: str = ""
    #: Set when a moderation record hides it: pages show the reason, never the body.
    hidden: Moderation | None = None
    positions: Positions = field(default_factory=_no_positions, compare=False, repr=False)
    body_line: int = field(default=1, compare=False, repr=False)

    @property
    def anchor(self) -> str:
        """The HTML id of the comment on its item's page."""
        return f"comment-{self.item}-{self.id}"


@dataclass(frozen=True)
class News:
    """A community manager's news post, in curation/news/<community>/<YYYY-MM-DD>-<slug>.md."""

    community: str
    id: str  #: the file's stem, ``YYYY-MM-DD-<slug>``, unique per community
    title: str
    by: str
    date: date  #: from the file name
    body: str = ""
    path: str = ""
    hidden: Moderation | None = None
    positions: Positions = field(default_factory=_no_positions, compare=False, repr=False)
    body_line: int = field(default=1, compare=False, repr=False)

    @property
    def anchor(self) -> str:
        return f"news-{self.id}"


@dataclass(frozen=True)
class ViewCount:
    """Page views of one item in one month (``YYYY-MM``)."""

    item: str
    month: str
    views: int


@dataclass(frozen=True)
class Featured:
    """An item or a person featured on the home page by a curator, until a date."""

    kind: Literal["item", "person"]
    ref: str
    by: str
    until: date | None = None
    note: str = ""
    recorded_by: str = ""  #: a curator who recorded it on ``by``'s behalf
    path: str = ""
    positions: Positions = field(default_factory=_no_positions, compare=False, repr=False)


@dataclass(frozen=True)
class PopularityWeights:
    rating_weight: float = 1.0
    views_weight: float = 0.6
    recency_half_life_days: float = 120.0


@dataclass(frozen=True)
class Policy:
    """Curators' rules, from curation/policy.yml."""

    review_max_age_days: int = 365
    publish_unapproved_critical: bool = True
    rating_prior_mean: float = 3.5
    rating_prior_weight: float = 3.0
    popularity: PopularityWeights = PopularityWeights()
    trending_window_days: int = 30
    participation_targets: Mapping[str, float] = field(
        default_factory=lambda: {
            "consumer": 0.7,
            "creator": 0.25,
            "connector": 0.15,
            "carrier": 0.05,
            "caretaker": 0.05,
        }
    )
    #: Days without a new or changed item after which a community's verdict is "quiet".
    quiet_after_days: int = 30
    #: Target item views per member in the participation period (reading is anonymous,
    #: so it is shown per community, never per person).
    reading_target: float = 12.0
    #: Target share of a community's tags that have a current (listed) SME.
    sme_coverage_target: float = 0.8
    #: Non-Markdown file types allowed under content/ (e.g. ``png``); none by default.
    allowed_assets: tuple[str, ...] = ()
    #: Git identities that commit without authoring knowledge (address patterns, ``*`` wildcard).
    non_authors: tuple[str, ...] = ()
    #: Hosts contributed pages may show images from, besides the site's own.
    image_hosts: tuple[str, ...] = ()
    #: Days a community news post stays on the home page (it stays on its community's page).
    news_days: int = 30
    #: Largest photo, video or caption file in content, in MB (check refuses larger).
    media_max_file_mb: float = 25.0
    #: Largest total of one folder's media (an item's ``media/<id>/``), in MB.
    media_max_item_mb: float = 60.0
    #: Longest edge of a photo in pixels; intake and ``workscape media strip`` scale down to it.
    photo_max_edge: int = 2560


@dataclass(frozen=True)
class Catalog:
    """Everything known about a repository at one commit."""

    items: Mapping[str, Item]
    tags: Mapping[str, Tag]
    communities: Mapping[str, Community]
    people: Mapping[str, Person]
    reviews: Mapping[str, tuple[Review, ...]] = field(default_factory=dict)
    ratings: Mapping[str, tuple[Rating, ...]] = field(default_factory=dict)
    views: tuple[ViewCount, ...] = ()
    featured: tuple[Featured, ...] = ()
    policy: Policy = Policy()
    now: datetime | None = None  #: HEAD's commit time (or SOURCE_DATE_EPOCH)
    #: Comments by item id, oldest first (replies among them; see insights.conversation).
    comments: Mapping[str, tuple[Comment, ...]] = field(default_factory=dict)
    #: Community news, newest first.
    news: tuple[News, ...] = ()
    moderation: tuple[Moderation, ...] = ()

    def of_type(self, kind: ItemType) -> list[Item]:
        """Items of one type, in id order."""
        return [i for i in self.items.values() if i.type == kind]

    @cached_property
    def answers_by_problem(self) -> Mapping[str, tuple[Item, ...]]:
        out: dict[str, list[Item]] = {}
        for item in self.items.values():
            if item.type == "answer" and item.problem:
                out.setdefault(item.problem, []).append(item)
        return {k: tuple(v) for k, v in out.items()}

    def answers_to(self, problem_id: str) -> tuple[Item, ...]:
        return self.answers_by_problem.get(problem_id, ())

    @cached_property
    def tag_by_name(self) -> Mapping[str, Tag]:
        """Every tag under its id and each of its synonyms."""
        out: dict[str, Tag] = {}
        for tag in self.tags.values():
            for synonym in tag.synonyms:
                out.setdefault(synonym, tag)
        for tag in self.tags.values():
            out[tag.id] = tag
        return out

    @cached_property
    def person_by_email(self) -> Mapping[str, Person]:
        return {e.lower(): p for p in self.people.values() for e in p.emails}

    @cached_property
    def person_by_github(self) -> Mapping[str, Person]:
        """People by lowercased GitHub login; a login two entries share maps to nobody."""
        logins = Counter(p.github.lower() for p in self.people.values() if p.github)
        return {
            p.github.lower(): p
            for p in self.people.values()
            if p.github and logins[p.github.lower()] == 1
        }

    def smes_of(self, tag_id: str) -> list[Person]:
        """The people who are SMEs for a tag, by handle."""
        return list(self._smes_by_tag.get(tag_id, ()))

    @cached_property
    def _smes_by_tag(self) -> Mapping[str, tuple[Person, ...]]:
        # Asked once per tag of every commented item and every tag page: one pass over
        # the people, not one per question.
        out: dict[str, list[Person]] = {}
        for person in sorted(self.people.values(), key=lambda p: p.handle):
            for tag_id in dict.fromkeys(person.sme_for):
                out.setdefault(tag_id, []).append(person)
        return {t: tuple(people) for t, people in out.items()}

    def comments_on(self, item_id: str) -> tuple[Comment, ...]:
        return self.comments.get(item_id, ())

    def today(self) -> date | None:
        return self.now.date() if self.now else None


#: Review fingerprint schemes, oldest first; a review's fingerprint starts with its scheme.
#: ``sha256`` covers title and body; ``sha256v2`` every field a reader relies on
#: (:data:`READER_FIELDS`). Old reviews keep their scheme: re-fingerprinting them would
#: be a statement nobody made.
FINGERPRINT_SCHEMES = ("sha256", "sha256v2")
#: Front matter a reader relies on, covered by ``sha256v2`` with the title and body: what
#: the item is and says (type, author, description, tags) and where it sends the reader
#: (a resource's url and format, an answer's problem, a collection's ordered items).
#: Not covered: dates, community, related, superseded_by and accepted, which curators
#: and authors change in the normal course without changing what was approved.
READER_FIELDS = ("author", "description", "tags", "url", "format", "problem", "items")


def _normalised(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def content_fingerprint(title: str, body: str) -> str:
    """The ``sha256`` fingerprint (version 1): a hash of the title and body a reviewer read.

    Line endings and trailing whitespace are normalised, so a whitespace-only edit does
    not void a review while any change to the words does.
    """
    digest = hashlib.sha256(_normalised(f"{title}\n{body}").encode("utf-8")).hexdigest()
    return f"sha256:{digest}"


def reader_fingerprints(
    kind: ItemType, title: str, body: str, front_matter: Mapping[str, Any]
) -> dict[str, str]:
    """Every scheme's fingerprint of an item, from its fields as its file states them.

    Tags count as written (sorted, so reordering them changes nothing), not as the
    taxonomy resolves them: a curator renaming a tag does not void every review under it.
    """
    covered = {name: front_matter.get(name) for name in READER_FIELDS}
    covered |= {"type": kind, "title": title, "body": _normalised(body)}
    covered["tags"] = sorted(front_matter.get("tags") or ())
    covered["items"] = list(front_matter.get("items") or ())
    canonical = json.dumps(covered, sort_keys=True, ensure_ascii=False, default=str)
    v2 = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return {"sha256": content_fingerprint(title, body), "sha256v2": f"sha256v2:{v2}"}
