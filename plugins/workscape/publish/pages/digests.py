"""What people subscribe to: each community's weekly digest, and the Atom feeds.

The digest of a community covers the seven days up to ``catalog.now`` (HEAD's
commit time), so the same commit always gives the same digest, and a weekly
scheduled build gives this week's. A week without news gives way to the latest
week that had some, labelled with its dates (see :mod:`workscape.insights.news`),
so a digest never goes empty by the mere passage of time. It has four sections:

- **new**: problems, resources and collections dated in the week;
- **newly answered**: problems that got an answer dated in the week;
- **still unanswered**: open problems, longest waiting first (these need help);
- **top rated**: the community's best items by smoothed rating (all time, so the
  section is never empty in a quiet week), marking those rated this week;
- **waiting for your review**: the community's share of the review queue (see
  :mod:`workscape.insights.review_queue`), most-read first, each saying why and who may
  review it, and each of the community's reviewers with their count, linked to their
  queue on /review/: the queue comes to the experts with the digest they already read.

Each digest is a page of the site (``/communities/<id>/digest/``) and a
self-contained, email-ready file beside it (``digest/email.html``): one
centred table, inline styles, absolute links (from ``site_url``), no script,
no image, no stylesheet, which a scheduled workflow can send as it is.
"""

from __future__ import annotations

import functools
import gettext
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date
from markupsafe import escape

from ...insights.answers import is_open
from ...insights.conversation import community_news
from ...insights.news import news_week
from ...insights.recency import newest
from ...insights.review_queue import Waiting, review_queue, why_words
from ...interface_language import translations
from ...model import Catalog, Community, Item, News, Person
from ...rules.generated import digest_email, digest_page, follow_page, page_url
from ...rules.ratings import rating_of
from ...sources.settings import Settings
from .. import feeds
from ..item_context import ItemView, item_view
from .markdown import page_markdown

KINDS = {"digest"}
#: The most entries a digest section lists.
LIMIT = 10
TOP_RATED = 5
TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


@dataclass(frozen=True)
class Entry:
    """One line of a digest: an item, what the line says about it, and where it is read."""

    view: ItemView
    path: str  #: site-relative URL where the item is read (an answer: on its problem's page)
    note: str = ""


@dataclass(frozen=True)
class Digest:
    community: Community
    start: date | None  #: first day covered
    end: date | None  #: last day covered: "now", or the end of the latest week with news
    new: list[Entry]
    answered: list[Entry]
    unanswered: list[Entry]
    unanswered_total: int
    top_rated: list[Entry]
    now: date | None = None
    #: The community's items waiting for an expert, most-read first (up to LIMIT).
    waiting: tuple[Entry, ...] = ()
    waiting_total: int = 0
    #: Each reviewer with something waiting here, and how many items, by name.
    reviewers: tuple[tuple[Person, int], ...] = ()
    #: The community's news posted in the week (hidden posts left out), with a plain summary.
    news: list[tuple[News, str]] = field(default_factory=list)
    #: Items with new comments in the week, each noting how many and by whom.
    discussed: list[Entry] = field(default_factory=list)
    #: True when the week up to now had no news and the digest shows the latest week that had.
    latest: bool = False
    #: The site's language (theme.language), for the words the digest says.
    language: str = "en"

    @property
    def when(self) -> str:
        """How the sections name the week: this one, or the earlier one shown."""
        say = translations(self.language).gettext
        return say("that week") if self.latest else say("this week")

    @property
    def span(self) -> tuple[str, str, str]:
        """The covered days for a reader: ("3", "–", "9 November 2026")."""
        if not (self.start and self.end):
            return ("", "", "")
        return day_span(self.start, self.end, self.language)

    @property
    def now_text(self) -> str:
        return long_date(self.now, self.language) if self.now else ""


def long_date(day: date, language: str = "en") -> str:
    """``9 November 2026``: unambiguous wherever the reader lives; in the site's language
    as the language writes it (Babel's long form: "9. November 2026")."""
    if not language.startswith("en"):
        return format_date(day, format="long", locale=language.replace("-", "_"))
    return f"{day.day} {day:%B %Y}"


