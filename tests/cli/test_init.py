"""`workscape init` writes a knowledge base that builds at once; `upgrade` compares releases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import sitekit
from conftest import REPO
from gitrepo import ALICE, GitRepo, git_env
from workscape import starter

VERSION = starter.installed_version()


def init(
    target: Path, *args: str, email: str = ALICE[1]
) -> sitekit.subprocess.CompletedProcess[str]:
    """Run `workscape init` as a script would: no terminal, git's address configured."""
    config = target.parent / "gitconfig"
    config.write_text(f"[user]\n\tname = {ALICE[0]}\n\temail = {email}\n")
    return sitekit.run(
        ["workscape", "init", str(target), *args],
        target.parent,
        env=git_env({"GIT_CONFIG_GLOBAL": str(config)}),
    )


def commit_all(root: Path) -> GitRepo:
    repo = GitRepo.init(root)
    repo.git("add", "-A")
    repo.commit("start", author=ALICE, when="2026-05-04T09:00:00")
    return repo


def test_init_writes_a_knowledge_base_that_builds_strict_and_checks_clean(tmp_path: Path) -> None:
    kb = tmp_path / "acme-kb"
    result = init(kb, "--name", "Acme Know-How", "--repo-url", "https://github.com/Acme/know-how")
    assert result.returncode == 0, result.stderr
    assert f"for Workscape {VERSION} into" in result.stdout
    commit_all(kb)
    check = sitekit.run(["workscape", "check"], kb, env=git_env())
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout + check.stderr == "0 error(s), 0 warning(s) in 0 file(s); 2 items checked\n"
    built = sitekit.build(kb, "--strict")
    assert built.returncode == 0, built.stderr
    home = (kb / "site/index.html").read_text(encoding="utf-8")
    assert "<title>Home - Acme Know-How</title>" in home
    problem = (kb / "site/problems/how-do-i-share-what-i-know/index.html").read_text()
    assert "How do I share what I know here?" in problem
    assert "writes a valid file and asks for what it needs" in problem  # the accepted answer
    # The site's rating link leads to a form this repository now has.
    assert "issues/new?template=rate.yml" in problem
    assert (kb / ".github/ISSUE_TEMPLATE/rate.yml").is_file()
    config = yaml.safe_load((kb / "mkdocs.yml").read_text())
    assert config["site_url"] == "https://acme.github.io/know-how/"
    assert config["repo_name"] == "Acme/know-how"
    people = yaml.safe_load((kb / "curation/people.yml").read_text())
    assert people[0]["emails"] == [ALICE[1]]  # git's address: the first commit is the curator's


def test_the_workflows_install_this_version_pinned_from_the_chosen_source(tmp_path: Path) -> None:
    for n, (source, line) in enumerate(
        [
            ("pypi", f'python -m pip install "workscape=={VERSION}"'),
            (
                "git+https://github.com/acme/workscape",
                f'python -m pip install "workscape @ git+https://github.com/acme/workscape@v{VERSION}"',
            ),
            (
                "https://pypi.acme.test/simple",
                f'python -m pip install --index-url https://pypi.acme.test/simple "workscape=={VERSION}"',
            ),
        ]
    ):
        kb = tmp_path / f"kb{n}"
        assert init(kb, "--name", "KB", "--install-source", source).returncode == 0
        workflows = sorted((kb / ".github/workflows").glob("*.yml"))
        installs = [
            step["run"]
            for wf in workflows
            for job in yaml.safe_load(wf.read_text())["jobs"].values()
            for step in job["steps"]
            if step.get("name") == "Install workscape"
        ]
        assert len(installs) == 8  # check, publish, views, notify and the four intake jobs
        assert set(installs) == {line}
        assert line.removeprefix("python -m pip install ") in (kb / "README.md").read_text()


def test_an_unknown_install_source_is_refused_with_the_forms_it_takes(tmp_path: Path) -> None:
    result = init(tmp_path / "kb", "--name", "KB", "--install-source", "ftp://x")
    assert result.returncode == 1
    assert "error install-source: cannot install Workscape from 'ftp://x'" in result.stderr
    assert "hint: give 'pypi', an index URL" in result.stderr


def test_a_folder_that_is_not_empty_is_refused_without_force(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "notes.txt").write_text("ours\n")
    refused = init(kb, "--name", "KB")
    assert refused.returncode == 1
    assert "is not empty" in refused.stderr and "--force" in refused.stderr
    assert sorted(p.name for p in kb.iterdir()) == ["notes.txt"]
    forced = init(kb, "--name", "KB", "--force")
    assert forced.returncode == 0, forced.stderr
    assert (kb / "notes.txt").read_text() == "ours\n"
    assert (kb / "mkdocs.yml").is_file()


