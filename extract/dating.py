"""The day of a clause's events (GUIDELINES §4): its own time words, else its sentence's when they agree on one
day, else its paragraph's so far; a relative day inside a quoted statement counts from the day of the statement;
in a reaction a same-day time word dates the reaction, and the incident is coded with week precision."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from extract import dates as date_words
from extract.doc import Clause, Doc, feature
from extract.places import PlaceMention
from extract.text import normalize_key
from extract.vocabulary import Lexicons



_SINCE = re.compile(r"منذ\s*$")  # "منذ 28 مايو": a date inside background dates nothing else


class Background(Exception):
    """The clause's sentence is dated to an earlier year only: it tells background, not news."""


class PeriodDetail(Exception):
    """The clause names no day in an article about a long period's total: it details that total."""


class Period(NamedTuple):
    """A period of several days ("خلال عشرة أشهر"، "خلال اليومين الماضيين"): its token range and what an event told
    over it is, a total ("total") or an event of those days with that precision ("week", "month")."""

    start: int
    end: int
    kind: str


def periods(lex: Lexicons, doc: Doc) -> list[Period]:
    """The article's periods of several days, found once by one regex over the text."""
    starts = [t.start for t in doc.tokens]
    ends = [t.end for t in doc.tokens]
    return [Period(bisect.bisect_left(starts, m.start()), bisect.bisect_left(ends, m.end()) + 1,
                   lex.period_units[m.group(1) or m.group(2)]) for m in lex.period.finditer(doc.norm)]


def prewar_sentences(lex: Lexicons, doc: Doc) -> frozenset[int]:
    """The sentences that name a year before the war ("في ذكرى مجزرة حماة عام 1982"، "في 3 مارس/آذار 1943"):
    background (GUIDELINES §1). One search of the article; a clause asks whether its sentence is among them."""
    starts = [t.start for t in doc.tokens]
    return frozenset(doc.sentence_of[max(0, bisect.bisect_right(starts, m.start()) - 1)]
                     for m in lex.prewar_year.finditer(doc.norm))


@dataclass(frozen=True)
class ClauseDates:
    """The time words that date a clause's events, and, when it names no day, its paragraph named none before it and
    its sentence goes on with a report ("وأضاف المرصد أن ..."), the last sentence before its paragraph: the
    report's day may carry to it (`report_day`)."""

    mentions: list[date_words.DateMention]
    carried_from: int | None = None


def clause_dates(lex: Lexicons, doc: Doc, c: Clause, published: dt.date, time_starts: list[bool],
                 spans: list[Period], period_report: bool) -> ClauseDates:
    """The time words that date the clause's events, else the periods in it (`spans`, the article's); raises
    Background for a sentence of an earlier year ("تعود الغارة ... الى العام 2007، حين هاجمت طائرات ... في محافظة
    دير الزور"), PeriodDetail for a clause with no day of its own in an article about a period's total
    (`period_report`)."""
    norm, tokens = doc.norm, doc.tokens
    found = date_words.find_dates(norm, tokens, c.lo, c.hi, published, time_starts)
    # (dated the day before publication: the last days are past ones, and a week's date covers the days before it)
    periods = [date_words.DateMention(published - dt.timedelta(days=1), p.kind, tokens[p.start].start,
                                      tokens[p.end - 1].end, "period") for p in spans if c.lo <= p.start and p.end <= c.hi]
    if periods:  # "سيطر الجيش الحر خلال اليومين الماضيين على ...": the last days, week precision (not a day in them)
        found = [m for m in found if not any(p.start < m.end and m.start < p.end for p in periods)] or periods
    if found:
        return ClauseDates(found)
    if period_report:
        raise PeriodDetail  # "الضربات الصاروخية وغارات التحالف ... في محافظات حماه وحلب"
    # the sentence's other clauses, when they agree on one day
    around = date_words.find_dates(norm, tokens, c.s_lo, c.s_hi, published, time_starts)
    if not around and any(int(y) < published.year for y in lex.past_year.findall(
            norm, tokens[c.s_lo].start, tokens[c.s_hi - 1].end)):
        raise Background
    found = around if len({m.date for m in around}) == 1 else []
    if found:
        return ClauseDates(found)
    # else the paragraph so far, when it names one day
    paragraph_of, para = doc.paragraph_of, c.paragraph
    p_lo = next((k for k in range(c.s_lo, -1, -1) if k == 0 or paragraph_of[k - 1] != para), c.s_lo)
    before = date_words.find_dates(norm, tokens, p_lo, c.s_lo, published, time_starts)
    carried = before == [] and p_lo > 0 and goes_on(doc, c.s_lo, c.s_hi)
    return ClauseDates(before if len({m.date for m in before}) == 1 else [],
                       doc.sentence_of[p_lo - 1] if carried else None)


