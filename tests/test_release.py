"""The release: a wheel that carries everything, installed offline into a fresh virtualenv.

The wheel is built as a release is (`python -m build --no-isolation`, since tests run
offline), checked as an index would check it (`twine check --strict`), and installed with
`pip install --no-index --find-links .wheelhouse` into a new virtualenv, whose `workscape`
then starts a knowledge base, builds it, checks it and imports into it. The wheelhouse is
filled by `make setup`; without it these tests skip loudly, and under CI=true they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import REPO
from gitrepo import ALICE, GitRepo, git_env
from importkit import dump

WHEELHOUSE = REPO / ".wheelhouse"
#: What the source tree holds beside the package that the release needs.
RELEASE_FILES = ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md")


def _run(args: list[str | Path], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # The installed package, never this checkout: no PYTHONPATH reaches the fresh venv.
    clean = {k: v for k, v in git_env().items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    clean.update(env, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=clean, capture_output=True, text=True, timeout=900
    )


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel and sdist built from a copy of this checkout, as a release builds them."""
    src = tmp_path_factory.mktemp("src")
    for name in RELEASE_FILES:
        shutil.copy(REPO / name, src / name)
    shutil.copytree(
        REPO / "plugins", src / "plugins", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    out = src / "dist"
    built = _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, src], src)
    assert built.returncode == 0, built.stdout + built.stderr
    checked = _run(
        [Path(sys.executable).parent / "twine", "check", "--strict", *out.iterdir()], src
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    return next(out.glob("workscape-*.whl"))


@pytest.fixture(scope="session")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel installed offline; its bin folder."""
    if not (WHEELHOUSE / ".stamp").exists():
        message = f"no wheelhouse at {WHEELHOUSE}: run `make setup` to fill it"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true requires it)")
        pytest.skip("*** " + message + "; the offline install test is skipped ***")
    env = tmp_path_factory.mktemp("venv") / "venv"
    made = _run([sys.executable, "-m", "venv", env], env.parent)
    assert made.returncode == 0, made.stderr
    pip = [env / "bin/python", "-m", "pip", "install", "--quiet", "--no-index"]
    installed = _run([*pip, "--find-links", WHEELHOUSE, wheel], env.parent)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return env / "bin"


def test_the_wheel_carries_templates_assets_schemas_and_starter_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for package_file in (
        REPO / "plugins/workscape/templates",
        REPO / "plugins/workscape/assets",
        REPO / "plugins/workscape/schemas",
        REPO / "plugins/workscape/starter/files",
    ):
        wanted = {
            p.relative_to(REPO / "plugins").as_posix()
            for p in package_file.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }
        assert wanted and wanted <= names, sorted(wanted - names)
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(meta).decode()
    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    assert f"Version: {version}\n" in text
    assert "License-Expression: MIT\n" in text
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def test_fresh_venv_init_build_check(venv: Path, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    made = _run(
        [venv / "workscape", "init", kb, "--name", "Fresh KB", "--email", ALICE[1]], tmp_path
    )
    assert made.returncode == 0, made.stdout + made.stderr
    repo = GitRepo.init(kb)
    repo.git("add", "-A")
    repo.commit("start", author=ALICE, when="2026-05-04T09:00:00")
    built = _run([venv / "mkdocs", "build", "--strict"], kb)
    assert built.returncode == 0, built.stderr
    assert "How do I share what I know here?" in (
        kb / "site/problems/how-do-i-share-what-i-know/index.html"
    ).read_text(encoding="utf-8")
    check = _run([venv / "workscape", "check"], kb)
    assert (check.returncode, check.stdout + check.stderr) == (
        0,
        "0 error(s), 0 warning(s) in 0 file(s); 2 items checked\n",
    )


def test_fresh_venv_imports_each_format_and_still_builds(venv: Path, tmp_path: Path) -> None:
    """The issue's whole path: wheel, fresh venv, init, each importer, build and check."""
    kb = tmp_path / "kb"
    assert (
        _run(
            [venv / "workscape", "init", kb, "--name", "KB", "--email", ALICE[1]], tmp_path
        ).returncode
        == 0
    )
    se = dump(tmp_path / "dump")
    docs = tmp_path / "wiki"
    (docs / "how-to").mkdir(parents=True)
    (docs / "how-to/vpn.md").write_text("# Connect to the VPN\n\nOpen the client.\n")
    (docs / "export.html").write_text("<h1>Badge access</h1><p>Ask reception.</p>")
    sheet = tmp_path / "faq.csv"
    sheet.write_text("title,question,answer,author\nPrinter jams,It jams.,Use A4 paper.,Ana\n")
    tools = [f"--tag={t}=tools" for t in ("pumps", "shaft-seals", "vibration", "seals")]
    for args in (
        ["stackexchange", se, "--unknown-author", "curator", *tools],
        [
            "markdown",
            docs,
            "--as",
            "resource",
            "--author",
            "curator",
            "--base-url",
            "https://wiki.acme.test",
        ],
        ["csv", sheet, "--unknown-author", "curator"],
    ):
        done = _run([venv / "workscape", "import", *args, "--write"], kb)
        assert done.returncode == 0, done.stdout + done.stderr
    items = sorted(p.relative_to(kb / "content").as_posix() for p in (kb / "content").rglob("*.md"))
    # The welcome pair, the dump's two questions and two answers, two documents, a row and
    # its answer.
    assert len(items) == 2 + 4 + 2 + 2
    repo = GitRepo.init(kb)
    repo.git("add", "-A")
    repo.commit("start with what we knew", author=ALICE, when="2026-05-04T09:00:00")
    built = _run([venv / "mkdocs", "build", "--strict"], kb)
    assert built.returncode == 0, built.stderr
    assert "Use A4 paper." in (kb / "site/problems/printer-jams/index.html").read_text()
    check = _run([venv / "workscape", "check"], kb)
    assert (check.returncode, check.stdout + check.stderr) == (
        0,
        "0 error(s), 0 warning(s) in 0 file(s); 10 items checked\n",
    )
