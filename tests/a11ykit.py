"""axe-core in Chromium, and which of its findings are Workscape's.

axe-core is pinned by tools/axe/package-lock.json (`make setup` runs `npm ci` there) and
injected into each page with Playwright's ``add_script_tag``; nothing loads from another host.

**Whose violation is it.** Workscape renders its pages inside Material's (header, tabs,
navigation, footer), and Material has violations of its own that Workscape cannot fix
(its indigo tabs are 4.28:1). A violation is Workscape's unless the same one, same rule on
the same element with the same failure, also appears on a plain Material build of the same
page: the same mkdocs.yml (theme, palette, features, nav, Markdown extensions) without the
Workscape plugin and overrides, each audited page at its own path with its own title and, for
an item, its contributed Markdown (a problem's answers included). Elements are compared by
their HTML with whitespace collapsed, which is identical for Material's chrome in both builds
and never for Workscape's own markup; colour failures are compared with their colours, so a
Workscape stylesheet that makes one of Material's elements worse is caught.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import html5lib
import pytest
import yaml

import sitekit

REPO = Path(__file__).resolve().parent.parent
AXE_JS = REPO / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"

# Rules whose outcome depends on the viewport's width, run at 390 px: what overlaps or
# wraps (contrast, links in text), what scrolls (a scroll box must take focus), how big a
# tap target is, and whether the page may be zoomed or turned.
LAYOUT_RULES = (
    "color-contrast",
    "link-in-text-block",
    "scrollable-region-focusable",
    "target-size",
    "meta-viewport",
    "meta-viewport-large",
    "css-orientation-lock",
)


@dataclass(frozen=True)
class Mode:
    """One way of looking at a page: a width, a colour scheme and the rules run there."""

    name: str
    width: int
    scheme: str
    rules: tuple[str, ...] | None  # None: axe's full default rule set

    def axe_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {"resultTypes": ["violations"]}
        if self.rules is not None:
            options["runOnly"] = {"type": "rule", "values": list(self.rules)}
        return options


MODES = (
    Mode("light 1280px, all rules", 1280, "light", None),
    Mode("dark 1280px, colour contrast", 1280, "dark", ("color-contrast",)),
    Mode("390px, layout rules", 390, "light", LAYOUT_RULES),
)


def axe_js() -> Path:
    """The pinned axe-core; skipped loudly without it, a failure under CI=true."""
    if not AXE_JS.is_file():
        message = "axe-core is not installed (run `make setup`: it runs `npm ci` in tools/axe)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; under CI=true a missing axe fails the run")
        pytest.skip(f"SKIPPED, NOT CHECKED: {message}")
    return AXE_JS


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    target: str
    html: str
    failure: str

    def key(self) -> tuple[str, str, str]:
        return (self.rule, _squash(self.html), _squash(self.failure))

    def __str__(self) -> str:
        return (
            f"{self.rule} ({self.impact}) at {self.target}: {self.html[:160]}\n    {self.failure}"
        )


def _squash(text: str) -> str:
    return " ".join(text.split())


def open_page(page: Any, url: str, mode: Mode) -> None:
    """Load ``url`` in ``page`` as seen in ``mode``, with the page's own scripts done."""
    page.set_viewport_size({"width": mode.width, "height": 900})
    page.emulate_media(color_scheme=mode.scheme)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if "/search/?" in url and page.locator("[data-ws-results]").count():
        # The results are drawn by search.js from the index: audit them, not an empty list.
        page.wait_for_selector("[data-ws-results] > li")
    # What a closed <details> holds is audited too (a reader opens it).
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")


def run_axe(page: Any, mode: Mode) -> list[Violation]:
    """Every violating element axe finds on the loaded page, one Violation each."""
    page.add_script_tag(path=str(axe_js()))
    result = page.evaluate("options => axe.run(document, options)", mode.axe_options())
    return [
        Violation(
            rule=v["id"],
            impact=v["impact"] or "",
            target=" ".join(map(str, node["target"])),
            html=node["html"],
            failure=node.get("failureSummary") or "",
        )
        for v in result["violations"]
        for node in v["nodes"]
    ]