def goes_on(doc: Doc, s_lo: int, s_hi: int) -> bool:
    """Whether a sentence goes on with the report before it: it opens with a reporting verb joined by و
    ("وأضاف البيان أن ..."، "وأشار المرصد إلى ...")."""
    return any(doc.words[k].reporting_verb and doc.tokens[k].text[:1] == "و" for k in range(s_lo, min(s_hi, s_lo + 2)))


def report_day(doc: Doc, last: int, published: dt.date, time_starts: list[bool],
               cache: dict[int, list[date_words.DateMention]]) -> list[date_words.DateMention]:
    """The day of the report a sentence goes on with: the latest sentence up to `last` that names a day, when it
    names one (GUIDELINES §4: the day a report gives carries to the sentences that continue it). `cache` keeps each
    sentence's days for the article (the discourse state's)."""
    for sent in reversed([s for s in doc.sentence_bounds if s <= last]):
        if sent not in cache:
            a, b = doc.sentence_bounds[sent]
            found = date_words.find_dates(doc.norm, doc.tokens, a, b, published, time_starts)
            cache[sent] = [m for m in found if m.precision == "day" and not _SINCE.search(
                doc.norm, max(0, m.start - 6), m.start)]
        days = cache[sent]
        if days:
            return days if len({m.date for m in days}) == 1 else []
    return []


def statement_days(doc: Doc, published: dt.date, time_starts: list[bool]) -> dict[str, dt.date]:
    """The day the article dates each speaker's statement to, when that is not the publication day: "واعلن الجيش
    السوري مساء الاربعاء ان ..." -> {"جيش": Wednesday}. The day must stand between the speaker and the words said
    (before ان or a quote), so that it dates the statement, not what the statement reports."""
    tokens, norm, out = doc.tokens, doc.norm, {}
    verbs = map(feature("reporting_verb"), doc.words)
    for k in compress(range(len(tokens) - 2), verbs):
        end = k + 2
        limit = min(k + 7, doc.sentence_bounds[doc.sentence_of[k]][1])
        while end < limit and tokens[end].text not in ("ان", "بان", "انه", "انها") and not any(
                c in norm[tokens[end - 1].end:tokens[end].start] for c in '"«:'):
            end += 1
        days = [d for d in date_words.find_dates(norm, tokens, k + 2, end, published, time_starts)
                if d.kind in ("relative", "weekday", "explicit")]
        if days and days[0].date != published:
            out.setdefault(normalize_key(tokens[k + 1].text), days[0].date)
    return out


def restated(doc: Doc, mentions: list[date_words.DateMention], s_lo: int, days: dict[str, dt.date],
             published: dt.date) -> list[date_words.DateMention]:
    """A relative day inside a quoted statement counts from the day the statement was made: in "وصرح الجيش في
    بيان ان "طائرات حربية اسرائيلية اخترقت مجالنا الجوي فجر اليوم ..."", published on Thursday in an article that
    says "واعلن الجيش السوري مساء الاربعاء ان ...", "فجر اليوم" is Wednesday's dawn. `days` is `statement_days`."""
    tokens, norm, words = doc.tokens, doc.norm, doc.words
    out = []
    for m in mentions:
        opening = quote_opening(norm, tokens[s_lo].start, m.start) if m.kind == "relative" else None
        if opening is not None:
            verb = next((k for k in range(bisect.bisect_left(tokens, opening, key=itemgetter(1)) - 1, s_lo - 1, -1)
                         if words[k].reporting_verb), None)
            day = days.get(normalize_key(tokens[verb + 1].text)) if verb is not None else None
            if day is not None:
                m = date_words.DateMention(day - (published - m.date), m.precision, m.start, m.end, m.kind)
        out.append(m)
    return out


def quote_opening(norm: str, lo: int, pos: int) -> int | None:
    """The offset of the quotation mark that opens the quote holding `pos`, searched from `lo`; None outside one."""
    text = norm[lo:pos]
    plain = [k for k, c in enumerate(text) if c == '"']
    if len(plain) % 2:
        return lo + plain[-1]
    guillemet = text.rfind("«")
    return lo + guillemet if guillemet > text.rfind("»") else None


def day_at(mentions: list[date_words.DateMention], place: PlaceMention, published: dt.date,
           reaction: bool) -> tuple[dt.date, str]:
    """The day of the event at `place`: the time word nearest the place when the clause names several.

    In a reaction ("شيع الأهالي اليوم قتلى الغارة"، "أدان اليوم") a same-day time word dates the reaction,
    not the incident: the incident is coded with week precision (GUIDELINES §4)."""
    chosen = date_words.choose(mentions, place.char_start)
    if chosen is not None and reaction and chosen.kind in ("relative", "weekday") and chosen.date == published:
        return published, "week"
    if chosen is not None:
        return chosen.date, chosen.precision
    if reaction:
        return published, "week"  # a known incident in a reaction, with no day given (GUIDELINES §4)
    return published, "day"
