"""The file formats, declared once: front matter of each item type and each curation file.

Loading validates against these declarations, ``workscape schema`` turns them into
JSON Schema files for editors, and a test holds the README's format tables to them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .model import COMMUNITY_KINDS, RESOURCE_FORMATS, VERDICTS, ItemType

Kind = Literal[
    "text",
    "slug",
    "handle",
    "date",
    "slugs",
    "handles",
    "bool",
    "int",
    "number",
    "url",
    "emails",
    "choice",
    "mapping",
    "identities",
    "hosts",
    "login",
    "contact",
]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
HANDLE_PATTERN = r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$"
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
#: A git email address, or a pattern of one where ``*`` stands for any run of characters.
IDENTITY_PATTERN = r"^(?:\*|[^@\s<>\"']+@[^@\s<>\"']+)$"
#: A DNS host name, lowercase (labels of letters, digits and inner hyphens); at most 253
#: characters, which the loader checks before matching.
HOST_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$"
#: A GitHub login as GitHub allows it at sign-up: 1 to 39 letters, digits and single
#: hyphens, neither first nor last. Nothing else can be mentioned or put in CODEOWNERS.
GITHUB_LOGIN_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$"


@dataclass(frozen=True)
class Field:
    """One key of a file's YAML."""

    name: str
    kind: Kind
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


_COMMON = (
    Field("id", "slug", "URL-safe id; defaults to the file's name without .md. Unique site-wide."),
    Field(
        "type",
        "choice",
        "Optional; must agree with the folder.",
        choices=("problem", "answer", "resource", "collection"),
    ),
    Field("author", "handle", "Handle of the author in curation/people.yml.", required=True),
    Field(
        "recorded_by",
        "handle",
        "A curator who recorded this on the named person's behalf; they open the pull request.",
    ),
    Field("tags", "slugs", "Taxonomy tag ids (or their synonyms) from curation/taxonomy.yml."),
    Field("community", "slug", "Community id from curation/communities.yml."),
    Field("date", "date", "YYYY-MM-DD; defaults to when git first saw the file."),
    Field(
        "updated",
        "date",
        "YYYY-MM-DD of the last meaningful change, not before `date` nor after today; "
        "defaults to the newest commit by an author (see `non_authors` in policy.yml).",
    ),
    Field("description", "text", "One-line summary shown in lists and feeds."),
    Field("related", "slugs", "Ids of related items."),
    Field("superseded_by", "slug", "Id of a newer item that replaces this one."),
    Field(
        "source",
        "text",
        "Where an imported item came from (its old URL or path), so old links can be "
        "redirected; `workscape import` writes it and finds the item by it on the next run.",
    ),
)
_TITLE = Field("title", "text", "Title shown on the page and in lists.", required=True)

ITEM_FIELDS: Mapping[ItemType, tuple[Field, ...]] = {
    "problem": (
        _TITLE,
        *_COMMON,
        Field("accepted", "slug", "Id of the accepted answer (an answer to this problem)."),
    ),
    "answer": (
        Field("title", "text", "Optional; defaults to 'Answer by <author>'."),
        *_COMMON,
        Field("problem", "slug", "Id of the problem this answers.", required=True),
    ),
    "resource": (
        _TITLE,
        *_COMMON,
        Field("url", "url", "Where the resource lives (https://...).", required=True),
        Field(
            "format",
            "choice",
            "What kind of resource it is.",
            required=True,
            choices=RESOURCE_FORMATS,
        ),
    ),
    "collection": (
        _TITLE,
        *_COMMON,
        Field("items", "slugs", "Ordered ids of the items on this learning path.", required=True),
    ),
}

