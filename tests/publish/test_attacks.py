"""Untrusted contributions cannot run script in a reader's browser.

Every attack in tests/attacks/ (bodies.yml, fields.yml) is built into ONE real site
with the workscape plugin and the example's Markdown extensions (attr_list and
md_in_html on), then every built file is audited as a browser would parse it
(tests/attacks/audit.py). What `workscape check` must refuse instead (refused.yml)
is checked finding by finding. Material's own content features render in the same
build, so the sanitizer is not "safe" by breaking the site.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from attacks import audit
from click.testing import CliRunner

import sitekit
from workscape.cli import main

ATTACKS = Path(__file__).parent.parent / "attacks"
BODIES: list[dict[str, Any]] = yaml.safe_load((ATTACKS / "bodies.yml").read_text("utf-8"))
FIELDS: dict[str, Any] = yaml.safe_load((ATTACKS / "fields.yml").read_text("utf-8"))
REFUSED: list[dict[str, str]] = yaml.safe_load((ATTACKS / "refused.yml").read_text("utf-8"))

THEME = """\
theme:
  name: material
  font: false
  features: [navigation.prune, navigation.tabs, navigation.top, content.code.copy]
"""
EXTENSIONS = """\
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.highlight:
      anchor_linenums: true
  - pymdownx.inlinehilite
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.tasklist:
      custom_checkbox: true
"""
MKDOCS_YML = f"""\
site_name: Attack Know-How
site_url: https://example.test/kb/
repo_url: https://github.com/acme/kb
edit_uri: edit/main/content/
docs_dir: content
{THEME}plugins:
  - workscape/catalog
{EXTENSIONS}validation:
  nav:
    omitted_files: ignore
  links:
    unrecognized_links: ignore
"""
C = FIELDS["curation"]
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
FEATURES = """\
!!! warning "Isolate first"
    Lock out the motor.

=== "Pump A"
    Tab one.

=== "Pump B"
    Tab two.

```python
def flow(q: float) -> float:
    return q * 2
```

| part | torque |
|------|--------|
| bolt | 40 Nm  |

- [x] drained
- [ ] refilled

Seal faces need run-in.[^run]

[^run]: About an hour.

![seal](../pic.png)

The SME checked it.

