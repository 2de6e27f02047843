"""Activity pages and feeds per listed person, the saved-items page, and the browser's data.

Notifications without a server: the build writes each listed person's activity
(``/people/<handle>/activity/`` and its Atom feed) and two small JSON files; a
script in the reader's browser (``assets/workscape-activity.js``) does the rest,
keeping in ``localStorage`` who the reader said they are, which events they have
seen and which items they saved. Nothing is sent anywhere.

- ``activity.json``: per listed person, the page address and the keys of their
  events; per problem, the keys of its answers (what following it brings). Read
  on every page, only when the reader has said who they are, for the badge.
- ``saved.json``: per item (answers are read on their problem's page, so have no
  Save button), its title, type, address, review state, rating count and average,
  and for problems the events a follower is told. Read by /saved/ and by the
  reader's own activity page.

Neither holds an email, a rater's handle or an unlisted person.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ...insights.activity import (
    Activity,
    activity_by_person,
    activity_of,
    followed_activity,
    headline,
)
from ...insights.people import listed, listed_people
from ...interface_language import translations
from ...model import Catalog
from ...rules.generated import (
    activity_feed,
    activity_page,
    page_url,
    person_page,
    section_page,
)
from ...rules.ratings import rating_of
from ...rules.reviews import review_status
from ...sources.settings import Settings
from ..activity_feed import event_path, event_summary, person_feed
from .markdown import own_title, page_markdown
from .people import title_yaml

KINDS = {"activity", "saved"}
SCRIPT = "assets/workscape-activity.js"
ACTIVITY_DATA = "activity.json"
SAVED_DATA = "saved.json"
_ASSETS = Path(__file__).resolve().parent.parent.parent / "assets"


def pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """/saved/ and an activity page for each listed person."""
    say = translations(settings.language).gettext
    out = {section_page("saved"): page_markdown("saved", own_title(say("Saved items")), "saved")}
    for person in listed_people(catalog):
        out[activity_page(person.handle)] = page_markdown(
            "activity",
            title_yaml(say("Activity for %(name)s") % {"name": person.name}),
            "activity",
            person.handle,
        )
    return out


def _event(catalog: Catalog, event: Activity) -> dict[str, Any]:
    """One event as a template and the browser show it."""
    actor = catalog.people.get(event.by)
    return {
        "key": event.key,
        "kind": event.kind,
        "date": event.date.isoformat(),
        "text": headline(catalog, event),
        "url": event_path(catalog, event),
        "by": actor.name if actor else "",
        "detail": event_summary(catalog, event) if event.kind in ("answer", "review") else "",
    }


def _dumps(data: Any) -> str:
    # Sorted and compact: the same catalog writes the same bytes.
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def activity_data(catalog: Catalog) -> str:
    """``activity.json``: what the badge needs, and nothing private."""
    people = {
        handle: {
            "page": page_url(activity_page(handle)),
            "keys": [e.key for e in events],
        }
        for handle, events in activity_by_person(catalog).items()
    }
    for person in listed_people(catalog):
        people.setdefault(
            person.handle, {"page": page_url(activity_page(person.handle)), "keys": []}
        )
    follow = {item: [e.key for e in events] for item, events in followed_activity(catalog).items()}
    return _dumps({"people": people, "follow": follow})


def saved_data(catalog: Catalog) -> str:
    """``saved.json``: the current title, state and rating of every item a reader can save."""
    followed = followed_activity(catalog)
    items = {}
    for item in catalog.items.values():
        if item.type == "answer":
            continue
        rating = rating_of(catalog, item.id)
        items[item.id] = {
            "title": item.display_title,
            "type": item.type,
            "url": item.url_path,
            "state": review_status(catalog, item).label,
            "ratings": rating.count,
            "average": round(rating.average, 1) if rating.average is not None else None,
            "events": [_event(catalog, e) for e in followed.get(item.id, ())],
        }
    return _dumps({"items": items})


def files(catalog: Catalog, settings: Settings) -> dict[str, str | bytes]:
    """The activity feeds, the browser's two data files and its script."""
    out: dict[str, str | bytes] = {
        SCRIPT: (_ASSETS / "workscape-activity.js").read_text(encoding="utf-8"),
        ACTIVITY_DATA: activity_data(catalog),
        SAVED_DATA: saved_data(catalog),
    }
    for person in listed_people(catalog):
        out[activity_feed(person.handle)] = person_feed(
            catalog, settings, person, activity_of(catalog, person.handle)
        )
    return out


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """An activity page's or the saved page's ``ws_page``."""
    if kind == "saved":
        return {"script": SCRIPT}
    if kind == "activity":
        person = listed(catalog, ref)
        if person is None:  # pages() makes no activity page for them; never render one
            raise KeyError(f"no activity page for '{ref}'")
        return {
            "person": person,
            "events": [_event(catalog, e) for e in activity_of(catalog, ref)],
            "feed": activity_feed(ref),
            "profile": page_url(person_page(ref)),
            "script": SCRIPT,
        }
    raise KeyError(kind)
