"""The cache in .workscape-cache/: never changes a result, never trusts a committed entry.

Real projects in real git repositories; `check` and `mkdocs build` run as processes,
so each run reads the cache from disk as a new CI job or pre-commit hook would.
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import fields, replace
from pathlib import Path

from click.testing import CliRunner

import sitekit
from gitrepo import GitRepo
from workscape.cli import main
from workscape.model import Item
from workscape.project import load_project
from workscape.sources.cache import FOLDER
from workscape.sources.cache_codec import decode_item, encode_item, plain

REPO = Path(__file__).resolve().parents[2]
ME = ("Alice Archer", "alice@acme.test")


def _repo(root: Path, files: dict[str, str] | None = None) -> GitRepo:
    sitekit.make_site(root, files)
    repo = GitRepo(root)
    repo.git("-c", "init.defaultBranch=main", "init", "-q")
    repo.commit("Start", author=ME, when="2026-03-05T10:00:00")
    return repo


def _check(root: Path, *env: tuple[str, str]) -> tuple[int, str, str]:
    done = sitekit.run(["workscape", "check", "--root", str(root)], root, dict(env))
    return done.returncode, done.stdout, done.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _build(root: Path, out: Path) -> dict[str, bytes]:
    done = sitekit.run(["mkdocs", "build", "-q", "-d", str(out)], root)
    assert done.returncode == 0, done.stderr
    return _tree(out)


def test_cold_warm_and_another_commits_cache_build_the_same_site_and_check(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    root.mkdir()
    for name in ("mkdocs.yml", ".gitignore"):
        shutil.copy(REPO / name, root / name)
    for folder in ("content", "curation", "overrides", ".github"):
        shutil.copytree(REPO / folder, root / folder)
    repo = GitRepo(root)
    repo.git("-c", "init.defaultBranch=main", "init", "-q")
    repo.commit("The example", author=ME, when="2026-11-05T10:00:00")
    _check(root)  # leaves a cache of this commit
    assert sorted(p.name.split("-")[0] for p in (root / FOLDER).iterdir()) == [
        ".gitignore",
        "check",
        "items",
        "ratings",
        "reviews",
    ]
    problem = sorted((root / "content/problems").glob("*.md"))[0]
    problem.write_text(problem.read_text() + "\nOne more line, committed.\n")
    repo.commit("Edit a problem", author=ME, when="2026-11-06T10:00:00")

    other = _build(root, tmp_path / "other")  # the cache the first commit left
    other_check = _check(root)  # and leaves this commit's
    warm = _build(root, tmp_path / "warm")
    warm_check = _check(root)  # the whole result, stored by the run before
    shutil.rmtree(root / FOLDER)
    cold = _build(root, tmp_path / "cold")
    assert not (root / FOLDER).exists()  # a build reads the cache, never writes it
    cold_check = _check(root)

    assert "One more line, committed." in other[f"problems/{problem.stem}/index.html"].decode()
    assert other == warm == cold
    assert other_check == warm_check == cold_check
    assert "items checked" in cold_check[2]


def test_a_committed_cache_folder_is_ignored_so_a_forged_entry_hides_nothing(
    tmp_path: Path,
) -> None:
    bad = "---\ntitle: Pump trips\nauthor: alice\ncolour: red\n---\nBody\n"
    root = tmp_path / "kb"
    repo = _repo(root, {"content/problems/trips.md": bad})
    code, out, _ = _check(root)
    finding = "content/problems/trips.md:4:1: error unknown-field: unknown field 'colour'"
    assert code == 1 and finding in out
    # The forgery: the entry for this file's bytes says it parsed without findings.
    pack = next((root / FOLDER).glob("items-*.json"))
    entries = json.loads(pack.read_text())["entries"]
    for entry in entries.values():
        if entry[0] and entry[0][2] == "content/problems/trips.md":
            entry[1] = []
    pack.write_text(json.dumps({"entries": entries}))
    for stored in (root / FOLDER).glob("check-*.json"):
        stored.unlink()
    # Left on this machine (not committed), the entry is trusted: that is what a cache is.
    assert finding not in _check(root)[1]
    repo.git("add", "-f", FOLDER)
    repo.commit("A pull request that commits the cache", author=ME, when="2026-03-06T10:00:00")

    code, out, err = _check(root)

    assert code == 1 and finding in out
    assert f"ignoring {FOLDER}: git tracks 3 file(s) in it" in err
    assert pack.read_text() == json.dumps({"entries": entries})  # and it is not rewritten


def test_a_corrupt_or_cut_short_cache_file_is_ignored_and_replaced(tmp_path: Path) -> None:
    bad = "---\ntitle: Pump trips\nauthor: alice\ncolour: red\n---\nBody\n"
    root = tmp_path / "kb"
    _repo(root, {"content/problems/trips.md": bad})
    first = _check(root)
    pack = next((root / FOLDER).glob("items-*.json"))
    result = next((root / FOLDER).glob("check-*.json"))
    pack.write_bytes(pack.read_bytes()[: pack.stat().st_size // 2])
    result.write_text('{"key": [1, 2], "findings": 7}')

    assert _check(root) == first
    assert json.loads(pack.read_text())["entries"]  # rewritten whole


def _stats(root: Path) -> tuple[int, int]:
    code = (
        "from pathlib import Path\n"
        "from workscape.project import load_project\n"
        f"stats = load_project(Path({str(root)!r})).cache_stats\n"
        "print(stats.parsed, stats.reused)\n"
    )
    done = sitekit.run([sys.executable, "-c", code], root, check=True)
    parsed, reused = done.stdout.split()
    return int(parsed), int(reused)


def test_editing_one_file_parses_that_file_again_and_no_other(tmp_path: Path) -> None:
    items = {
        f"content/problems/p{i}.md": f"---\ntitle: Problem {i}\nauthor: alice\n---\nBody {i}.\n"
        for i in range(5)
    }
    rating = "stars: 4\ndate: 2026-03-04\n"
    curation = {
        "curation/ratings/seal-weeps/bob.yml": rating,
        "curation/reviews/check-flush.yml": (
            "- by: sme\n  date: 2026-03-04\n  verdict: approved\n  note: Right.\n"
        ),
    }
    root = tmp_path / "kb"
    _repo(root, {**items, **curation})

    # Five problems, the site's problem and answer, a rating and a review file.
    assert _stats(root) == (9, 0)
    assert _stats(root) == (0, 9)
    (root / "content/problems/p3.md").write_text(items["content/problems/p3.md"] + "More.\n")
    assert _stats(root) == (1, 8)
    (root / "curation/ratings/seal-weeps/bob.yml").write_text(rating.replace("4", "5"))
    assert _stats(root) == (1, 8)
    (root / "content/problems/p4.md").unlink()
    assert _stats(root) == (0, 8)


def test_an_item_read_back_from_the_cache_equals_the_parsed_one() -> None:
    """Every field, those equality skips (positions, fingerprints, body line) too."""
    loaded = load_project(REPO, cache=False)
    for item in loaded.catalog.items.values():
        parsed = replace(item, contributors=(), date=item.date, updated=item.updated)
        back = decode_item(json.loads(json.dumps(encode_item(parsed), default=plain)))
        assert [getattr(back, f.name) for f in fields(Item)] == [
            getattr(parsed, f.name) for f in fields(Item)
        ]
        assert type(back.positions) is type(parsed.positions), item.path


def _lines(root: Path, **env: str) -> list[str]:
    result = CliRunner().invoke(main, ["check", "--root", str(root)], env=env or None)
    return [line for line in result.stdout.splitlines() if not line.startswith("  hint:")]


def test_a_warm_check_sees_a_change_to_each_kind_of_input(tmp_path: Path) -> None:
    """Each input changes the findings; a result stored for the old inputs is not reused."""
    root = tmp_path / "kb"
    dated = "---\ntitle: Dated\nauthor: alice\nupdated: 2026-06-01\n---\nBody\n"
    repo = _repo(root, {"content/problems/dated.md": dated})
    baseline = _lines(root, SOURCE_DATE_EPOCH="1790000000")  # 2026-09-20
    assert baseline == _lines(root, SOURCE_DATE_EPOCH="1790000000") == []

    def changed(**env: str) -> list[str]:
        found = _lines(root, **{"SOURCE_DATE_EPOCH": "1790000000", **env})
        assert found != baseline
        return found

    # The date: "now" before the item's `updated`.
    assert any("is in the future" in line for line in changed(SOURCE_DATE_EPOCH="1770000000"))
    # A content file's bytes.
    sitekit.write(
        root,
        "content/problems/dated.md",
        dated.replace("author: alice\n", "author: alice\ncolour: red\n"),
    )
    assert any("unknown field 'colour'" in line for line in changed())
    sitekit.write(root, "content/problems/dated.md", dated)
    # A file git does not track, and one it ignores.
    for rel in ("content/problems/new.md", "content/problems/ignored/new.md"):
        sitekit.write(root, ".gitignore", "content/problems/ignored/\n")
        sitekit.write(root, rel, "---\ntitle: New\nauthor: nobody\n---\nBody\n")
        assert any("nobody" in line for line in changed()), rel
        (root / rel).unlink()
    # A curation file's bytes: the answer's author leaves people.yml.
    people = (root / "curation/people.yml").read_text()
    sitekit.write(root, "curation/people.yml", people.replace("- handle: bob", "- handle: rob"))
    assert any("'bob'" in line for line in changed())
    sitekit.write(root, "curation/people.yml", people)
    # mkdocs.yml: web fonts from another host.
    config = (root / "mkdocs.yml").read_text()
    sitekit.write(root, "mkdocs.yml", config.replace("  font: false\n", ""))
    assert any("config-web-fonts" in line for line in changed())
    sitekit.write(root, "mkdocs.yml", config)
    # .github/: a CODEOWNERS that lists nothing of the items.
    sitekit.write(root, ".github/CODEOWNERS", "# owners\n* @acme/maintainers\n")
    assert any("codeowners" in line for line in changed())
    (root / ".github/CODEOWNERS").unlink()
    assert _lines(root, SOURCE_DATE_EPOCH="1790000000") == baseline
    # Git's HEAD: a commit by an address nobody claims.
    sitekit.write(root, "content/problems/dated.md", dated + "More.\n")
    repo.commit("Edit", author=("Bob Brandt", "bob@home.test"), when="2026-03-07T10:00:00")
    assert any("unknown-identity" in line and "bob@home.test" in line for line in changed())
    # .mailmap, uncommitted: the address is Bob's after all.
    sitekit.write(root, ".mailmap", "Bob Brandt <bob@acme.test> <bob@home.test>\n")
    assert _lines(root, SOURCE_DATE_EPOCH="1790000000") == baseline


def test_the_cache_stays_out_of_git_where_no_gitignore_lists_it(tmp_path: Path) -> None:
    # An intake bot commits with `git add -A`; a project's .gitignore may predate the cache.
    repo = _repo(tmp_path / "kb")
    assert not (repo.path / ".gitignore").exists()
    assert _check(repo.path)[0] == 0
    assert (repo.path / FOLDER).is_dir()
    assert repo.git("status", "--porcelain", "--untracked-files=all") == ""
    repo.git("add", "-A")
    assert repo.git("diff", "--cached", "--name-only") == ""
