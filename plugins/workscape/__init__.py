"""Workscape: a curated social-learning site from a git repository of Markdown.

The public API is the core: load a project into a :class:`Catalog` and read the
findings. The MkDocs plugins (``workscape.publish``) and the ``workscape`` command
(``workscape.cli``) are thin users of it.
"""

from __future__ import annotations

import importlib
import typing

if typing.TYPE_CHECKING:
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

#: Where each public name is defined. They are imported on first use, so a command that
#: needs little (a warm `workscape check`) does not load every rule first.
_HOMES = {
    **dict.fromkeys(
        ("ContentError", "Finding", "IntakeError", "ProjectError", "WorkscapeError"), "errors"
    ),
    **dict.fromkeys(
        ("Catalog", "Comment", "Community", "Item", "Moderation", "News", "Person", "Policy")
        + ("Rating", "Review", "Tag"),
        "model",
    ),
    **dict.fromkeys(("Loaded", "load_project"), "project"),
}


def __getattr__(name: str) -> typing.Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


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
