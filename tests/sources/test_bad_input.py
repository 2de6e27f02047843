"""Bad input gets a clear finding at its exact file and line, and fails the build.

Every case is a file of ONE otherwise valid site: `workscape check` runs once and
must print each expected finding (path:line:col: severity code); `mkdocs build`
runs once, must fail, must log every one of them, and must publish nothing. A
file that cannot be read is never published as raw text.

Pathological Markdown (deep nesting, dense brackets and emphasis, thousands of code
fences) is refused the same way; what stays within the limits (huge tables, long
lines, many paragraphs, nesting and density just under the limits) builds, in a
subprocess with a generous timeout and no wall-clock assertion.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import sitekit
from workscape.cli import main
from workscape.sources.content import MAX_PAGE_BYTES
from workscape.sources.documents import (
    MAX_BRACKETS,
    MAX_EMPHASIS,
    MAX_FENCES,
    MAX_FRONT_MATTER_BYTES,
    MAX_MARKDOWN_BYTES,
    MAX_NESTING,
)

HEAD = "---\ntitle: Pump trips\nauthor: alice\n"
TAXONOMY_EXTRA = (
    "- id: yesno\n  label: Yes or no\n  description: YAML 1.1 booleans.\n  critical: yes\n"
)
#: The line of `critical: yes` once TAXONOMY_EXTRA is appended to the tiny site's taxonomy.
TAXONOMY_LINE = len(sitekit.TAXONOMY.splitlines()) + 4
P = "content/problems/"


def item(extra: str = "", body: str = "Body.\n") -> bytes:
    return (HEAD + extra + "---\n" + body).encode()


#: (file, bytes, the start of the finding `workscape check` prints for it)
CASES: list[tuple[str, bytes, str]] = [
    (P + "tab.md", item("tags:\n\t- pumps\n"), "5:1: error yaml-tab:"),
    (P + "tab-nested.md", item("tags: [pumps]\n \tcommunity: field\n"), "5:2: error yaml-tab:"),
    (P + "bom.md", b"\xef\xbb\xbf" + item(), "1:1: error byte-order-mark:"),
    (P + "crlf.md", item().replace(b"\n", b"\r\n"), "1:4: error crlf:"),
    (P + "cr.md", item(body="one\rtwo\n"), "5:4: error crlf:"),
    (P + "latin1-body.md", item(body="Caf\xe9\n".encode("latin-1").decode("latin-1")), ""),
    (
        P + "latin1.md",
        item(body="x\n").replace(b"x", "Caf\xe9".encode("latin-1")),
        "5:4: error not-utf8:",
    ),
    (
        P + "latin1-title.md",
        "---\ntitle: Caf\xe9\nauthor: alice\n---\n".encode("cp1252"),
        "2:11: error not-utf8:",
    ),
    (P + "nul.md", item(body="Bo\x00dy\n"), "5:1: error binary:"),
    (
        P + "escape-char.md",
        item(body="Press \x1b[31m to colour\n"),
        "5:7: error control-character:",
    ),
    (
        P + "escaped-title.md",
        b'---\ntitle: "Bell \\a and escape \\e"\nauthor: alice\n---\n',
        "2:8: error control-character:",
    ),
    (
        P + "unclosed.md",
        (HEAD + "Body without a closing line\n").encode(),
        "1:1: error unclosed-front-matter:",
    ),
    (P + "missing.md", b"Just a body, no front matter.\n", "1:1: error no-front-matter:"),
    (P + "empty.md", b"", "1:1: error no-front-matter:"),
    (
        P + "list-front-matter.md",
        b"---\n- title\n- author\n---\n",
        "1:1: error front-matter-not-mapping:",
    ),
    (P + "yaml11-tag.md", item("tags: [pumps, no]\n"), "4:15: error unknown-tag: 'no'"),
    ("curation/taxonomy.yml", b"", f"{TAXONOMY_LINE}:13: error wrong-type: 'critical' must be"),
    (
        P + "impossible-date.md",
        item("date: 2026-02-30\n"),
        "4:7: error bad-date: '2026-02-30' is not a real date",
    ),
    (P + "month-13.md", item("date: 2026-13-01\n"), "4:7: error bad-date:"),
    (
        P + "not-a-date.md",
        item("date: yesterday\n"),
        "4:7: error bad-date: 'yesterday' is not a date",
    ),
    (
        P + "duplicate.md",
        item("title: Again\n"),
        "4:1: error duplicate-key: key 'title' appears twice",
    ),
    (P + "alias.md", item("tags: &t [pumps]\nrelated: *t\n"), "5:10: error yaml-alias:"),
    (
        P + "laughs.md",
        item("x: &a [lol, lol]\ny: &b [*a, *a, *a]\nz: [*b, *b, *b]\n"),
        "5:8: error yaml-alias:",
    ),
    (
        P + "python-tag.md",
        item("description: !!python/object/apply:os.system [id]\n"),
        "4:14: error yaml-tag:",
    ),
    (
        P + "custom-tag.md",
        item("description: !secret value\n"),
        "4:14: error yaml-tag: YAML tag '!secret'",
    ),
    (P + "deep.md", item("description: " + "[" * 12 + "]" * 12 + "\n"), "4:22: error too-deep:"),
    (
        P + "very-deep.md",
        item("description: " + "[" * 5000 + "]" * 5000 + "\n"),
        ": error too-deep:",
    ),
    (P + "complex-key.md", item("? [a, b]\n: value\n"), "4:3: error bad-key:"),
    (
        P + "big-front-matter.md",
        item("description: " + "a" * MAX_FRONT_MATTER_BYTES + "\n"),
        "1:1: error too-large: front matter",
    ),
    (
        P + "big-file.md",
        item(body="word " * (MAX_MARKDOWN_BYTES // 5 + 10)),
        "1:1: error too-large: file is",
    ),
    (
        P + "bidi-title.md",
        "---\ntitle: Pump \u202etrips\nauthor: alice\n---\n".encode(),
        "2:8: error invisible-characters: 'title'",
    ),
    (
        P + "zero-width-title.md",
        "---\ntitle: Pump\u200btrips\nauthor: alice\n---\n".encode(),
        "2:8: error invisible-characters: 'title'",
    ),
    (P + "bidi-id.md", item("id: pump\u2066-trips\n"), "4:5: error invisible-characters: id"),
    (P + "zero-width-tag.md", item("tags: [pu\u200dmps]\n"), "4:8: error invisible-characters: id"),
    (P + "page.html", b"<script>alert(1)</script>\n", "1:1: error file-type-not-allowed:"),
    (
        P + "drawing.svg",
        b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>\n",
        "1:1: error file-type-not-allowed: '.svg' files can run script",
    ),
    ("content/app.js", b"alert(1)\n", "1:1: error file-type-not-allowed:"),
    ("content/notes.txt", b"notes\n", "1:1: error file-type-not-allowed: '.txt'"),
    (
        "curation/reviews/seal-weeps.yml",
        b"- by: sme\n  date: 2026-03-04\n\tverdict: approved\n",
        "3:1: error yaml-tab:",
    ),
    (
        "curation/ratings/seal-weeps/bob.yml",
        b"\xef\xbb\xbfstars: 4\n",
        "1:1: error byte-order-mark:",
    ),
    # Pathological Markdown, refused before it reaches the renderer.
    (
        P + "nested-quotes.md",
        item(body="x\n\n" + "> " * (MAX_NESTING + 1) + "deep\n"),
        "7:1: error too-deeply-nested:",
    ),
    (
        P + "nested-lists.md",
        item(body="".join("    " * i + "- x\n" for i in range(MAX_NESTING + 4))),
        f"{5 + MAX_NESTING}:1: error too-deeply-nested:",
    ),
    (P + "inline-lists.md", item(body="- " * 2000 + "x\n"), "5:1: error too-deeply-nested:"),
    (
        P + "brackets.md",
        item(body="![" * (MAX_BRACKETS + 1) + "a\n"),
        "5:1: error too-many-brackets:",
    ),
    (P + "emphasis.md", item(body="*a " * 3000 + "b\n"), "5:1: error too-much-emphasis:"),
    (
        P + "fences.md",
        item(body="```\n" * (MAX_FENCES + 2)),
        f"{5 + MAX_FENCES}:1: error too-many-code-blocks:",
    ),
]
# The latin-1 placeholder above only documents intent; it is not a separate case.
CASES = [c for c in CASES if c[2]]
#: Symbolic links, made by the fixture: (link, target).
LINKS = [(P + "linked.md", "/etc/passwd"), ("content/linked-dir", "/etc")]


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = sitekit.make_site(tmp_path_factory.mktemp("bad") / "kb")
    (root / "curation/policy.yml").write_text("allowed_assets: [png, svg]\n", encoding="utf-8")
    with (root / "curation/taxonomy.yml").open("a", encoding="utf-8") as f:
        f.write(TAXONOMY_EXTRA)
    for rel, data, _ in CASES:
        if rel != "curation/taxonomy.yml":
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    for rel, target in LINKS:
        os.symlink(target, root / rel)
    return root


@pytest.fixture(scope="module")
def check_lines(bad_site: Path) -> list[str]:
    result = CliRunner().invoke(main, ["check", "--root", str(bad_site)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.stdout.splitlines()


def test_taxonomy_line_is_where_the_yaml11_boolean_is(bad_site: Path) -> None:
    lines = (bad_site / "curation/taxonomy.yml").read_text().splitlines()
    assert lines[TAXONOMY_LINE - 1] == "  critical: yes"


@pytest.mark.parametrize(("rel", "data", "finding"), CASES, ids=[c[0] for c in CASES])
def test_check_reports_file_line_and_code(
    check_lines: list[str], rel: str, data: bytes, finding: str
) -> None:
    expected = f"{rel}:{finding}" if finding[0].isdigit() else rel + ":"
    hits = [line for line in check_lines if line.startswith(expected)]
    assert hits, f"no '{expected}...' in:\n" + "\n".join(check_lines)
    if not finding[0].isdigit():
        assert any(finding in line for line in hits)
    index = check_lines.index(hits[0])
    assert check_lines[index + 1].startswith("  hint: "), "every finding says what to do"


@pytest.mark.parametrize(("rel", "target"), LINKS)
def test_symlinks_are_refused(check_lines: list[str], rel: str, target: str) -> None:
    assert f"{rel}:1:1: error symlink: symbolic links are not allowed in content" in check_lines


def test_yaml11_words_are_text_with_a_hint(check_lines: list[str]) -> None:
    index = check_lines.index(
        f"curation/taxonomy.yml:{TAXONOMY_LINE}:13: error wrong-type: 'critical' must be true or false"
    )
    assert check_lines[index + 1] == "  hint: 'yes' is text here; write true"


def test_the_build_fails_logging_every_finding_and_publishes_nothing(bad_site: Path) -> None:
    result = sitekit.build(bad_site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for rel, _, finding in CASES:
        expected = f"{rel}:{finding}" if finding[0].isdigit() else f"{rel}:"
        assert expected in result.stderr, expected
    for rel, _ in LINKS:
        assert f"{rel}:1:1: error symlink" in result.stderr
    assert not (bad_site / "site").exists()


def test_a_problem_page_is_bounded_with_its_answers(tmp_path: Path) -> None:
    """Each answer within the file limit, together more than a page may hold."""
    answer = "---\nauthor: bob\nproblem: seal-weeps\n---\n" + "A long answer. " * 7000 + "\n"
    files = {f"content/answers/long-{n}.md": answer for n in range(3)}
    root = sitekit.make_site(tmp_path / "kb", files)
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "content/problems/seal-weeps.md:1:1: error page-too-large: with its 4 answers"
    )
    assert str(MAX_PAGE_BYTES // 1024) in result.stdout


def dense(unit: str, per_paragraph: int, budget: int) -> str:
    """Paragraphs of ``unit`` repeated just under a limit, filling ``budget`` bytes."""
    paragraph = unit * per_paragraph + "\n\n"
    return paragraph * max(1, budget // len(paragraph))


def test_pathological_markdown_within_the_limits_builds(tmp_path: Path) -> None:
    """The shapes that cost the renderer most, at the density the limits allow.

    Sizes are kept modest so the suite stays fast: cost grows linearly with size once
    density is bounded (measured at the full 128 KiB in the README's security section).
    """
    bodies = {
        "huge-table": "| a | b | c |\n|---|---|---|\n"
        + "| x | [y](huge-table.md) | *z* |\n" * 1500,
        "long-line": "word " * (MAX_MARKDOWN_BYTES // 5 - 500) + "\n",
        "nested-lists": "".join("    " * i + "- x\n" for i in range(MAX_NESTING - 1)),
        "nested-quotes": "> " * (MAX_NESTING - 1) + "deep\n",
        "emphasis": dense("*a* _b_ ", MAX_EMPHASIS // 4 - 1, 6000),
        "brackets": dense("![", MAX_BRACKETS - 1, 1500),
        "unclosed-links": dense("[a](", MAX_BRACKETS - 1, 3000),
        "code-blocks": "```\nx\n```\n\n" * (MAX_FENCES // 2 - 1),
        "entities": "&amp; &lt; &#x3c; " * 1000,
    }
    files = {f"content/problems/{name}.md": HEAD + "---\n" + body for name, body in bodies.items()}
    root = sitekit.make_site(tmp_path / "kb", files)
    check = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert check.exit_code == 0, check.stdout
    result = sitekit.run(["mkdocs", "build", "-q"], root)  # timeout: 600 s, generous
    assert result.returncode == 0, result.stderr
    for name in bodies:
        assert (root / f"site/problems/{name}/index.html").is_file()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_failing_build_leaves_the_previous_site_byte_for_byte(tmp_path: Path) -> None:
    root = sitekit.make_site(tmp_path / "kb")
    sitekit.write(root, "site/stale.txt", "from an older build")
    assert sitekit.build(root).returncode == 0
    assert not (root / "site/stale.txt").exists(), "the new build replaced the folder whole"
    before = _snapshot(root / "site")
    assert "problems/seal-weeps/index.html" in before

    sitekit.write(root, "content/problems/seal-weeps.md", "---\ntitle: T\nauthor: nobody\n---\n")
    broken = sitekit.build(root)
    assert broken.returncode == 1 and "unknown-author" in broken.stderr
    assert _snapshot(root / "site") == before

    # --strict fails only after every page was written (a deprecated tag warns).
    sitekit.write(
        root, "content/problems/seal-weeps.md", sitekit.PROBLEM.replace("seals]", "old-seals]")
    )
    strict = sitekit.run(["mkdocs", "build", "--strict"], root)  # not -q: it hides warnings
    assert strict.returncode == 1 and "deprecated-tag" in strict.stderr
    assert _snapshot(root / "site") == before
    assert sorted(p.name for p in root.iterdir()) == ["content", "curation", "mkdocs.yml", "site"]


@pytest.mark.parametrize(
    ("extension", "plugin"),
    [("pymdownx.snippets", ""), ("pymdownx.b64", ""), ("", "macros")],
)
def test_file_reading_extensions_and_template_plugins_are_refused(
    tmp_path: Path, extension: str, plugin: str
) -> None:
    root = sitekit.make_site(tmp_path / "kb")
    config = sitekit.MKDOCS_YML
    if extension:
        config = config.replace("  - admonition\n", f"  - admonition\n  - {extension}\n")
    if plugin:  # not installed: refused by name before MkDocs would try to load it
        from workscape.publish.sanitize import unsafe_build_options

        assert unsafe_build_options([], ["workscape/catalog", plugin]) == [plugin]
        return
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = sitekit.build(root)
    assert result.returncode == 1
    assert f"mkdocs.yml enables {extension}, which would let a contribution read files" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr and not (root / "site").exists()
