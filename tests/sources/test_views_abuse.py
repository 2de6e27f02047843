"""Views that are cheap to inflate, and logs shaped to stall or exhaust the import.

Each test feeds what an attacker would (a replayed page, scripts and link previews, a
forged count, a hostile log line, a small gzip file that decompresses to a lot) and
checks what they get: the counts written, the summary line, the exact finding.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from test_views_import import BROWSER, hit, views, write_log

import sitekit
from loopkit import cli

PAGE = "/kb/problems/seal-weeps/"


def test_one_client_replaying_a_page_counts_once_a_day(site: Path, tmp_path: Path) -> None:
    replay = hit(PAGE, client="10.0.0.66") * 50_000  # a browser's user agent, one address
    next_day = hit(PAGE, client="10.0.0.66", day="06/Mar/2026:09:00:00 +0100")
    colleague = hit(PAGE, client="10.0.0.67")
    # Behind single sign-on the logged user is the client, whichever address they use.
    signed_in = hit(PAGE, client="10.0.0.70", user="ana") + hit(
        PAGE, client="10.0.0.71", user="ana"
    )
    log = write_log(tmp_path, "access.log", replay + next_day + colleague + signed_in)
    result = cli(site, "views", "import", str(log))
    assert result.stdout.splitlines()[0] == (
        "access.log: 4 views of 1 items counted; lines left out: 50,000 repeat"
    )
    assert views(site, "2026-03") == "path,views\n/problems/seal-weeps/,4\n"


def test_a_rotated_log_does_not_count_the_same_reader_again(site: Path, tmp_path: Path) -> None:
    yesterday = write_log(tmp_path, "access.log.1", hit(PAGE) * 3)
    today = write_log(tmp_path, "access.log", hit(PAGE) * 2)
    cli(site, "views", "import", str(yesterday), str(today))
    assert views(site, "2026-03") == "path,views\n/problems/seal-weeps/,1\n"


AUTOMATION = {
    "PowerShell 5.1": "Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.4648",
    "PowerShell 7": "Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.22631; en-US) PowerShell/7.4.6",
    "zgrab": "Mozilla/5.0 zgrab/0.x",
    "Playwright request API": "Playwright/1.49.0 (x64; ubuntu 22.04) node/20.18",
    "Playwright headless Chromium": (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/131.0.6778.33 Safari/537.36"
    ),
    "Outlook desktop": "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)",
    "Outlook link check": "Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
    "Teams link preview": (
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 "
        "skype-url-preview@microsoft.com"
    ),
    "Microsoft preview": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36 MicrosoftPreview/2.0 +https://aka.ms/MicrosoftPreview"
    ),
    "Slack unfurl": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "crawlerdetect's list": "Mozilla/5.0 (compatible; Qwantify/2.4w; +https://www.qwant.com/)",
    "no agent": "-",
}
PEOPLE = {
    "Chrome": BROWSER,
    "Edge": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.51"
    ),
    "Firefox": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Safari on iPhone": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
    ),
}


@pytest.mark.parametrize("agent", AUTOMATION.values(), ids=AUTOMATION.keys())
def test_automation_and_link_previews_are_not_readers(
    site: Path, tmp_path: Path, agent: str
) -> None:
    log = write_log(tmp_path, "access.log", hit(PAGE, agent=agent) + hit(PAGE, client="10.0.0.8"))
    result = cli(site, "views", "import", str(log))
    assert result.stdout.splitlines()[0] == (
        "access.log: 1 views of 1 items counted; lines left out: 1 bot"
    )


@pytest.mark.parametrize("agent", PEOPLE.values(), ids=PEOPLE.keys())
def test_browsers_are_readers(site: Path, tmp_path: Path, agent: str) -> None:
    log = write_log(tmp_path, "access.log", hit(PAGE, agent=agent))
    result = cli(site, "views", "import", str(log))
    assert result.stdout.splitlines()[0] == "access.log: 1 views of 1 items counted"


# -- counts in the CSV: ASCII digits, bounded --------------------------------------------------


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        ("\u00b2", "'²'"),  # superscript two: str.isdigit() says yes, int() raises
        ("\u0663", "'٣'"),  # Arabic-Indic three: int() reads 3
        ("\u0968\u0966", "'२०'"),  # Devanagari twenty
        ("1" * 4000, "'" + "1" * 39 + "…"),  # no bound at all before
        ("1000001", "'1000001'"),  # over the cap of a million a month
        ("-5", "'-5'"),
        (" 7", "' 7'"),
    ],
)
def test_a_forged_count_is_a_finding(site: Path, count: str, shown: str) -> None:
    sitekit.write(
        site, "curation/views/2026-03.csv", f"path,views\n/problems/seal-weeps/,{count}\n"
    )
    result = sitekit.run(["workscape", "check"], site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[0] == (
        f"curation/views/2026-03.csv:2:23: error bad-view-count: {shown} is not a view count"
    )


def test_an_export_with_forged_counts_counts_only_the_plain_rows(
    site: Path, tmp_path: Path
) -> None:
    export = write_log(
        tmp_path,
        "views-2026-03.csv",
        "path,views\n/problems/seal-weeps/,\u00b2\n/problems/seal-weeps/,\u0663\n"
        f"/problems/seal-weeps/,{'9' * 4000}\n/problems/seal-weeps/,12\n",
    )
    result = sitekit.run(["workscape", "views", "import", str(export)], site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "views-2026-03.csv: 12 views of 1 items counted; rows left out: 3 unreadable "
        "(unreadable rows start at 2, 3, 4)"
    )
    assert views(site, "2026-03") == "path,views\n/problems/seal-weeps/,12\n"


def test_a_month_file_with_a_forged_count_stops_the_import(site: Path, tmp_path: Path) -> None:
    sitekit.write(site, "curation/views/2026-03.csv", "path,views\n/problems/seal-weeps/,\u00b2\n")
    log = write_log(tmp_path, "access.log", hit(PAGE))
    result = sitekit.run(["workscape", "views", "import", str(log)], site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "curation/views/2026-03.csv:2:1: error bad-row" in result.stderr


# -- implausible jumps -------------------------------------------------------------------------


def test_check_warns_on_an_implausible_jump_in_monthly_views(site: Path) -> None:
    months = {
        "2026-01": (40, 30),
        "2026-02": (150, 35),  # grows almost fourfold: a page catching on, not a warning
        "2026-03": (160, 5000),  # 5,000 after 35: someone inflated it
    }
    for month, (answer, problem) in months.items():
        sitekit.write(
            site,
            f"curation/views/{month}.csv",
            f"path,views\n/answers/check-flush/,{answer}\n/problems/seal-weeps/,{problem}\n",
        )
    result = sitekit.run(["workscape", "check"], site)
    assert result.returncode == 0
    assert result.stdout.splitlines()[:2] == [
        "curation/views/2026-03.csv:3:1: warning implausible-views: 5,000 views of 'seal-weeps' "
        "in 2026-03: more than 10 times its usual 35 (its most in the 3 months before)",
        "  hint: check where these views come from (a script or a repeated import); "
        "`workscape views import` counts a client once per item and day",
    ]
    assert result.stdout.count("implausible-views") == 1


# -- hostile logs: long lines, backslashes, decompression -------------------------------------


def test_an_overlong_line_is_skipped_and_counted(site: Path, tmp_path: Path) -> None:
    huge = hit("/kb/problems/seal-weeps/" + "x" * 64 * 1024, client="10.0.0.99")
    text = hit(PAGE) + huge + hit(PAGE, client="10.0.0.8")
    log = tmp_path / "access.log.gz"
    log.write_bytes(gzip.compress(text.encode()))
    command = ["views", "import", str(log), "--max-line-bytes", "1024"]
    result = cli(site, *command)
    assert result.stdout.splitlines()[0] == (
        "access.log.gz: 2 views of 1 items counted; lines left out: 1 too-long "
        "(too-long lines start at 2)"
    )
    assert views(site, "2026-03") == "path,views\n/problems/seal-weeps/,2\n"
    # Skipped, yet part of what was read: the same file again counts nothing.
    assert cli(site, *command).stdout == "access.log.gz: already imported, nothing counted\n"


@pytest.mark.parametrize(
    "request_text",
    ["\\" * 500_000, '\\"' * 250_000, "GET " + " " * 500_000, "GET /" + "[" * 500_000],
    ids=["backslashes", "escaped quotes", "spaces", "brackets"],
)
def test_a_malformed_line_is_unreadable(site: Path, tmp_path: Path, request_text: str) -> None:
    """Half a megabyte the line pattern once took quadratic time over: the cap is raised
    above it, so the pattern itself must be linear."""
    bad = f'10.0.0.7 - - [05/Mar/2026:10:00:00 +0100] "{request_text}\n'
    log = write_log(tmp_path, "access.log", hit(PAGE) + bad)
    result = cli(site, "views", "import", str(log), "--max-line-bytes", str(1024 * 1024))
    assert result.stdout.splitlines()[0] == (
        "access.log: 1 views of 1 items counted; lines left out: 1 unreadable "
        "(unreadable lines start at 2)"
    )


def test_a_small_gzip_that_decompresses_past_the_cap_is_refused(site: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "access.log.gz"
    bomb.write_bytes(gzip.compress(hit(PAGE).encode() * 20_000))  # ~2 MB in ~10 KB
    result = sitekit.run(
        ["workscape", "views", "import", str(bomb), "--max-source-bytes", "65536"], site
    )
    assert result.returncode == 1
    assert result.stderr.startswith(
        "access.log.gz: more than 65,536 bytes (decompressed); split it into smaller files"
    )
    assert not (site / "curation" / "views").exists()


def test_a_month_of_views_for_a_large_knowledge_base_is_read_and_a_huge_one_refused(
    tmp_path: Path,
) -> None:
    from workscape.sources.curation_files import MAX_VIEWS_FILE_BYTES, read_curation

    # 20,000 items' rows: over the 512 KiB of a hand-written file, one month's import.
    rows = "".join(f"/problems/item-{n:05d}-seal-weeps/,{n % 97}\n" for n in range(20_000))
    sitekit.write(tmp_path, "curation/views/2026-03.csv", "path,views\n" + rows)
    assert len(rows) > 512 * 1024
    data = read_curation(tmp_path)
    assert [f for f in data.findings if f.path.startswith("curation/views")] == []
    assert len(data.views) == 20_000
    assert data.views[-1].item == "item-19999-seal-weeps" and data.views[-1].views == 19999 % 97

    huge = rows * (MAX_VIEWS_FILE_BYTES // len(rows) + 1)
    sitekit.write(tmp_path, "curation/views/2026-03.csv", "path,views\n" + huge)
    data = read_curation(tmp_path)
    (finding,) = [f for f in data.findings if f.path.startswith("curation/views")]
    assert (finding.code, finding.severity) == ("too-large", "error")
    assert "more than the 16384 KiB allowed" in finding.message
    assert data.views == []