def day_span(start: date, end: date, language: str = "en") -> tuple[str, str, str]:
    """A range without repeating its month or year: 3–9 November 2026, 28 October – 3 November
    2026; the dash is spaced when a side has spaces. Other languages name both days in full."""
    if not language.startswith("en"):
        return long_date(start, language), " \u2013 ", long_date(end, language)
    if (start.year, start.month) == (end.year, end.month):
        return str(start.day), "\u2013", long_date(end)
    first = f"{start.day} {start:%B}" if start.year == end.year else long_date(start)
    return first, " \u2013 ", long_date(end)


def _title(text: str) -> str:
    """A front-matter title: HTML-safe as Material prints it, quoted as YAML (a JSON string is one)."""
    safe = str(escape(text.replace("<", "\u2039").replace(">", "\u203a")))
    return json.dumps(safe, ensure_ascii=False)


def pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """One digest page per community."""
    say = translations(settings.language).gettext
    return {
        digest_page(c.id): page_markdown(
            "digest", _title(say("Weekly digest · %(name)s") % {"name": c.name}), "digest", c.id
        )
        for c in catalog.communities.values()
    }


def digest(catalog: Catalog, settings: Settings, community_id: str) -> Digest:
    """The digest of one community for the week up to ``catalog.now`` (or its latest with news)."""
    community = catalog.communities[community_id]
    today = catalog.today()
    items = [i for i in catalog.items.values() if i.community == community_id]
    problems = [i for i in items if i.type == "problem"]
    # An answer with a community of its own still makes news for its problem's community.
    news = [i.date for i in items] + [a.date for p in problems for a in catalog.answers_to(p.id)]
    posts = [n for n in community_news(catalog, community_id) if not n.hidden]
    said = {i.id: [c for c in catalog.comments_on(i.id) if not c.hidden] for i in items}
    news += [n.date for n in posts] + [c.date for cs in said.values() for c in cs]
    week = news_week(today, news) if today else None
    say = translations(settings.language)
    start, end = (week.start, week.end) if week else (None, None)
    latest = bool(week and week.latest)

    def in_week(day: date | None) -> bool:
        return week is not None and day in week

    def entry(item: Item, note: str = "") -> Entry:
        return Entry(
            item_view(catalog, settings, item, deep=False), feeds.page_path(catalog, item), note
        )

    new = [i for i in newest(items) if i.type != "answer" and in_week(i.date)]
    answered = []
    for problem in newest(problems):
        fresh = [a for a in catalog.answers_to(problem.id) if in_week(a.date)]
        if fresh:
            who = sorted({_name(catalog, a.author) for a in fresh})
            note = say.ngettext(
                "%(count)d new answer, by %(who)s", "%(count)d new answers, by %(who)s", len(fresh)
            )
            answered.append(entry(problem, note % {"count": len(fresh), "who": ", ".join(who)}))
    open_problems = sorted(
        (p for p in problems if is_open(catalog, p)),
        key=lambda p: (p.date or date.max, p.id),
    )
    unanswered = [entry(p, _waiting(p, today, say)) for p in open_problems[:LIMIT]]
    rated = [(rating_of(catalog, i.id), i) for i in items if rating_of(catalog, i.id).count]
    rated.sort(key=lambda pair: (-pair[0].smoothed, -pair[0].count, pair[1].id))
    top = []
    for _summary, item in rated[:TOP_RATED]:
        this_week = [r for r in catalog.ratings.get(item.id, ()) if in_week(r.date)]
        rated_when = say.gettext("rated that week") if latest else say.gettext("rated this week")
        note = rated_when if this_week else ""
        top.append(entry(item, note))
    waiting = [w for w in review_queue(catalog) if w.item.community == community_id]
    discussed = []
    for item in newest(items):
        comments = [c for c in said[item.id] if in_week(c.date)]
        if comments:
            who = sorted({_name(catalog, c.by) for c in comments})
            note = say.ngettext(
                "%(count)d new comment, by %(who)s",
                "%(count)d new comments, by %(who)s",
                len(comments),
            )
            discussed.append(entry(item, note % {"count": len(comments), "who": ", ".join(who)}))
    return Digest(
        news=[(n, feeds.plain_summary(n.body)) for n in posts if in_week(n.date)][:LIMIT],
        discussed=discussed[:LIMIT],
        community=community,
        start=start,
        end=end,
        new=[entry(i) for i in new[:LIMIT]],
        answered=answered[:LIMIT],
        unanswered=unanswered,
        unanswered_total=len(open_problems),
        top_rated=top,
        now=today,
        latest=latest,
        language=settings.language,
        waiting=tuple(
            entry(w.item, _waiting_note(catalog, w, say, settings.language))
            for w in waiting[:LIMIT]
        ),
        waiting_total=len(waiting),
        reviewers=_reviewer_counts(catalog, waiting),
    )


