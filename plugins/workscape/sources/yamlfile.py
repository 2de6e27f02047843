"""A strict, position-keeping YAML reader for contributor and curator files.

Safe by construction: it builds plain Python values from PyYAML's node tree and
refuses what a contribution has no business using. Aliases and anchors (billion
laughs), explicit tags (``!!python/...``), duplicate keys, non-string keys, deep
nesting and oversized documents are errors. YAML 1.1 surprises are turned off on
purpose: only ``true``/``false`` are booleans (``no``, ``yes``, ``on`` stay text,
so the tag ``no`` is not silently read as False), integers are plain decimal (so
``12:30`` or ``0755`` stay text), and a date that does not exist is an error rather
than a crash.

Every value's position is kept under its dotted key path (``tags.2``), so
findings point at the offending value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Finding, Position

MAX_DEPTH = 8
MAX_BYTES = 256 * 1024

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


# libyaml's parser when present (ten times faster on thousands of files); tag
# resolution stays in Python either way, so the resolvers below apply to both.
_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Base):  # type: ignore[misc]  # the base is picked at import time (libyaml or not), so mypy sees Any
    """SafeLoader with YAML 1.2-style booleans and integers."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_implicit_resolver(_INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))

_YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n"}


@dataclass
class Parsed:
    """A parsed YAML document: its value, the positions of its values, and findings."""

    value: Any = None
    positions: dict[str, Position] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)


def parse_yaml(text: str, path: str, first_line: int = 1) -> Parsed:
    """Parse one YAML document from ``text`` found at ``first_line`` of ``path``."""
    out = Parsed()
    shift = first_line - 1
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        out.findings.append(
            Finding.error(
                path,
                (first_line, 1),
                "too-large",
                f"YAML block is larger than {MAX_BYTES // 1024} KiB",
                "split the file or move long text into the Markdown body",
            )
        )
        return out
    try:
        node = yaml.compose(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        out.findings.append(_syntax_finding(exc, text, path, first_line))
        return out
    except yaml.YAMLError as exc:
        out.findings.append(Finding.error(path, (first_line, 1), "yaml-syntax", str(exc)))
        return out
    except RecursionError:
        # The pure-Python composer recurses per level; libyaml stops at 1000 levels itself.
        out.findings.append(_too_deep(path, (first_line, 1)))
        return out
    if node is None:
        return out
    out.value = _build(node, "", 0, path, shift, out)
    if any(f.code == "yaml-alias" for f in out.findings):
        # The composed graph only shows the anchored node twice; the parser's events
        # say where each `*alias` is written, which is what the contributor must fix.
        out.findings = [f for f in out.findings if f.code != "yaml-alias"]
        out.findings += _alias_findings(text, path, first_line)
    return out


def _alias_findings(text: str, path: str, first_line: int) -> list[Finding]:
    return [
        _alias_finding(path, (event.start_mark.line + first_line, event.start_mark.column + 1))
        for event in yaml.parse(text, Loader=_StrictLoader)
        # every event the parser emits has its marks; None is only the type's default
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None
    ]


def _syntax_finding(exc: yaml.MarkedYAMLError, text: str, path: str, first_line: int) -> Finding:
    """A syntax error where the parser stopped, said in the contributor's terms."""
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + first_line) if mark else first_line
    col = (mark.column + 1) if mark else 1
    problem = exc.problem or exc.context or "invalid YAML"
    if "maximum nesting depth" in problem:
        return _too_deep(path, (line, col))
    hint = "fix the YAML syntax: quote values containing ':' or '#', indent with spaces"
    # libyaml does not name the tab ("found character that cannot start any token"),
    # so look at the line itself: a tab before the first non-blank is indentation.
    bad_line = text.split("\n")[mark.line] if mark and mark.line < text.count("\n") + 1 else ""
    indent = bad_line[: len(bad_line) - len(bad_line.lstrip(" \t"))]
    if "\t" in problem or "tab" in problem or "\t" in indent or bad_line[col - 1 : col] == "\t":
        tab = (indent.index("\t") + 1) if "\t" in indent else col
        return Finding.error(
            path,
            (line, tab),
            "yaml-tab",
            "tab character in YAML indentation",
            "indent with spaces, never tabs (set your editor to insert spaces)",
        )
    return Finding.error(path, (line, col), "yaml-syntax", problem, hint)


