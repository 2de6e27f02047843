"""`workscape pr-summary BASE HEAD`: the job summary of a pull request, on a real repository."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit
from gitrepo import GitRepo
from loopkit import cli
from workscape.github.routing import route
from workscape.insights.similar import similar_problems, title_similarity
from workscape.project import load_project

ALICE = ("Alice Archer", "alice@acme.test")
BOB = ("Bob Brandt", "bob@acme.test")

SEAL_LEAKS = (
    "---\ntitle: Mechanical seal leaks after replacement\nauthor: bob\ntags: [shaft-seals]\n"
    "---\nLeaks.\n"
)
# A title with markup and a pipe, and a tag that does not exist.
VFD = "---\ntitle: 'Isolating a <b>VFD</b> | safely'\nauthor: bob\ntags: [lockout, pumpz]\n---\nHow?\n"

EXPECTED = """\
## Workscape: what this pull request changes

Items: 2 added, 1 changed, 1 removed; curation files: 1.

### Statements in someone's name

| change | statement | whose |
|---|---|---|
| added | author of `seal-leaks`: problem 'Mechanical seal leaks after replacement' | `bob` |
| added | author of `vfd`: problem 'Isolating a &lt;b&gt;VFD&lt;/b&gt; \\| safely' | `bob` |

### Added

| type | item | tags | community |
|---|---|---|---|
| problem | **Mechanical seal leaks after replacement**<br>`content/problems/seal-leaks.md` | seals | Field service |
| problem | **Isolating a &lt;b&gt;VFD&lt;/b&gt; \\| safely**<br>`content/problems/vfd.md` | lockout | Field service |

### Changed

| type | item | tags | community |
|---|---|---|---|
| answer | **Answer by bob**<br>`content/answers/check-flush.md` | pumps, seals | Field service |

### Removed

- `content/resources/old-manual.md`

### Curation data

- `curation/taxonomy.yml` (modified)

### Errors and warnings in these files

- **error** `content/problems/vfd.md:4:17` `unknown-tag`: 'pumpz' is not in curation/taxonomy.yml — did you mean 'pump' or 'pumps'? Add new tags to the taxonomy in the same pull request.

### Who should review

| reviewer | why |
|---|---|
| Carla Manager (`cmgr`, no GitHub account: ask them directly) | manager of Field service |
| @sam-gh (Sam Expert) | SME for seals; SME for lockout (critical) |

### Similar problems that already exist

