"""Which user agents are automation rather than a person reading.

The list of crawlers, monitors and link previews is crawlerdetect's (a Python copy
of JayBizzle/Crawler-Detect, which tracks new agents release by release), run on
RE2 so a hostile agent costs linear time (see workscape.patterns). On top of it,
what that list misses and a workplace meets every day: scripts (PowerShell,
Playwright's request API), scanners and the agents this module already knew.
A person reading inside an app (the Teams or Outlook desktop client opening a
link) is a reader; the services that fetch a link to preview it are not.
"""

from __future__ import annotations

import re2
from crawlerdetect.providers.crawlers import data as _CRAWLERS
from crawlerdetect.providers.exclusions import data as _EXCLUSIONS

from ..patterns import Pattern, linear

#: Agents crawlerdetect does not list: scripts, scanners, previews, headless browsers.
_OURS = (
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|"
    r"monitor|uptime|pingdom|statuscake|lighthouse|headless|phantomjs|python|curl/|"
    r"wget/|go-http-client|java/|libwww|httpclient|okhttp|axios|node-fetch|scrapy|"
    r"feedfetcher|validator|checklink|powershell|playwright|puppeteer|selenium|"
    r"webdriver|zgrab|masscan|nmap|nuclei|httpx|ms-office|microsoft office|"
    r"skypeuripreview|microsoftpreview|^-?$"
)


def _usable(patterns: list[str]) -> list[str]:
    """The patterns RE2 accepts; the few with look-around (``Yandex(?!Search)``) are left
    out rather than run by a backtracking engine: a broader one (``bot``) still catches
    those agents."""
    out = []
    for pattern in patterns:
        try:
            linear(pattern)
        except re2.error:
            continue
        out.append(pattern)
    return out


class Automation:
    """Tells automation from people by user agent; compiled once, on first use."""

    _compiled: tuple[Pattern, Pattern, Pattern] | None = None

    @classmethod
    def _patterns(cls) -> tuple[Pattern, Pattern, Pattern]:
        if cls._compiled is None:
            cls._compiled = (
                linear("|".join(_usable(_EXCLUSIONS)), ignore_case=True),
                linear("|".join(_usable(_CRAWLERS)), ignore_case=True),
                linear(_OURS, ignore_case=True),
            )
        return cls._compiled

    @classmethod
    def matches(cls, agent: str) -> bool:
        """Whether ``agent`` (a logged User-Agent; ``-`` or empty: none sent) is automation."""
        exclusions, crawlers, ours = cls._patterns()
        if ours.search(agent.strip()):
            return True
        # As crawlerdetect does: browser and OS tokens are removed first, so a crawler
        # pattern never fires on them.
        return crawlers.search(exclusions.sub("", agent)) is not None
