"""Curation statements and whose they are: what a pull request may say in someone's name.

A statement is what a person asserts through a file: a review's verdict, a
rating, a problem's accepted answer, a featured entry, an item's authorship.
What is on the base branch got there through review and counts as it is. What
a pull request adds, changes or removes must come from the person who opened
it: the one identity a pull request cannot forge, as commit author lines can
be set to anyone and everyone's address is in people.yml.

The rules, for a pull request opened by the GitHub account ``opener``, read
against the base branch's people.yml and communities.yml (a pull request cannot
vouch for itself):

- A statement added or changed is the opener's own (``by`` / ``author`` is the
  opener's handle), or a curator recorded it on its person's behalf
  (``recorded_by: <curator>``, and the curator is the opener).
- A statement removed is the opener's own, or the opener is a curator. Removing
  counts: deleting a newer ``disputed`` review revives an older approval.
- ``accepted:`` may change only by the problem's author, an SME of its tags, a
  manager of its community, or a curator.
- Roles are never self-service: a change to anyone's ``sme_for``, community
  ``managers``, ``emails`` or ``github`` is listed first in the summary; a
  non-curator may change only their own ``emails`` and ``github``, and nobody
  may grant a role to themselves (another curator opens that pull request).
- The intake workflow's own pull requests (opened by a ``[bot]`` account) carry
  drafts whose author comes from an issue: their authorship is flagged for the
  reviewer. Statements never arrive that way; intake commits them to the base
  branch itself.

Curators are the community managers, as on the base branch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from ..errors import Finding, Position
from ..model import Catalog, Item

__all__ = [
    "RoleChange",
    "Statement",
    "StatementChange",
    "binding_findings",
    "curators",
    "opener_handle",
    "role_changes",
    "statement_changes",
]

StatementKind = Literal["author", "review", "rating", "accepted", "featured"]
BOT_SUFFIX = "[bot]"


@dataclass(frozen=True)
class Statement:
    """One assertion in a file, in one person's name."""

    kind: StatementKind
    subject: str  #: the item (or featured person) it is about
    by: str  #: whose statement it is; "" for ``accepted``, which names nobody
    says: str  #: what it asserts, in words for the summary
    path: str
    recorded_by: str = ""
    at: Position = field(default=(1, 1), compare=False)


@dataclass(frozen=True)
class StatementChange:
    change: Literal["added", "removed"]
    statement: Statement


@dataclass(frozen=True)
class RoleChange:
    """A change to who someone is or what they may do."""

    handle: str
    what: str  #: "sme_for", "emails", "github", or "manager of <community>"
    before: tuple[str, ...]
    after: tuple[str, ...]
    path: str
    at: Position = (1, 1)

    @property
    def grants(self) -> bool:
        """True when it gives a role: new SME tags, or a new manager."""
        if self.what == "sme_for" or self.what.startswith("manager of "):
            return bool(set(self.after) - set(self.before))
        return False


def _statements(catalog: Catalog) -> list[Statement]:
    out: list[Statement] = []
    for item in catalog.items.values():
        out.append(
            Statement(
                "author",
                item.id,
                item.author,
                f"{item.type} '{item.display_title}'",
                item.path,
                item.recorded_by or "",
                item.positions.get("author", (1, 1)),
            )
        )
        if item.accepted:
            out.append(
                Statement(
                    "accepted",
                    item.id,
                    "",
                    f"accepted answer: {item.accepted}",
                    item.path,
                    at=item.positions.get("accepted", (1, 1)),
                )
            )
    for reviews in catalog.reviews.values():
        for r in reviews:
            says = f"{r.verdict} on {r.date}" + (f" ({r.fingerprint})" if r.fingerprint else "")
            if r.note:
                says += f": {r.note}"
            at = r.positions.get("by", r.positions.get("", (1, 1)))
            out.append(Statement("review", r.item, r.by, says, r.path, r.recorded_by, at))
    for ratings in catalog.ratings.values():
        for rating in ratings:
            says = f"{rating.stars} stars on {rating.date}" + (
                f": {rating.comment}" if rating.comment else ""
            )
            out.append(
                Statement("rating", rating.item, rating.by, says, rating.path, rating.recorded_by)
            )
    for f in catalog.featured:
        until = f" until {f.until}" if f.until else ""
        at = f.positions.get("by", f.positions.get("", (1, 1)))
        out.append(
            Statement(
                "featured",
                f.ref,
                f.by,
                f"features {f.kind} {f.ref}{until}",
                f.path,
                f.recorded_by,
                at,
            )
        )
    return out


