"""Text of a new item file, valid from the start."""

from __future__ import annotations

from typing import Any

import yaml

from ..model import FOLDERS, ItemType

_BODY: dict[ItemType, str] = {
    "problem": "Describe what happened, where (equipment, site, system), what you expected, "
    "and what you already tried.\n",
    "answer": "Explain what fixed it and why, step by step. Link the resources you used.\n",
    "resource": "Summarise what this resource covers and who it helps.\n",
    "collection": "Say who this learning path is for and what they will be able to do after it.\n",
}


def item_text(kind: ItemType, meta: dict[str, Any], body: str = "") -> str:
    """Front matter (keys in schema order, empty ones left out) and a starter body."""
    clean = {k: v for k, v in meta.items() if v not in (None, "", [], ())}
    front = yaml.safe_dump(clean, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{front}---\n{body or _BODY[kind]}"


def item_path(docs_dir: str, kind: ItemType, item_id: str) -> str:
    return f"{docs_dir}/{FOLDERS[kind]}/{item_id}.md"
