"""Errors and findings: every problem Workscape reports, in one place.

A problem is first a :class:`Finding`, a value: where it is (path, 1-based line
and column of the offending value), how bad it is, a stable code, what is wrong
and a hint saying what to do. Loading and checking collect findings, so one run
reports them all; a stage that cannot go on raises a :class:`WorkscapeError`
carrying the findings that stopped it.

Our finding and exception hierarchy:

* Finding: one problem in one file, made by severity with
  ``Finding.error(path, at, code, message, hint)`` or ``Finding.warning(...)``,
  where ``at`` is a (line, col) :data:`Position` as the YAML reader keeps them.
  ``format()`` renders it for people; the GitHub Actions form is not the core's
  business and lives in ``workscape.github.annotations``.
  + error: must be fixed; ``workscape check`` exits 1.
  + warning: worth a look; fails only ``workscape check --strict``.
* WorkscapeError: base of every error raised on purpose; ``report()`` gives its
  message followed by its findings.
  + ContentError: the repository's files are invalid (the findings say where).
  + ProjectError: the project itself cannot be found or read (no mkdocs.yml,
    unreadable settings or git history).
  + IntakeError: an incoming event (a rating, a question, a log) is refused; its
    message is written for the person who sent it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
#: A 1-based (line, column) in a file; (1, 1) when a problem concerns the file as a whole.
Position = tuple[int, int]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found in one file."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    hint: str = ""

    @classmethod
    def error(cls, path: str, at: Position, code: str, message: str, hint: str = "") -> Finding:
        """A problem that must be fixed, at ``at`` in ``path``."""
        return cls(path, at[0], at[1], "error", code, message, hint)

    @classmethod
    def warning(cls, path: str, at: Position, code: str, message: str, hint: str = "") -> Finding:
        """A problem worth a look that fails only a ``--strict`` check."""
        return cls(path, at[0], at[1], "warning", code, message, hint)

    def format(self) -> str:
        """Render as ``path:line:col: severity code: message`` plus an indented hint."""
        text = f"{self.path}:{self.line}:{self.col}: {self.severity} {self.code}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class WorkscapeError(Exception):
    """Base of every error Workscape raises on purpose; carries its findings."""

    def __init__(self, message: str, findings: Iterable[Finding] = (), *, hint: str = "") -> None:
        super().__init__(message)
        self.findings: tuple[Finding, ...] = tuple(sorted(findings))
        self.hint = hint  #: what to do, for an error that no finding locates

    def report(self) -> str:
        """The message, its indented hint as a finding has one, then every finding."""
        head = str(self) + (f"\n  hint: {self.hint}" if self.hint else "")
        return "\n".join([head, *(f.format() for f in self.findings)])


class ContentError(WorkscapeError):
    """The repository's content or curation files are invalid."""


class ProjectError(WorkscapeError):
    """The project cannot be found or its settings cannot be read."""


class IntakeError(WorkscapeError):
    """An incoming event is refused; the message is meant for its sender."""


def errors_in(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that are errors (warnings left out)."""
    return [f for f in findings if f.severity == "error"]
