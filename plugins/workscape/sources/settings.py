"""Finding the project and reading its settings from mkdocs.yml, without MkDocs.

The project root is the folder of the nearest mkdocs.yml (or ``--root``). Workscape's
own settings are the options of the ``workscape/catalog`` plugin entry there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import Finding, ProjectError

PLUGIN_NAME = "workscape/catalog"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!!python/name`` and ``!ENV`` tags only MkDocs resolves."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


@dataclass(frozen=True)
class Settings:
    """Where things are and how the site is addressed."""

    root: Path
    docs_dir: str = "content"
    curation_dir: str = "curation"
    site_name: str = "Workscape"
    site_url: str = ""
    repo_url: str = ""
    edit_uri: str = "edit/main/"
    #: Form tool for people without GitHub; ``{item}`` is replaced by the item id.
    rating_form_url: str = ""
    #: Form tool for questions; ``{tag}`` and ``{community}`` become the asking page's.
    ask_form_url: str = ""


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds a mkdocs.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise ProjectError(
        "no mkdocs.yml found here or in any parent folder",
        [
            Finding.error(
                str(start),
                (1, 1),
                "no-project",
                "not inside a Workscape project",
                "run inside the repository or pass --root",
            )
        ],
    )


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The options given to the workscape/catalog plugin in a parsed mkdocs.yml."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return dict(entry[PLUGIN_NAME] or {})
    return {}


def read_settings(root: Path) -> Settings:
    """Settings from ``root/mkdocs.yml``."""
    path = root / "mkdocs.yml"
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ProjectError(f"cannot read {path.name}: {exc}") from None
    if not isinstance(config, dict):
        raise ProjectError("mkdocs.yml must be a mapping")
    options = plugin_options(config)
    return Settings(
        root=root,
        docs_dir=str(config.get("docs_dir", "docs")).strip("/"),
        curation_dir=str(options.get("curation_dir", "curation")).strip("/"),
        site_name=str(config.get("site_name", "Workscape")),
        site_url=str(config.get("site_url") or ""),
        repo_url=str(config.get("repo_url") or "").rstrip("/"),
        edit_uri=str(config.get("edit_uri") or "edit/main/"),
        rating_form_url=str(options.get("rating_form_url") or ""),
        ask_form_url=str(options.get("ask_form_url") or ""),
    )