TAG_FIELDS = (
    Field("id", "slug", "Tag id used in front matter.", required=True),
    Field("label", "text", "Human label.", required=True),
    Field("description", "text", "What the tag covers."),
    Field("synonyms", "slugs", "Other words contributors use; they resolve to this tag."),
    Field("community", "slug", "The community this tag belongs to."),
    Field("critical", "bool", "No room for error (safety, compliance): needs SME approval."),
    Field("replaced_by", "slug", "Deprecated: use this tag instead."),
)
COMMUNITY_FIELDS = (
    Field("id", "slug", "Community id.", required=True),
    Field("name", "text", "Display name.", required=True),
    Field(
        "kind",
        "choice",
        "horizontal (a method across departments) or vertical (a job role).",
        required=True,
        choices=COMMUNITY_KINDS,
    ),
    Field("managers", "handles", "Community managers (caretakers); at least one.", required=True),
    Field("description", "text", "What the community is about."),
)
PERSON_FIELDS = (
    Field("handle", "handle", "Short unique handle used as author and reviewer.", required=True),
    Field("name", "text", "Full name shown on the site.", required=True),
    Field("emails", "emails", "Addresses used in git commits; never published."),
    Field("github", "login", "GitHub login, for ratings and questions sent through issues."),
    Field("communities", "slugs", "Communities this person belongs to."),
    Field("sme_for", "slugs", "Tags this person is a subject-matter expert for."),
    Field("role", "text", "Job title."),
    Field("featured", "bool", "Feature this person on the home page."),
    Field("listed", "bool", "false: no public profile and no place in rankings."),
    Field(
        "contact",
        "contact",
        "How to reach this person, an 'Ask' link on their profile and in expert lists "
        "(never in search or feeds): a chat link (https://...) or mailto: with an address "
        "they choose to publish.",
    ),
    Field(
        "notify",
        "bool",
        "false: a merged pull request that answers or comments on their items never mentions them.",
    ),
)
REVIEW_FIELDS = (
    Field(
        "by",
        "handle",
        "Reviewer: an SME of one of the item's tags or a community manager.",
        required=True,
    ),
    Field("date", "date", "When the review was made.", required=True),
    Field("verdict", "choice", "The verdict.", required=True, choices=VERDICTS),
    Field("note", "text", "What the reviewer checked or wants changed."),
    Field(
        "fingerprint",
        "text",
        "Hash of what was reviewed, by scheme: `sha256v2:` (written by workscape review)"
        " covers every field a reader relies on; older `sha256:` ones title and body.",
    ),
    Field(
        "recorded_by",
        "handle",
        "A curator who recorded this on the named person's behalf; they open the pull request.",
    ),
)
RATING_FIELDS = (
    Field("stars", "int", "1 to 5.", required=True, minimum=1, maximum=5),
    Field("date", "date", "When the rating was given.", required=True),
    Field("comment", "text", "Optional comment for curators."),
    Field(
        "recorded_by",
        "handle",
        "A curator who recorded this on the named person's behalf; they open the pull request.",
    ),
)
COMMENT_FIELDS = (
    Field(
        "by",
        "handle",
        "Who comments: a handle in curation/people.yml, the one the file name ends with.",
        required=True,
    ),
    Field("date", "date", "YYYY-MM-DD, the day in the file name.", required=True),
    Field(
        "reply_to",
        "text",
        "Id (file name without .md) of the comment on the same item this replies to; "
        "one level: not a reply itself.",
    ),
)
NEWS_FIELDS = (
    Field("title", "text", "Headline shown on the home and community pages.", required=True),
    Field("by", "handle", "Author: a manager of the community (the folder).", required=True),
)
MODERATION_FIELDS = (
    Field(
        "by",
        "handle",
        "Who hides it: a curator (a community manager), for a news post its community's.",
        required=True,
    ),
    Field("date", "date", "When it was hidden.", required=True),
    Field("reason", "text", "Why, shown on the page in place of the text.", required=True),
)
FEATURED_FIELDS = (
    Field("item", "slug", "Id of a featured item (give item or person)."),
    Field("person", "handle", "Handle of a featured person (give item or person)."),
    Field("by", "handle", "Curator who featured it.", required=True),
    Field("until", "date", "Last day it is featured."),
    Field("note", "text", "Why it is featured."),
    Field(
        "recorded_by",
        "handle",
        "A curator who recorded this on the named person's behalf; they open the pull request.",
    ),
)
POLICY_FIELDS = (
    Field(
        "review_max_age_days", "int", "An approval older than this is review-expired.", minimum=1
    ),
    Field(
        "publish_unapproved_critical",
        "bool",
        "false: items under a critical tag without a current approval are left off the site.",
    ),
    Field(
        "rating_prior_mean",
        "number",
        "Bayesian prior: the stars an unrated item is assumed to have.",
        minimum=1,
        maximum=5,
    ),
    Field(
        "rating_prior_weight",
        "number",
        "Bayesian prior: how many ratings the prior counts as.",
        minimum=0,
    ),
    Field("popularity", "mapping", "rating_weight, views_weight, recency_half_life_days."),
    Field(
        "trending_window_days",
        "int",
        "Days of recent views and ratings that make trending.",
        minimum=1,
    ),
    Field("participation_targets", "mapping", "Target share of members active in each role."),
    Field(
        "quiet_after_days",
        "int",
        "Days without a new or changed item after which a community shows as quiet.",
        minimum=1,
    ),
    Field(
        "reading_target",
        "number",
        "Target item views per member of a community in the participation period.",
        minimum=0,
    ),
    Field(
        "sme_coverage_target",
        "number",
        "Target share (0 to 1) of a community's tags that have a current SME.",
        minimum=0,
        maximum=1,
    ),
    Field(
        "allowed_assets",
        "slugs",
        "Extra file types allowed under content/, e.g. pdf (photos, videos and captions "
        "always are: png, jpg, jpeg, webp, mp4, webm, vtt).",
    ),
    Field(
        "non_authors",
        "identities",
        "Git identities that commit without authoring knowledge (bots, maintainers, imports): "
        "addresses, `*` matching any run of characters. Their commits credit no one and "
        "date no change; an address in people.yml is always its person.",
    ),
    Field(
        "image_hosts",
        "hosts",
        "Hosts contributed pages may show images from (e.g. images.example.com); by "
        "default only the site's own, so reading a page makes no request elsewhere.",
    ),
    Field(
        "news_days",
        "int",
        "Days a community news post stays on the home page (default 30); it stays on "
        "its community's page.",
        minimum=1,
    ),
    Field(
        "media_max_file_mb",
        "number",
        "Largest photo, video or caption file under content/, in MB (default 25).",
        minimum=0.01,
    ),
    Field(
        "media_max_item_mb",
        "number",
        "Largest total of the media in one folder (an item's content/media/<id>/), in MB "
        "(default 60).",
        minimum=0.01,
    ),
    Field(
        "photo_max_edge",
        "int",
        "Longest edge of a photo in pixels (default 2560); intake and `workscape media strip` "
        "scale larger photos down to it.",
        minimum=320,
    ),
)


