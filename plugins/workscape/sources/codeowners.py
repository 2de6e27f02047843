"""Reading and writing the repository's .github/CODEOWNERS file."""

from __future__ import annotations

from pathlib import Path

from .atomic import replace_file

CODEOWNERS_PATH = ".github/CODEOWNERS"


def read_codeowners(root: Path) -> str | None:
    """The committed CODEOWNERS text, or None when the repository has none."""
    file = root / CODEOWNERS_PATH
    return file.read_text(encoding="utf-8") if file.is_file() else None


def write_codeowners(root: Path, text: str) -> bool:
    """Write CODEOWNERS when it differs; True when the file changed."""
    if read_codeowners(root) == text:
        return False
    replace_file(root / CODEOWNERS_PATH, text)
    return True
