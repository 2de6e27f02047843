"""The words Workscape's browser scripts say, handed to them in the site's language.

The scripts (assets/*.js) are written in English. On a site in another language every
page carries one JSON block, ``<script type="application/json" id="ws-words">`` (drawn by
partials/header.html), mapping each English phrase to its translation from the message
catalogue; each script looks its phrases up there and fills their ``{values}``. An English
site carries no block, so its pages stay exactly as they were, and the scripts' English
stands. No JavaScript i18n library: the words are few and the lookup is one line.
"""

from __future__ import annotations

from ..interface_language import N_, N_plural, translations
from ..model import ITEM_TYPES, REVIEW_STATES
from ..rules.reviews import STATE_LABELS

#: Every phrase the scripts say (search.js, workscape-activity.js, workscape-people.js,
#: workscape-copy.js); "{name}" marks a value the script fills in.
WORDS = (
    # search.js
    *(N_("type"), N_("tag"), N_("community"), N_("review state"), N_("not rated yet")),
    *(N_("Answer to"), N_("Superseded by"), N_("without {facet} “{name}” ({count})")),
    *(N_("without any filter ({count})"), N_("they would not help, no item has these words.")),
    N_("Type what you are looking for, or pick a filter."),
    *(N_("No results for “{q}”."), N_("No results: nothing has all these filters.")),
    *(
        N_("Loading the search index…"),
        N_("Search could not load ({error}). Browse by tag instead."),
    ),
    # workscape-activity.js
    *(N_("{n} new since your last look at your activity"), N_("Saved ✓"), N_("Save")),
    *(N_("Not a saved-items file: it is not JSON."), N_("No saved items found in that file.")),
    *(N_("Latest:"), N_("{id}: no longer on this site"), N_("Remove")),
    # workscape-people.js
    N_("{shown} of {total} people"),
    # workscape-copy.js
    N_("Copied. Paste it into your feed reader."),
    N_("Press Ctrl+C (or Cmd+C) to copy the selected address."),
)
#: Phrases that change with a count: (one, other) as gettext's plurals. A script takes the
#: first for one and the second otherwise, as English and German do.
PLURALS = (
    N_plural("{n} result", "{n} results"),
    N_plural("{n} rating", "{n} ratings"),
    N_plural("Imported {n} new item.", "Imported {n} new items."),
)


def script_words(language: str) -> dict[str, str]:
    """English phrase -> translation for the scripts; empty for English (no block at all).

    Item types and review-state labels come along: the scripts show them from the data.
    """
    if language.replace("-", "_").split("_")[0] == "en":
        return {}
    say = translations(language)
    words = [*WORDS, *ITEM_TYPES, *(STATE_LABELS[s] for s in REVIEW_STATES)]
    out = {w: say.gettext(w) for w in words}
    for one, other in PLURALS:
        out[one] = say.ngettext(one, other, 1)
        out[other] = say.ngettext(one, other, 2)
    return out