def workscape_only(ours: list[Violation], plain: list[Violation]) -> list[Violation]:
    """The violations of the Workscape page that the plain Material page does not have."""
    material = {v.key() for v in plain}
    return [v for v in ours if v.key() not in material]


# --- the plain Material build ------------------------------------------------------------


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    if text.startswith("---\n"):
        head, _, body = text[4:].partition("\n---\n")
        return yaml.safe_load(head) or {}, body
    return {}, text


def _page_markdown(docs: Path, path: str, title: str) -> str:
    """The Markdown a plain Material site has at ``path``: an item's own, else its title."""
    parts = [p for p in path.split("?")[0].strip("/").split("/") if p]
    if len(parts) == 2 and parts[0] in ("problems", "resources", "collections"):
        meta, body = _front_matter((docs / parts[0] / f"{parts[1]}.md").read_text("utf-8"))
        chunks = [body]
        for answer in sorted((docs / "answers").glob("*.md")):
            answer_meta, answer_body = _front_matter(answer.read_text("utf-8"))
            if answer_meta.get("problem") == parts[1]:
                chunks.append(answer_body)
        return f"---\ntitle: {yaml.safe_dump(meta['title']).splitlines()[0]}\n---\n" + "\n\n".join(
            chunks
        )
    return f"# {title}\n"


def _source_of(path: str) -> str:
    parts = [p for p in path.split("?")[0].strip("/").split("/") if p]
    return "/".join(parts[:-1] + [f"{parts[-1]}.md"]) if parts else "index.md"


def plain_material_site(
    root: Path, out: Path, pages: dict[str, str], titles: dict[str, str]
) -> Path:
    """Build a plain Material site of the project at ``root`` holding ``pages`` (name: path)."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config["theme"].pop("custom_dir", None)
    config["plugins"] = []  # no Workscape; Material's own search is off too, as on the real site
    config.pop("strict", None)
    src = out / "docs"
    if src.exists():
        shutil.rmtree(src)
    docs = root / str(config.get("docs_dir", "docs"))
    stubs: dict[str, str] = {}

    def collect(entry: Any) -> None:
        if isinstance(entry, dict):
            for name, value in entry.items():
                if isinstance(value, str):
                    stubs[value] = f"# {name}\n"
                else:
                    collect(value)
        elif isinstance(entry, list):
            for item in entry:
                collect(item)

    collect(config.get("nav", []))
    for name, path in pages.items():
        stubs[_source_of(path)] = _page_markdown(docs, path, titles.get(name, name))
    for rel, text in stubs.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, "utf-8")
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    result = sitekit.run(["mkdocs", "build", "-q"], out)
    assert result.returncode == 0, result.stderr
    return out / "site"


def heading(html: str) -> str:
    """The text of a built page's first ``<h1>`` (the plain page's title)."""
    h1 = html5lib.parse(html, namespaceHTMLElements=False).find(".//h1")
    return _squash("".join(h1.itertext())) if h1 is not None else ""


# --- keyboard focus ----------------------------------------------------------------------

# The focused element, or what shows its focus: Material hides radio inputs (the palette
# toggle) and draws their ring on the label that follows them.
_FOCUS_STATE = """() => {
  let el = document.activeElement;
  if (!el || el === document.body) return null;
  const shown = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
  let ring = el;
  if (!shown(el) && el.id) {
    const label = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
    if (label) ring = label;
  }
  const s = getComputedStyle(ring);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow !== 'none';
  return { html: el.outerHTML.slice(0, 200), visible: shown(ring), indicated: outline || shadow,
           inContent: !!el.closest('#ws-main') };
}"""


def tab_through(page: Any, limit: int = 400) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until focus leaves it; what each stop looks like."""
    stops: list[dict[str, Any]] = []
    seen: set[str] = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STATE)
        if state is None:
            break
        key = state["html"]
        if key in seen and stops and stops[0]["html"] == key:
            break  # wrapped round to the first stop
        seen.add(key)
        stops.append(state)
    return stops


def unfocused(stops: list[dict[str, Any]]) -> list[str]:
    """The stops a sighted keyboard user cannot see: hidden, or with no focus indicator."""
    return [_squash(s["html"]) for s in stops if not (s["visible"] and s["indicated"])]
