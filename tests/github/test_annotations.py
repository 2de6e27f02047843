"""`workscape check --format github`: each finding becomes one GitHub Actions annotation."""

from __future__ import annotations

from workscape.errors import Finding
from workscape.github.annotations import annotation


def test_an_error_annotates_its_line_with_the_hint_after_the_message() -> None:
    finding = Finding.error(
        "content/problems/p.md", (3, 9), "unknown-author", "author 'alcie'", "did you mean 'alice'?"
    )
    assert annotation(finding) == (
        "::error file=content/problems/p.md,line=3,col=9,title=unknown-author::"
        "author 'alcie' (hint: did you mean 'alice'?)"
    )


def test_a_warning_without_hint_is_a_warning_annotation() -> None:
    finding = Finding.warning("curation/people.yml", (1, 1), "unknown-identity", "git author")
    assert annotation(finding) == (
        "::warning file=curation/people.yml,line=1,col=1,title=unknown-identity::git author"
    )


def test_characters_github_reads_as_syntax_are_escaped() -> None:
    finding = Finding.error("content/a,b:c.md", (2, 1), "yaml-syntax", "100% bad\r\nline", "a: b")
    assert annotation(finding) == (
        "::error file=content/a%2Cb%3Ac.md,line=2,col=1,title=yaml-syntax::"
        "100%25 bad%0D%0Aline (hint: a: b)"
    )
