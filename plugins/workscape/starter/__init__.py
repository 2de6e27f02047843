"""The files `workscape init` writes, and how `workscape upgrade` compares them.

Where do they come from? One folder in the package, ``starter/files/``. This repository's
own ``.github/`` workflows, issue forms and pull request template are those same files
rendered for this repository (a test holds them equal), so a new form or workflow reaches
both. Names starting with a dot are stored as ``dot-<name>``: a ``.gitignore`` or
``.github/`` inside the package would act on this repository.

How are they templated? ``%%name%%`` tokens, replaced as plain text. Jinja's ``{{ }}`` and
the shell's ``$`` both mean something inside a workflow already. What differs between this
repository and an organisation's is small and named in :class:`Options`: the install line
(``.`` here; ``workscape==<version>`` from an index, or a git URL at the version's tag,
there), the file pip's cache is keyed on, and where the pre-commit hook finds ``workscape``.

Which files does ``upgrade`` manage? The engine's: :data:`ENGINE_FILES`, the workflows,
issue forms, pull request template and pre-commit configuration. ``mkdocs.yml``, README,
content and curation are the organisation's from the moment init writes them.

What may ``upgrade --write`` overwrite? Only a file still byte for byte as Workscape wrote it
(its hash in :data:`RECORD`); a file the organisation changed is shown as a diff and left
for a person to merge. The record remembers the options init was given, so the new
version's files are rendered the same way.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from importlib import metadata
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath
from typing import Literal

from ..errors import Finding, ProjectError
from ..patterns import linear

#: Where init records what it wrote, for ``upgrade``.
RECORD = ".workscape/starter.json"
#: Files Workscape keeps current in an organisation's repository (prefixes of paths).
ENGINE_FILES = (
    ".github/workflows/",
    ".github/ISSUE_TEMPLATE/",
    ".github/PULL_REQUEST_TEMPLATE.md",
    ".github/config-allowlist.yml",
    ".pre-commit-config.yaml",
)
#: The install source that means the default package index.
DEFAULT_INDEX = "pypi"

_TOKEN = linear(r"%%([a-z_]+)%%")


def installed_version() -> str:
    """The installed package's version: pyproject.toml's, the one place it is written."""
    return metadata.version("workscape")


@dataclass(frozen=True)
class Options:
    """What init was asked for; recorded so upgrade renders the same way."""

    site_name: str
    repo_url: str = ""
    #: ``pypi`` (the default index), another index's URL, or a ``git+`` URL of Workscape.
    install_source: str = DEFAULT_INDEX
    #: The first curator's git address, so the first commit is theirs, not a stranger's.
    curator_email: str = ""


def install_requirement(source: str, version: str) -> str:
    """The pip arguments that install Workscape ``version`` from ``source``, pinned."""
    if source == DEFAULT_INDEX:
        return f'"workscape=={version}"'
    if source.startswith("git+"):
        return f'"workscape @ {source.rstrip("/")}@v{version}"'
    if source.startswith(("https://", "http://")):
        return f'--index-url {source} "workscape=={version}"'
    raise ProjectError(
        f"install source {source!r} is neither 'pypi', a package index URL nor a git+ URL",
        [
            Finding.error(
                "--install-source",
                (1, 1),
                "install-source",
                f"cannot install Workscape from {source!r}",
                "give 'pypi', an index URL (https://.../simple) or git+https://host/org/workscape",
            )
        ],
    )


def _site_url(repo_url: str) -> str:
    """GitHub Pages' address for a github.com repository, else none (set it by hand)."""
    prefix = "https://github.com/"
    parts = repo_url.removeprefix(prefix).strip("/").split("/")
    if repo_url.startswith(prefix) and len(parts) == 2 and all(parts):
        return f"https://{parts[0].lower()}.github.io/{parts[1]}/"
    return ""


def _yaml_scalar(text: str) -> str:
    # JSON strings are YAML scalars: any name is quoted and escaped correctly.
    return json.dumps(text, ensure_ascii=False)


def organisation_tokens(options: Options, version: str) -> dict[str, str]:
    """The token values for an organisation's repository."""
    repo_lines = ""
    if options.repo_url:
        site_url = _site_url(options.repo_url)
        if site_url:
            repo_lines += f"site_url: {site_url}\n"
        repo_lines += f"repo_url: {_yaml_scalar(options.repo_url)}\n"
        name = "/".join(options.repo_url.rstrip("/").split("/")[-2:])
        repo_lines += f"repo_name: {_yaml_scalar(name)}\n"
        # Edit links need the repository: without one MkDocs warns, and --strict fails.
        repo_lines += "edit_uri: edit/main/content/\n"
    install = install_requirement(options.install_source, version)
    return {
        "install": install,
        "install_shell": install,
        # The workflow pins the version, so its own text is what pip's cache should key on.
        "cache_dependency_path": ".github/workflows/check.yml",
        "bin": "",
        "site_name": _yaml_scalar(options.site_name),
        "repo_lines": repo_lines,
        "curator_emails": f"[{_yaml_scalar(options.curator_email)}]"
        if options.curator_email
        else "[]",
        "version": version,
    }


