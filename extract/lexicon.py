"""Load the word lists in `extract/lexicon/` and match their phrases against tokens.

Arabic attaches conjunctions, prepositions and the article to the word (وبريف، لبلدة،
بالصواريخ): a word of the text matches a lexicon word when they are equal after stripping a
sequence of proclitics from the text word. Only the first word of a phrase is stripped; the
others must be equal, with or without ال.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import attrgetter
from pathlib import Path
from typing import Generic, Iterator, Sequence, TypeVar

from extract.text import Token, normalize

LEXICON_DIR = Path(__file__).with_name("lexicon")
T = TypeVar("T")
_TEXT = attrgetter("text")

# Proclitic sequences, longest first. ل + ال is written لل (للطيران).
_PROCLITICS = ("وبال", "وكال", "فبال", "وللـ", "ولل", "فلل", "بال", "كال", "وال", "فال", "لل",
               "وب", "ول", "وك", "فب", "فل", "ال", "و", "ف", "ب", "ل", "ك")
_MIN_STEM = 2
# the proclitics by their first letter, in the order above: a word is only tried with those it can start with
_PROCLITICS_BY_FIRST = {c: tuple(p for p in _PROCLITICS if p[0] == c) for c in {p[0] for p in _PROCLITICS}}


@lru_cache(maxsize=65536)
def stems(word: str) -> tuple[str, ...]:
    """The word and the forms left after stripping proclitics from it, most literal first.

    `لل` restores the article: للطيران -> الطيران as well as طيران.
    """
    out = [word]
    for clitic in _PROCLITICS_BY_FIRST.get(word[:1], ()):
        if word.startswith(clitic) and len(word) - len(clitic) >= _MIN_STEM:
            rest = word[len(clitic):]
            if clitic.endswith("لل") or (clitic.endswith("ال") and clitic != "ال"):
                out.append("ال" + rest)
            out.append(rest)
    seen: dict[str, None] = {}
    for form in out:
        seen.setdefault(form, None)
    return tuple(seen)


def _article_variants(word: str) -> tuple[str, ...]:
    if word.startswith("ال") and len(word) > 3:
        return (word, word[2:])
    return (word, "ال" + word)


def read_rows(name: str) -> list[list[str]]:
    """Rows of a TAB-separated lexicon file, comments and blank lines skipped."""
    rows = []
    for line in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def read_words(name: str) -> list[str]:
    return [normalize(row[0]) for row in read_rows(name)]


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int  # token index
    end: int  # token index, exclusive
    value: T
    phrase: str


class PhraseMatcher(Generic[T]):
    """Phrases (normalised word tuples) -> values; finds the longest phrase starting at a token."""

    def __init__(self, entries: Sequence[tuple[str, T]], article_optional: bool = False):
        """With `article_optional`, an entry written with ال also matches the word without it
        (الإسرائيلية / إسرائيلية); not for words whose article changes the meaning (اليوم / يوم)."""
        self._by_first: dict[str, list[tuple[tuple[str, ...], T, str]]] = {}
        for phrase, value in entries:
            words = tuple(normalize(phrase).split())
            if not words:
                continue
            firsts = _article_variants(words[0]) if article_optional and words[0].startswith("ال") else (words[0],)
            for first in firsts:
                self._by_first.setdefault(first, []).append((words, value, phrase))
        for options in self._by_first.values():
            options.sort(key=lambda item: -len(item[0]))
        # per first word: (length, accepted forms of the later words, value, phrase), in match order
        self._options: dict[str, tuple[tuple[int, tuple[tuple[str, ...], ...], T, str], ...]] = {
            first: tuple((len(words), tuple(_article_variants(w) for w in words[1:]), value, phrase)
                         for words, value, phrase in options)
            for first, options in self._by_first.items()}
        self._candidates = lru_cache(maxsize=1 << 16)(self._stripped_options)

    def _stripped_options(self, word: str) -> tuple[tuple[int, tuple[tuple[str, ...], ...], T, str], ...]:
        """The options of every form of `word` (stems order), one after the other: what match_at tries."""
        out: list[tuple[int, tuple[tuple[str, ...], ...], T, str]] = []
        for form in stems(word):
            out.extend(self._options.get(form, ()))
        return tuple(out)

    def may_start(self, word: str) -> bool:
        """Whether a phrase may start at `word` (as `bool(self._candidates(word))`), without filling that cache:
        asked of every new word of the text, when few open any phrase."""
        return not self._options.keys().isdisjoint(stems(word))

    def match_at(self, tokens: Sequence[Token], i: int, strip: bool = True) -> Match[T] | None:
        text = tokens[i].text
        options = self._candidates(text) if strip else self._options.get(text, ())
        for n, later, value, phrase in options:
            if i + n > len(tokens):
                continue
            # (one- and two-word phrases, most of them, checked without a generator)
            if n == 1 or (tokens[i + 1].text in later[0] if n == 2 else
                          all(tokens[i + k].text in later[k - 1] for k in range(1, n))):
                return Match(i, i + n, value, phrase)
        return None

    def find_all(self, tokens: Sequence[Token], start: int = 0, end: int | None = None) -> Iterator[Match[T]]:
        """Non-overlapping matches, left to right, longest at each position."""
        end = len(tokens) if end is None else end
        i = start  # the first token not inside a match
        # only the tokens a phrase could start at (most open none), picked out by map/compress in C
        for k in compress(range(start, end), map(self._candidates, map(_TEXT, tokens[start:end]))):
            if k < i:
                continue
            m = self.match_at(tokens, k)
            if m is not None and m.end <= end:
                yield m
                i = m.end


def lexicon_fingerprint() -> str:
    """A hash of every lexicon file: part of the extractor version."""
    digest = hashlib.sha256()
    for path in sorted(LEXICON_DIR.iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
