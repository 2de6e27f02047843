"""Regular expressions for text that contributors or log writers control, in linear time.

Python's ``re`` backtracks: a pattern that passes every ordinary file can take
quadratic or cubic time on a few kilobytes someone shaped for it (blank lines
that ``\\s`` crosses, runs of brackets, spaces or backslashes), and no size limit
makes that safe. RE2 (``google-re2``) never backtracks: it guarantees time linear
in the text for every pattern it accepts, and it refuses the constructs that
cannot have that guarantee (look-around, back-references), so a pattern written
here is linear by construction, not because today's inputs happen to be kind.

Two habits keep the wrapper linear too. It encodes a ``str`` to UTF-8 on every
call, so run a pattern over a whole text with ``finditer``/``sub`` or on short
pieces (a line, a bounded window), never ``match(text, pos)`` in a loop over one
long text. And RE2's ``\\w``, ``\\d`` and ``\\s`` are ASCII: write ``\\pL``/``\\pN``
where letters of any script count.
"""

from __future__ import annotations

from typing import Any

import re2

#: What a compiled pattern is (google-re2 ships no type information).
Pattern = Any


def linear(source: str, *, ignore_case: bool = False) -> Pattern:
    """``source`` compiled with RE2; raises ``re2.error`` for a construct RE2 refuses."""
    options = re2.Options()
    options.log_errors = False  # a refused pattern is our error to raise, not noise on stderr
    options.case_sensitive = not ignore_case
    # A large alternation (the crawler list) needs more than the default 8 MiB of DFA
    # states to stay on the fast path; the memory is bounded either way.
    options.max_mem = 64 << 20
    return re2.compile(source, options)


def is_linear(pattern: object) -> bool:
    """Whether ``pattern`` was compiled by RE2 (for the tests that audit every module)."""
    return isinstance(pattern, re2._Regexp)
