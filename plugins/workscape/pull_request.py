"""A pull request's curation statements and role changes, judged against its base.

The base is the merge base of BASE and HEAD, as GitHub shows a pull request:
its files are read as they were committed (:func:`~.sources.snapshot.files_at`),
so people.yml, communities.yml and .mailmap there decide who is who, whatever
the pull request changes in them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Catalog
from .project import Loaded, load_project
from .rules.statements import RoleChange, StatementChange, role_changes, statement_changes
from .sources.git import Repository
from .sources.git_changes import changed_files, split_range
from .sources.snapshot import files_at

__all__ = ["PullRequest", "read_pull_request"]


@dataclass(frozen=True)
class PullRequest:
    """What a pull request says, in whose name, against the catalog of its base."""

    base: Catalog
    statements: list[StatementChange]
    roles: list[RoleChange]


def read_pull_request(loaded: Loaded, rev_range: str) -> PullRequest:
    """The statements and role changes of ``BASE..HEAD``; ``loaded`` is the project at HEAD."""
    settings = loaded.settings
    base, head = split_range(rev_range)
    fork = Repository(settings.root).run("merge-base", base, head).strip()
    with files_at(settings.root, fork) as tree:
        before = load_project(tree).catalog
    prefixes = [f"{settings.docs_dir}/", f"{settings.curation_dir}/"]
    renamed = {
        c.path: c.old_path
        for c in changed_files(settings.root, fork, head, prefixes)
        if c.kind == "renamed" and c.old_path
    }
    people_file = f"{settings.curation_dir}/people.yml"
    return PullRequest(
        before,
        statement_changes(before, loaded.catalog, renamed),
        role_changes(before, loaded.catalog, people_file),
    )
