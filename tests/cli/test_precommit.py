"""The published hook, run by pre-commit itself, fails a bad file and passes a good one."""

from __future__ import annotations

import subprocess
from pathlib import Path

import mediakit
import sitekit
from conftest import REPO


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args], cwd=root, check=True, capture_output=True
    )


def test_try_repo_runs_the_published_hook(site: Path, tmp_path: Path) -> None:
    git(site, "init", "-q")
    sitekit.write(site, "content/problems/bad.md", "---\ntitle: Bad\nauthor: alcie\n---\n")
    git(site, "add", "-A")
    env = {
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    bad = sitekit.run(
        [
            "pre-commit",
            "try-repo",
            str(REPO),
            "workscape-check",
            "--files",
            "content/problems/bad.md",
        ],
        site,
        env,
    )
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "content/problems/bad.md:3:9: error unknown-author" in bad.stdout
    good = sitekit.run(
        [
            "pre-commit",
            "try-repo",
            str(REPO),
            "workscape-check",
            "--files",
            "content/problems/seal-weeps.md",
        ],
        site,
        env,
    )
    assert good.returncode == 0, good.stdout + good.stderr


def test_the_media_hook_strips_location_before_the_commit(site: Path, tmp_path: Path) -> None:
    git(site, "init", "-q")
    photo = site / "content/media/seal-weeps/gland.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(mediakit.photo(gps=True))
    git(site, "add", "-A")
    env = {
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    args = ["pre-commit", "try-repo", str(REPO), "workscape-media-strip", "--files"]
    first = sitekit.run([*args, "content/media/seal-weeps/gland.jpg"], site, env)
    # pre-commit stops a commit whose files a hook changed: the person adds them again.
    assert first.returncode == 1, first.stdout + first.stderr
    assert "content/media/seal-weeps/gland.jpg: metadata removed" in first.stdout
    assert mediakit.gps_of(photo.read_bytes()) == {}
    git(site, "add", "-A")
    again = sitekit.run([*args, "content/media/seal-weeps/gland.jpg"], site, env)
    assert again.returncode == 0, again.stdout + again.stderr
    check = sitekit.run(["workscape", "check"], site)
    assert (check.returncode, check.stdout) == (0, "")
