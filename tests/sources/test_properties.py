"""Property-based tests: no input makes Workscape fail with anything but its own findings.

Random bytes, random front matter and random Markdown go to the loader
(read_document, read_item, parse_yaml, Checker, markdown_limits), to load_project
and to a real MkDocs build: what comes out is a Document, an Item or findings, a
:class:`WorkscapeError`, or a build that stops with MkDocs' ``Abort`` after our
``PluginError`` -- never another exception. Random markup soup rendered and
sanitized exactly as the plugin does never yields a handler or a script URL.

Reproducible in CI: ``derandomize=True`` (examples derived from the test, not the
clock) and no example database; ``deadline=None`` because a machine under load is
slow, not wrong. Example counts are in :data:`EXAMPLES`.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from attacks import audit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sitekit
from workscape.errors import Finding, WorkscapeError
from workscape.project import load_project
from workscape.publish.sanitize import sanitize_html
from workscape.schema import ITEM_FIELDS
from workscape.sources.content import read_item
from workscape.sources.documents import markdown_limits, read_document
from workscape.sources.fields import Checker
from workscape.sources.yamlfile import parse_yaml

EXAMPLES = {"bytes": 300, "yaml": 300, "item": 200, "render": 150, "project": 25, "build": 6}


def fixed(n: int) -> Any:
    return settings(
        max_examples=n,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


#: Pieces that stress parsers: YAML and Markdown syntax, markup, controls, odd Unicode.
TOKENS = [
    "---",
    "\n",
    "\n\n",
    " ",
    "    ",
    "\t",
    "\r",
    "\x00",
    "\ufeff",
    "\u202e",
    "\u200b",
    ":",
    "- ",
    "> ",
    "#",
    "*",
    "_",
    "`",
    "```",
    "~~~",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "{",
    "}",
    "{: ",
    "!",
    "&",
    "*a",
    "&a",
    "!!python/object:os.system",
    "|",
    ">-",
    "'",
    '"',
    "%",
    "@",
    "?",
    ",",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=javascript:alert(1)>",
    "<svg onload=alert(1)>",
    "<math><mtext><style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "</div>",
    '<div markdown="1">',
    "<iframe src=x>",
    "<meta http-equiv=refresh content=0>",
    "&#106;",
    "javascript:",
    "jav&#x09;ascript:",
    "data:text/html,",
    "{{ 7*191 }}",
    "{% if %}",
    "!!! note",
    '=== "t"',
    "[^1]",
    "[^1]: n",
    "[x]: javascript:alert(1)",
    "| a | b |",
    "|---|---|",
    "title",
    "author",
    "tags",
    "date",
    "2026-02-30",
    "yes",
    "no",
    "null",
    "~",
    "1e9",
    "0x1F",
    "é",
    "日本",
    "🙂",
    "\u0301",
    "alice",
    "pumps",
    "seal-weeps",
]
soup = st.lists(st.sampled_from(TOKENS) | st.text(max_size=8), max_size=60).map("".join)
scalars = (
    st.text(max_size=40)
    | st.integers()
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.none()
    | st.dates(min_value=dt.date(1900, 1, 1))
    | st.sampled_from(TOKENS)
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
field_names = st.sampled_from(
    sorted({f.name for fields in ITEM_FIELDS.values() for f in fields}) + ["template", "x"]
)
front_matter = st.dictionaries(field_names, values, max_size=8)


def as_file(meta: dict[str, Any], body: str) -> bytes:
    try:
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        head = ""
    return f"---\n{head}---\n{body}".encode("utf-8", "surrogatepass")


def only_findings(findings: list[Finding]) -> None:
    for f in findings:
        assert isinstance(f, Finding) and f.line >= 1 and f.col >= 1 and f.code and f.message
        assert f.format().startswith(f"{f.path}:{f.line}:{f.col}: ")


@fixed(EXAMPLES["bytes"])
@given(st.binary(max_size=600) | soup.map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_any_bytes_give_a_document_or_findings(data: bytes) -> None:
    doc = read_document(data, "content/problems/p.md")
    only_findings(doc.findings)
    assert isinstance(doc.meta, dict)
    findings: list[Finding] = []
    read_item(data, "content/problems/p.md", "problem", findings)
    only_findings(findings)
    only_findings(markdown_limits(data.decode("utf-8", "replace"), "p.md", 3))


@fixed(EXAMPLES["yaml"])
@given(soup)
def test_any_yaml_text_parses_or_gives_findings(text: str) -> None:
    parsed = parse_yaml(text, "curation/people.yml", 1)
    only_findings(parsed.findings)
    assert all(isinstance(k, str) for k in parsed.positions)


@fixed(EXAMPLES["item"])
@given(st.sampled_from(sorted(ITEM_FIELDS)), front_matter, soup)
def test_any_front_matter_is_checked_or_reported(
    kind: str, meta: dict[str, Any], body: str
) -> None:
    checker = Checker("content/p.md", {})
    checker.check(meta, ITEM_FIELDS[kind])  # type: ignore[index]  # kind: drawn from ITEM_FIELDS
    only_findings(checker.findings)
    findings: list[Finding] = []
    item = read_item(as_file(meta, body), f"content/{kind}s/p.md", kind, findings)  # type: ignore[arg-type]  # kind: drawn from ITEM_FIELDS
    only_findings(findings)
    assert item is None or item.author


EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tasklist",
]


@fixed(EXAMPLES["render"])
@given(soup)
def test_rendered_and_sanitized_soup_has_no_handler_or_script_url(body: str) -> None:
    if [f for f in markdown_limits(body, "p.md") if f.severity == "error"]:
        return  # refused before rendering
    html = markdown.Markdown(
        extensions=EXTENSIONS, extension_configs={"pymdownx.tabbed": {"alternate_style": True}}
    ).convert(body)
    tree = audit.parse_html(f"<body>{sanitize_html(html)}</body>")
    assert audit.handler_problems("p", tree) == []
    assert audit.url_problems("p", tree) == []
    assert audit.embedding_problems("p", tree, None) == []
    assert audit.inline_scripts(tree) == []


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sitekit.make_site(tmp_path_factory.mktemp("prop") / "kb")


@fixed(EXAMPLES["project"])
@given(front_matter, soup, st.sampled_from(["problems", "answers", "resources", "collections"]))
def test_load_project_gives_findings_only(
    project: Path, meta: dict[str, Any], body: str, folder: str
) -> None:
    path = project / "content" / folder / "random.md"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(as_file(meta, body))
    try:
        loaded = load_project(project)
    except WorkscapeError as exc:
        only_findings(list(exc.findings))
    else:
        only_findings(loaded.findings)
    finally:
        path.unlink()


@fixed(EXAMPLES["build"])
@given(st.text(min_size=1, max_size=30).filter(str.strip), soup, soup)
def test_a_real_build_succeeds_or_stops_with_our_error(
    tmp_path_factory: pytest.TempPathFactory, title: str, body: str, answer: str
) -> None:
    """In-process `mkdocs build`: Abort (our PluginError) or a clean, audited page."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    root = sitekit.make_site(tmp_path_factory.mktemp("build") / "kb")
    (root / "content/problems/seal-weeps.md").write_bytes(
        as_file({"title": title, "author": "alice", "tags": ["pumps"]}, body)
    )
    (root / "content/answers/check-flush.md").write_bytes(
        as_file({"author": "bob", "problem": "seal-weeps"}, answer)
    )
    config = load_config(str(root / "mkdocs.yml"))
    mkdocs_log = logging.getLogger("mkdocs")
    level = mkdocs_log.level
    mkdocs_log.setLevel(logging.CRITICAL)  # findings are expected; keep the output quiet
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    except Abort:
        assert not (root / "site").exists(), "a failed build publishes nothing"
        return
    finally:
        mkdocs_log.setLevel(level)
        config.plugins.on_shutdown()
    page = audit.parse_html((root / "site/problems/seal-weeps/index.html").read_text("utf-8"))
    assert audit.handler_problems("p", page) == []
    assert audit.url_problems("p", page) == []
