"""The health dashboard's charts, drawn at build time as SVG with matplotlib.

Charts must be byte-for-byte reproducible, since the site is a pure function of
the repository. So:

- the figure is drawn on its own canvas (no pyplot, no global backend, nothing
  left behind between builds or in ``mkdocs serve``);
- ``svg.hashsalt`` is fixed, so clip-path ids are the same every time;
- the metadata carries no date and no creator (matplotlib's version);
- ``svg.fonttype: none`` keeps text as ``<text>`` (readable, searchable, and free
  of glyph ids that depend on the fonts installed), laid out with DejaVu Sans,
  which ships with matplotlib, so the layout does not depend on the machine.

Sizes are in inches (the page shows them at 100 pixels per inch, scaled to its
column). Text is 11 pt on charts 4.4 inches wide: scaled down to a 390 px phone's
column (about 358 px) it is still about 11 px high; wider charts with smaller text
shrank their labels to 6 px there. Each chart carries a ``<title>``; the page around it gives the full text
alternative (a caption and a table of the same numbers).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import matplotlib
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..insights.health import MonthCount
from ..insights.participation import RoleRow
from ..model import ITEM_TYPES, ReviewState
from ..rules.reviews import STATE_LABELS

if TYPE_CHECKING:  # newer than our matplotlib floor; only the type checker reads it
    from matplotlib.typing import RcKeyType

#: Every text's size in points; see the module docstring for why no smaller.
FONT_PT = 11
#: Every setting that affects the bytes of a chart, applied around each drawing.
STYLE: dict[RcKeyType, Any] = {
    "svg.hashsalt": "workscape",
    "svg.fonttype": "none",
    "svg.image_inline": True,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": FONT_PT,
    "legend.fontsize": FONT_PT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#5f6368",
    "axes.labelcolor": "#202124",
    "xtick.color": "#202124",
    "ytick.color": "#202124",
    "text.color": "#202124",
    "path.simplify": False,
}
#: No date, no creator: both would change the bytes from one build (or version) to the next.
METADATA: dict[str, Any] = {"Date": None, "Creator": None, "Contributor": None}
#: Colour-blind-safe (Okabe-Ito) colours, one per item type.
TYPE_COLOURS = dict(zip(ITEM_TYPES, ("#0072B2", "#E69F00", "#009E73", "#CC79A7"), strict=True))
MEETS, BELOW, QUIET = "#0072B2", "#D55E00", "#9e9e9e"
STATE_COLOURS: Mapping[str, str] = {
    "community": "#9e9e9e",
    "sme-approved": "#009E73",
    "changes-requested": "#E69F00",
    "changed-since-review": "#F0E442",
    "review-expired": "#D55E00",
    "disputed": "#CC0000",
}

# Drawn charts by their input, so `mkdocs serve` redraws only what changed.
_cache: dict[tuple[str, str], bytes] = {}


def _figure(size: tuple[float, float], left: float, bottom: float, top: float = 0.4) -> Figure:
    """A figure with fixed margins in inches.

    Fixed rather than ``layout="constrained"``: the labels are known (roles, review
    states, months), and the layout solver would triple the time to write each chart.
    """
    width, height = size
    fig = Figure(figsize=size)
    fig.subplots_adjust(
        left=left / width, right=1 - 0.15 / width, bottom=bottom / height, top=1 - top / height
    )
    return fig


def _render(fig: Figure, title: str) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={**METADATA, "Title": title})
    return buffer.getvalue()


def _cached(kind: str, key: object, draw: Any) -> bytes:
    cache_key = (kind, repr(key))
    if cache_key not in _cache:
        if len(_cache) > 512:  # a long `mkdocs serve` session: start over rather than grow
            _cache.clear()
        with matplotlib.rc_context(STYLE):
            _cache[cache_key] = draw()
    return _cache[cache_key]


def participation_chart(
    rows: Sequence[RoleRow], title: str, size: tuple[float, float] = (4.4, 2.9), quiet: bool = False
) -> bytes:
    """Horizontal bars: the share of people in each role, with the target marked.

    ``quiet``: the community is quiet, so a role at its target is drawn grey, not
    as meeting it (see :func:`workscape.insights.verdicts.role_status`).
    """

    def draw() -> bytes:
        fig = _figure(size, left=1.0, bottom=0.55, top=0.7)
        ax = fig.add_subplot()
        labels = [r.role for r in rows][::-1]
        shares = [r.share * 100 for r in rows][::-1]
        targets = [r.target * 100 for r in rows][::-1]
        met = QUIET if quiet else MEETS
        colours = [met if r.meets else BELOW for r in rows][::-1]
        positions = range(len(rows))
        ax.barh(positions, shares, color=colours, height=0.6)
        ax.scatter(targets, positions, marker="|", s=300, linewidths=2.5, color="#202124")
        for y, (share, row) in enumerate(zip(shares, rows[::-1], strict=True)):
            ax.annotate(
                f"{share:.0f}% ({row.count})",
                (min(share, 100), y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
            )
        ax.set_yticks(list(positions), labels)
        ax.set_xlim(0, 130)
        ax.set_xticks([0, 50, 100], ["0%", "50%", "100%"])
        ax.set_xlabel("share of the community's people")
        legend = [
            Patch(color=met, label="met, but quiet lately" if quiet else "meets target"),
            Patch(color=BELOW, label="below target"),
            Line2D(
                [], [], color="#202124", marker="|", markersize=10, mew=2.5, ls="", label="target"
            ),
        ]
        fig.legend(handles=legend, loc="upper center", ncols=2, frameon=False)
        return _render(fig, title)

    return _cached("participation", (tuple(rows), title, size, quiet), draw)


def contributions_chart(
    months: Sequence[MonthCount], title: str, size: tuple[float, float] = (4.4, 2.9)
) -> bytes:
    """Stacked columns: items created per month, by type."""

    def draw() -> bytes:
        fig = _figure(size, left=0.6, bottom=0.9, top=0.7)
        ax = fig.add_subplot()
        positions = list(range(len(months)))
        bottom = [0] * len(months)
        for kind in ITEM_TYPES:
            heights = [m.counts.get(kind, 0) for m in months]
            ax.bar(
                positions,
                heights,
                bottom=bottom,
                color=TYPE_COLOURS[kind],
                width=0.75,
                label=f"{kind}s",
            )
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        # Every month labelled would collide beyond half a year; every third one still reads.
        step = 1 if len(months) <= 6 else 3
        ax.set_xticks(positions[::step], [m.month for m in months][::step], rotation=90)
        ax.set_ylim(0, max([*bottom, 1]) * 1.1)
        # the default locator, an AutoLocator, is a MaxNLocator: it takes integer=
        cast(MaxNLocator, ax.yaxis.get_major_locator()).set_params(integer=True)
        ax.set_ylabel("items created")
        fig.legend(loc="upper center", frameon=False, ncols=2)
        return _render(fig, title)

    return _cached("contributions", (tuple(months), title, size), draw)


def coverage_chart(
    coverage: Mapping[ReviewState, int], title: str, size: tuple[float, float] = (4.4, 2.3)
) -> bytes:
    """Horizontal bars: reviewable items per review state."""

    def draw() -> bytes:
        fig = _figure(size, left=2.0, bottom=0.55, top=0.15)
        ax = fig.add_subplot()
        states = list(coverage)[::-1]
        counts = [coverage[s] for s in states]
        positions = range(len(states))
        ax.barh(positions, counts, color=[STATE_COLOURS[s] for s in states], height=0.6)
        for y, count in enumerate(counts):
            ax.annotate(
                str(count), (count, y), xytext=(4, 0), textcoords="offset points", va="center"
            )
        ax.set_yticks(list(positions), [STATE_LABELS[s] for s in states])
        ax.set_xlim(0, max([*counts, 1]) * 1.15)
        cast(MaxNLocator, ax.xaxis.get_major_locator()).set_params(integer=True)
        ax.set_xlabel("items")
        return _render(fig, title)

    return _cached("coverage", (tuple(coverage.items()), title, size), draw)
