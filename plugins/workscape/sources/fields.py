"""Checking one YAML mapping against its declared fields (see :mod:`workscape.schema`)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import Finding, Position
from ..schema import (
    GITHUB_LOGIN_PATTERN,
    HANDLE_PATTERN,
    HOST_PATTERN,
    IDENTITY_PATTERN,
    SLUG_PATTERN,
    Field,
)
from ..suggest import did_you_mean
from .contact import HINT as CONTACT_HINT
from .contact import contact_problem
from .yamlfile import is_yaml11_bool

_SLUG = re.compile(SLUG_PATTERN)
_HANDLE = re.compile(HANDLE_PATTERN)
_IDENTITY = re.compile(IDENTITY_PATTERN)
_HOST = re.compile(HOST_PATTERN)
_LOGIN = re.compile(GITHUB_LOGIN_PATTERN)
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
#: Control characters XML (feeds) cannot carry, which YAML escapes ("\e", "\x01") can
#: produce; DEL and the C1 controls (U+009B starts a terminal escape like ESC [), and
#: lone surrogates, which no UTF-8 file or page can hold (intake values can).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
MAX_TEXT = 2000
MAX_TITLE = 200
MAX_LIST = 200


def invisible_chars(text: str) -> list[str]:
    """Bidirectional controls and zero-width characters, which can disguise text."""
    if text.isascii():  # the common case, and none of these characters is ASCII
        return []
    return [
        f"U+{ord(c):04X}"
        for c in text
        if unicodedata.category(c) == "Cf"
        or unicodedata.bidirectional(c)
        in ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI")
    ]


class Checker:
    """Coerces a mapping's values by their fields, collecting findings."""

    def __init__(self, path: str, positions: Mapping[str, Position], prefix: str = ""):
        self.path = path
        self.positions = positions
        self.prefix = prefix
        self.findings: list[Finding] = []

    def at(self, key: str) -> Position:
        full = f"{self.prefix}{key}"
        for candidate in (full, full.rsplit(".", 1)[0] if "." in full else "", self.prefix[:-1]):
            if candidate in self.positions:
                return self.positions[candidate]
        return self.positions.get("", (1, 1))

    def error(self, key: str, code: str, message: str, hint: str = "") -> None:
        # Callers name a field, not a position: a key nested under a prefix or missing
        # from the file is placed at its nearest written parent.
        self.findings.append(Finding.error(self.path, self.at(key), code, message, hint))

    def check(self, data: Mapping[str, Any], fields: tuple[Field, ...]) -> dict[str, Any]:
        """Clean values of the known fields; unknown, missing and mistyped ones are reported."""
        known = {f.name: f for f in fields}
        out: dict[str, Any] = {}
        for key in data:
            if key not in known:
                self.error(
                    f"{key}@key",
                    "unknown-field",
                    f"unknown field '{key}'",
                    did_you_mean(key, known, "Fields are listed in the README."),
                )
        for f in fields:
            if f.name not in data or data[f.name] is None:
                if f.required:
                    self.error(
                        "",
                        "missing-field",
                        f"required field '{f.name}' is missing",
                        f"add `{f.name}:` ({f.doc})",
                    )
                continue
            value = self._value(f, data[f.name])
            if value is not None:
                out[f.name] = value
        return out

    def _value(self, f: Field, value: Any) -> Any:
        name = f.name
        match f.kind:
            case "text":
                return self._text(name, value)
            case "slug" | "handle":
                return self._slug(name, value, f.kind)
            case "slugs" | "handles":
                if isinstance(value, str):
                    self.error(
                        name, "wrong-type", f"'{name}' must be a list", f"write `{name}: [{value}]`"
                    )
                    return None
                if not isinstance(value, list):
                    self.error(name, "wrong-type", f"'{name}' must be a list of ids")
                    return None
                if len(value) > MAX_LIST:
                    self.error(name, "too-many", f"'{name}' has more than {MAX_LIST} entries")
                    return None
                kind = "slug" if f.kind == "slugs" else "handle"
                items = [self._slug(f"{name}.{i}", v, kind) for i, v in enumerate(value)]
                return tuple(v for v in items if v is not None)
            case "emails":
                if not isinstance(value, list):
                    self.error(name, "wrong-type", f"'{name}' must be a list of addresses")
                    return None
                good = []
                for i, v in enumerate(value):
                    if isinstance(v, str) and _EMAIL.match(v):
                        good.append(v.lower())
                    else:
                        self.error(f"{name}.{i}", "bad-email", f"'{v}' is not an email address")
                return tuple(good)
            case "identities":
                return self._identities(name, value)
            case "hosts":
                return self._hosts(name, value)
            case "login":
                return self._login(name, value)
            case "contact":
                text = self._text(name, value)
                problem = contact_problem(text) if text is not None else None
                if problem:
                    self.error(name, "bad-contact", problem, CONTACT_HINT)
                    return None
                return text
            case "date":
                if isinstance(value, dt.date):
                    return value
                self.error(
                    name, "bad-date", f"'{value}' is not a date", "write the date as YYYY-MM-DD"
                )
                return None
            case "bool":
                if isinstance(value, bool):
                    return value
                hint = "write true or false"
                if is_yaml11_bool(value):
                    meant = "true" if value.lower() in ("yes", "on", "y") else "false"
                    hint = f"'{value}' is text here; write {meant}"
                self.error(name, "wrong-type", f"'{name}' must be true or false", hint)
                return None
            case "int" | "number":
                ok = isinstance(value, int) and not isinstance(value, bool)
                if f.kind == "number":
                    ok = ok or isinstance(value, float)
                if not ok:
                    self.error(name, "wrong-type", f"'{name}' must be a number, not '{value}'")
                    return None
                if (f.minimum is not None and value < f.minimum) or (
                    f.maximum is not None and value > f.maximum
                ):
                    bounds = (
                        f"between {f.minimum:g} and {f.maximum:g}"
                        if f.maximum is not None
                        else f"at least {f.minimum:g}"
                    )
                    self.error(name, "out-of-range", f"'{name}' is {value}; it must be {bounds}")
                    return None
                return value
            case "url":
                text = self._text(name, value)
                if text is None:
                    return None
                if not re.match(r"^https?://[^\s<>\"']+$", text):
                    self.error(
                        name,
                        "bad-url",
                        f"'{text}' is not an http(s) URL",
                        "write a full address starting with https://",
                    )
                    return None
                return text
            case "choice":
                if value in f.choices:
                    return value
                self.error(
                    name,
                    "bad-choice",
                    f"'{value}' is not a valid {name}",
                    did_you_mean(str(value), f.choices, f"Use one of: {', '.join(f.choices)}."),
                )
                return None
            case "mapping":
                if isinstance(value, dict):
                    return value
                self.error(name, "wrong-type", f"'{name}' must be a mapping of key: value")
                return None

    def _identities(self, name: str, value: Any) -> tuple[str, ...] | None:
        return self._patterned(
            name,
            value,
            lambda v: v.strip().lower() if _IDENTITY.match(v.strip()) else None,
            ("addresses or patterns", "an email address or a pattern of one"),
            '["*[bot]@users.noreply.github.com", "kb-maintainers@example.com"]',
            "bad-identity",
            "write an address (ci@example.com) or a pattern where * stands for any "
            "characters (*@bots.example.com); '*' alone means every address not in "
            "people.yml",
        )

    def _hosts(self, name: str, value: Any) -> tuple[str, ...] | None:
        def host(v: str) -> str | None:
            v = v.strip().lower()
            return v if len(v) <= 253 and _HOST.match(v) else None  # length first: bounded

        return self._patterned(
            name,
            value,
            host,
            ("host names", "a host name"),
            "[images.example.com]",
            "bad-host",
            "write the host alone, e.g. images.example.com: no scheme, path, port or wildcard",
        )

    def _patterned(
        self,
        name: str,
        value: Any,
        clean: Callable[[str], str | None],
        what: tuple[str, str],
        example: str,
        code: str,
        hint: str,
    ) -> tuple[str, ...] | None:
        """A list whose entries ``clean`` accepts (returning the value kept) or refuses."""
        if not isinstance(value, list):
            self.error(
                name,
                "wrong-type",
                f"'{name}' must be a list of {what[0]}",
                f"write e.g. `{name}: {example}`",
            )
            return None
        good = []
        for i, v in enumerate(value):
            kept = clean(v) if isinstance(v, str) else None
            if kept is None:
                self.error(f"{name}.{i}", code, f"'{v}' is not {what[1]}", hint)
            else:
                good.append(kept)
        return tuple(good)

    def _login(self, name: str, value: Any) -> str | None:
        text = self._text(name, value)
        if text is None:
            return None
        if not _LOGIN.match(text):
            # An '@' or a URL is the common slip; anything else could inject a mention
            # (@org/team) or a CODEOWNERS line where the bot writes the login.
            bare = text.removeprefix("https://github.com/").strip("/@ ")
            hint = "letters, digits and single hyphens, not first or last, at most 39"
            if bare != text and _LOGIN.match(bare):
                hint = f"write just the login: `{name}: {bare}`"
            self.error(name, "bad-github-login", f"'{text}' is not a GitHub login", hint)
            return None
        return text

    def _text(self, name: str, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(
                name,
                "wrong-type",
                f"'{name}' must be text",
                "quote the value if it contains ':' or starts with '[' or '{'",
            )
            return None
        text = str(value).strip()
        limit = MAX_TITLE if name == "title" else MAX_TEXT
        if len(text) > limit:
            self.error(name, "too-long", f"'{name}' is longer than {limit} characters")
            return None
        control = _CONTROL.search(text)
        if control:
            self.error(
                name,
                "control-character",
                f"'{name}' contains the invisible control character U+{ord(control[0]):04X}",
                "remove it (in YAML, escapes like \\e or \\x1b make one); pages and feeds "
                "cannot show it",
            )
            return None
        hidden = invisible_chars(text)
        if hidden and name in ("title", "label", "name", "description"):
            self.error(
                name,
                "invisible-characters",
                f"'{name}' contains invisible or direction-changing characters ({', '.join(hidden)})",
                "retype the text without them",
            )
            return None
        return text

    def _slug(self, key: str, value: Any, kind: str) -> str | None:
        if not isinstance(value, str):
            self.error(
                key,
                "wrong-type",
                f"'{value}' must be an id (text)",
                "quote it if YAML reads it as a number, date or true/false",
            )
            return None
        if invisible_chars(value):
            self.error(
                key,
                "invisible-characters",
                f"id {value!r} contains invisible or direction-changing characters "
                f"({', '.join(invisible_chars(value))})",
                "retype the id",
            )
            return None
        pattern = _SLUG if kind == "slug" else _HANDLE
        if not pattern.match(value):
            suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
            self.error(
                key,
                "bad-id",
                f"'{value}' is not a valid id",
                f"use lowercase letters, digits and hyphens, e.g. '{suggestion}'",
            )
            return None
        return value
