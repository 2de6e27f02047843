"""Compiled templates kept across the rebuilds of one ``mkdocs serve`` process.

MkDocs makes a new Jinja environment for every build, so a rebuild compiled Material's
and Workscape's ~50 templates again (about a second at 1,000 items) before rendering a
page. Jinja's bytecode cache hands the compiled code to the next environment; Jinja
checks each entry against a checksum of the template's source, so an edited template
(an organisation's override, say) is compiled afresh. Held in memory only: a one-shot
``mkdocs build`` compiles once either way and leaves nothing behind.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Jinja's bytecode, by template name and file, for the life of the process."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


TEMPLATES = MemoryBytecodeCache()