def test_this_repositorys_github_files_are_the_starter_rendered_for_it() -> None:
    """One source for both: a new form or workflow in the package reaches this repository."""
    tokens = dict(starter.REPOSITORY_TOKENS)
    engine = {p: t for p, t in starter.templates().items() if starter.is_engine_file(p)}
    github = {p: t for p, t in engine.items() if p.startswith(".github/")}
    ours = sorted(
        p.relative_to(REPO).as_posix()
        for p in (REPO / ".github").rglob("*")
        if p.is_file() and p.name != "CODEOWNERS"
    )
    assert sorted(github) == ours
    for path, text in github.items():
        assert starter.render(text, tokens) == (REPO / path).read_text(encoding="utf-8"), path
    # The pre-commit hook an organisation gets is this repository's, run from its venv here.
    hook = yaml.safe_load(starter.render(engine[".pre-commit-config.yaml"], tokens))
    mine = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    ours_by_id = {h["id"]: h for r in mine["repos"] for h in r["hooks"]}
    for theirs in hook["repos"][0]["hooks"]:
        assert theirs == ours_by_id[theirs["id"]]


def test_every_starter_token_has_a_value_for_an_organisation() -> None:
    options = starter.Options(site_name="KB", repo_url="https://github.com/a/b")
    for path, text in starter.rendered(options, VERSION).items():
        assert "%%" not in text, path


def _old_release(kb: Path, version: str) -> None:
    """The repository as an older Workscape's init left it (same files, older pin)."""
    options = starter.Options(site_name="KB", curator_email=ALICE[1])
    files = starter.rendered(options, version)
    for path, text in files.items():
        sitekit.write(kb, path, text)
    hashes = {p: starter.digest(t) for p, t in files.items() if starter.is_engine_file(p)}
    sitekit.write(kb, starter.RECORD, starter.record_text(options, version, hashes))


def test_upgrade_shows_the_diff_and_writes_only_what_was_not_changed_here(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    _old_release(kb, "0.0.9")
    ours = kb / ".github/workflows/check.yml"
    ours.write_text(ours.read_text().replace("timeout-minutes: 20", "timeout-minutes: 40"))
    shown = sitekit.run(["workscape", "upgrade"], kb)
    assert shown.returncode == 0, shown.stderr
    assert '-        run: python -m pip install "workscape==0.0.9"\n' in shown.stdout
    assert f'+        run: python -m pip install "workscape=={VERSION}"\n' in shown.stdout
    assert "--- a/.github/workflows/publish.yml\n+++ b/.github/workflows/publish.yml\n" in (
        shown.stdout
    )
    assert (
        ".github/workflows/check.yml: changed here since Workscape wrote it: merge the diff by hand"
        in shown.stderr
    )
    assert "5 of 13 files differ from Workscape" in shown.stderr  # the five pinned workflows
    assert "0.0.9" in (kb / ".github/workflows/publish.yml").read_text()  # a dry run writes nothing

    written = sitekit.run(["workscape", "upgrade", "--write"], kb)
    assert written.returncode == 0, written.stderr
    assert "Took 4 files" in written.stderr and "1 left to merge by hand" in written.stderr
    for name in ("publish", "ratings", "views", "notify"):
        assert f"workscape=={VERSION}" in (kb / f".github/workflows/{name}.yml").read_text()
    assert "timeout-minutes: 40" in ours.read_text()  # the organisation's change is kept
    assert json.loads((kb / starter.RECORD).read_text())["workscape"] == VERSION

    again = sitekit.run(["workscape", "upgrade"], kb)
    assert "1 of 13 files differ" in again.stderr
    assert "--- a/.github/workflows/check.yml" in again.stdout
    assert "publish.yml" not in again.stdout


def test_upgrade_without_an_init_record_says_what_to_do(site: Path) -> None:
    result = sitekit.run(["workscape", "upgrade"], site)
    assert result.returncode == 1
    assert "error no-starter-record: cannot read .workscape/starter.json" in result.stderr
    assert "was not made by `workscape init`" in result.stderr


@pytest.mark.parametrize("title", ["Größe", "Насос"])
def test_init_names_any_script(tmp_path: Path, title: str) -> None:
    kb = tmp_path / "kb"
    assert init(kb, "--name", title).returncode == 0
    assert yaml.safe_load((kb / "mkdocs.yml").read_text())["site_name"] == title