*[SME]: subject-matter expert
"""


def _q(value: str) -> str:
    """A YAML scalar that holds ``value`` exactly."""
    return yaml.safe_dump(value, default_style='"', width=10_000).strip()


def _item(title: str, author: str, body: str, **extra: str) -> str:
    lines = [f"title: {_q(title)}", f"author: {author}"]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def _answer(problem: str, body: str, title: str = "") -> str:
    head = f"title: {_q(title)}\n" if title else ""
    return f"---\n{head}author: mallory\nproblem: {problem}\n---\n{body}\n"


def write_attack_site(root: Path) -> dict[str, str]:
    """The attack site; returns {answer id: problem id} for the redirect check."""
    sitekit.make_site(root)
    sitekit.write(root, "mkdocs.yml", "")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    files = {
        "curation/people.yml": sitekit.PEOPLE
        + f"- handle: mallory\n  name: {_q(C['person_name'])}\n  role: {_q(C['person_role'])}\n"
        + "  communities: [field]\n",
        "curation/taxonomy.yml": sitekit.TAXONOMY
        + f"- id: markup\n  label: {_q(C['tag_label'])}\n"
        + f"  description: {_q(C['tag_description'])}\n  community: field\n"
        + f"- id: old-markup\n  label: {_q(C['tag_label'])}\n  replaced_by: markup\n",
        "curation/communities.yml": sitekit.COMMUNITIES
        + f"- id: evil\n  name: {_q(C['community_name'])}\n  kind: horizontal\n"
        + f"  managers: [cmgr]\n  description: {_q(C['community_description'])}\n",
        "curation/policy.yml": "allowed_assets: [png]\nimage_hosts: [images.ok.test]\n",
        "curation/reviews/attack-host.yml": "- by: sme\n  date: 2026-03-04\n  verdict: approved\n"
        + f"  note: {_q(C['review_note'])}\n",
        "curation/ratings/attack-host/bob.yml": "stars: 4\ndate: 2026-03-05\n"
        + f"comment: {_q(C['rating_comment'])}\n",
        "content/problems/attack-host.md": _item(
            "Host of attacking answers", "alice", "Answers below.", tags="[seals, markup]"
        ),
        "content/problems/features.md": _item("Material features", "alice", FEATURES),
        "content/guide.md": "# A guide page\n\n<script>alert('guide')</script>"
        "<img src=x onerror=alert(1)> [x](javascript:alert(1))\n",
        # Plain pages: MkDocs takes the title from front matter or the first heading,
        # and Material prints it unescaped in the navigation and <title>.
        "content/notes/meta-title.md": f"---\ntitle: {_q(FIELDS['titles'][1])}\n"
        f"description: {_q(FIELDS['descriptions'][1])}\n---\nA note.\n",
        "content/notes/heading-title.md": "# &lt;img src=x onerror=alert('h1')&gt; <b>x</b>\n",
        "content/notes/raw-heading.md": "# <img src=x onerror=alert('raw')>Raw\n",
    }
    answers = {}
    for case in BODIES:
        if case.get("as") == "answer":
            files[f"content/answers/attack-{case['id']}.md"] = _answer("attack-host", case["body"])
            answers[f"attack-{case['id']}"] = "attack-host"
        else:
            files[f"content/problems/attack-{case['id']}.md"] = _item(
                f"Attack {case['id']}", "mallory", case["body"], tags="[pumps]"
            )
    # Every body again as a comment on the host problem, and one news post: rendered apart
    # from the item's Markdown (publish/comments.py), they get the same audit.
    for n, case in enumerate(BODIES):
        name = f"20260304-{n // 60:02d}{n % 60:02d}-mallory"
        files[f"curation/comments/attack-host/{name}.md"] = (
            f"---\nby: mallory\ndate: 2026-03-04\n---\n{case['body']}\n"
        )
    files["curation/news/field/2026-03-02-attack.md"] = (
        f"---\ntitle: {_q(FIELDS['titles'][1])}\nby: cmgr\n---\n{BODIES[0]['body']}\n"
        "<img src=x onerror=alert('news')> @alice\n"
    )
    for n, title in enumerate(FIELDS["titles"]):
        files[f"content/problems/title-{n}.md"] = _item(title, "mallory", f"Title case {n}.")
    files["content/answers/titled-answer.md"] = _answer(
        "attack-host", "An answer with a title.", FIELDS["titles"][0]
    )
    answers["titled-answer"] = "attack-host"
    answers["check-flush"] = "seal-weeps"
    for n, description in enumerate(FIELDS["descriptions"]):
        files[f"content/resources/desc-{n}.md"] = _item(
            f"Description case {n}",
            "mallory",
            "A resource.",
            description=_q(description),
            url=f"https://ok.test/{n}",
            format="link",
        )
    files["content/collections/path.md"] = _item(
        FIELDS["titles"][1], "mallory", "A path.", items="[title-0, title-1, features]"
    )
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "content/pic.png").write_bytes(PIXEL)
    return answers


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("attacks") / "kb"
    answers = write_attack_site(root)
    result = sitekit.build(root)
    assert result.returncode == 0, result.stderr
    return root / "site", answers


@pytest.fixture(scope="module")
def pages(built: tuple[Path, dict[str, str]]) -> list[audit.Page]:
    return audit.load_pages(built[0])


@pytest.fixture(scope="module")
def material_scripts(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Material's own inline scripts: a plain build of one empty page, same theme."""
    root = tmp_path_factory.mktemp("plain")
    sitekit.write(root, "docs/index.md", "# Empty\n")
    sitekit.write(root, "docs/sub/page.md", "# Deeper\n")
    (root / "mkdocs.yml").write_text(
        f"site_name: Plain\nsite_url: https://example.test/kb/\n{THEME}plugins: []\n{EXTENSIONS}",
        encoding="utf-8",
    )
    assert sitekit.build(root).returncode == 0
    return {
        audit.normalize_script(s)
        for page in audit.load_pages(root / "site")
        for s in audit.inline_scripts(page.tree)
    }


