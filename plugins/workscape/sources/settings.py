"""Finding the project and reading its settings from mkdocs.yml, without MkDocs.

The project root is the folder of the nearest mkdocs.yml (or ``--root``). Workscape's
own settings are the options of the ``workscape/catalog`` plugin entry there.

Why also ``properdocs.yml``? ProperDocs, the maintained continuation of MkDocs 1.6 by its
maintainers, reads the same configuration under that name (and asks for the rename), and
runs our ``mkdocs.plugins`` entry point as it is. A folder with both files is refused:
MkDocs would build from one and ProperDocs from the other, so which site ``check`` vouches
for would depend on the tool.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from ..errors import Finding, ProjectError

PLUGIN_NAME = "workscape/catalog"
#: The configuration file names a project may use, as the builders look for them.
CONFIG_NAMES = ("mkdocs.yml", "properdocs.yml")


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!!python/name`` and ``!ENV`` tags only MkDocs resolves."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


@dataclass(frozen=True)
class Settings:
    """Where things are and how the site is addressed.

    The defaults here are the only ones: :func:`settings_from` gives a field its default
    when mkdocs.yml leaves it out, for the CLI and the plugin alike.
    """

    root: Path
    docs_dir: str = "docs"  # MkDocs' own default
    curation_dir: str = "curation"
    site_name: str = "Workscape"
    site_url: str = ""
    repo_url: str = ""
    edit_uri: str = "edit/main/"
    #: Form tool for people without GitHub; ``{item}`` is replaced by the item id.
    rating_form_url: str = ""
    #: Form tool for questions; ``{tag}`` and ``{community}`` become the asking page's.
    ask_form_url: str = ""
    #: The interface's language, mkdocs.yml's ``theme.language`` (workscape.interface_language).
    language: str = "en"


#: The fields read from mkdocs.yml's own keys, which MkDocs reads too.
SITE_KEYS = ("docs_dir", "site_name", "site_url", "repo_url", "edit_uri")
#: Every other field is an option of the workscape/catalog plugin entry, so a new option is
#: a new field here and its declaration in the plugin's config (a test holds them equal).
#: The fields read from mkdocs.yml's ``theme`` mapping.
THEME_KEYS = ("language",)
PLUGIN_OPTIONS = tuple(
    f.name for f in fields(Settings) if f.name not in ("root", *SITE_KEYS, *THEME_KEYS)
)


def settings_from(root: Path, site: Mapping[str, Any], options: Mapping[str, Any]) -> Settings:
    """Settings from mkdocs.yml's keys (``site``) and the plugin entry's ``options``.

    The CLI passes mkdocs.yml as read without MkDocs; the plugin passes the values MkDocs
    validated. A value that is missing, null or empty takes the field's default; folders
    lose their slashes at either end and the repository URL its trailing one, as paths and
    links are joined from them.
    """
    theme = site.get("theme")
    given = {
        **{k: site.get(k) for k in SITE_KEYS},
        **{k: theme.get(k) for k in THEME_KEYS if isinstance(theme, Mapping)},
        **{k: options.get(k) for k in PLUGIN_OPTIONS},
    }
    values = {k: str(v) for k, v in given.items() if v is not None and v != ""}
    for folder in ("docs_dir", "curation_dir"):
        if folder in values:
            values[folder] = values[folder].strip("/")
    if "repo_url" in values:
        values["repo_url"] = values["repo_url"].rstrip("/")
    return Settings(root=root, **values)


def config_path(root: Path) -> Path:
    """The project's configuration file: ``mkdocs.yml`` or ``properdocs.yml``, never both."""
    present = [root / name for name in CONFIG_NAMES if (root / name).is_file()]
    if len(present) > 1:
        raise ProjectError(
            f"{root} has both {' and '.join(p.name for p in present)}",
            [
                Finding.error(
                    str(present[1]),
                    (1, 1),
                    "two-configs",
                    "MkDocs reads mkdocs.yml and ProperDocs properdocs.yml: the site would "
                    "depend on the tool that builds it",
                    "keep one of the two files (ProperDocs also reads mkdocs.yml)",
                )
            ],
        )
    return present[0] if present else root / CONFIG_NAMES[0]


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds a mkdocs.yml or properdocs.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if any((folder / name).is_file() for name in CONFIG_NAMES):
            return folder
    raise ProjectError(
        "no mkdocs.yml or properdocs.yml found here or in any parent folder",
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
    """Settings from ``root/mkdocs.yml`` (or ``root/properdocs.yml``)."""
    path = config_path(root)
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ProjectError(f"cannot read {path.name}: {exc}") from None
    if not isinstance(config, dict):
        raise ProjectError(f"{path.name} must be a mapping")
    return settings_from(root, config, plugin_options(config))