def _alias_finding(path: str, at: Position) -> Finding:
    return Finding.error(
        path, at, "yaml-alias", "YAML aliases (*name) are not allowed", "repeat the value instead"
    )


def _too_deep(path: str, at: Position) -> Finding:
    return Finding.error(
        path,
        at,
        "too-deep",
        f"YAML nested deeper than {MAX_DEPTH} levels",
        "flatten the structure",
    )


def _at(node: Node, shift: int) -> Position:
    return node.start_mark.line + 1 + shift, node.start_mark.column + 1


def _build(
    node: Node,
    key: str,
    depth: int,
    path: str,
    shift: int,
    out: Parsed,
    seen: set[int] | None = None,
) -> Any:
    at = _at(node, shift)
    out.positions[key] = at
    seen = set() if seen is None else seen
    # The composer turns an alias into a second reference to the anchored node;
    # meeting a node twice is how an alias shows (and how "billion laughs" starts).
    if id(node) in seen:
        out.findings.append(_alias_finding(path, at))
        return None
    seen.add(id(node))
    if depth > MAX_DEPTH:
        out.findings.append(_too_deep(path, at))
        return None
    if isinstance(node, ScalarNode):
        return _scalar(node, at, path, out)
    if node.tag not in (_SEQ, _MAP):
        out.findings.append(_tag_finding(node.tag, path, at))
        return None
    if isinstance(node, SequenceNode):
        return [
            _build(child, f"{key}.{i}" if key else str(i), depth + 1, path, shift, out, seen)
            for i, child in enumerate(node.value)
        ]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_at = _at(key_node, shift)
        if not isinstance(key_node, ScalarNode) or key_node.tag not in (_STR, _INT, _BOOL):
            out.findings.append(
                Finding.error(
                    path,
                    key_at,
                    "bad-key",
                    "mapping keys must be plain words",
                    "write keys like `title:`",
                )
            )
            continue
        name = str(key_node.value)
        if name in result:
            out.findings.append(
                Finding.error(
                    path,
                    key_at,
                    "duplicate-key",
                    f"key '{name}' appears twice",
                    "keep one of them",
                )
            )
            continue
        child_key = f"{key}.{name}" if key else name
        result[name] = _build(value_node, child_key, depth + 1, path, shift, out, seen)
        out.positions.setdefault(f"{child_key}@key", key_at)
    return result


#: One loader for its timestamp constructor, which keeps no state: building a loader per
#: date was a third of reading 10,000 rating files.
_TIMESTAMPS = yaml.SafeLoader("")


def _scalar(node: ScalarNode, at: Position, path: str, out: Parsed) -> Any:
    value = node.value
    match node.tag:
        case "tag:yaml.org,2002:str":
            return value
        case "tag:yaml.org,2002:int":
            return int(value)
        case "tag:yaml.org,2002:float":
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value
        case "tag:yaml.org,2002:bool":
            return value.lower() == "true"
        case "tag:yaml.org,2002:null":
            return None
        case "tag:yaml.org,2002:timestamp":
            try:
                parsed = _TIMESTAMPS.construct_yaml_timestamp(node)
            except ValueError as exc:
                out.findings.append(
                    Finding.error(
                        path,
                        at,
                        "bad-date",
                        f"'{value}' is not a real date ({exc})",
                        "write the date as YYYY-MM-DD",
                    )
                )
                return None
            return parsed.date() if isinstance(parsed, dt.datetime) else parsed
    out.findings.append(_tag_finding(node.tag, path, at))
    return None


def _tag_finding(tag: str, path: str, at: Position) -> Finding:
    return Finding.error(
        path,
        at,
        "yaml-tag",
        f"YAML tag '{tag}' is not allowed",
        "remove the '!' tag; write a plain value",
    )


def is_yaml11_bool(value: Any) -> bool:
    """True for words YAML 1.1 would have read as a boolean (``yes``, ``no``...)."""
    return isinstance(value, str) and value.lower() in _YAML11_BOOLS
