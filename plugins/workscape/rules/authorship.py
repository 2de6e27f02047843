"""A local guard: a new item's author should be whoever committed it.

For each item file a range adds, the commit that added it has an author email
(after .mailmap); the base branch's people.yml maps it to a handle, which must
be the item's ``author``. Anyone can set a commit's author line, so this only
catches mistakes before a pull request is opened; in the pull request, the
check workflow binds every statement to the account that opened it
(:mod:`workscape.rules.statements`).

One exception: files added by GitHub's own bot accounts (``...[bot]@users.
noreply.github.com``) come from a workflow, such as the intake drafting a
problem from an issue, whose author was taken from the issue's GitHub account.
They cannot be checked against a commit, so they get a warning telling the
reviewer to check the author against the issue instead.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import Finding
from ..model import Catalog
from ..sources.git_changes import Addition

BOT_EMAIL_SUFFIX = "[bot]@users.noreply.github.com"


def authorship_findings(
    catalog: Catalog,
    additions: Mapping[str, Addition],
    curation_dir: str = "curation",
    people: Catalog | None = None,
) -> list[Finding]:
    """An error for each added item whose author is not the person who committed it.

    ``people``: the catalog whose people.yml says who an address is (the base
    branch's, so a pull request cannot add its committer's address to someone).
    """
    people = people or catalog
    by_path = {item.path: item for item in catalog.items.values()}
    findings = []
    for path, added in sorted(additions.items()):
        item = by_path.get(path)
        if item is None:  # not an item, or unreadable: `workscape check` reports that
            continue
        at = item.positions.get("author", (1, 1))
        commit = added.commit[:10]
        if added.email.endswith(BOT_EMAIL_SUFFIX):
            bot = added.email.rsplit("+", 1)[-1].split("@", 1)[0]
            findings.append(
                Finding.warning(
                    path,
                    at,
                    "author-unverified",
                    f"added by {bot} in {commit}, so its author '{item.author}' is not "
                    "checked against a commit",
                    "a workflow drafted it from an issue: check that the issue was opened by "
                    f"{item.author}'s GitHub account",
                )
            )
            continue
        person = people.person_by_email.get(added.email)
        if person is None:
            findings.append(
                Finding.error(
                    path,
                    at,
                    "unknown-committer",
                    f"commit {commit} that added this file is by <{added.email}>, "
                    "who is not in people.yml",
                    f"a curator adds the address to your `emails:` in {curation_dir}/people.yml "
                    "first, in a pull request of its own; or commit with your listed address",
                )
            )
        elif person.handle != item.author:
            findings.append(
                Finding.error(
                    path,
                    at,
                    "author-not-committer",
                    f"author '{item.author}' did not add this file: commit {commit} is by "
                    f"'{person.handle}'",
                    f"set `author: {person.handle}`; nobody posts in someone else's name "
                    f"(or ask {item.author} to commit it)",
                )
            )
    return findings
