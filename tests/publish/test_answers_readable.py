"""Every answer's words reach the reader, inside its card on its problem's page.

The text a test expects is rendered from the answer's own Markdown with the site's
own extensions, independently of the plugin, so an empty card can never pass.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import html5lib
import markdown
from mkdocs.config import load_config

import sitekit
from conftest import REPO
from workscape.project import load_project

XHTML = "{http://www.w3.org/1999/xhtml}"


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def expected_text(body: str, config_file: Path) -> str:
    """The reader-visible words of an answer body, rendered as the site renders Markdown."""
    config = load_config(str(config_file))
    md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    tree = html5lib.parse(f"<div>{md.convert(body)}</div>")
    return words("".join(tree.itertext()))


def card_bodies(html: str) -> dict[str, str]:
    """The visible text of each answer card's body on a problem page, by answer id."""
    tree = html5lib.parse(html)
    out: dict[str, str] = {}
    for article in tree.iter(f"{XHTML}article"):
        answer_id = article.get("data-id")
        if answer_id is None:
            continue
        for div in article.iter(f"{XHTML}div"):
            if div.get("class") == "ws-body":
                # A player's fallback link shows only in a browser without video.
                for parent in div.iter():
                    for video in parent.findall(f"{XHTML}video"):
                        parent.remove(video)
                out[answer_id] = words("".join(div.itertext()))
    return out


def test_every_answer_of_the_example_is_readable_in_full_on_its_problem_page(
    example_site: Path,
) -> None:
    catalog = load_project(REPO).published()
    answers = catalog.of_type("answer")
    assert len(answers) >= 40
    unreadable = []
    for answer in answers:
        cards = card_bodies((example_site / "problems" / answer.problem / "index.html").read_text())
        want = expected_text(answer.body, REPO / "mkdocs.yml")
        assert len(want) > 40, f"{answer.id}: the example's answers say something"
        if want not in cards.get(answer.id, ""):
            unreadable.append(answer.id)
    assert not unreadable, f"answers whose text is missing from their card: {unreadable}"


def link_texts(page: Path, href_end: str) -> list[str]:
    """The visible words of every link on ``page`` whose href ends with ``href_end``."""
    tree = html5lib.parse(page.read_text(encoding="utf-8"))
    return [
        words("".join(a.itertext()))
        for a in tree.iter(f"{XHTML}a")
        if (a.get("href") or "").endswith(href_end)
    ]


def test_an_untitled_answer_is_called_answer_by_its_author_wherever_it_is_named(
    site: Path,
) -> None:
    # sitekit's check-flush answer, by bob, has no title: the answer schema promises
    # 'Answer by <author>', and every page, feed and search result keeps that promise.
    result = sitekit.build(site)
    assert result.returncode == 0, result.stderr
    out = site / "site"
    name = "Answer by bob"
    redirect = (out / "answers/check-flush/index.html").read_text(encoding="utf-8")
    assert f"<title>{name}</title>" in redirect
    assert link_texts(out / "new/index.html", "answers/check-flush/") == [name]
    assert link_texts(out / "people/bob/index.html", "answers/check-flush/") == [name]
    data = json.loads((out / "search/documents.json").read_text(encoding="utf-8"))
    results = [dict(zip(data["columns"], row, strict=True)) for row in data["docs"]]
    assert [r["title"] for r in results if r["id"] == "check-flush"] == [name]
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert f"<title>{name}</title>" in feed
    assert "Answer to" not in feed


def test_each_problem_shows_its_own_answers_not_another_pages(tmp_path: Path) -> None:
    # Regression: every page's answers were lost but the last page converted.
    files = {}
    for n in range(3):
        files[f"content/problems/p{n}.md"] = (
            f"---\ntitle: Problem {n}\nauthor: alice\ntags: [pumps]\n---\nBody {n}.\n"
        )
        files[f"content/answers/a{n}.md"] = (
            f"---\nauthor: bob\nproblem: p{n}\n---\nAnswer number {n} says *tighten* it.\n"
        )
    site = sitekit.make_site(tmp_path / "kb", files)
    result = sitekit.build(site, "--strict")
    assert result.returncode == 0, result.stderr
    for n in range(3):
        cards = card_bodies((site / "site" / "problems" / f"p{n}" / "index.html").read_text())
        assert cards[f"a{n}"] == f"Answer number {n} says tighten it."


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:  # not up yet, or slow under load: poll again
        return ""


def _wait_for(url: str, needle: str, proc: subprocess.Popen[str], limit: float = 120) -> str:
    """Poll until the served page contains ``needle`` (a bound, not a timing assertion)."""
    deadline = time.monotonic() + limit
    html = ""
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else "serve exited"
        html = _fetch(url)
        if needle in html:
            return html
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} never appeared at {url}; last page:\n{html[-2000:]}")


def test_an_edited_answer_shows_its_new_words_under_mkdocs_serve(site: Path) -> None:
    # A second problem converted after the first: the old bug emptied the first's cards.
    sitekit.write(site, "content/problems/zz.md", "---\ntitle: Z\nauthor: alice\n---\nZ.\n")
    sitekit.write(site, "content/answers/zz-a.md", "---\nauthor: bob\nproblem: zz\n---\nZed.\n")
    port = _free_port()
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    command = [mkdocs, "serve", "--dev-addr", f"127.0.0.1:{port}"]
    with subprocess.Popen(
        command, cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as proc:
        try:
            url = f"http://127.0.0.1:{port}/kb/problems/seal-weeps/"
            html = _wait_for(url, "Check the flush plan.", proc)
            assert card_bodies(html)["check-flush"] == "Check the flush plan."
            sitekit.write(
                site,
                "content/answers/check-flush.md",
                sitekit.ANSWER.replace("Check the flush plan.", "Swap to a plan 32 flush."),
            )
            html = _wait_for(url, "Swap to a plan 32 flush.", proc)
            assert card_bodies(html)["check-flush"] == "Swap to a plan 32 flush."
        finally:
            proc.terminate()
            proc.communicate(timeout=30)
