"""Stage 1, the document: the normalised text with its offsets and tokens, what each word may be (its named
features), and the structure the later stages work within: sentences, paragraphs and clauses.

The unit of analysis is the clause: a sentence cut at connectors (فيما، بينما، كما، إذ ...) and before a comma
that opens the next report. Each word's features are computed once per distinct word and cached across articles
(most words of a corpus repeat), which is what keeps extraction fast.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import compress, pairwise, repeat
from operator import itemgetter, ne
from typing import NamedTuple, Sequence

from extract import dates as date_words
from extract.gazetteer import Gazetteer
from extract.lexicon import stems
from extract.text import NormText, Token, normalize
from extract.vocabulary import Lexicons, stem_in

# (the lookahead adds nothing but lets the regex engine skip to the candidate characters)
_SENTENCE_END = re.compile(r"(?=[.!?؟؛\n])(?:(?<!\d)[.!?؟؛]+(?!\d)|\n+)")
_NEWLINE = re.compile(r"\n+")
_COMMA = re.compile(r"،[\W_]*")  # a comma and the rest of the gap before the next word
_CACHE_LIMIT = 500_000


class WordFeatures(NamedTuple):
    """What one word (a token's text) may be, independent of its context; cached per distinct word."""

    name_start: bool  # a gazetteer name may start with it
    site_start: bool  # it opens a named site (a facility word: مطار، مسجد)
    marker: str | None  # the place marker it is (بلدة، ريف), as the lexicon spells it
    aggregate: bool  # a national or overall toll word
    aircraft: bool  # an aircraft word
    toll_rise: bool  # a rising-toll word (ارتفع)
    mourning: bool  # a word of mourning
    reporting_verb: bool  # a reporting verb (أعلن، قال)
    trigger_start: bool  # an event trigger may start here
    actor_start: bool  # an actor's name may start here
    casualty_start: bool  # a casualty word may start here
    nonevent_start: bool  # a non-event phrase may start here
    cumulative_start: bool  # a cumulative-toll phrase may start here
    reaction_start: bool  # a reaction phrase may start here
    time_start: bool  # a time word may start here


_GETTERS = {name: itemgetter(k) for k, name in enumerate(WordFeatures._fields)}


def feature(name: str) -> itemgetter:
    """A getter of one named feature of WordFeatures records: by its index, which C code reads faster than the
    attribute (the per-article scans map it over every word)."""
    return _GETTERS[name]


class WordTable:
    """Per-word caches shared by every article an extractor reads: features and clause-connector tests."""

    def __init__(self, lex: Lexicons, gazetteer: Gazetteer) -> None:
        self.lex, self.gaz = lex, gazetteer
        self._features: dict[str, WordFeatures] = {}
        self._connectors: dict[str, bool] = {}
        self._last_tokens: object = None
        self._last_words: list[WordFeatures] = []

    def words(self, tokens: Sequence[Token]) -> list[WordFeatures]:
        """The features of every word of an article; the last list built is reused."""
        if tokens is self._last_tokens:
            return self._last_words
        texts = list(map(itemgetter(0), tokens))
        words = list(map(self._features.get, texts))  # None: a word not seen yet
        if None in words:
            cache = self._features
            for k, record in enumerate(words):
                if record is None:
                    words[k] = cache.get(texts[k]) or self.features(texts[k])
        self._last_tokens, self._last_words = tokens, words
        return words

    def features(self, word: str) -> WordFeatures:
        """The features of one word, computed from its stems (cached)."""
        lex = self.lex
        # a name starts with a word that is a whole name or a name's first word, or with a compound head
        # written apart from a name the tables join ("خان طومان" for خانطومان)
        first, prefixes, heads = self.gaz.first_words, self.gaz.prefixes, lex.name_prefixes
        forms = stems(word)
        keys = [(f[2:] if f.startswith("ال") and len(f) > 3 else f) for f in forms]
        starts = not first.isdisjoint(keys) or not prefixes.isdisjoint(heads.intersection(keys))
        # (for a set, `stem_in(word, s) is not None` is `not s.isdisjoint(stems(word))`; and a matcher's
        # `may_start(word)` is the same test on its first words, with the stems at hand)
        record = WordFeatures(
            starts, not lex.facilities.isdisjoint(forms), stem_in(word, lex.markers),
            not lex.aggregate.isdisjoint(forms), not lex.aircraft.isdisjoint(forms),
            not lex.toll_rise.isdisjoint(forms), not lex.mourning.isdisjoint(forms),
            not lex.reporting_verbs.isdisjoint(forms),
            *(not m._options.keys().isdisjoint(forms) for m in (
                lex.triggers, lex.actors, lex.casualties, lex.nonevent, lex.cumulative, lex.reactions)),
            date_words.may_start_time_word(word))
        if len(self._features) < _CACHE_LIMIT:
            self._features[word] = record
        return record

    def opens_clause(self, texts: list[str]) -> list[bool]:
        """Per word, whether it is a clause connector ("فيما"، "وحيث")."""
        connector = self._connectors
        opens = list(map(connector.get, texts))
        if None in opens:
            connectors = self.lex.connectors
            for k, flag in enumerate(opens):
                if flag is None:
                    word = texts[k]
                    flag = opens[k] = normalize(word) in connectors or (word[:1] in "وف" and word[1:] in connectors)
                    if len(connector) < _CACHE_LIMIT:
                        connector[word] = flag
        return opens


class Clause(NamedTuple):
    """A clause: its token range, its number in the article, and the sentence and paragraph it belongs to."""

    order: int
    lo: int
    hi: int
    sentence: int
    s_lo: int  # the sentence's token range
    s_hi: int
    paragraph: int


@dataclass
class Doc:
    """An article as the later stages read it. Token-level lists are indexed by token number."""

    nt: NormText
    tokens: list[Token]
    norm: str
    words: list[WordFeatures]
    sentence_of: list[int]
    paragraph_of: list[int]
    clauses: list[tuple[int, int]]  # token ranges
    clause_of: list[int]
    sentence_bounds: dict[int, list[int]]  # sentence number -> [first token, end]

    @property
    def texts(self) -> list[str]:
        return list(map(itemgetter(0), self.nt.tokens))

    def clause(self, order: int) -> Clause:
        lo, hi = self.clauses[order]
        sentence = self.sentence_of[lo]
        s_lo, s_hi = self.sentence_bounds[sentence]
        return Clause(order, lo, hi, sentence, s_lo, s_hi, self.paragraph_of[lo])

    def rank(self) -> dict[int, int]:
        """Sentences in order, empty ones not counted: sentence number -> rank."""
        return {number: k for k, number in enumerate(self.sentence_bounds)}

    def flagged(self, name: str) -> list[bool]:
        """One named feature of every word ("aircraft", "trigger_start" ...)."""
        return list(map(feature(name), self.words))


def read(text: str, table: WordTable) -> Doc | None:
    """The document of an article's text; None when it has no words."""
    nt = NormText(text)
    if not nt.tokens:
        return None
    sentence_of, paragraph_of = sentences(nt)
    clauses = cut_clauses(nt, sentence_of, table)
    firsts = list(compress(range(len(sentence_of)), map(ne, sentence_of, [-1, *sentence_of])))
    bounds = {sentence_of[a]: [a, b] for a, b in zip(firsts, [*firsts[1:], len(sentence_of)])}
    return Doc(nt, nt.tokens, nt.norm, table.words(nt.tokens), sentence_of, paragraph_of, clauses, clause_numbers(len(nt.tokens), clauses),
               bounds)


def sentences(nt: NormText) -> tuple[list[int], list[int]]:
    """Sentence and paragraph number of every token."""
    tokens, norm = nt.tokens, nt.norm
    cuts = [m.end() for m in _SENTENCE_END.finditer(norm)]
    paras = [m.end() for m in _NEWLINE.finditer(norm)]
    # a token's number is the count of cuts at or before its start: a binary search each, run by map
    starts = list(map(itemgetter(1), tokens))
    sentence_of = list(map(bisect.bisect_right, repeat(cuts), starts))
    paragraph_of = list(map(bisect.bisect_right, repeat(paras), starts))
    return sentence_of, paragraph_of


def cut_clauses(nt: NormText, sentence_of: list[int], table: WordTable) -> list[tuple[int, int]]:
    """Token ranges of the clauses: a sentence is cut before a connector ("فيما"، "حيث") and before a
    comma's "وفي" ("قتل 24 مواطنا، وفي محافظة دمشق قتل 15") or "اضافة الى" ("تتعرض لقصف عنيف"، اضافة الى
    غارات بالطيران الحربي على الخالدية"), which opens the next report.

    The per-token work runs in C (a cached map over the words, compress over the sentence numbers); the
    commas are found by one regex over the text."""
    tokens, norm = nt.tokens, nt.norm
    n = len(tokens)
    if n == 0:
        return []
    texts = list(map(itemgetter(0), tokens))
    opens = table.opens_clause(texts)
    cuts = set(compress(range(1, n), opens[1:]))
    cuts.update(compress(range(1, n), map(ne, sentence_of[1:], sentence_of[:-1])))
    if "،" in norm:
        starts = list(map(itemgetter(1), tokens))
        openers = table.lex.comma_openers
        for m in _COMMA.finditer(norm):
            k = bisect.bisect_left(starts, m.end())
            if 0 < k < n and starts[k] == m.end() and (
                    texts[k] in openers
                    # "، بعد ساعات من انفجار عبوة": an earlier event (not "، بعد أن شن", its own background)
                    or (texts[k] == "بعد" and k + 1 < n and texts[k + 1] not in ("ان", "ما"))):
                cuts.add(k)
    return list(pairwise([0, *sorted(cuts), n]))


def clause_numbers(n: int, clauses: list[tuple[int, int]]) -> list[int]:
    """The clause number of each of the n tokens (clauses cover every token, in order)."""
    out = [0] * n
    for n_clause, (lo, hi) in enumerate(clauses):
        out[lo:hi] = [n_clause] * (hi - lo)
    return out
