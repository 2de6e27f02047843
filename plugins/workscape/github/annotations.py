"""Findings as GitHub Actions annotations, so a check run marks the lines of a diff.

The format is GitHub's workflow command ``::error file=...,line=...::message``;
the core renders findings only for people (:meth:`workscape.errors.Finding.format`).
"""

from __future__ import annotations

from ..errors import Finding


def annotation(finding: Finding) -> str:
    """``finding`` as a workflow command that annotates its file and line on the diff."""
    message = finding.message + (f" (hint: {finding.hint})" if finding.hint else "")
    return (
        f"::{finding.severity} file={_escape_property(finding.path)},line={finding.line},"
        f"col={finding.col},title={_escape_property(finding.code)}::{_escape_data(message)}"
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # Properties are comma-separated key=value pairs ended by "::", so those characters too.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