def statement_changes(
    base: Catalog, head: Catalog, renamed: Mapping[str, str] | None = None
) -> list[StatementChange]:
    """The statements ``head`` adds and removes against ``base`` (a change is both).

    Compared as multisets of what each says, so moving an entry within a file
    changes nothing, and a statement repeated word for word is added once more.
    Authorship is compared by file (``renamed`` maps a new path to its old one),
    so editing, retitling or moving someone's item says nothing in their name;
    a deleted item is no statement either (its removal is an edit, reviewed as one).
    """
    renamed = renamed or {}

    def keyed(catalog: Catalog, moved: Mapping[str, str]) -> Counter[Statement]:
        out: Counter[Statement] = Counter()
        for s in _statements(catalog):
            if s.kind == "author":  # compared by file, under the name it had at the base
                origin = moved.get(s.path, s.path)
                s = replace(s, subject=origin, says=s.kind, path=origin)
            out[s] += 1
        return out

    before, after = keyed(base, {}), keyed(head, renamed)
    named = {renamed.get(s.path, s.path): s for s in _statements(head) if s.kind == "author"}
    added = [named[s.path] if s.kind == "author" else s for s in (after - before).elements()]
    removed = [s for s in (before - after).elements() if s.kind != "author"]
    return [
        *(StatementChange("added", s) for s in sorted(added, key=_order)),
        *(StatementChange("removed", s) for s in sorted(removed, key=_order)),
    ]


def _order(s: Statement) -> tuple[str, str, str, str]:
    return (s.path, s.kind, s.by, s.says)


def role_changes(base: Catalog, head: Catalog, people_file: str) -> list[RoleChange]:
    """Every change to someone's tags as SME, managed communities, emails or login."""
    out: list[RoleChange] = []
    for handle in sorted(set(base.people) | set(head.people)):
        old, new = base.people.get(handle), head.people.get(handle)
        at = new.positions.get("", (1, 1)) if new else (1, 1)
        for what in ("sme_for", "emails", "github"):
            before = _values(getattr(old, what) if old else None)
            after = _values(getattr(new, what) if new else None)
            if before != after:
                where = new.positions.get(what, at) if new else at
                out.append(RoleChange(handle, what, before, after, people_file, where))
    communities_file = people_file.rsplit("/", 1)[0] + "/communities.yml"
    for cid in sorted(set(base.communities) | set(head.communities)):
        old_c, new_c = base.communities.get(cid), head.communities.get(cid)
        before_m = set(old_c.managers if old_c else ())
        after_m = set(new_c.managers if new_c else ())
        at = new_c.positions.get("managers", (1, 1)) if new_c else (1, 1)
        for handle in sorted(before_m ^ after_m):
            out.append(
                RoleChange(
                    handle,
                    f"manager of {cid}",
                    ("manager",) if handle in before_m else (),
                    ("manager",) if handle in after_m else (),
                    communities_file,
                    at,
                )
            )
    return out


def _values(value: object) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return (value.lower(),)  # a GitHub login: its case changes nothing
    return tuple(sorted(str(v).lower() for v in value))  # type: ignore[attr-defined]  # a tuple


def curators(catalog: Catalog) -> set[str]:
    """The curators: every community's managers."""
    return {h for c in catalog.communities.values() for h in c.managers}


def opener_handle(catalog: Catalog, login: str) -> str | None:
    """The handle whose ``github:`` is ``login`` (GitHub logins ignore case)."""
    wanted = login.lower()
    for person in catalog.people.values():
        if person.github and person.github.lower() == wanted:
            return person.handle
    return None


def binding_findings(
    base: Catalog,
    head: Catalog,
    opener: str,
    changes: Iterable[StatementChange],
    roles: Iterable[RoleChange],
) -> list[Finding]:
    """An error for each statement or role change the opener may not make."""
    findings: list[Finding] = []
    bot = opener.endswith(BOT_SUFFIX)
    me = None if bot else opener_handle(base, opener)
    curating = me is not None and me in curators(base)
    if bot:
        findings += _intake_findings(opener, changes)
        changes = ()
    for change in changes:
        s = change.statement
        if me is None:
            findings.append(_unknown_opener(s, opener))
            continue
        why = _refusal(base, head, change, me, curating)
        if why:
            message, hint = why
            findings.append(Finding.error(s.path, s.at, "statement-not-yours", message, hint))
    for role in roles:
        refused = _role_refusal(role, me, opener, curating, base)
        if refused:
            code, message, hint = refused
            findings.append(Finding.error(role.path, role.at, code, message, hint))
    return findings


