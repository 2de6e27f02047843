"""A revision's files in a temporary folder, to read the project as it was there.

A pull request is judged against its base branch: who someone is (people.yml),
who may curate (communities.yml) and which statements already stood. Those are
read from the base's own files, so nothing the pull request changes can vouch
for the pull request.
"""

from __future__ import annotations

import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .git import Repository

__all__ = ["files_at"]


@contextmanager
def files_at(root: Path, revision: str) -> Iterator[Path]:
    """A temporary folder holding ``revision``'s tree of the repository at ``root``.

    ``git archive`` writes the tree as committed (no work tree, index or hooks
    involved); the ``data`` filter refuses links and paths out of the folder.
    The folder is removed on exit.
    """
    with tempfile.TemporaryDirectory(prefix="workscape-base-") as tmp:
        archive = Path(tmp) / "tree.tar"
        Repository(root).run("archive", "--format=tar", f"--output={archive}", revision)
        tree = Path(tmp) / "tree"
        with tarfile.open(archive) as tar:
            tar.extractall(tree, filter="data")
        archive.unlink()
        yield tree
