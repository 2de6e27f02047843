"""One digest of everything ``workscape check`` reads, so a warm run can reuse a whole result.

What goes in, and why each:

- **Workscape's code** (:func:`.cache.source_digest`): new rules give new findings.
- **Every file under the content and curation folders and ``.github/``**: items,
  pages, media, curation records, CODEOWNERS, the config allow-list. Their bytes
  are HEAD's, which its sha fixes, except for the files ``git status`` reports
  (changed, staged, deleted, untracked or ignored), whose path and bytes (a symbolic
  link by its target) go in. Git compares its index's file stamps and, where they
  cannot tell (a file changed within the index's own second), the bytes, so this
  reads no file that HEAD already fixes: a warm check on 10,000 items reads only
  what changed.
- **The configuration**: mkdocs.yml or properdocs.yml and each file reached by
  ``INHERIT``, read whole.
- **Git**: HEAD's sha and whether the clone is shallow (together they fix what
  ``git log`` and ``git ls-tree`` return), the repository's ``.mailmap`` (names and
  addresses after it) and where the project sits in the repository.
- **"Now"**: ``SOURCE_DATE_EPOCH``. Without it "now" is HEAD's commit time, already
  in; no rule reads the wall clock.

Without git (or without a commit) there is no digest: the cache is not used there.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import Finding
from .cache import CacheFolder, git_answer, source_digest
from .cache_codec import CacheDecodeError, decode_finding, encode_finding
from .settings import CONFIG_NAMES, Settings

#: INHERIT chains are cut at this length by the configuration reader too.
_MAX_INHERIT = 5


def check_inputs_digest(settings: Settings) -> str | None:
    """The digest of what ``check`` reads for the project of ``settings``; None without git."""
    root = settings.root
    git = _git_state(root)
    if git is None:
        return None
    head, shallow, toplevel = git
    h = hashlib.blake2b(digest_size=20)

    def add(*parts: bytes) -> None:
        for part in parts:
            h.update(len(part).to_bytes(8, "little"))
            h.update(part)

    add(source_digest().encode(), head.encode(), shallow.encode(), str(root).encode())
    add(toplevel.encode(), os.environ.get("SOURCE_DATE_EPOCH", "").strip().encode())
    add(_bytes(Path(toplevel) / ".mailmap"))
    for name in CONFIG_NAMES:
        for rel in _config_chain(root, name):
            add(rel.encode(), _bytes(root / rel))
    folders = (settings.docs_dir, settings.curation_dir, ".github")
    changed = _changed(root, folders)
    if changed is None:
        return None
    top = Path(toplevel)
    for rel in changed:
        add(rel.encode("utf-8", "surrogateescape"), _bytes(top / rel))
    return h.hexdigest()


def _changed(root: Path, folders: tuple[str, ...]) -> list[str] | None:
    """Paths (from the top of the repository) under ``folders`` that differ from HEAD."""
    done = git_answer(
        root,
        *("status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all"),
        *("--ignored=traditional", "--"),
        *(f":(literal){folder}/" for folder in folders),
        timeout=300,
    )
    if done is None or done.returncode != 0:
        return None
    records = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    # "XY path" each; --no-renames keeps every record to one path.
    return sorted({r[3:] for r in records if len(r) > 3})


def _git_state(root: Path) -> tuple[str, str, str] | None:
    done = git_answer(
        root, "rev-parse", "--is-shallow-repository", "--show-toplevel", "--verify", "-q", "HEAD"
    )
    if done is None:
        return None
    lines = done.stdout.decode("utf-8", "surrogateescape").splitlines()
    if done.returncode != 0 or len(lines) != 3:
        return None
    shallow, toplevel, head = lines
    return head, shallow, toplevel


def _bytes(file: Path) -> bytes:
    try:
        if file.is_symlink():
            return b"link:" + os.readlink(file).encode("utf-8", "surrogateescape")
        return b"file:" + file.read_bytes()
    except OSError:
        return b"absent"


def _config_chain(root: Path, name: str) -> list[str]:
    """``name`` and the files it INHERITs from, as far as they stay inside ``root``."""
    chain: list[str] = []
    rel = name
    while rel and len(chain) < _MAX_INHERIT and rel not in chain:
        chain.append(rel)
        try:
            text = (root / rel).read_text(encoding="utf-8", errors="replace")
        except OSError:
            break
        parent = next(
            (ln[8:].strip().strip("'\"") for ln in text.splitlines() if ln.startswith("INHERIT:")),
            "",
        )
        full = ((root / rel).parent / parent).resolve() if parent else None
        try:
            rel = full.relative_to(root.resolve()).as_posix() if full else ""
        except ValueError:
            rel = ""
    return chain


@dataclass(frozen=True)
class CheckResult:
    """What a whole ``check`` found: its findings, the held-back items and the item count."""

    findings: list[Finding]
    held_back_why: dict[str, str]
    items: int


def _name() -> str:
    return f"{_RESULT}{source_digest()}.json"


_RESULT = "check-"


def stored_result(folder: CacheFolder, key: str) -> CheckResult | None:
    """The result stored for inputs ``key``, or None (none, another key, or unreadable)."""
    value = folder.read(_name())
    if not isinstance(value, dict) or value.get("key") != key:
        return None
    try:
        findings = [decode_finding(f) for f in value["findings"]]
        held = value["held_back"]
        items = value["items"]
        if not isinstance(held, dict) or not isinstance(items, int) or isinstance(items, bool):
            return None
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in held.items()):
            return None
    except (CacheDecodeError, KeyError, TypeError):
        return None
    return CheckResult(findings, held, items)


def store_result(folder: CacheFolder, key: str, result: CheckResult) -> None:
    """Keep ``result`` as the one stored result (a warm check needs only the newest)."""
    value = {
        "key": key,
        "findings": [encode_finding(f) for f in result.findings],
        "held_back": result.held_back_why,
        "items": result.items,
    }
    folder.write(_name(), value, keep=_RESULT)
