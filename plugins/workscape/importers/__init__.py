"""Bringing in the knowledge an organisation already has: Q&A dumps, documents, spreadsheets.

Each importer reads its format into :class:`~.plan.Draft` items; :mod:`.plan` turns them into
the files to write, the same way for all. Decisions:

- **A dry run first.** Nothing is written without ``--write``; the dry run lists each file
  as ``create``, ``update`` or ``unchanged`` with where it came from.
- **Idempotent by ``source:``.** Every imported item records where it came from (the old
  URL or path). A second run finds the item by it and updates that file, whatever its id
  has become, so running again never duplicates.
- **Nothing dropped silently.** What cannot be mapped (an unknown tag, an unknown person,
  a relative link to nothing imported) is a finding at the source's file and line, with the
  flag that maps it. An item whose author is unknown is written only under
  ``--unknown-author``, with the original name kept in its body.
- **Foreign HTML becomes Markdown** through markdownify (:mod:`.html`); the site then
  renders and sanitizes it like anything a contributor writes.

The importers are an outer layer: they read the catalog but are not part of it, and they
import neither MkDocs nor the GitHub loop.
"""
