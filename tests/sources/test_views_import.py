"""`workscape views import`: access logs (plain and gzipped) and CSVs into curation/views/."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

import sitekit
from loopkit import cli
from workscape.sources.access_logs import ItemPaths, month_from_name

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def hit(
    path: str,
    *,
    day: str = "05/Mar/2026:10:00:00 +0100",
    method: str = "GET",
    status: int = 200,
    agent: str = BROWSER,
    client: str = "10.0.0.7",
    user: str = "-",
) -> str:
    """One line in combined log format."""
    return (
        f'{client} - {user} [{day}] "{method} {path} HTTP/1.1" {status} 5120 '
        f'"https://example.test/kb/" "{agent}"\n'
    )


def readers(count: int, start: int = 0) -> str:
    """One view of seal-weeps from each of ``count`` clients."""
    return "".join(
        hit("/kb/problems/seal-weeps/", client=f"10.0.1.{n}") for n in range(start, start + count)
    )


LOG = "".join(
    [
        hit("/kb/problems/seal-weeps/"),  # counted
        hit("/kb/problems/seal-weeps/index.html?utm=mail", client="10.0.0.8"),  # same page
        hit("/problems/seal-weeps", client="10.0.0.9"),  # counted: without the base path
        hit("/kb/problems/seal-weeps/", status=304, client="10.0.0.10"),  # a cached view
        hit("/kb/answers/check-flush/", day="01/Apr/2026:00:10:00 +0000"),  # counted, in April
        hit("/kb/problems/seal-weeps/", status=301),  # a redirect: its target is logged
        hit("/kb/problems/seal-weeps/", status=404),
        hit("/kb/problems/seal-weeps/", method="HEAD"),
        hit("/kb/problems/seal-weeps/", agent="Mozilla/5.0 (compatible; Googlebot/2.1)"),
        hit("/kb/problems/seal-weeps/", agent="curl/8.5.0"),
        hit("/kb/problems/seal-weeps/", agent="-"),
        hit("/kb/assets/stylesheets/main.css"),
        hit("/kb/problems/"),
        hit("/kb/"),
        hit("/kb/problems/no-such-problem/"),
        hit("/kb/problems/check-flush/"),  # an answer's id under problems/: not a page
        "this line is not a log line\n",
    ]
)
MARCH = "path,views\n/problems/seal-weeps/,4\n"
APRIL = "path,views\n/answers/check-flush/,1\n"
SUMMARY = (
    "access.log: 5 views of 2 items counted; lines left out: 3 bot, 1 asset, 2 status, "
    "1 method, 2 not-an-item, 2 unknown-item, 1 unreadable (unreadable lines start at 17)"
)


def views(site: Path, month: str) -> str:
    return (site / "curation" / "views" / f"{month}.csv").read_text()


def write_log(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if name.endswith(".gz"):
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            handle.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("requested", "resolved"),
    [
        ("/kb/problems/seal-weeps/", ("/problems/seal-weeps/", "")),
        ("/kb/problems/seal-weeps", ("/problems/seal-weeps/", "")),
        ("/kb/problems/seal%2Dweeps/#top", ("/problems/seal-weeps/", "")),
        ("/kb/problems/seal-weeps/index.html", ("/problems/seal-weeps/", "")),
        ("/kb/problems/gone/", (None, "unknown-item")),
        ("/kb/search/?q=seal", (None, "not-an-item")),
        ("/kb/assets/logo.svg", (None, "asset")),
        ("/kb/problems/seal-weeps/diagram.png", (None, "asset")),
    ],
)
def test_requested_paths_map_to_item_pages(
    requested: str, resolved: tuple[str | None, str]
) -> None:
    assert ItemPaths({"/problems/seal-weeps/"}, "/kb/").resolve(requested) == resolved


@pytest.mark.parametrize(
    ("name", "month"),
    [
        ("views-2026-03.csv", "2026-03"),
        ("2026-12.csv", "2026-12"),
        ("2026-13.csv", None),
        ("export.csv", None),
    ],
)
def test_months_in_file_names(name: str, month: str | None) -> None:
    assert month_from_name(name) == month


def test_a_combined_log_is_counted_per_item_and_month(site: Path, tmp_path: Path) -> None:
    log = write_log(tmp_path, "access.log", LOG)
    result = cli(site, "views", "import", str(log))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        SUMMARY,
        "curation/views/2026-03.csv: +4 views",
        "curation/views/2026-04.csv: +1 views",
    ]
    assert (views(site, "2026-03"), views(site, "2026-04")) == (MARCH, APRIL)
    check = cli(site, "check")
    assert (check.exit_code, check.stdout) == (0, "")


def test_the_same_log_imported_twice_counts_once_even_gzipped(site: Path, tmp_path: Path) -> None:
    plain = write_log(tmp_path, "access.log", LOG)
    zipped = write_log(tmp_path, "access.log.1.gz", LOG)
    cli(site, "views", "import", str(plain))
    again = cli(site, "views", "import", str(plain), str(zipped))
    assert again.stdout.splitlines() == [
        "access.log: already imported, nothing counted",
        "access.log.1.gz: already imported, nothing counted",
    ]
    assert (views(site, "2026-03"), views(site, "2026-04")) == (MARCH, APRIL)
    record = (site / "curation/views/.imported").read_text().splitlines()
    assert len(record) == 2 and record[1].startswith(f"{len(LOG.encode())} sha256:")


def test_a_log_given_twice_in_one_run_counts_once(site: Path, tmp_path: Path) -> None:
    log = write_log(tmp_path, "access.log", LOG)
    cli(site, "views", "import", str(log), str(log))
    assert views(site, "2026-03") == MARCH


def test_a_grown_log_counts_only_its_new_lines(site: Path, tmp_path: Path) -> None:
    first = readers(3)
    log = write_log(tmp_path, "access.log", first)
    cli(site, "views", "import", str(log))
    # The server kept writing, then rotated and compressed the file.
    grown = write_log(tmp_path, "access.log.1.gz", first + readers(2, start=3))
    result = cli(site, "views", "import", str(grown))
    assert result.stdout.splitlines()[0] == (
        "access.log.1.gz: 2 views of 1 items counted (3 lines imported before were skipped)"
    )
    assert views(site, "2026-03") == "path,views\n/problems/seal-weeps/,5\n"


def test_a_line_still_being_written_waits_for_the_next_import(site: Path, tmp_path: Path) -> None:
    line, next_line = readers(1), readers(1, start=1)
    log = write_log(tmp_path, "access.log", line + next_line[:40])
    cli(site, "views", "import", str(log))
    assert views(site, "2026-03") == "path,views\n/problems/seal-weeps/,1\n"
    log.write_text(line + next_line)
    cli(site, "views", "import", str(log))
    assert views(site, "2026-03") == "path,views\n/problems/seal-weeps/,2\n"


def test_an_analytics_csv_adds_to_its_month(site: Path, tmp_path: Path) -> None:
    cli(site, "views", "import", str(write_log(tmp_path, "access.log", LOG)))
    export = write_log(
        tmp_path,
        "views-2026-03.csv",
        "path,views\n/kb/problems/seal-weeps/,10\n/answers/check-flush/,2\n/kb/search/,40\nbad,row,x\n",
    )
    result = cli(site, "views", "import", str(export))
    assert result.stdout.splitlines()[0] == (
        "views-2026-03.csv: 12 views of 2 items counted; rows left out: 1 not-an-item, "
        "1 unreadable (unreadable rows start at 5)"
    )
    assert views(site, "2026-03") == (
        "path,views\n/answers/check-flush/,2\n/problems/seal-weeps/,14\n"
    )


def test_a_csv_needs_its_month(site: Path, tmp_path: Path) -> None:
    export = write_log(tmp_path, "export.csv", "path,views\n/problems/seal-weeps/,3\n")
    refused = sitekit.run(["workscape", "views", "import", str(export)], site)
    assert refused.returncode == 1
    assert "cannot tell which month these views are for" in refused.stderr
    assert not (site / "curation" / "views").exists()
    assert cli(site, "views", "import", str(export), "--month", "2026-02").exit_code == 0
    assert views(site, "2026-02") == "path,views\n/problems/seal-weeps/,3\n"


def test_a_file_that_is_not_a_log_is_refused(site: Path, tmp_path: Path) -> None:
    notes = write_log(tmp_path, "notes.txt", "Remember to import the logs.\nThanks!\n")
    result = sitekit.run(["workscape", "views", "import", str(notes)], site)
    assert result.returncode == 1
    assert "notes.txt is not an access log" in result.stderr
    assert not (site / "curation" / "views").exists()


def test_a_malformed_month_file_stops_the_import_before_any_write(
    site: Path, tmp_path: Path
) -> None:
    sitekit.write(site, "curation/views/2026-04.csv", "path,views\n/answers/check-flush/,many\n")
    result = sitekit.run(
        ["workscape", "views", "import", str(write_log(tmp_path, "access.log", LOG))], site
    )
    assert result.returncode == 1
    assert "curation/views/2026-04.csv:2:1: error bad-row" in result.stderr
    assert not (site / "curation/views/2026-03.csv").exists()
    assert not (site / "curation/views/.imported").exists()


def test_a_long_import_shows_progress_on_stderr(site: Path, tmp_path: Path) -> None:
    log = write_log(tmp_path, "big.log.gz", readers(5))
    result = cli(site, "views", "import", str(log), "--progress-every", "2")
    assert result.stderr.splitlines() == ["big.log.gz: 2 lines read", "big.log.gz: 4 lines read"]
    assert result.stdout.startswith("big.log.gz: 5 views of 1 items counted\n")


def test_the_workflow_command_line(site: Path) -> None:
    """`workscape views import "${inbox[@]}"`, as views.yml runs it on the inbox."""
    inbox = site / "curation" / "views-inbox"
    write_log(inbox, "access.log.2.gz", LOG)
    write_log(inbox, "views-2026-02.csv", "path,views\n/problems/seal-weeps/,7\n")
    files = sorted(str(p) for p in inbox.iterdir())
    result = sitekit.run(["workscape", "views", "import", *files], site)
    assert result.returncode == 0, result.stderr
    assert views(site, "2026-02") == "path,views\n/problems/seal-weeps/,7\n"
    assert views(site, "2026-03") == MARCH


def test_empty_and_corrupt_sources(site: Path, tmp_path: Path) -> None:
    empty = write_log(tmp_path, "empty.log", "")
    assert cli(site, "views", "import", str(empty)).stdout == "empty.log: empty, nothing counted\n"
    corrupt = tmp_path / "access.log.3.gz"
    corrupt.write_bytes(gzip.compress(LOG.encode())[:-30])  # cut short in transfer
    result = sitekit.run(["workscape", "views", "import", str(corrupt)], site)
    assert result.returncode == 1
    assert result.stderr.startswith("cannot read")
    assert "Traceback" not in result.stderr