def _json_type(f: Field) -> dict[str, Any]:
    doc = {"description": f.doc}
    match f.kind:
        case "text":
            return {**doc, "type": "string"}
        case "slug":
            return {**doc, "type": "string", "pattern": SLUG_PATTERN}
        case "handle":
            return {**doc, "type": "string", "pattern": HANDLE_PATTERN}
        case "date":
            return {**doc, "type": "string", "format": "date"}
        case "slugs":
            return {**doc, "type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}}
        case "handles":
            return {**doc, "type": "array", "items": {"type": "string", "pattern": HANDLE_PATTERN}}
        case "emails":
            return {**doc, "type": "array", "items": {"type": "string", "format": "email"}}
        case "bool":
            return {**doc, "type": "boolean"}
        case "int" | "number":
            out: dict[str, Any] = {**doc, "type": "integer" if f.kind == "int" else "number"}
            if f.minimum is not None:
                out["minimum"] = f.minimum
            if f.maximum is not None:
                out["maximum"] = f.maximum
            return out
        case "url":
            return {**doc, "type": "string", "pattern": "^https?://"}
        case "choice":
            return {**doc, "enum": list(f.choices)}
        case "mapping":
            return {**doc, "type": "object"}
        case "identities":
            items = {"type": "string", "pattern": IDENTITY_PATTERN}
            return {**doc, "type": "array", "items": items}
        case "hosts":
            hosts = {"type": "string", "pattern": HOST_PATTERN, "maxLength": 253}
            return {**doc, "type": "array", "items": hosts}
        case "login":
            return {**doc, "type": "string", "pattern": GITHUB_LOGIN_PATTERN}
        case "contact":
            # Schemes in any case, as the check reads them (ECMA-262 has no inline flags).
            scheme = "^([Hh][Tt][Tt][Pp][Ss]://|[Mm][Aa][Ii][Ll][Tt][Oo]:)"
            return {**doc, "type": "string", "pattern": scheme}


def json_schema(title: str, fields: tuple[Field, ...], *, as_list: bool = False) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for a mapping of these fields, or a list of them."""
    obj = {
        "type": "object",
        "properties": {f.name: _json_type(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }
    head = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title}
    return {**head, "type": "array", "items": obj} if as_list else {**head, **obj}


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every published schema by file name."""
    out = {
        f"{kind}.schema.json": json_schema(f"Workscape {kind} front matter", fields)
        for kind, fields in ITEM_FIELDS.items()
    }
    out["taxonomy.schema.json"] = json_schema("Workscape taxonomy", TAG_FIELDS, as_list=True)
    out["communities.schema.json"] = json_schema(
        "Workscape communities", COMMUNITY_FIELDS, as_list=True
    )
    out["people.schema.json"] = json_schema("Workscape people", PERSON_FIELDS, as_list=True)
    out["review.schema.json"] = json_schema("Workscape reviews", REVIEW_FIELDS, as_list=True)
    out["rating.schema.json"] = json_schema("Workscape rating", RATING_FIELDS)
    out["featured.schema.json"] = json_schema("Workscape featured", FEATURED_FIELDS, as_list=True)
    out["comment.schema.json"] = json_schema("Workscape comment front matter", COMMENT_FIELDS)
    out["news.schema.json"] = json_schema("Workscape news front matter", NEWS_FIELDS)
    out["moderation.schema.json"] = json_schema("Workscape moderation record", MODERATION_FIELDS)
    out["policy.schema.json"] = json_schema("Workscape policy", POLICY_FIELDS)
    return out
