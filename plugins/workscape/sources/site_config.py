"""mkdocs.yml as written, with positions, and the allow-list the maintainers keep for it.

Why not read it as MkDocs does? MkDocs loads mkdocs.yml with PyYAML's full loader:
a ``!!python/object/apply:`` tag runs code while the file is being read, and a
``!!python/name:`` tag imports a module. So this module never constructs a value
from a tag: it composes the node tree (tags stay as written, nothing is imported)
and turns it into plain values (mappings, lists, scalar text), keeping where each
value stands and which Python tags occur, for :mod:`workscape.rules.config_risks`.

Why follow ``INHERIT``? MkDocs merges the parent file under mkdocs.yml, so a hook or
plugin there runs just the same; each file's findings name that file.

Where do the maintainers say what is trusted? In :data:`ALLOWLIST_PATH`, under
``.github/``, which CODEOWNERS gives to the maintainers: a key in policy.yml would
sit in curation/, owned by the community managers, who review knowledge, not code.
The file is optional; each key it gives replaces that key's default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Finding, Position
from ..suggest import did_you_mean
from .settings import config_path
from .yamlfile import parse_yaml

ALLOWLIST_PATH = ".github/config-allowlist.yml"
#: The allow-list's keys, each a list of strings (see rules/config_risks.py for defaults).
ALLOWLIST_KEYS = ("plugins", "markdown_extensions", "python_names", "hooks")
_PYTHON_TAG = "tag:yaml.org,2002:python/"
#: A config file's values beyond this many nodes are not read (aliases can multiply them).
MAX_NODES = 20_000
#: INHERIT chains longer than this are cut, which also ends a loop.
MAX_INHERIT = 4


@dataclass
class SiteConfig:
    """One configuration file: plain values, positions and the Python tags it holds.

    ``positions`` are keyed by dotted path (``plugins.1``, ``theme.font``): a mapping
    entry at its key, a list entry at the entry.
    """

    path: str
    value: dict[str, Any] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)
    #: (what follows ``!!python/``, e.g. ``name:pymdownx.superfences.fence_code_format``, where)
    python_tags: list[tuple[str, Position]] = field(default_factory=list)

    def at(self, key: str) -> Position:
        """Where ``key`` is written, or the start of the file."""
        return self.positions.get(key, (1, 1))


@dataclass(frozen=True)
class AllowList:
    """What the maintainers allow; None for a key the file does not give (its default)."""

    plugins: frozenset[str] | None = None
    markdown_extensions: frozenset[str] | None = None
    python_names: frozenset[str] | None = None
    hooks: frozenset[str] | None = None


@dataclass
class SiteConfigs:
    """mkdocs.yml and the files it inherits from, the allow-list, and what stopped reading."""

    files: list[SiteConfig]
    allow: AllowList
    findings: list[Finding]


def read_site_config(root: Path) -> SiteConfigs:
    """mkdocs.yml (or properdocs.yml) under ``root``, what it inherits, and the allow-list."""
    allow, findings = read_allowlist(root)
    files: list[SiteConfig] = []
    rel = config_path(root).name
    while rel and len(files) <= MAX_INHERIT:
        config, problem = _read_one(root, rel)
        if problem:
            findings.append(problem)
        if config is None:
            break
        files.append(config)
        parent = config.value.get("INHERIT")
        rel = _inherited(root, config, parent, findings) if isinstance(parent, str) else ""
    return SiteConfigs(files, allow, findings)


def _inherited(root: Path, config: SiteConfig, parent: str, findings: list[Finding]) -> str:
    """The repository path of the file ``config`` inherits from, or "" when it is elsewhere."""
    full = ((root / config.path).parent / parent).resolve()
    try:
        return full.relative_to(root.resolve()).as_posix()
    except ValueError:
        findings.append(
            Finding.warning(
                config.path,
                config.at("INHERIT"),
                "config-inherit",
                f"INHERIT reads configuration from outside the repository: {parent}",
                "keep every configuration file in the repository, where its changes are "
                "reviewed and checked",
            )
        )
        return ""


def _read_one(root: Path, rel: str) -> tuple[SiteConfig | None, Finding | None]:
    try:
        text = (root / rel).read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        problem = Finding.error(
            rel, (1, 1), "config-unreadable", f"cannot read it: {reason}", "fix the file"
        )
        return None, problem
    config = SiteConfig(rel)
    if isinstance(node, MappingNode):
        value = _Walk(config).value(node, "")
        config.value = value if isinstance(value, dict) else {}
    return config, None


class _Walk:
    """Plain values from a node tree, recording positions and Python tags on the way."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.seen: set[int] = set()

    def value(self, node: Node, key: str) -> Any:
        # An alias is the same node met again: read it once, so aliases cannot multiply.
        if id(node) in self.seen or len(self.seen) >= MAX_NODES:
            return None
        self.seen.add(id(node))
        at = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag.startswith(_PYTHON_TAG):
            self.config.python_tags.append((node.tag[len(_PYTHON_TAG) :], at))
        if isinstance(node, ScalarNode):
            return str(node.value)
        if isinstance(node, SequenceNode):
            out = []
            for n, child in enumerate(node.value):
                self.config.positions[f"{key}.{n}" if key else str(n)] = (
                    child.start_mark.line + 1,
                    child.start_mark.column + 1,
                )
                out.append(self.value(child, f"{key}.{n}" if key else str(n)))
            return out
        assert isinstance(node, MappingNode)
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value) if isinstance(key_node, ScalarNode) else ""
            child = f"{key}.{name}" if key else name
            self.config.positions.setdefault(
                child, (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            )
            # A tag on a key is still a tag MkDocs' loader acts on.
            if key_node.tag.startswith(_PYTHON_TAG):
                self.config.python_tags.append(
                    (key_node.tag[len(_PYTHON_TAG) :], self.config.positions[child])
                )
            mapping[name] = self.value(value_node, child)
        return mapping


def read_allowlist(root: Path) -> tuple[AllowList, list[Finding]]:
    """The maintainers' allow-list, or the defaults when there is no such file."""
    file = root / ALLOWLIST_PATH
    if not file.is_file():
        return AllowList(), []
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return AllowList(), [
            Finding.error(ALLOWLIST_PATH, (1, 1), "bad-allowlist", str(exc), "fix the file")
        ]
    parsed = parse_yaml(text, ALLOWLIST_PATH)
    findings = list(parsed.findings)
    if parsed.value is None:
        return AllowList(), findings
    if not isinstance(parsed.value, dict):
        findings.append(_bad(parsed.positions.get("", (1, 1)), "must be a mapping"))
        return AllowList(), findings
    lists: dict[str, frozenset[str]] = {}
    for key, value in parsed.value.items():
        at = parsed.positions.get(f"{key}@key", (1, 1))
        if key not in ALLOWLIST_KEYS:
            hint = did_you_mean(key, ALLOWLIST_KEYS, f"the keys are {', '.join(ALLOWLIST_KEYS)}")
            findings.append(_bad(at, f"unknown key '{key}'", hint))
        elif not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            findings.append(_bad(at, f"'{key}' must be a list of names", f"write {key}: [a, b]"))
        else:
            lists[key] = frozenset(value)
    return AllowList(**lists), findings


def _bad(at: Position, message: str, hint: str = "") -> Finding:
    return Finding.error(
        ALLOWLIST_PATH, at, "bad-allowlist", message, hint or "see the README's threat model"
    )
