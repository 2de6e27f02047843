"""`workscape check`: every class of error, on real files, with its exact position."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import sitekit
from workscape.cli import main


def check(root: Path, *args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--root", str(root), *args])
    return result.exit_code, result.stdout.splitlines()


def test_the_tiny_site_is_clean(site: Path) -> None:
    code, lines = check(site)
    assert (code, lines) == (0, [])


PROBLEM_HEAD = "---\ntitle: Pump trips\nauthor: alice\n"


@pytest.mark.parametrize(
    ("rel", "text", "expected", "hint"),
    [
        (
            "content/problems/p.md",
            PROBLEM_HEAD + "tags: [pumps\n---\nBody\n",
            "content/problems/p.md:5:1: error yaml-syntax:",
            "",
        ),
        (
            "content/problems/p.md",
            PROBLEM_HEAD + "colour: red\n---\nBody\n",
            "content/problems/p.md:4:1: error unknown-field: unknown field 'colour'",
            "",
        ),
        (
            "content/problems/p.md",
            PROBLEM_HEAD + "tagz: [pumps]\n---\n",
            "content/problems/p.md:4:1: error unknown-field: unknown field 'tagz'",
            "did you mean 'tags'",
        ),
        (
            "content/problems/p.md",
            "---\ntitle: Pump trips\n---\nBody\n",
            "content/problems/p.md:2:1: error missing-field: required field 'author' is missing",
            "",
        ),
        (
            "content/problems/p.md",
            PROBLEM_HEAD + "tags: pumps\n---\n",
            "content/problems/p.md:4:7: error wrong-type: 'tags' must be a list",
            "tags: [pumps]",
        ),
        (
            "content/problems/p.md",
            PROBLEM_HEAD + "date: last tuesday\n---\n",
            "content/problems/p.md:4:7: error bad-date: 'last tuesday' is not a date",
            "",
        ),
        (
            "content/problems/p.md",
            PROBLEM_HEAD + "date: 2026-02-30\n---\n",
            "content/problems/p.md:4:7: error bad-date: '2026-02-30' is not a real date",
            "",
        ),
        (
            "content/problems/p.md",
            "---\ntitle: Pump trips\nauthor: alcie\n---\n",
            "content/problems/p.md:3:9: error unknown-author: author 'alcie' does not exist",
            "did you mean 'alice'",
        ),
        (
            "content/problems/p.md",
            PROBLEM_HEAD + "tags: [pumps, seels]\n---\n",
            "content/problems/p.md:4:15: error unknown-tag: 'seels' is not in curation/taxonomy.yml",
            "did you mean 'seals'",
        ),
        (
            "content/problems/p.md",
            PROBLEM_HEAD + "community: feild\n---\n",
            "content/problems/p.md:4:12: error unknown-community: community 'feild' does not exist",
            "did you mean 'field'",
        ),
        (
            "content/answers/a.md",
            "---\nauthor: bob\nproblem: no-such-problem\n---\nHi\n",
            "content/answers/a.md:3:10: error unknown-problem: problem 'no-such-problem' does not exist",
            "",
        ),
        (
            "content/problems/p.md",
            PROBLEM_HEAD + "accepted: nope\n---\n",
            "content/problems/p.md:4:11: error unknown-answer: accepted answer 'nope' does not exist",
            "",
        ),
        (
            "content/problems/p.md",
            PROBLEM_HEAD + "accepted: check-flush\n---\n",
            "content/problems/p.md:4:11: error accepted-elsewhere: accepted answer 'check-flush' "
            "answers 'seal-weeps', not this problem",
            "",
        ),
        (
            "content/collections/c.md",
            "---\ntitle: Path\nauthor: alice\nitems: [seal-weeps, seal-weep]\n---\n",
            "content/collections/c.md:4:21: error unknown-item: collection item 'seal-weep' does not exist",
            "did you mean 'seal-weeps'",
        ),
        (
            "content/problems/p.md",
            PROBLEM_HEAD + "superseded_by: seal-weps\n---\n",
            "content/problems/p.md:4:16: error unknown-item: item 'seal-weps' does not exist",
            "did you mean 'seal-weeps'",
        ),
        (
            "content/resources/seal-weeps.md",
            "---\ntitle: Guide\nauthor: bob\nurl: https://x.test/a\nformat: video\n---\n",
            "content/resources/seal-weeps.md:1:1: error duplicate-id: id 'seal-weeps' is already used",
            "",
        ),
        (
            "content/resources/r.md",
            "---\ntitle: Guide\nauthor: bob\nurl: javascript:alert(1)\nformat: video\n---\n",
            "content/resources/r.md:4:6: error bad-url:",
            "",
        ),
        (
            "content/resources/r.md",
            "---\ntitle: Guide\nauthor: bob\nurl: https://x.test/a\nformat: vidoe\n---\n",
            "content/resources/r.md:5:9: error bad-choice: 'vidoe' is not a valid format",
            "did you mean 'video'",
        ),
        (
            "content/problems/p.md",
            PROBLEM_HEAD + "type: answer\n---\n",
            "content/problems/p.md:4:7: error type-mismatch:",
            "",
        ),
        (
            "content/problems/Bad Name.md",
            PROBLEM_HEAD + "---\n",
            "content/problems/Bad Name.md:1:1: error bad-file-name:",
            "bad-name.md",
        ),
        (
            "curation/ratings/seal-weeps/alice.yml",
            "stars: 5\ndate: 2026-03-05\n",
            "curation/ratings/seal-weeps/alice.yml:1:1: error self-rating:",
            "",
        ),
        (
            "curation/ratings/seal-weeps/zed.yml",
            "stars: 4\ndate: 2026-03-05\n",
            "curation/ratings/seal-weeps/zed.yml:1:1: error unknown-person: rater 'zed'",
            "",
        ),
        (
            "curation/ratings/seal-weeps/bob.yml",
            "stars: 9\ndate: 2026-03-05\n",
            "curation/ratings/seal-weeps/bob.yml:1:8: error out-of-range:",
            "",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and "/" in v and len(v) < 40 else None,
)
def test_each_error_names_file_line_and_column(
    site: Path, rel: str, text: str, expected: str, hint: str
) -> None:
    sitekit.write(site, rel, text)
    code, lines = check(site)
    assert code == 1
    assert any(line.startswith(expected) for line in lines), lines
    if hint:
        index = next(i for i, line in enumerate(lines) if line.startswith(expected))
        assert hint in lines[index + 1] and lines[index + 1].startswith("  hint: ")


def test_all_problems_are_reported_in_one_run(site: Path) -> None:
    sitekit.write(
        site, "content/problems/p.md", "---\ntitle: T\nauthor: nobody\ntags: [nope]\n---\n"
    )
    sitekit.write(site, "content/problems/q.md", "---\ntitle: T\nauthor: alice\ncolour: red\n---\n")
    code, lines = check(site)
    codes = {line.split(": ")[1].split()[1] for line in lines if not line.startswith("  ")}
    assert code == 1
    assert codes == {"unknown-author", "unknown-tag", "unknown-field"}


def test_paths_limit_the_report_but_references_resolve_against_everything(site: Path) -> None:
    sitekit.write(site, "content/problems/p.md", "---\ntitle: T\nauthor: nobody\n---\n")
    sitekit.write(site, "content/answers/a2.md", "---\nauthor: bob\nproblem: seal-weeps\n---\nOk\n")
    code, lines = check(site, str(site / "content/answers/a2.md"))
    assert (code, lines) == (0, [])
    code, lines = check(site, str(site / "content/problems"))
    assert code == 1 and lines[0].startswith("content/problems/p.md:3:9: error unknown-author")


def test_warnings_pass_unless_strict(site: Path) -> None:
    sitekit.write(site, "content/problems/p.md", PROBLEM_HEAD + "tags: [old-seals]\n---\n")
    code, lines = check(site)
    assert code == 0
    assert lines[0].startswith("content/problems/p.md:4:8: warning deprecated-tag: tag 'old-seals'")
    assert lines[1] == "  hint: use 'seals' instead"
    assert check(site, "--strict")[0] == 1


def test_synonyms_resolve_silently(site: Path) -> None:
    sitekit.write(site, "content/problems/p.md", PROBLEM_HEAD + "tags: [pump, shaft-seals]\n---\n")
    assert check(site) == (0, [])


def test_github_format_prints_annotations(site: Path) -> None:
    sitekit.write(site, "content/problems/p.md", "---\ntitle: T\nauthor: alcie\n---\n")
    code, lines = check(site, "--format", "github")
    assert code == 1
    assert lines[0].startswith(
        "::error file=content/problems/p.md,line=3,col=9,title=unknown-author::"
    )
    assert "did you mean 'alice'" in lines[0]


def test_the_installed_command_exits_1_with_no_traceback(site: Path) -> None:
    sitekit.write(site, "content/problems/p.md", "---\ntitle: T\nauthor: alcie\n---\n")
    result = sitekit.run(["workscape", "check"], site)
    assert result.returncode == 1
    assert result.stdout.startswith("content/problems/p.md:3:9: error unknown-author:")
    assert "Traceback" not in result.stderr
    outside = sitekit.run(["workscape", "check"], site.parent)
    assert outside.returncode == 1 and "no mkdocs.yml" in outside.stderr
    assert "Traceback" not in outside.stderr


def test_the_example_knowledge_base_passes_without_a_word() -> None:
    from conftest import REPO

    result = sitekit.run(["workscape", "check"], REPO)
    items = sum(
        len(list((REPO / "content" / folder).glob("*.md")))
        for folder in ("problems", "answers", "resources", "collections")
    )
    # Its committers are the engine's maintainers, declared non-authors in policy.yml.
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "",
        f"0 error(s), 0 warning(s) in 0 file(s); {items} items checked\n",
    )
