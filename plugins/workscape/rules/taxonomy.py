"""The controlled vocabulary: resolving what contributors write to taxonomy tags."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from ..errors import Finding
from ..model import Item, Tag
from ..suggest import did_you_mean


def names(tags: Mapping[str, Tag]) -> dict[str, Tag]:
    """Every tag under its id and its synonyms (an id wins over someone's synonym)."""
    out = {syn: tag for tag in tags.values() for syn in tag.synonyms}
    out.update(tags)
    return out


def resolve_item_tags(
    items: Iterable[Item], tags: Mapping[str, Tag], taxonomy_path: str
) -> tuple[list[Item], list[Finding]]:
    """Items with synonyms and deprecated tags replaced by taxonomy ids.

    An unknown tag is an error naming the closest known tags; a deprecated one is
    a warning and counts as its replacement, so pages never show a retired term.
    """
    by_name = names(tags)
    findings: list[Finding] = []
    out = []
    for item in items:
        resolved: list[str] = []
        for i, name in enumerate(item.tags):
            at = item.positions.get(f"tags.{i}", item.positions.get("tags", (1, 1)))
            tag = by_name.get(name)
            if tag is None:
                findings.append(
                    Finding.error(
                        item.path,
                        at,
                        "unknown-tag",
                        f"'{name}' is not in {taxonomy_path}",
                        did_you_mean(
                            name, by_name, "Add new tags to the taxonomy in the same pull request."
                        )
                        or "Add new tags to the taxonomy in the same pull request.",
                    )
                )
                continue
            *retired, tag = replacement_chain(tag, tags)
            for old in retired:
                message = f"tag '{old.id}' is deprecated"
                hint = f"use '{old.replaced_by}' instead"
                findings.append(Finding.warning(item.path, at, "deprecated-tag", message, hint))
            if tag.id not in resolved:
                resolved.append(tag.id)
        out.append(replace(item, tags=tuple(resolved)) if tuple(resolved) != item.tags else item)
    return out, findings


def replacement_chain(tag: Tag, tags: Mapping[str, Tag]) -> list[Tag]:
    """``tag`` followed by the tags that replace it, ending at the current one (cycles cut)."""
    chain = [tag]
    while (next_id := chain[-1].replaced_by) is not None and next_id in tags:
        if tags[next_id] in chain:
            break
        chain.append(tags[next_id])
    return chain
