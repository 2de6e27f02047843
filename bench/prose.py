"""Plausible technical prose for the benchmark corpus, from the word lists in words.py.

Sentences come from templates whose slots draw domain nouns of the item's community,
general nouns (Zipf-weighted), verbs, adjectives, and a long tail of rare tokens: product
names, equipment and error codes, quantities. Search indexes built over it then see a
vocabulary shaped like real maintenance and operations notes, not lorem ipsum.
"""

from __future__ import annotations

import random
import re
import unicodedata
from typing import Protocol

import words as W


class Subject(Protocol):
    """What the prose is about: an item's kind, community, tags and (for resources) format."""

    kind: str
    community: str
    tags: list[str]
    format: str


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class Text:
    """Plausible technical prose from the word lists, with a long tail of rare tokens."""

    def __init__(self, rng: random.Random, communities: dict[str, list[str]]):
        self.rng = rng
        self.domain = communities  #: community id -> its nouns
        self.nouns = W.GENERAL_NOUNS
        self.noun_cw = _zipf_cw(len(self.nouns), 0.8)
        self.products = sorted({self._product() for _ in range(600)})
        self.product_cw = _zipf_cw(len(self.products), 1.0)

    def _product(self) -> str:
        r = self.rng
        name = "".join(r.choice(W.SYLLABLES) for _ in range(r.randint(2, 3))).capitalize()
        return name + (
            f" {r.randint(1, 9)}{r.choice(('00', '10', '50', 'X', 'S'))}"
            if r.random() < 0.6
            else ""
        )

    def slot(self, name: str, item: Subject) -> str:
        r = self.rng
        match name:
            case "n" | "n2":
                if r.random() < 0.5:
                    return r.choice(self.domain[item.community])
                return r.choices(self.nouns, cum_weights=self.noun_cw)[0]
            case "a":
                return r.choice(W.ADJECTIVES)
            case "vp":
                return r.choice(W.VERBS_PAST)
            case "v":
                return r.choice(W.VERBS)
            case "t":
                return r.choice(item.tags).replace("-", " ") if item.tags else "this"
            case "c":
                return (
                    f"{r.choice('PVKMCFTX')}{r.choice(('', 'V', 'T', 'L'))}-{r.randint(10, 9999)}"
                )
            case "e":
                return r.choice(("E", "ALM-", "ERR ", "F")) + str(r.randint(100, 9999))
            case "q":
                return f"{r.choice((r.randint(2, 90), round(r.uniform(0.1, 9.9), 1)))} {r.choice(W.UNITS)}"
            case "s":
                return r.choice(W.SITES)
            case "p":
                return r.choices(self.products, cum_weights=self.product_cw)[0]
            case "w":
                return r.choice(W.TIME_WORDS)
            case "sym":
                return r.choice(W.SYMPTOMS)
            case "who":
                return r.choice(W.FIRST_NAMES)
            case "kind":
                return item.format
        raise KeyError(name)

    def fill(self, template: str, item: Subject) -> str:
        out = re.sub(r"\{(\w+)\}", lambda m: self.slot(m[1], item), template)
        return out[0].upper() + out[1:]

    def paragraph(self, templates: tuple[str, ...], item: Subject) -> str:
        chosen = self.rng.sample(templates, min(len(templates), self.rng.randint(3, 5)))
        return " ".join(self.fill(t, item) for t in chosen)

    def blocks(self, item: Subject, links: list[str]) -> list[str]:
        """Paragraphs, a heading, a list, sometimes code: 150 to 400 words in all."""
        r = self.rng
        sentences = {
            "problem": W.PROBLEM_SENTENCES,
            "answer": W.ANSWER_SENTENCES,
            "resource": W.RESOURCE_SENTENCES,
        }[item.kind]
        target = r.randint(150, 400)
        out = [self.paragraph(sentences, item)]
        headings = list(W.HEADINGS[item.kind])
        r.shuffle(headings)
        words = len(out[0].split())
        while words < target:
            roll = r.random()
            if roll < 0.25 and headings:
                block = f"## {headings.pop()}\n\n{self.paragraph(sentences, item)}"
            elif roll < 0.45:
                mark = "1." if item.kind == "answer" else "-"
                steps = (
                    self.fill(r.choice(W.STEP_SENTENCES), item) for _ in range(r.randint(3, 5))
                )
                block = "\n".join(f"{mark} {s}." for s in steps)
            elif roll < 0.55 and item.kind != "resource":
                block = self._code(item)
            else:
                block = self.paragraph(sentences, item)
                if r.random() < 0.3:
                    block += f" See `{self.slot('c', item)}` and **{self.slot('e', item)}**."
            out.append(block)
            words += len(block.split())
        if links:
            out.append(" ".join(links))
        return out

    def _code(self, item: Subject) -> str:
        r = self.rng
        if item.kind == "problem":
            lines = [
                f"2025-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} {r.randint(0, 23):02d}:"
                f"{r.randint(0, 59):02d} {r.choice(('ERROR', 'WARN', 'INFO'))} "
                f"{self.slot('e', item)} {self.slot('n', item)} {self.slot('sym', item)}"
                for _ in range(r.randint(2, 5))
            ]
            return "```text\n" + "\n".join(lines) + "\n```"
        lines = [
            f"{slugify(self.slot('n', item)).replace('-', '_')}: {self.slot('q', item)}"
            for _ in range(r.randint(2, 5))
        ]
        return "```yaml\n" + "\n".join(lines) + "\n```"


def _zipf_cw(n: int, s: float) -> list[float]:
    total, out = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank**s
        out.append(total)
    return out