def _waiting_note(
    catalog: Catalog, waiting: Waiting, say: gettext.NullTranslations, language: str
) -> str:
    views = say.ngettext("%(n)d view", "%(n)d views", waiting.views) % {"n": waiting.views}
    people = [catalog.people[h] for h in waiting.reviewers if h in catalog.people]
    names = ", ".join(p.name for p in people if p.listed)
    why = why_words(
        waiting,
        catalog.policy.review_max_age_days,
        say.gettext,
        lambda day: long_date(day, language),
    )
    return f"{why[:1].upper()}{why[1:]} · {views}" + (
        say.gettext(" · for %(names)s") % {"names": names} if names else ""
    )


def _reviewer_counts(catalog: Catalog, waiting: list[Waiting]) -> tuple[tuple[Person, int], ...]:
    counts: dict[str, int] = {}
    for row in waiting:
        for handle in row.reviewers:
            counts[handle] = counts.get(handle, 0) + 1
    people = [(catalog.people[h], n) for h, n in counts.items() if h in catalog.people]
    listed = [(p, n) for p, n in people if p.listed]
    return tuple(sorted(listed, key=lambda pair: (pair[0].name.casefold(), pair[0].handle)))


def _name(catalog: Catalog, handle: str) -> str:
    person = catalog.people.get(handle)
    return person.name if person else handle


def _waiting(problem: Item, today: date | None, say: gettext.NullTranslations) -> str:
    if problem.date is None or today is None:
        return ""
    days = max(0, (today - problem.date).days)
    return say.ngettext("waiting %(days)d day", "waiting %(days)d days", days) % {"days": days}


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """The digest page's context: the digest and how to follow its community's feed."""
    return {
        "digest": digest(catalog, settings, ref),
        "follow": page_url(follow_page("community", ref)),
    }


@functools.cache  # one per process and language: each community's email reuses the compiled template
def _email_env(language: str) -> jinja2.Environment:
    # Autoescape on, and undefined names fail: an email must not go out half-rendered.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(language))  # type: ignore[attr-defined]  # added by the i18n extension
    return env


def email_html(catalog: Catalog, settings: Settings, community_id: str) -> str:
    """The email-ready digest: a standalone HTML document with absolute links."""
    uri = digest_email(community_id)
    # With a site_url every link is absolute, as an email needs; without one, links are
    # relative to the file's place on the site, which still works when it is opened there.
    base = settings.site_url.rstrip("/") if settings.site_url else "../../.."
    template = _email_env(settings.language).get_template("workscape/digest_email.html")
    return template.render(
        d=digest(catalog, settings, community_id),
        base=base,
        site_name=settings.site_name,
        page=f"communities/{community_id}/digest/",
        follow=page_url(follow_page("community", community_id)),
        uri=uri,
        language=settings.language,
    )


def files(catalog: Catalog, settings: Settings) -> dict[str, str | bytes]:
    """The Atom feeds and each community's email-ready digest."""
    out: dict[str, str | bytes] = dict(feeds.feeds(catalog, settings))
    for community in catalog.communities.values():
        out[digest_email(community.id)] = email_html(catalog, settings, community.id)
    return out