**Mechanical seal leaks after replacement** may already be answered here:
- [**Seal weeps after replacement**](https://example.test/kb/problems/seal-weeps/) (66% alike; shared tags: seals; 1 answer)
"""

OLD_MANUAL = (
    "---\ntitle: Old manual\nauthor: alice\nurl: https://example.test/m.pdf\nformat: document\n"
    "---\nOld.\n"
)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """A pull request on the tiny site, while main moved on after it started."""
    repo = GitRepo.init(tmp_path / "kb")
    sitekit.make_site(repo.path, {"content/resources/old-manual.md": OLD_MANUAL})
    repo.commit("Start", author=ALICE, when="2026-03-01T09:00:00")
    repo.git("switch", "-q", "-c", "pr")
    repo.write("content/problems/seal-leaks.md", SEAL_LEAKS)
    repo.write("content/problems/vfd.md", VFD)
    repo.write("content/answers/check-flush.md", sitekit.ANSWER + "And the gland plate.\n")
    repo.write("curation/taxonomy.yml", sitekit.TAXONOMY + "- id: valves\n  label: Valves\n")
    (repo.path / "content/resources/old-manual.md").unlink()
    repo.commit("Two problems and a better answer", author=BOB, when="2026-03-02T09:00:00")
    repo.git("switch", "-q", "main")
    repo.write("content/problems/on-main.md", "---\ntitle: On main\nauthor: alice\n---\nx\n")
    repo.commit("Meanwhile on main", author=ALICE, when="2026-03-03T09:00:00")
    repo.git("switch", "-q", "pr")
    return repo


def test_the_summary_lists_changes_findings_reviewers_and_similar_problems(repo: GitRepo) -> None:
    result = cli(repo.path, "pr-summary", "main", "HEAD")
    assert result.exit_code == 0, result.output
    # on-main.md reached main after the pull request started: not its change.
    assert result.stdout == EXPECTED


def test_a_pull_request_without_item_changes(repo: GitRepo) -> None:
    result = cli(repo.path, "pr-summary", "HEAD", "HEAD")
    assert result.stdout == (
        "## Workscape: what this pull request changes\n\n"
        "Items: 0 added, 0 changed, 0 removed; curation files: 0.\n\n"
        "### Errors and warnings in these files\n\n"
        "None: `workscape check` finds nothing in the changed files.\n\n"
        "### Who should review\n\n"
        "Nobody in particular: no changed item has SMEs or a community manager.\n"
    )


def test_the_workflow_command_line(repo: GitRepo) -> None:
    """`workscape pr-summary "origin/${BASE_REF}" HEAD --opener "${OPENER}"`, as check.yml."""
    repo.git("update-ref", "refs/remotes/origin/main", "main")
    result = sitekit.run(
        ["workscape", "pr-summary", "origin/main", "HEAD", "--opener", "bob-gh"], repo.path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED  # bob's own items: nothing refused
    unknown = sitekit.run(["workscape", "pr-summary", "origin/nope", "HEAD"], repo.path)
    assert unknown.returncode == 1
    assert "fetch-depth: 0" in unknown.stderr


@pytest.mark.parametrize(
    ("title", "at_least", "below"),
    [
        ("Replacement seal weeping on P-200", 90, 101),
        ("Mechanical seal leaks after replacement", 70, 80),
        ("Seal", 60, 70),  # one word shared is not a near-duplicate
        ("Pump trips on start", 0, 50),
        ("How to order spare parts", 0, 50),
    ],
)
def test_title_similarity(title: str, at_least: float, below: float) -> None:
    assert at_least <= title_similarity(title, "Seal weeps after replacement") < below


def test_similar_problems_are_ranked_and_cut_off(site: Path) -> None:
    sitekit.write(
        site,
        "content/problems/seal-weeping.md",
        SEAL_LEAKS.replace("Mechanical seal leaks", "Seal weeping"),
    )
    sitekit.write(
        site,
        "content/problems/pump-trips.md",
        "---\ntitle: Pump trips\nauthor: bob\ntags: [pumps]\n---\nx\n",
    )
    catalog = load_project(site).catalog
    new = catalog.items["seal-weeping"]
    found = similar_problems(catalog, new)
    assert [(s.item.id, s.shared_tags) for s in found] == [("seal-weeps", ("seals",))]
    assert similar_problems(catalog, new, exclude=frozenset({"seal-weeps"})) == []


def test_reviewers_never_include_the_items_author(site: Path) -> None:
    people = sitekit.PEOPLE.replace("  github: bob-gh\n", "  github: bob-gh\n  sme_for: [seals]\n")
    sitekit.write(site, "curation/people.yml", people)
    catalog = load_project(site).catalog
    # bob wrote check-flush: though an SME for seals, he is not asked to review it.
    assert [r.person.handle for r in route(catalog, [catalog.items["check-flush"]])] == [
        "cmgr",
        "sme",
    ]
    assert [r.person.handle for r in route(catalog, [catalog.items["seal-weeps"]])] == [
        "bob",
        "cmgr",
        "sme",
    ]


HOOKED = sitekit.MKDOCS_YML + "hooks:\n  - plugins/build_hook.py\n"


def test_code_and_configuration_changes_come_first_in_bold(repo: GitRepo) -> None:
    repo.write("mkdocs.yml", HOOKED)
    repo.write("plugins/build_hook.py", "import os\n")
    repo.write(".mailmap", "Alice Archer <alice@acme.test> <bob@acme.test>\n")
    # A file name that tries to end the list and forge a section of its own.
    repo.write(".github/x\n### Errors and warnings in these files\n<!--.yml", "x\n")
    repo.commit("Hook the build", author=BOB, when="2026-03-02T10:00:00")
    result = cli(repo.path, "pr-summary", "main", "HEAD")
    assert result.exit_code == 0, result.output
    head, rest = result.stdout.split("\nItems: ", 1)
    assert head == (
        "## Workscape: what this pull request changes\n\n"
        "### Changes to code and configuration — need a maintainer\n\n"
        "**These files run during the build or decide what the site loads: a maintainer "
        "must review them (CODEOWNERS asks the maintainers), whatever else this summary says.**\n\n"
        "- **`.github/x ### Errors and warnings in these files <!--.yml`** (added)\n"
        "- **`.mailmap`** (added)\n"
        "- **`mkdocs.yml`** (modified)\n"
        "- **`plugins/build_hook.py`** (added)\n"
    )
    # The items are still summarised after it; mkdocs.yml is no curation file.
    assert rest.startswith("2 added, 1 changed, 1 removed; curation files: 1.\n")
    # check's warning on the hook is among the errors and warnings of the changed files.
    line = HOOKED.splitlines().index("  - plugins/build_hook.py") + 1
    assert (
        f"- **warning** `mkdocs.yml:{line}:5` `config-hooks`: hook plugins/build\\_hook.py is "
        "Python that MkDocs runs on every build"
    ) in rest
    # The forged heading stayed inside its code span: one real section of that name.
    assert result.stdout.count("\n### Errors and warnings in these files\n") == 1
