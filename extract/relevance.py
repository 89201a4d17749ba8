"""Relevance: what in an article is not news of an event — non-event phrases, cumulative tolls, reactions,
earlier reports told in the pluperfect, press reviews, the mourning of a known death. A clause dropped for such a
reason is kept with the reason (`Dropped`), so that a reader can see why a candidate gave no record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from extract.casualties import Casualty
from extract.dating import Period, periods
from extract.doc import Doc
from extract.frames import scan
from extract.lexicon import Match
from extract.places import PlaceMention
from extract.records import Article
from extract.text import Token, normalize, normalize_key
from extract.vocabulary import Lexicons

# the reasons a clause with an event trigger gives no record of its own
NON_EVENT = "non-event phrase (a threat, a demand, an exercise ...)"
SPREAD_TALLY = "a toll spread over several places, no one event"
CUMULATIVE = "a cumulative toll over a period"
BACKGROUND_YEAR = "background: its sentence is dated to an earlier year"
PERIOD_DETAIL = "no day of its own in an article about a long period's total: a detail of that total"
NO_PLACE = "no event place in the clause (its counts or strikes may go to the event reported before)"
TOLL_UPDATE = "the later toll of the event reported before"
NO_EVENT_LEFT = "its trigger names no event here (a front without victims, rubble cleared, a toll that rose)"


@dataclass(frozen=True)
class Dropped:
    """A clause with an event trigger that gave no record of its own, and why."""

    clause: int
    sentence: int
    start: int  # normalised characters of the clause
    end: int
    triggers: tuple[str, ...]  # the kinds of its triggers
    reason: str


@dataclass(frozen=True)
class Spans:
    """The token ranges of the article's non-event, cumulative-toll and reaction phrases, and its periods of several
    days (a total over months or years is a cumulative toll)."""

    nonevents: list[tuple[int, int]]
    cumulatives: list[tuple[int, int]]
    reactions: list[tuple[int, int]]
    periods: list[Period]

    @classmethod
    def find(cls, lex: Lexicons, doc: Doc) -> Spans:
        tokens, words = doc.tokens, doc.words
        found = periods(lex, doc)
        cumulatives = [(m.start, m.end) for m in scan(lex.cumulative, tokens, words, "cumulative_start")]
        cumulatives += [(p.start, p.end) for p in found if p.kind == "total"]
        return cls([(m.start, m.end) for m in scan(lex.nonevent, tokens, words, "nonevent_start")], cumulatives,
                   [(m.start, m.end) for m in scan(lex.reactions, tokens, words, "reaction_start")], found)

    @staticmethod
    def within(spans: list[tuple[int, int]], a: int, b: int) -> bool:
        return any(a <= start and end <= b for start, end in spans)

    def nonevent(self, lo: int, hi: int) -> bool:
        return self.within(self.nonevents, lo, hi)

    def cumulative(self, lo: int, hi: int) -> bool:
        return self.within(self.cumulatives, lo, hi)

    def reaction(self, lo: int, hi: int) -> bool:
        return self.within(self.reactions, lo, hi)


def press_review(lex: Lexicons, article: Article) -> bool:
    """"صحف قطرية: ..."، "صحيفة فرنسية: ...": a press review cites incidents its readers know."""
    title_words = (article.title or "").split(maxsplit=1)
    return bool(title_words) and normalize(title_words[0].rstrip(":")) in lex.press_review


def period_report(doc: Doc, found: list[Period], title_end: int) -> bool:
    """Whether the lead gives a long period's total ("مقتل 3042 من داعش والنصرة بغارات التحالف في 10 أشهر"): the
    sentences that name no day of their own detail that total, they are no events. The lead is the title, when the
    text holds one (`title_end` >= 0), and the first sentence of the body."""
    tokens, sentence_of = doc.tokens, doc.sentence_of
    lead = sorted(set(sentence_of))[:2 if title_end >= 0 else 1]
    lead_end = tokens[max(k for k, sent in enumerate(sentence_of) if sent in lead)].end
    return any(p.kind == "total" and tokens[p.start].start < max(title_end, lead_end) for p in found)


def pluperfect(tokens: Sequence[Token], lo: int, hi: int) -> bool:
    """Whether the sentence opens with a pluperfect ("وكان ... قد أعلن"، "وكانت ... قد"): what it reports came
    before the article's news; with no day of its own it is coded as a known incident."""
    first = tokens[lo].text if lo < hi else ""
    return first in ("وكان", "وكانت", "كان", "كانت") and any(
        tokens[k].text == "قد" for k in range(lo + 1, min(hi, lo + 7)))


def new_report(doc: Doc, lo: int, hi: int) -> bool:
    """Whether the clause opens another source's report (a reporting verb: "أفادت الشبكة ... بأن 91 شخصا
    قتلوا"): its toll is not the one of the event the sentence reported before it."""
    return any(w.reporting_verb for w in doc.words[lo:min(hi, lo + 4)])


def mourned(lex: Lexicons, doc: Doc, mentions: list[PlaceMention], actors: list[Match]) -> set[str]:
    """The words of the article's sentences of mourning that may name whom they mourn ("علمت بحزن شديد بموت احمد
    شحادة المستشار" -> احمد، شحاده، مستشار): not places, sides, event or casualty words, nor short or common words."""
    tokens, words, sentence_of = doc.tokens, doc.words, doc.sentence_of
    mourning = {sentence_of[k] for k, w in enumerate(words) if w.mourning}
    if not mourning:
        return set()
    taken = {k for m in mentions for k in range(m.start, m.end)} | {k for m in actors for k in range(m.start, m.end)}
    out: set[str] = set()
    for number in mourning:
        lo, hi = doc.sentence_bounds[number]
        for k in range(lo, hi):
            key = normalize_key(tokens[k].text)
            w = words[k]
            if (k in taken or len(key) < 4 or key in lex.stopwords or key in lex.not_names
                    or (w.trigger_start and lex.triggers.match_at(tokens, k))
                    or (w.casualty_start and lex.casualties.match_at(tokens, k))
                    or w.mourning or w.reporting_verb):
                continue
            out.add(key)
    return out


def victims(tokens: Sequence[Token], casualties: list[Casualty], lo: int) -> set[str]:
    """Who the clause's dead are, by the words that can name them: the word after the casualty word ("مقتل مستشار")
    and, for a death told of its subject ("ان شحادة الذي ... قتل"), the word after the complementiser."""
    out = set()
    for c in casualties:
        if c.end < len(tokens):
            out.add(normalize_key(tokens[c.end].text))
        opener = next((k for k in range(c.start - 1, lo - 1, -1) if tokens[k].text in ("ان", "بان", "وان")), None)
        if opener is not None and opener + 1 < c.start:
            out.add(normalize_key(tokens[opener + 1].text))
    return out