#: This repository's own rendering: Workscape installed from its checkout, with the
#: versions CI pins, and the hook run from the project's virtualenv.
REPOSITORY_TOKENS = {
    "install": "-c constraints.txt .",
    "cache_dependency_path": "pyproject.toml",
    "bin": ".venv/bin/",
}


def _walk(folder: Traversable, prefix: PurePosixPath) -> Iterator[tuple[str, Traversable]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        name = (
            "." + entry.name.removeprefix("dot-") if entry.name.startswith("dot-") else entry.name
        )
        if entry.is_dir():
            yield from _walk(entry, prefix / name)
        elif not entry.name.endswith((".pyc", ".py")):
            yield (prefix / name).as_posix(), entry


def templates() -> dict[str, str]:
    """Every starter file's path in a repository and its text with tokens."""
    root = files(__name__).joinpath("files")
    return {path: entry.read_text(encoding="utf-8") for path, entry in _walk(root, PurePosixPath())}


def render(text: str, tokens: dict[str, str]) -> str:
    """``text`` with each ``%%name%%`` replaced; an unknown token is an error, never left in."""

    def value(name: str) -> str:
        if name not in tokens:
            raise KeyError(f"starter token %%{name}%% has no value")
        return tokens[name]

    out, at = [], 0
    for match in _TOKEN.finditer(text):
        out += [text[at : match.start()], value(match.group(1))]
        at = match.end()
    return "".join([*out, text[at:]])


def is_engine_file(path: str) -> bool:
    """True for the files ``upgrade`` keeps current."""
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in ENGINE_FILES)


def rendered(options: Options, version: str) -> dict[str, str]:
    """Every file init writes for ``options``, as Workscape ``version`` writes it."""
    tokens = organisation_tokens(options, version)
    return {path: render(text, tokens) for path, text in templates().items()}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_text(options: Options, version: str, hashes: dict[str, str]) -> str:
    """The record of what init (or upgrade) wrote: options, version and each engine file's hash."""
    record = {
        "workscape": version,
        "options": asdict(options),
        "files": dict(sorted(hashes.items())),
    }
    return json.dumps(record, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


@dataclass(frozen=True)
class Record:
    version: str
    options: Options
    hashes: dict[str, str]


def read_record(root: Path) -> Record:
    """The record init left, or an error that says what to do without one."""
    path = root / RECORD
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Record(
            version=str(data["workscape"]),
            options=Options(**data["options"]),
            hashes={str(k): str(v) for k, v in data["files"].items()},
        )
    except FileNotFoundError:
        hint = "this repository was not made by `workscape init`; compare with a fresh init"
    except (ValueError, KeyError, TypeError) as exc:
        hint = f"the record is damaged ({exc}); restore it from git history"
    raise ProjectError(
        f"cannot read {RECORD}",
        [Finding.error(RECORD, (1, 1), "no-starter-record", f"cannot read {RECORD}", hint)],
    )


Status = Literal["current", "update", "changed-here", "new", "gone"]


@dataclass(frozen=True)
class Change:
    """How one engine file in the repository compares with the installed version's."""

    path: str
    status: Status
    diff: str  #: unified diff from the repository's file to the installed version's
    new_text: str | None


def compare(root: Path, record: Record, version: str) -> list[Change]:
    """Each engine file: current, updatable (unchanged here), changed here, new or gone."""
    wanted = {p: t for p, t in rendered(record.options, version).items() if is_engine_file(p)}
    changes = []
    for path in sorted(set(wanted) | set(record.hashes)):
        file = root / path
        have = file.read_text(encoding="utf-8") if file.is_file() else None
        want = wanted.get(path)
        diff = "".join(
            difflib.unified_diff(
                (have or "").splitlines(keepends=True),
                (want or "").splitlines(keepends=True),
                fromfile=f"a/{path}",
                tofile=f"b/{path}",
            )
        )
        status: Status
        if want is None:
            status = "gone"
        elif have == want:
            status = "current"
        elif have is None:
            # Deleted here on purpose, or never written: only the second is taken.
            status = "new" if path not in record.hashes else "changed-here"
        elif record.hashes.get(path) == digest(have):
            status = "update"
        else:
            status = "changed-here"
        changes.append(Change(path, status, diff, want))
    return changes