def test_every_attack_was_built(built: tuple[Path, dict[str, str]]) -> None:
    site, answers = built
    for case in BODIES:
        if case.get("as") == "answer":
            problem = (site / "problems/attack-host/index.html").read_text("utf-8")
            assert f'id="answer-attack-{case["id"]}"' in problem, case["id"]
        else:
            assert (site / f"problems/attack-{case['id']}/index.html").is_file(), case["id"]
    assert len(BODIES) + len(FIELDS["titles"]) + len(FIELDS["descriptions"]) >= 40
    host = (site / "problems/attack-host/index.html").read_text("utf-8")
    for n, case in enumerate(BODIES):
        assert f'data-id="20260304-{n // 60:02d}{n % 60:02d}-mallory"' in host, case["id"]
    assert 'data-id="2026-03-02-attack"' in (site / "communities/field/index.html").read_text()


def test_no_event_handler_anywhere(pages: list[audit.Page]) -> None:
    problems = [p for page in pages for p in audit.handler_problems(page.rel, page.tree)]
    assert problems == []


def test_no_script_url_anywhere(pages: list[audit.Page]) -> None:
    problems = [p for page in pages for p in audit.url_problems(page.rel, page.tree)]
    assert problems == []


def test_no_frame_object_base_or_refresh_except_the_answer_redirects(
    built: tuple[Path, dict[str, str]], pages: list[audit.Page]
) -> None:
    _, answers = built
    redirects = {
        f"answers/{a}/index.html": f"0; url=../../problems/{p}/#answer-{a}"
        for a, p in answers.items()
    }
    # a deprecated tag's page sends readers to its replacement's
    redirects["tags/old-seals/index.html"] = "0; url=../seals/"
    redirects["tags/old-markup/index.html"] = "0; url=../markup/"
    problems = [
        p
        for page in pages
        for p in audit.embedding_problems(page.rel, page.tree, redirects.get(page.rel))
    ]
    assert problems == []
    seen = {page.rel for page in pages if page.rel in redirects}
    assert seen == set(redirects), "every answer and deprecated tag keeps its redirect page"


def test_only_materials_own_inline_scripts(
    pages: list[audit.Page], material_scripts: set[str]
) -> None:
    assert material_scripts, "the plain build has Material's inline scripts to compare with"
    unexpected = {
        (page.rel, audit.normalize_script(s)[:120])
        for page in pages
        for s in audit.inline_scripts(page.tree)
        if audit.normalize_script(s) not in material_scripts
    }
    assert unexpected == set()
    external = {
        (page.rel, src)
        for page in pages
        for src in audit.script_sources(page.tree)
        if re.match(r"^(?:[a-z]+:)?//", src, re.I)
    }
    assert external == set(), "scripts load only from the site itself"


def test_contributor_bodies_hold_no_style_svg_form_or_forged_badge(
    pages: list[audit.Page],
) -> None:
    bodies = [p for p in pages if p.rel.startswith(("problems/", "resources/", "collections/"))]
    assert len(bodies) > 60
    problems = [p for page in bodies for p in audit.body_problems(page, "ws-body")]
    guide = next(p for p in pages if p.rel == "guide/index.html")
    problems += audit.body_problems(guide, "md-content")
    assert problems == []


def test_contributor_bodies_take_no_look_of_the_site(
    built: tuple[Path, dict[str, str]], pages: list[audit.Page]
) -> None:
    """Classes are allow-listed: Material's dialogs, banners and buttons and Workscape's
    badges cannot be borrowed through attr_list, raw HTML or an admonition type."""
    bodies = [p for p in pages if p.rel.startswith(("problems/", "resources/", "collections/"))]
    assert [p for page in bodies for p in audit.class_problems(page, "ws-body")] == []
    dressed = (built[0] / "problems/attack-dress-up-as-the-site/index.html").read_text()
    assert "md-dialog--active" not in dressed and "md-banner--warning" not in dressed
    assert "Saved to your profile" in dressed and "Site notice" in dressed  # as plain text


