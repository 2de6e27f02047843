"""Configuration that runs code or loads from other hosts: warnings on mkdocs.yml.

A pull request that changes mkdocs.yml can make the next build run any Python or
make every page load a script from another host, and nothing about it looks like
content. CODEOWNERS sends such a change to the maintainers; these warnings tell them
(and fail ``check --strict``) exactly what it does, at the line that does it:

- ``hooks:`` (``config-hooks``): Python files MkDocs runs on every build;
- a plugin or Markdown extension outside the allow-list (``config-plugin``,
  ``config-markdown-extension``): each is Python that runs on every page;
- a ``!!python/...`` tag naming anything outside the allowed modules
  (``config-python-tag``): MkDocs' YAML loader imports the module, and
  ``!!python/object/apply:`` calls the function, while reading the file;
- ``extra_javascript`` or ``extra_css`` at an absolute or protocol-relative URL of
  another host (``config-external-asset``), Material's web fonts left on
  (``config-web-fonts``) and ``extra.analytics`` (``config-analytics``): every
  reader's browser would then request another host, which the site promises not to;
- a hook or ``theme.custom_dir`` (templates: they can put a script on every page)
  inside the content or curation folder (``config-hooks``, ``config-custom-dir``),
  allowed or not: CODEOWNERS gives those folders to the community managers, so a
  later change to the file would skip the maintainers.

Why warnings, not errors? Maintainers may mean it: they add the name to the
allow-list in the same reviewed pull request (``.github/config-allowlist.yml``, see
:mod:`workscape.sources.site_config`), and the warning goes. The defaults below are
what the example site and Material's own plugins need, minus what reaches beyond
the repository.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from ..errors import Finding
from ..sources.settings import Settings
from ..sources.site_config import ALLOWLIST_PATH, SiteConfig, SiteConfigs

#: Material's built-in plugins and MkDocs' search, by either name MkDocs accepts, and
#: Workscape's own. Left out: ``social`` and ``privacy`` download at build time,
#: ``projects`` builds other mkdocs.yml files this check does not read.
DEFAULT_PLUGINS = frozenset(
    {"workscape/catalog", "search"}
    | {
        f"{prefix}{name}"
        for prefix in ("", "material/")
        for name in (
            "blog",
            "group",
            "info",
            "meta",
            "offline",
            "optimize",
            "search",
            "tags",
            "typeset",
        )  # fmt: skip
    }
)
#: Python-Markdown's own extensions (short and dotted names), PyMdown Extensions and
#: Material's. Left out: ``pymdownx.snippets`` and ``pymdownx.b64`` read files from
#: disk (snippets also from URLs) into pages.
DEFAULT_MARKDOWN_EXTENSIONS = frozenset(
    {
        f"{prefix}{name}"
        for prefix in ("", "markdown.extensions.")
        for name in (
            "abbr",
            "admonition",
            "attr_list",
            "codehilite",
            "def_list",
            "extra",
            "fenced_code",
            "footnotes",
            "legacy_attrs",
            "legacy_em",
            "md_in_html",
            "meta",
            "nl2br",
            "sane_lists",
            "smarty",
            "tables",
            "toc",
            "wikilinks",
        )  # fmt: skip
    }
    | {
        f"pymdownx.{name}"
        for name in (
            "arithmatex",
            "betterem",
            "blocks.admonition",
            "blocks.caption",
            "blocks.definition",
            "blocks.details",
            "blocks.html",
            "blocks.tab",
            "caret",
            "critic",
            "details",
            "emoji",
            "escapeall",
            "extra",
            "fancylists",
            "highlight",
            "inlinehilite",
            "keys",
            "magiclink",
            "mark",
            "pathconverter",
            "progressbar",
            "quotes",
            "saneheaders",
            "smartsymbols",
            "striphtml",
            "superfences",
            "tabbed",
            "tasklist",
            "tilde",
        )  # fmt: skip
    }
    | {"material.extensions.preview"}
)
#: Modules whose names ``!!python/name:`` (and ``/object/apply:``) may use, as Material's
#: documentation does for emoji, custom fences and slugs: a prefix ending in "." allows
#: everything under it; any other entry one exact name.
DEFAULT_PYTHON_NAMES = frozenset({"pymdownx.", "material.extensions.", "markdown.extensions."})

_ALLOW_HINT = f"if the maintainers accept it, list it under `{{key}}:` in {ALLOWLIST_PATH}"


def config_risks(configs: SiteConfigs, settings: Settings) -> list[Finding]:
    """Warnings for what mkdocs.yml (and the files it inherits) runs or loads from elsewhere."""
    allow = configs.allow
    plugins = DEFAULT_PLUGINS if allow.plugins is None else allow.plugins
    extensions = (
        DEFAULT_MARKDOWN_EXTENSIONS
        if allow.markdown_extensions is None
        else allow.markdown_extensions
    )
    names = DEFAULT_PYTHON_NAMES if allow.python_names is None else allow.python_names
    hooks = allow.hooks or frozenset()
    site_host = urlsplit(settings.site_url).hostname or ""
    out = list(configs.findings)
    for config in configs.files:
        out += _hooks(config, hooks, _data_folders(settings))
        out += _named(config, "plugins", plugins, "config-plugin", "plugin")
        out += _named(config, "markdown_extensions", extensions, "config-markdown-extension", "")
        out += _python_tags(config, names)
        out += _assets(config, site_host)
    out += _theme_and_extra(configs.files)
    out += _custom_dir(configs.files, _data_folders(settings))
    return sorted(out)


def _data_folders(settings: Settings) -> tuple[str, str]:
    return f"{settings.docs_dir}/", f"{settings.curation_dir}/"


def _data_folder(config: SiteConfig, path: str, folders: tuple[str, str]) -> str:
    """The content or curation folder ``path`` (relative to ``config``'s file) lies in, or ""."""
    full = posixpath.normpath(posixpath.join(posixpath.dirname(config.path), path)) + "/"
    return next((f for f in folders if full.startswith(f)), "")


def _entries(key: str, value: Any) -> list[tuple[str, str, str, Any]]:
    """(where the entry is, where its options are, name, options) of a plugin or extension
    list (``- name`` or ``- name: {options}``), or of a mapping (``name: {options}``)."""
    if isinstance(value, dict):
        return [(f"{key}.{name}", f"{key}.{name}", name, opts) for name, opts in value.items()]
    if not isinstance(value, list):
        return []
    out = []
    for n, entry in enumerate(value):
        if isinstance(entry, str):
            out.append((f"{key}.{n}", f"{key}.{n}", entry, None))
        elif isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
            out.append((f"{key}.{n}", f"{key}.{n}.{name}", name, options))
    return out


def _hooks(config: SiteConfig, allowed: frozenset[str], folders: tuple[str, str]) -> list[Finding]:
    value = config.value.get("hooks")
    listed = value if isinstance(value, list) else [value] if value else []
    out = []
    for n, hook in enumerate(listed):
        if not isinstance(hook, str):
            continue
        at = config.at(f"hooks.{n}") if isinstance(value, list) else config.at("hooks")
        folder = _data_folder(config, hook, folders)
        if folder:  # allowed or not: the next change to it would skip the maintainers
            out.append(_in_data_folder(config, at, "config-hooks", f"hook {hook}", folder))
            continue
        if hook in allowed:
            continue
        out.append(
            Finding.warning(
                config.path,
                at,
                "config-hooks",
                f"hook {hook} is Python that MkDocs runs on every build",
                "a maintainer must review that file and every change to it; "
                + _ALLOW_HINT.format(key="hooks"),
            )
        )
    return out


def _in_data_folder(
    config: SiteConfig, at: tuple[int, int], code: str, what: str, folder: str
) -> Finding:
    return Finding.warning(
        config.path,
        at,
        code,
        f"{what} runs during the build from {folder}, where CODEOWNERS asks community "
        "managers, not maintainers, to review changes",
        "move it next to the code (plugins/, overrides/), which the maintainers own",
    )


def _custom_dir(files: list[SiteConfig], folders: tuple[str, str]) -> list[Finding]:
    config, custom = _setting(files, "theme", "custom_dir")
    if config is None or not isinstance(custom, str):
        return []
    folder = _data_folder(config, custom, folders)
    if not folder:
        return []
    at = config.at("theme.custom_dir")
    return [_in_data_folder(config, at, "config-custom-dir", f"theme.custom_dir {custom}", folder)]


def _named(
    config: SiteConfig, key: str, allowed: frozenset[str], code: str, kind: str
) -> list[Finding]:
    out = []
    for where, options_at, name, options in _entries(key, config.value.get(key)):
        if name not in allowed:
            what = f"plugin '{name}'" if kind else f"Markdown extension '{name}'"
            out.append(
                Finding.warning(
                    config.path,
                    config.at(where),
                    code,
                    f"{what} is not in the allow-list: it runs Python on every build",
                    _ALLOW_HINT.format(key=key),
                )
            )
        # Material's group plugin enables the plugins nested under it.
        if kind and name in ("group", "material/group") and isinstance(options, dict):
            inside = f"{options_at}."
            positions = {
                k[len(inside) :]: v for k, v in config.positions.items() if k.startswith(inside)
            }
            nested = SiteConfig(config.path, options, positions)
            out += _named(nested, "plugins", allowed, code, kind)
    return out


def _allowed_name(name: str, allowed: Iterable[str]) -> bool:
    return any(name == a or (a.endswith(".") and name.startswith(a)) for a in allowed)


def _python_tags(config: SiteConfig, allowed: frozenset[str]) -> list[Finding]:
    out = []
    for tag, at in config.python_tags:
        kind, _, name = tag.partition(":")
        if kind in ("name", "object/apply") and _allowed_name(name, allowed):
            continue
        out.append(
            Finding.warning(
                config.path,
                at,
                "config-python-tag",
                f"!!python/{tag} makes MkDocs import (or call) Python while reading the file",
                "use !!python/name: only for functions of the allowed modules "
                f"({', '.join(sorted(allowed))}); " + _ALLOW_HINT.format(key="python_names"),
            )
        )
    return out


def _assets(config: SiteConfig, site_host: str) -> list[Finding]:
    out = []
    for key in ("extra_javascript", "extra_css"):
        value = config.value.get(key)
        for n, entry in enumerate(value if isinstance(value, list) else []):
            url = entry.get("path") if isinstance(entry, dict) else entry
            if not isinstance(url, str):
                continue
            parts = urlsplit(url.strip())
            host = parts.hostname or ""
            if not parts.netloc or host.lower() == site_host.lower():
                continue
            out.append(
                Finding.warning(
                    config.path,
                    config.at(f"{key}.{n}"),
                    "config-external-asset",
                    f"{key} loads {url} from {host or 'another host'}: every page would request it",
                    "copy the file into the repository and list its path instead: the site "
                    "makes no request to another host, and a script from one could change "
                    "any page",
                )
            )
    return out


def _setting(files: list[SiteConfig], *keys: str) -> tuple[SiteConfig | None, Any]:
    """The file that sets ``keys`` (mkdocs.yml before what it inherits, as MkDocs merges)
    and the value it sets."""
    for config in files:
        value: Any = config.value
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None:
            return config, value
    return None, None


def _theme_and_extra(files: list[SiteConfig]) -> list[Finding]:
    out = []
    at_theme, theme = _setting(files, "theme")
    name = theme.get("name") if isinstance(theme, dict) else theme
    _, named = _setting(files, "theme", "name")
    if at_theme is not None and "material" in (name, named):
        at_font, font = _setting(files, "theme", "font")
        if not (isinstance(font, str) and font.lower() == "false"):
            config = at_font or at_theme
            out.append(
                Finding.warning(
                    config.path,
                    config.at("theme.font" if at_font else "theme"),
                    "config-web-fonts",
                    "Material loads its web fonts from Google Fonts unless `font: false`",
                    "set `font: false` under `theme:` (the site makes no request to another "
                    "host); serve your own fonts from extra_css if you need them",
                )
            )
    at_analytics, analytics = _setting(files, "extra", "analytics")
    if at_analytics is not None and analytics:
        out.append(
            Finding.warning(
                at_analytics.path,
                at_analytics.at("extra.analytics"),
                "config-analytics",
                "extra.analytics makes every page load a tracker from another host",
                "count views from the web server's access log instead (`workscape views`)",
            )
        )
    return out