def _refusal(
    base: Catalog, head: Catalog, change: StatementChange, me: str, curating: bool
) -> tuple[str, str] | None:
    s = change.statement
    name = _kind_name(s)
    if s.kind == "accepted":
        item = base.items.get(s.subject) or head.items.get(s.subject)
        if item is None or _may_accept(base, item, me) or curating:
            return None
        return (
            f"'{me}' may not change which answer is accepted on '{s.subject}': only its author "
            f"({item.author}), an SME of its tags, a manager of its community or a curator may",
            f"ask {item.author} to accept the answer in their own pull request",
        )
    if change.change == "removed":
        if s.by == me or curating:
            return None
        return (
            f"this pull request removes {name} by '{s.by}' ({s.says}), which only {s.by} "
            "or a curator may remove",
            f"ask {s.by} to remove it, or a curator to open the pull request",
        )
    if s.recorded_by:
        if s.recorded_by != me:
            return (
                f"{name} says it was recorded by '{s.recorded_by}', but '{me}' opened this "
                "pull request",
                f"only {s.recorded_by} can record it: ask them to open the pull request",
            )
        if not curating:
            return (
                f"'{me}' recorded {name} for '{s.by}', but only curators record statements "
                "on someone's behalf",
                f"ask {s.by} to make it in their own pull request, or ask a curator",
            )
        return None
    if s.by == me:
        return None
    return (
        f"{name} is in the name of '{s.by}', but '{me}' opened this pull request",
        f"nobody speaks for someone else: ask {s.by} to open the pull request, or a curator "
        f"to record it with `recorded_by: <curator>`",
    )


def _kind_name(s: Statement) -> str:
    return {
        "author": f"the authorship of '{s.subject}'",
        "review": f"a review of '{s.subject}'",
        "rating": f"a rating of '{s.subject}'",
        "accepted": f"the accepted answer of '{s.subject}'",
        "featured": f"featuring '{s.subject}'",
    }[s.kind]


def _may_accept(catalog: Catalog, item: Item, handle: str) -> bool:
    if handle == item.author:
        return True
    person = catalog.people.get(handle)
    if person and set(item.tags) & set(person.sme_for):
        return True
    community = catalog.communities.get(item.community or "")
    return bool(community and handle in community.managers)


def _role_refusal(
    role: RoleChange, me: str | None, opener: str, curating: bool, base: Catalog
) -> tuple[str, str, str] | None:
    mine = role.handle == me or (
        me is None and role.what == "github" and opener.lower() in role.after
    )
    if mine and role.grants:
        return (
            "self-granted-role",
            f"this pull request makes its opener '{role.handle}' {_role_words(role)}: "
            "nobody grants a role to themselves",
            "ask another curator to open this change",
        )
    if curating or (mine and role.what in ("emails", "github")):
        return None
    if me is None and role.handle not in base.people and not role.grants:
        return None  # someone listing themselves: their first entry, routed to curators
    return (
        "role-change-not-allowed",
        f"this pull request changes {role.what} of '{role.handle}', which only curators may change",
        "ask a curator to open the change",
    )


def _role_words(role: RoleChange) -> str:
    if role.what == "sme_for":
        return "an SME for " + ", ".join(sorted(set(role.after) - set(role.before)))
    return role.what.replace("manager of", "a manager of")


def _unknown_opener(s: Statement, opener: str) -> Finding:
    return Finding.error(
        s.path,
        s.at,
        "opener-not-listed",
        f"{_kind_name(s)} changes in a pull request opened by '{opener}', a GitHub account "
        "no one has as `github:` in people.yml on the base branch",
        "a curator adds your login to people.yml first, in a pull request of its own",
    )


def _intake_findings(opener: str, changes: Iterable[StatementChange]) -> list[Finding]:
    out: list[Finding] = []
    for change in changes:
        s = change.statement
        if s.kind == "author" and change.change == "added":
            out.append(
                Finding.warning(
                    s.path,
                    s.at,
                    "author-unverified",
                    f"opened by {opener}, so its author '{s.by}' is not checked against "
                    "the pull request",
                    f"a workflow drafted it from an issue: check that the issue was opened by "
                    f"{s.by}'s GitHub account",
                )
            )
        elif s.kind != "author":
            out.append(
                Finding.error(
                    s.path,
                    s.at,
                    "statement-not-yours",
                    f"{_kind_name(s)} arrives in a pull request opened by {opener}; "
                    "intake commits statements to the base branch itself, never in a pull request",
                    "a person opens the pull request for this change",
                )
            )
    return out