def test_an_approval_look_alike_stays_an_admonition_beside_the_real_badge(
    pages: list[audit.Page],
) -> None:
    """An admonition titled "Approved by ... (SME)" survives (admonitions are content), but
    the badge is drawn outside the body, says what the review record says, and links to it."""
    page = next(p for p in pages if p.rel == "problems/attack-approved-by-admonition/index.html")
    badges = [el for el in page.elements() if "ws-badge" in (el.get("class") or "").split()]
    assert [b.get("data-state") for b in badges] == ["community"]
    assert not page.within(badges[0], "ws-body") and page.within(badges[0], "ws-item__header")
    assert not [el for el in badges[0].iter("a")], "never reviewed: no record to link"
    fake = [el for el in page.elements() if (el.get("class") or "") == "admonition success"]
    assert len(fake) == 1 and page.within(fake[0], "ws-body")

    host = next(p for p in pages if p.rel == "problems/attack-host/index.html")
    badge = next(el for el in host.elements() if "ws-badge" in (el.get("class") or "").split())
    assert badge.get("data-state") == "sme-approved"
    record = next(el for el in badge.iter("a"))
    assert (
        record.get("href")
        == "https://github.com/acme/kb/blob/main/curation/reviews/attack-host.yml"
    )
    assert "".join(record.itertext()).startswith("SME approved · Sam Expert, 2026-03-04")


def test_pages_load_nothing_from_other_hosts(
    built: tuple[Path, dict[str, str]], pages: list[audit.Page]
) -> None:
    """Images only from the site itself or policy.yml's image_hosts (images.ok.test)."""
    problems = [
        p
        for page in pages
        for p in audit.foreign_load_problems(page, "https://example.test/kb/", {"images.ok.test"})
    ]
    assert problems == []
    tree = audit.parse_html((built[0] / "problems/attack-remote-images/index.html").read_text())
    images = {el.get("alt"): el.get("src") for el in tree.iter("img")}
    assert images["listed"] == "https://images.ok.test/ok.png"
    assert images["own"] == "https://example.test/kb/pic.png"
    assert images["relative"] == "../../pic.png"
    refused = {k: v for k, v in images.items() if k not in ("listed", "own", "relative")}
    assert len(refused) == 11 and set(refused.values()) == {None}, refused  # alt text stays


def test_every_player_waits_for_the_reader(
    built: tuple[Path, dict[str, str]], pages: list[audit.Page]
) -> None:
    """Videos survive as players with controls and preload="none", never autoplaying."""
    assert [p for page in pages for p in audit.player_problems(page)] == []
    tree = audit.parse_html(
        (built[0] / "problems/attack-video-autoplay-and-preload/index.html").read_text()
    )
    (video,) = [el for el in tree.iter("video")]
    assert dict(video.attrib) == {"controls": "controls", "preload": "none"}
    assert [dict(s.attrib) for s in video.iter("source")] == [
        {"src": "../media/x.mp4", "type": "video/mp4"}  # raw HTML: as written
    ]
    remote = audit.parse_html(
        (built[0] / "problems/attack-video-remote-sources/index.html").read_text()
    )
    loads = [el.get("src") or el.get("poster") for el in remote.iter() if el.tag in MEDIA_TAGS]
    assert loads == [None, None, None, None]  # the player, two sources and the track stay inert


MEDIA_TAGS = ("video", "source", "track")


def test_every_page_sends_no_referrer(pages: list[audit.Page]) -> None:
    assert len(pages) > 100
    assert [p for page in pages for p in audit.referrer_problems(page)] == []


@pytest.mark.parametrize("case", [c for c in BODIES if c.get("shows")], ids=lambda c: c["id"])
def test_markup_and_template_syntax_show_as_text(
    built: tuple[Path, dict[str, str]], case: dict[str, Any]
) -> None:
    html = (built[0] / f"problems/attack-{case['id']}/index.html").read_text("utf-8")
    text = "".join(audit.parse_html(html).itertext())
    for shown in case["shows"]:
        assert shown in text
    assert "1337" not in text, "template syntax was evaluated"


@pytest.mark.parametrize("n", range(len(FIELDS["titles"])))
def test_titles_show_as_written(built: tuple[Path, dict[str, str]], n: int) -> None:
    html = (built[0] / f"problems/title-{n}/index.html").read_text("utf-8")
    tree = audit.parse_html(html)
    h1 = next(el for el in tree.iter("h1"))
    title = FIELDS["titles"][n]
    # Angle brackets may show as look-alike guillemets (see safe_title); nothing else changes.
    assert "".join(h1.itertext()).strip() in (title, title.replace("<", "‹").replace(">", "›"))
    assert [local for local in tree.iter("title")][0].text is not None


