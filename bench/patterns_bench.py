"""Pattern figures for `make bench`: each hostile shape at the 128 KiB body limit.

Every regular expression over contributor text runs on RE2 (workscape/patterns.py),
linear by construction; the tests check results on hostile input and never time it.
This times it: for each shape, the slowest of the scans a body goes through (search
text, feed summary, links, anchors, the Markdown limits pass, participation links)
and the access-log line pattern on a line at its 32 KiB cap, as the median of three.

``measure_patterns()`` returns ``patterns_<shape>_ms`` and ``patterns_worst_ms``;
run alone (``python bench/patterns_bench.py``) it prints them as JSON.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable

from workscape.insights.participation import _LINK_TARGET
from workscape.model import Item
from workscape.publish.feeds import summary
from workscape.rules.link_scan import anchors_in, links_in
from workscape.search.engine import _without_addresses, plain_text
from workscape.sources.access_logs import _LINE, MAX_LINE_BYTES
from workscape.sources.documents import markdown_limits

SIZE = 128 * 1024
SHAPES: dict[str, str] = {
    "blank_lines": "\n" * SIZE,
    "blank_lines_spaces": " \n" * (SIZE // 2),
    "spaces": " " * SIZE + "x",
    "open_brackets": "[" * SIZE,
    "bracket_paren": "](" * (SIZE // 2),
    "unclosed_links": "[a](" * (SIZE // 4),
    "unclosed_titles": '](x "' * (SIZE // 5),
    "braces": "{#a" * (SIZE // 3),
    "tags": "<a id=" * (SIZE // 6),
    "quote_markers": ">" * SIZE + "x",
    "backslashes": "\\" * SIZE,
    "letters_at": "a" * SIZE + "@",
}
SCANS: dict[str, Callable[[str], object]] = {
    "search_text": lambda t: _without_addresses(plain_text(t)),
    "feed_summary": lambda t: summary(Item("b", "problem", "b.md", "B", "a", body=t)),
    "links": links_in,
    "anchors": lambda t: anchors_in([t]),
    "limits": lambda t: markdown_limits(t, "bench.md"),
    "participation": _LINK_TARGET.findall,
}


def _median_ms(once: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        once()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure_patterns() -> dict[str, float]:
    figures: dict[str, float] = {}
    for shape, text in SHAPES.items():
        figures[f"patterns_{shape}_ms"] = max(
            _median_ms(lambda scan=scan, text=text: scan(text)) for scan in SCANS.values()
        )
    line = '10.0.0.7 - - [05/Mar/2026:10:00:00 +0100] "' + '\\"' * (MAX_LINE_BYTES // 2 - 40)
    figures["patterns_log_line_ms"] = _median_ms(lambda: _LINE.match(line))
    figures["patterns_worst_ms"] = max(figures.values())
    return figures


if __name__ == "__main__":
    print(json.dumps({k: round(v, 1) for k, v in measure_patterns().items()}, indent=2))
