"""MkDocs builds: the example with --strict, failures that publish nothing, sanitized bodies."""

from __future__ import annotations

from pathlib import Path

import sitekit


def test_example_builds_with_item_pages_and_answer_redirects(example_site: Path) -> None:
    problems = sorted((example_site / "problems").glob("*/index.html"))
    assert len(problems) >= 30
    answers = sorted((example_site / "answers").glob("*/index.html"))
    assert len(answers) >= 40
    redirect = answers[0].read_text()
    assert 'http-equiv="refresh"' in redirect and "/problems/" in redirect


def test_site_references_nothing_on_the_internet(example_site: Path) -> None:
    for page in example_site.rglob("*.html"):
        text = page.read_text()
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        assert '<script src="http' not in text, page


def test_a_content_error_fails_the_build_with_the_finding_and_no_site(site: Path) -> None:
    sitekit.write(site, "content/problems/p.md", "---\ntitle: T\nauthor: alcie\n---\n")
    result = sitekit.build(site)
    assert result.returncode == 1
    assert "content/problems/p.md:3:9: error unknown-author" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "site").exists()


def test_body_html_is_sanitized_and_material_features_survive(site: Path) -> None:
    sitekit.write(
        site,
        "content/problems/p.md",
        """\
        ---
        title: Pump trips <script>alert(1)</script>
        author: alice
        tags: [pumps]
        ---
        Hello <script>alert(2)</script><img src=x onerror="alert(3)">

        !!! warning "Careful"
            Isolate first.

        | a | b |
        |---|---|
        | 1 | 2 |

        - [x] done
        """,
    )
    assert sitekit.build(site).returncode == 0
    html = (site / "site/problems/p/index.html").read_text()
    assert "alert(2)" not in html and "onerror" not in html
    assert "<script>alert(1)" not in html
    assert 'class="admonition warning"' in html
    assert "<table>" in html
    assert 'type="checkbox"' in html


def test_the_example_builds_strict_without_a_warning(tmp_path: Path) -> None:
    """Not even one logged as information: a build log that cries wolf gets ignored."""
    from conftest import REPO

    result = sitekit.run(
        ["mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        REPO,
        env={"NO_MKDOCS_2_WARNING": "1"},  # Material's notice about MkDocs 2, not about the site
    )
    assert result.returncode == 0, result.stderr
    log = (result.stdout + result.stderr).splitlines()
    assert [line for line in log if not line.startswith("INFO")] == []
    assert [line for line in log if "warning" in line.lower()] == []
