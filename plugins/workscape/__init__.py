"""Workscape: a curated social-learning site from a git repository of Markdown.

The public API is the core: load a project into a :class:`Catalog` and read the
findings. The MkDocs plugins (``workscape.publish``) and the ``workscape`` command
(``workscape.cli``) are thin users of it.
"""

from __future__ import annotations

from .errors import ContentError, Finding, IntakeError, ProjectError, WorkscapeError
from .model import (
    Catalog,
    Comment,
    Community,
    Item,
    Moderation,
    News,
    Person,
    Policy,
    Rating,
    Review,
    Tag,
)
from .project import Loaded, load_project

__all__ = [
    "Catalog",
    "Comment",
    "Community",
    "ContentError",
    "Finding",
    "IntakeError",
    "Item",
    "Loaded",
    "Moderation",
    "News",
    "Person",
    "Policy",
    "ProjectError",
    "Rating",
    "Review",
    "Tag",
    "WorkscapeError",
    "load_project",
]
