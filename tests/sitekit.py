"""A tiny Workscape site written into a folder, optionally as a real git repository."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MKDOCS_YML = """\
site_name: Test Know-How
site_url: https://example.test/kb/
repo_url: https://github.com/acme/kb
edit_uri: edit/main/content/
docs_dir: content
theme:
  name: material
  font: false
  features: [navigation.prune]
nav:
  - Home: index.md
  - Problems: problems/index.md
plugins:
  - workscape/catalog
markdown_extensions:
  - admonition
  - attr_list
  - footnotes
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.highlight
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.tasklist
validation:
  nav:
    omitted_files: ignore
"""

TAXONOMY = """\
- id: pumps
  label: Pumps
  description: Centrifugal and positive-displacement pumps.
  synonyms: [pump]
  community: field
- id: seals
  label: Mechanical seals
  description: Seal selection and failure.
  synonyms: [shaft-seals]
  community: field
- id: lockout
  label: Lockout/tagout
  description: Isolating energy before work.
  community: field
  critical: true
- id: old-seals
  label: Old seals
  description: Deprecated.
  replaced_by: seals
"""

COMMUNITIES = """\
- id: field
  name: Field service
  kind: vertical
  managers: [cmgr]
  description: Technicians on site.
"""

PEOPLE = """\
- handle: alice
  name: Alice Archer
  emails: [alice@acme.test]
  github: alice-gh
  communities: [field]
- handle: bob
  name: Bob Brandt
  emails: [bob@acme.test]
  github: bob-gh
  communities: [field]
- handle: sme
  name: Sam Expert
  emails: [sam@acme.test]
  github: sam-gh
  sme_for: [seals, lockout]
- handle: cmgr
  name: Carla Manager
  emails: [carla@acme.test]
  communities: [field]
"""

PROBLEM = """\
---
title: Seal weeps after replacement
author: alice
tags: [pumps, seals]
community: field
date: 2026-03-02
---
The new seal weeps within a day.
"""

ANSWER = """\
---
author: bob
problem: seal-weeps
date: 2026-03-03
---
Check the flush plan.
"""

#: A problem under the critical `lockout` tag, with no review: flagged, or held back.
CRITICAL_PROBLEM = """\
---
title: Isolating the motor before opening the pump
author: alice
tags: [pumps, lockout]
date: 2026-03-02
---
Lock out at the MCC, not the local stop.
"""


def second_problem(body: str) -> str:
    """A second problem's file (bob's, tagged pumps) with ``body`` under its front matter."""
    return (
        "---\ntitle: Pump trips on start\nauthor: bob\ntags: [pumps]\ncommunity: field\n"
        "date: 2026-03-05\n---\n" + body
    )


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def make_site(root: Path, files: dict[str, str] | None = None, *, base: bool = True) -> Path:
    """Write mkdocs.yml, curation and a problem with one answer, plus ``files``."""
    if base:
        write(root, "mkdocs.yml", MKDOCS_YML)
        write(root, "curation/taxonomy.yml", TAXONOMY)
        write(root, "curation/communities.yml", COMMUNITIES)
        write(root, "curation/people.yml", PEOPLE)
        write(root, "content/problems/seal-weeps.md", PROBLEM)
        write(root, "content/answers/check-flush.md", ANSWER)
    for rel, text in (files or {}).items():
        write(root, rel, text)
    return root


def run(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, check: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run a command from the venv (``workscape``, ``mkdocs``) in ``cwd``."""
    bindir = Path(sys.executable).parent
    exe = str(bindir / args[0]) if (bindir / args[0]).exists() else args[0]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [exe, *args[1:]],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        check=check,
        timeout=600,
    )


def build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` the site into root/site."""
    # -q would drop warnings before --strict counts them, so a strict build stays verbose.
    quiet = [] if "--strict" in extra else ["-q"]
    return run(["mkdocs", "build", *quiet, *extra], root)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on 127.0.0.1 while the block runs; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
