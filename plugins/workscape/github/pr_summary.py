"""The pull request's job summary: what it changes, what is wrong, who should review.

Written as GitHub-flavoured Markdown for ``$GITHUB_STEP_SUMMARY``. Everything a
contributor wrote (titles, tags, paths, finding messages) goes through
:mod:`workscape.github.markdown`, so it shows as written: it cannot break the
tables, link, mention, or start a section of its own.

Changes outside the content and curation folders come first, in bold, in a section
of their own: code and configuration (mkdocs.yml, workflows, plugins, templates,
.mailmap...) run during the build or decide what the site loads and who is
credited, so they need a maintainer, whatever the rest of the summary says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import Finding
from ..insights.similar import similar_problems
from ..model import ITEM_TYPES, Catalog, Item
from ..pull_request import PullRequest
from ..rules.statements import RoleChange, StatementChange
from ..sources.git_changes import Change
from ..sources.settings import Settings
from .markdown import code as _code
from .markdown import escape as _md
from .routing import Reviewer, managers, route


def _link(item: Item, settings: Settings) -> str:
    title = f"**{_md(item.display_title)}**"
    if settings.site_url:
        return f"[{title}]({settings.site_url.rstrip('/')}/{item.url_path})"
    return title


def _items_table(items: Sequence[Item], catalog: Catalog, renamed: dict[str, str]) -> list[str]:
    rows = ["| type | item | tags | community |", "|---|---|---|---|"]
    for item in items:
        where = _code(item.path, table=True)
        if item.path in renamed:
            where += f" (renamed from {_code(renamed[item.path], table=True)})"
        community = catalog.communities.get(item.community or "")
        rows.append(
            f"| {item.type} | **{_md(item.display_title)}**<br>{where} "
            f"| {_md(', '.join(item.tags)) or '–'} | {_md(community.name) if community else '–'} |"
        )
    return rows


def _reviewer(reviewer: Reviewer) -> str:
    name = _md(reviewer.person.name)
    if reviewer.login:
        return f"@{reviewer.login} ({name})"
    return f"{name} ({_code(reviewer.person.handle)}, no GitHub account: ask them directly)"


def _findings(findings: Iterable[Finding]) -> list[str]:
    lines = []
    for f in findings:
        where = _code(f"{f.path}:{f.line}:{f.col}")
        hint = f" — {_md(f.hint)}" if f.hint else ""
        lines.append(f"- **{f.severity}** {where} {_code(f.code)}: {_md(f.message)}{hint}")
    return lines


def _by_type(items: Iterable[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (ITEM_TYPES.index(i.type), i.id))


def pr_summary(
    catalog: Catalog,
    settings: Settings,
    changes: Sequence[Change],
    findings: Sequence[Finding],
    request: PullRequest | None = None,
) -> str:
    """The summary of a pull request's ``changes``, given the catalog and findings at its head.

    With ``request``: first the changes to anyone's roles and identities, then
    each statement the pull request makes and in whose name.
    """
    by_path = {item.path: item for item in catalog.items.values()}
    content = f"{settings.docs_dir}/"
    added, changed, removed, other, curation = [], [], [], [], []
    renamed = {c.path: c.old_path for c in changes if c.kind == "renamed" and c.old_path}
    data = (content, f"{settings.curation_dir}/")
    code = {c for c in changes if not all(p.startswith(data) for p in _paths(c))}
    for change in changes:
        item = by_path.get(change.path)
        if change in code:
            continue
        if item is not None and change.kind == "added":
            added.append(item)
        elif item is not None:
            changed.append(item)
        elif change.path.startswith(content) and change.kind == "deleted":
            removed.append(change.path)
        elif change.path.startswith(content):
            other.append(f"{_code(change.path)} ({change.kind})")
        else:
            curation.append(f"{_code(change.path)} ({change.kind})")
    added, changed = _by_type(added), _by_type(changed)
    out = ["## Workscape: what this pull request changes", ""]
    out += _code_section(code)
    counts = [f"{len(added)} added", f"{len(changed)} changed", f"{len(removed)} removed"]
    out += [f"Items: {', '.join(counts)}; curation files: {len(curation)}.", ""]
    if request is not None:
        out += _roles_section(request.roles) + _statements_section(request.statements)
    if added:
        out += ["### Added", "", *_items_table(added, catalog, renamed), ""]
    if changed:
        out += ["### Changed", "", *_items_table(changed, catalog, renamed), ""]
    if removed:
        out += ["### Removed", "", *(f"- {_code(p)}" for p in sorted(removed)), ""]
    if other:
        out += ["### Other files under content", "", *(f"- {x}" for x in sorted(other)), ""]
    if curation:
        out += ["### Curation data", "", *(f"- {x}" for x in sorted(curation)), ""]
    touched = {c.path for c in changes}
    mine = sorted(f for f in findings if f.path in touched)
    out += ["### Errors and warnings in these files", ""]
    out += _findings(mine) or ["None: `workscape check` finds nothing in the changed files."]
    out += ["", *_review_section(catalog, [*added, *changed], bool(curation)), ""]
    out += _similar_section(catalog, settings, [i for i in added if i.type == "problem"])
    return "\n".join(out).rstrip("\n") + "\n"


def _paths(change: Change) -> list[str]:
    return [change.path, *([change.old_path] if change.old_path else [])]


def _code_section(changes: set[Change]) -> list[str]:
    if not changes:
        return []
    out = [
        "### Changes to code and configuration — need a maintainer",
        "",
        "**These files run during the build or decide what the site loads: a maintainer "
        "must review them (CODEOWNERS asks the maintainers), whatever else this summary says.**",
        "",
    ]
    for change in sorted(changes, key=lambda c: c.path):
        was = f", from {_code(change.old_path)}" if change.old_path else ""
        out.append(f"- **{_code(change.path)}** ({change.kind}{was})")
    return [*out, ""]


def _roles_section(roles: Sequence[RoleChange]) -> list[str]:
    if not roles:
        return []
    out = ["### **Roles and identities changed: a curator must approve each**", ""]
    for r in roles:
        before = _md(", ".join(r.before)) or "none"
        after = _md(", ".join(r.after)) or "none"
        out.append(f"- **{_code(r.handle)}: {_md(r.what)}** {before} → {after}")
    return [*out, ""]


def _statements_section(statements: Sequence[StatementChange]) -> list[str]:
    if not statements:
        return []
    out = [
        "### Statements in someone's name",
        "",
        "| change | statement | whose |",
        "|---|---|---|",
    ]
    for change in statements:
        s = change.statement
        whose = _code(s.by, table=True) if s.by else "the pull request's opener"
        if s.recorded_by:
            whose += f", recorded by {_code(s.recorded_by, table=True)}"
        what = f"{s.kind} of {_code(s.subject, table=True)}: {_md(s.says)}"
        out.append(f"| {change.change} | {what} | {whose} |")
    return [*out, ""]


def _review_section(catalog: Catalog, items: list[Item], curation_changed: bool) -> list[str]:
    out = ["### Who should review", ""]
    reviewers = route(catalog, items)
    if curation_changed:
        known = {r.person.handle for r in reviewers}
        extra = [Reviewer(p, ("community manager (curation data)",)) for p in managers(catalog)]
        reviewers += [r for r in extra if r.person.handle not in known]
    if not reviewers:
        return [*out, "Nobody in particular: no changed item has SMEs or a community manager."]
    out += ["| reviewer | why |", "|---|---|"]
    out += [f"| {_reviewer(r)} | {_md('; '.join(r.reasons))} |" for r in reviewers]
    return out


def _similar_section(catalog: Catalog, settings: Settings, new: list[Item]) -> list[str]:
    if not new:
        return []
    out = ["### Similar problems that already exist", ""]
    exclude = frozenset(i.id for i in new)
    found_any = False
    for problem in new:
        found = similar_problems(catalog, problem, exclude=exclude)
        if not found:
            continue
        found_any = True
        out.append(f"**{_md(problem.display_title)}** may already be answered here:")
        for s in found:
            shared = f"; shared tags: {_md(', '.join(s.shared_tags))}" if s.shared_tags else ""
            answers = len(catalog.answers_to(s.item.id))
            out.append(
                f"- {_link(s.item, settings)} ({s.score:.0f}% alike{shared}; "
                f"{answers} answer{'s' if answers != 1 else ''})"
            )
        out.append("")
    if not found_any:
        out.append("No existing problem looks like the new ones.")
    return out
