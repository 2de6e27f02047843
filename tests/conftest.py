"""Shared fixtures: tiny sites in tmp_path, the built example, a local server, Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import sitekit

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_FLAGS = [
    "--no-sandbox",  # tests run as root
    "--headless=new",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A tiny valid site (not a git repository)."""
    return sitekit.make_site(tmp_path / "kb")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example, built once with --strict into a temporary folder."""
    out = tmp_path_factory.mktemp("example") / "site"
    result = sitekit.run(["mkdocs", "build", "--strict", "-d", str(out)], REPO)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def example_url(example_site: Path) -> Iterator[str]:
    """The built example served on 127.0.0.1."""
    with sitekit.served(example_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium from the system, driven by Playwright (never `playwright install`)."""
    path = chromium_path()
    if path is None:
        message = "Chromium not found (install Debian's `chromium`): browser tests skipped"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; under CI=true a missing browser fails the run")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, example_url: str) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]  # a Playwright Browser, typed object: Playwright loads only with Chromium
    tab = context.new_page()
    external: list[str] = []
    tab.on(
        "request",
        lambda r: (
            external.append(r.url)
            if not r.url.startswith((example_url, "data:", "about:"))
            else None
        ),
    )
    tab.base = example_url
    yield tab
    context.close()
    assert not external, f"the page made network requests outside the site: {external}"


def _browser_note() -> str | None:
    if chromium_path() is not None:
        return None
    return "Chromium not found (install Debian's `chromium`): browser tests are SKIPPED"


def pytest_report_header(config: pytest.Config) -> str:
    return _browser_note() or f"browser: {chromium_path()}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    # Runs in the controlling process (also under xdist), so the warning is never lost.
    note = _browser_note()
    if note:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", red=True, bold=True)
        terminalreporter.write_line(note, red=True, bold=True)
