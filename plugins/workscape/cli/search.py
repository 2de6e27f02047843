"""`workscape search`: the site's search from the command line, same index and ranking."""

from __future__ import annotations

import json

import click

from ..model import ITEM_TYPES, REVIEW_STATES, Catalog
from ..rules.reviews import STATE_LABELS
from ..search.correction import correct
from ..search.engine import Filters, Hit, SearchEngine, query_words, snippet
from ..suggest import did_you_mean
from .common import load, root_option


@click.command()
@click.argument("query", nargs=-1)
@click.option("--type", "kind", type=click.Choice(ITEM_TYPES), help="Only this type.")
@click.option("--tag", help="Only items with this tag (an id or a synonym).")
@click.option("--community", help="Only items of this community.")
@click.option(
    "--state",
    "states",
    multiple=True,
    type=click.Choice(REVIEW_STATES),
    help="Only items in this review state; repeat it for any of several.",
)
@click.option("--limit", default=10, show_default=True, help="Show at most this many (0: all).")
@click.option("--exact", is_flag=True, help="Search the words as typed, never as typos.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@root_option
def search(
    query: tuple[str, ...],
    kind: str | None,
    tag: str | None,
    community: str | None,
    states: tuple[str, ...],
    limit: int,
    exact: bool,
    as_json: bool,
    root: str | None,
) -> None:
    """Search the published items for QUERY, ranked as on the site's /search/ page.

    With no QUERY, lists what the filters admit, best curated first. Answers point
    at their place on their problem's page. When no word matches, the words are
    searched as typos, and the first line says what they were taken for.
    """
    catalog = load(root).published()
    filters = Filters(
        type=kind,
        tag=_tag_id(catalog, tag) if tag else None,
        community=_community_id(catalog, community) if community else None,
        state=states or None,
    )
    text = " ".join(query)
    engine = SearchEngine.build(catalog)
    hits = engine.search(text, filters, exact=exact)
    shown = hits[:limit] if limit else hits
    if as_json:
        click.echo(json.dumps([_as_dict(h) for h in shown], indent=2, ensure_ascii=False))
        return
    fixed = None if exact or not hits else correct(engine, text)
    if fixed:
        click.echo(
            f"Showing results for '{fixed.query}'. "
            f"Search instead for '{fixed.original}': add --exact."
        )
    if not hits:
        click.echo("No results. Try other words, or fewer filters.")
        return
    wanted = query_words(text)
    for rank, hit in enumerate(shown, 1):
        doc = hit.doc
        rating = f"★ {doc.rating:.1f} ({doc.ratings})" if doc.rating is not None else "not rated"
        click.echo(f"{rank}. {click.style(doc.title, bold=True)}  [{doc.type}]")
        click.echo(f"   {doc.url}  ·  {STATE_LABELS[doc.state]}  ·  {rating}  ·  {hit.score:.3f}")
        if doc.superseded_by:
            click.echo(f"   superseded by {doc.superseded_by}")
        if doc.text:
            cut, spans = snippet(doc.text, wanted, width=160)
            click.echo(f"   {_highlight(cut, spans)}")
        if doc.tags:
            click.echo(f"   tags: {', '.join(doc.tags)}")
    if len(shown) < len(hits):
        click.echo(f"… {len(hits) - len(shown)} more (--limit 0 shows all)")


def _highlight(text: str, spans: list[tuple[int, int]]) -> str:
    out, at = [], 0
    for a, b in spans:
        out += [text[at:a], click.style(text[a:b], bold=True, underline=True)]
        at = b
    return "".join(out) + text[at:]


def _tag_id(catalog: Catalog, name: str) -> str:
    """The tag a name means: an id, a synonym, or a deprecated id (its replacement)."""
    tag = catalog.tag_by_name.get(name.strip().lower())
    if tag is None:
        hint = did_you_mean(
            name, catalog.tag_by_name, "See the tags page or curation/taxonomy.yml."
        )
        raise click.BadParameter(f"no tag '{name}'. {hint}", param_hint="--tag")
    return tag.replaced_by or tag.id


def _community_id(catalog: Catalog, name: str) -> str:
    key = name.strip().lower()
    for community in catalog.communities.values():
        if key in (community.id, community.name.lower()):
            return community.id
    hint = did_you_mean(name, catalog.communities, "See curation/communities.yml.")
    raise click.BadParameter(f"no community '{name}'. {hint}", param_hint="--community")


def _as_dict(hit: Hit) -> dict[str, object]:
    doc = hit.doc
    return {
        "id": doc.id,
        "type": doc.type,
        "title": doc.title,
        "url": doc.url,
        "score": hit.score,
        "state": doc.state,
        "rating": doc.rating,
        "ratings": doc.ratings,
        "tags": list(doc.tags),
        "community": doc.community,
        "superseded_by": doc.superseded_by or None,
    }