def test_curation_values_show_as_text(pages: list[audit.Page]) -> None:
    texts = "\n".join("".join(page.tree.itertext()) for page in pages)
    for key in ("person_name", "tag_label", "community_name", "review_note"):
        value = C[key]
        assert value in texts or value.replace("<", "‹").replace(">", "›") in texts, key


def test_feeds_carry_attacks_only_as_inert_text(built: tuple[Path, dict[str, str]]) -> None:
    site = built[0]
    feeds = [p for p in sorted(site.rglob("*.xml")) if p.name != "sitemap.xml"]
    problems = [
        problem
        for path in feeds
        for problem in audit.feed_problems(path.relative_to(site).as_posix(), path.read_text())
    ]
    assert problems == []


def test_json_holds_markup_only_as_data_the_site_never_inserts_as_html(
    built: tuple[Path, dict[str, str]],
) -> None:
    """Search and other indexes keep titles as written (raw '<script>' included): that is
    inert only while no script of ours inserts strings as HTML, which is asserted here."""
    site = built[0]
    urls, markup = [], []
    for path in sorted(site.rglob("*.json")):
        found = audit.json_problems(path.relative_to(site).as_posix(), path.read_text())
        urls += found[0]
        markup += found[1]
    assert urls == []
    ours = [
        p
        for p in sorted(site.rglob("*.js"))
        if not p.name.endswith(".min.js") and "javascripts" not in p.parts
    ]
    sinks = [
        s for p in ours for s in audit.script_sinks(p.relative_to(site).as_posix(), p.read_text())
    ]
    assert sinks == [], "strings from the site's JSON could become markup"
    if markup:  # the index really carries the payloads, so the assertion above matters
        assert ours


def test_material_content_features_still_render(built: tuple[Path, dict[str, str]]) -> None:
    tree = audit.parse_html((built[0] / "problems/features/index.html").read_text("utf-8"))
    body = next(el for el in tree.iter("div") if "ws-body" in (el.get("class") or "").split())

    def has(tag: str, css: str = "", **attrs: str) -> bool:
        # (not any(elements): an Element without children is falsy)
        return any(
            True
            for el in body.iter(tag)
            if (not css or css in (el.get("class") or "").split())
            and all(el.get(k) == v for k, v in attrs.items())
        )

    assert has("div", "admonition") and has("p", "admonition-title")
    assert has("div", "tabbed-set") and has("input", type="radio") and has("label")
    assert has("div", "highlight") and has("span", "k")
    assert has("table") and has("th")
    assert has("li", "task-list-item") and has("input", type="checkbox")
    assert has("div", "footnote") and has("sup")
    assert has("img", src="../../pic.png")
    assert has("abbr", title="subject-matter expert")
    assert (built[0] / "pic.png").is_file()


@pytest.mark.parametrize(
    "case", REFUSED, ids=lambda c: c["finding"].split(": error ")[-1] + c["rel"]
)
def test_check_refuses(tmp_path: Path, case: dict[str, str]) -> None:
    root = sitekit.make_site(tmp_path / "kb")
    text = case.get("text", "---\ntitle: T\nauthor: alice\n---\nBody\n")
    path = root / case["rel"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 1
    assert any(line.startswith(case["finding"]) for line in result.stdout.splitlines()), (
        result.stdout
    )


def test_an_answer_left_open_fails_the_build_naming_that_answer(tmp_path: Path) -> None:
    """An unclosed HTML block swallows what follows it on the problem's page (the next
    answers): the build stops and names the file to fix; nothing is published."""
    root = sitekit.make_site(
        tmp_path / "kb",
        {
            "content/problems/seal-weeps.md": sitekit.PROBLEM.replace(
                "date: 2026-03-02", "date: 2026-03-02\naccepted: a-open-answer"
            ),
            "content/answers/a-open-answer.md": "---\nauthor: bob\nproblem: seal-weeps\n---\n"
            "<div><p>an answer that leaves a div open\n",
        },
    )
    result = sitekit.build(root)
    assert result.returncode == 1
    assert (
        "content/answers/a-open-answer.md: leaves a code fence or HTML block open" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()
