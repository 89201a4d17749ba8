"""Arabic text normalisation that keeps a map back to the original characters.

Matching runs on a normalised copy of the article: camel-tools' alef, alef maqsura and ta marbuta normalisation
and its dediacritisation (its own functions, called at run time), then tatweel and bidi marks removed and
Arabic-Indic digits as ASCII. Every piece of evidence we publish must slice the *original* text exactly, so
normalisation is restricted to one-to-one replacements and deletions, and each normalised character knows the
original index it came from.

Tokenisation is our own regex over the normalised text, not camel-tools' simple_word_tokenize: that gives no
offsets, takes about 2.5 times as long over the corpora (4.7 s against 1.9 s for text and tokens of 4,577
articles), and splits differently on 6 of the 4,763 articles of the corpora and dev (C1 control characters inside
words, a decomposed alef with a combining hamza).
"""

from __future__ import annotations

import gc
import re
from itertools import repeat
from typing import NamedTuple
from functools import cached_property

from camel_tools.utils.charsets import AR_DIAC_CHARSET
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar

# Importing camel_tools.utils.charsets builds frozensets of every Unicode letter, mark and number (about 270,000
# strings) that each full garbage collection of the process would then walk: 0.37 s a collection, measured,
# against 0.01 s without them, which made extraction several times slower. They are static data: freezing what
# exists now moves it out of the collector's reach for good.
gc.freeze()

TATWEEL = "\u0640"
# Zero-width and bidi control characters that scrapers leave inside Arabic words.
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c\u00ad"
DELETED = frozenset(AR_DIAC_CHARSET) | {TATWEEL} | frozenset(INVISIBLE)

_REPLACE = {
    # camel-tools normalize_alef_ar / normalize_alef_maksura_ar / normalize_teh_marbuta_ar
    "\u0625": "\u0627", "\u0623": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
    "\u0649": "\u064a", "\u0629": "\u0647",
    # Persian kaf/yeh that some sites type for Arabic ones
    "\u06a9": "\u0643", "\u06cc": "\u064a",
}
_REPLACE.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
_REPLACE.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Extended (Persian) digits
_TABLE = str.maketrans({**_REPLACE, **{ch: None for ch in DELETED}})
_HAS_DELETED = re.compile("[" + "".join(sorted(DELETED)) + "]")
_DELETED_RUN = re.compile("[" + "".join(re.escape(ch) for ch in sorted(DELETED)) + "]+")
# Any character _TABLE changes: words that hold none (most tokens, already normalised) skip translate.
_CHANGES = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]")
# _TABLE as character -> replacement ("" for a deletion). No replacement is itself changed by the table, so
# replacing the characters one after the other gives translate's result; on a whole article a few
# str.replace calls (one per distinct character present) are several times faster than translate.
_SUBSTITUTE = {chr(code): "" if repl is None else repl for code, repl in _TABLE.items()}
assert not any(ch in _SUBSTITUTE for repl in _SUBSTITUTE.values() for ch in repl)


# What Rasd's normalisation adds to camel-tools' (see _camel): tatweel, invisible marks, digits, Persian letters.
_CAMEL = frozenset("\u0625\u0623\u0622\u0671\u0649\u0629") | frozenset(AR_DIAC_CHARSET)
_EXTRA = {ch: repl for ch, repl in _SUBSTITUTE.items() if ch not in _CAMEL}
_EXTRA_TABLE = str.maketrans({ch: repl or None for ch, repl in _EXTRA.items()})
_EXTRA_CHANGES = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_EXTRA)) + "]")


def _camel(text: str) -> str:
    """camel-tools' normalisation of alef, alef maqsura and ta marbuta, and its dediacritisation."""
    return dediac_ar(normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text))))


def normalize(text: str) -> str:
    """Normalised form of `text` (same result as `NormText(text).norm`): camel-tools' normalisation, then ours.
    Most words it is given are already normalised (tokens of a normalised text): one regex search tells."""
    if not _CHANGES.search(text):
        return text
    text = _camel(text)
    return text.translate(_EXTRA_TABLE) if _EXTRA_CHANGES.search(text) else text


# What a key drops besides normalisation: the characters of the class [\s\-_ـ'"], i.e. Python's Unicode
# whitespace (str.isspace), hyphen, underscore, tatweel and quotes. One translate table does both steps
# (no character of this class is replaced by _TABLE); tests/extraction/test_text.py checks the class.
_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
               "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
KEY_DROPPED = _WHITESPACE + "-_" + TATWEEL + "'\""
_KEY_TABLE = {**_TABLE, **{ord(ch): None for ch in KEY_DROPPED}}
# Any character the key table changes. The place search builds keys from normalised tokens, which
# almost never hold one, and a regex search is several times cheaper than translating Arabic text.
_KEY_CHANGES = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_KEY_TABLE)) + "]")


def normalize_key(text: str) -> str:
    """A matching key for names: normalised, no spaces, hyphens or underscores, no leading ال.

    Joined and split compounds (كفرحمرة / كفر حمرة) and names with or without the article
    (الزربة / زربة) get the same key.
    """
    key = text.translate(_KEY_TABLE) if _KEY_CHANGES.search(text) else text
    return key[2:] if key.startswith("ال") and len(key) > 3 else key


class Token(NamedTuple):
    """A word of the normalised text with its [start, end) in the normalised string.

    A named tuple: an article makes thousands of them, and tuples are the cheapest records to build."""

    text: str
    start: int
    end: int


_WORD = re.compile(r"[^\W_]+")
_MATCH = re.Match
_NEW_TUPLE = tuple.__new__  # Token(text, start, end) without the Python-level __new__ of named tuples


class NormText:
    """An original string, its normalised copy, and the index map between them."""

    def __init__(self, original: str):
        self.original = original
        norm = _camel(original)
        for ch in set(_EXTRA_CHANGES.findall(norm)):  # = .translate(_EXTRA_TABLE), see _SUBSTITUTE
            norm = norm.replace(ch, _EXTRA[ch])
        self.norm = norm
        if _HAS_DELETED.search(original):
            # the index of every character kept: the ranges between runs of deleted characters
            index: list[int] = []
            kept = 0
            for run in _DELETED_RUN.finditer(original):
                index.extend(range(kept, run.start()))
                kept = run.end()
            index.extend(range(kept, len(original)))
            index.append(len(original))
            self._map: list[int] | None = index
        else:
            self._map = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised span [start, end)."""
        if self._map is None:
            return start, end
        if end <= start:
            return self._map[start], self._map[start]
        return self._map[start], self._map[end - 1] + 1

    @cached_property
    def tokens(self) -> list[Token]:
        # (maps over the matches run in C: a fifth faster than one comprehension building each tuple)
        found = list(_WORD.finditer(self.norm))
        return list(map(_NEW_TUPLE, repeat(Token), zip(map(_MATCH.group, found), map(_MATCH.start, found),
                                                      map(_MATCH.end, found))))
