"""How text becomes search terms, exactly as the browser's lunr.js does it.

The index is built here, in Python, and queried by lunr.js 2.3.9 in the browser (and by
the ``lunr`` package in the CLI), so a word must turn into the same term on both sides:

- :func:`words` splits text into runs of letters and digits after NFKC normalisation
  and lowercasing; ``search.js`` uses the same rule (``/[\\p{L}\\p{N}]+/gu``).
- Stop words are lunr's own list (identical in the ``lunr`` package and lunr.js).
- :func:`stem` is lunr.js's Porter stemmer, ported line by line. The ``lunr`` package's
  stemmer is a different Porter implementation that disagrees on words ending in "y"
  ("day" -> "dai" there, "day" in lunr.js; "dry" -> "dry" there, "dri" in lunr.js),
  so an index stemmed with it would miss such words typed in the browser.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from lunr.pipeline import Pipeline
from lunr.stop_word_filter import WORDS as STOP_WORDS
from lunr.token import Token

_WORD = re.compile(r"[^\W_]+")

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
    "bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous",
    "ization": "ize", "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive",
    "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble",
    "logi": "log",
}  # fmt: skip
_STEP3 = {
    "icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": "",
}  # fmt: skip
_c = "[^aeiou]"  # consonant
_v = "[aeiouy]"  # vowel
_C = _c + "[^aeiouy]*"  # consonant sequence
_V = _v + "[aeiou]*"  # vowel sequence
_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)  # [C]VC... is m>0
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")  # [C]VC[V] is m=1
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)  # [C]VCVC... is m>1
_S_V = re.compile("^(" + _C + ")?" + _v)  # vowel in stem
_1A = re.compile(r"^(.+?)(ss|i)es$")
_1A2 = re.compile(r"^(.+?)([^s])s$")
_1B = re.compile(r"^(.+?)eed$")
_1B2 = re.compile(r"^(.+?)(ed|ing)$")
_LAST = re.compile(r".$")
_1B_AT = re.compile(r"(at|bl|iz)$")
_1B_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile("^(.+?)(" + "|".join(_STEP2) + ")$")
_3 = re.compile("^(.+?)(" + "|".join(_STEP3) + ")$")
_4 = re.compile(
    r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$"
)
_4B = re.compile(r"^(.+?)(s|t)(ion)$")
_5 = re.compile(r"^(.+?)e$")
_5_LL = re.compile(r"ll$")


@lru_cache(maxsize=200_000)
def stem(w: str) -> str:
    """lunr.js 2.3.9's ``porterStemmer``, step for step (see the module docstring)."""
    if len(w) < 3:
        return w
    first = w[0]
    if first == "y":  # an initial y is a consonant
        w = "Y" + w[1:]
    # Step 1a
    if (m := _1A.match(w)) or (m := _1A2.match(w)):
        w = m[1] + m[2]
    # Step 1b
    if m := _1B.match(w):
        if _MGR0.match(m[1]):
            w = w[:-1]
    elif m := _1B2.match(w):
        base = m[1]
        if _S_V.match(base):
            w = base
            if _1B_AT.search(w):
                w += "e"
            elif _1B_DOUBLE.search(w):
                w = w[:-1]
            elif _CVC.match(w):
                w += "e"
    # Step 1c: y -> i after a consonant that is not the first letter (cry -> cri, say -> say)
    if m := _1C.match(w):
        w = m[1] + "i"
    # Step 2
    if (m := _2.match(w)) and _MGR0.match(m[1]):
        w = m[1] + _STEP2[m[2]]
    # Step 3
    if (m := _3.match(w)) and _MGR0.match(m[1]):
        w = m[1] + _STEP3[m[2]]
    # Step 4
    if m := _4.match(w):
        if _MGR1.match(m[1]):
            w = m[1]
    elif (m := _4B.match(w)) and _MGR1.match(m[1] + m[2]):
        w = m[1] + m[2]
    # Step 5
    if m := _5.match(w):
        base = m[1]
        if _MGR1.match(base) or (_MEQ1.match(base) and not _CVC.match(base)):
            w = base
    if _5_LL.search(w) and _MGR1.match(w):
        w = w[:-1]
    if first == "y":
        w = "y" + w[1:]
    return w


def words(text: str) -> list[str]:
    """The words of ``text``: lowercased runs of letters and digits, in order."""
    if not text.isascii():  # ASCII is its own NFKC form, and most text is ASCII
        text = unicodedata.normalize("NFKC", text)
    return _WORD.findall(text.lower())


@lru_cache(maxsize=200_000)
def term(word: str) -> str | None:
    """The index term of one word, or None for a stop word."""
    return None if word in STOP_WORDS else stem(word)


def terms(text: str) -> list[str]:
    """The index terms of ``text``, repeats kept (term frequency counts)."""
    return [t for t in map(term, words(text)) if t is not None]


def _lunr_stemmer(token: Token, i: int | None = None, tokens: list[Token] | None = None) -> Token:
    """:func:`stem` as a lunr pipeline function, for the CLI's queries."""
    return token.update(lambda s, metadata=None: stem(s))


Pipeline.register_function(_lunr_stemmer, "workscape-stemmer")


def search_pipeline() -> Pipeline:
    """The query pipeline of the core's index: the browser's stemmer, nothing else."""
    pipeline = Pipeline()
    pipeline.add(_lunr_stemmer)
    return pipeline
