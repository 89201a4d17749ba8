"""Resolve the day an event happened from the words of its clause and the publication time.

GUIDELINES section 4: اليوم → the publication day, أمس → the day before, a weekday → its most
recent occurrence on or before publication, an explicit date → that date; with no time word the
event is on the publication day. When a clause has both (an attack that began "منذ مساء أمس"
and is reported as going on "اليوم"), the later day wins.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from extract.lexicon import PhraseMatcher, read_rows
from extract.text import Token, normalize


@dataclass(frozen=True)
class DateMention:
    date: dt.date
    precision: str
    start: int  # character offsets in the normalised text
    end: int
    kind: str  # explicit, relative, weekday, month (a month without its day)


class DateLexicon:
    def __init__(self) -> None:
        self.relative = PhraseMatcher([(p, int(d)) for p, d in read_rows("times.tsv")])
        self.weekdays = {normalize(w): int(d) for w, d in read_rows("weekdays.tsv")}
        self.months = {normalize(m): int(n) for m, n in read_rows("months.tsv")}
        names = sorted(self.months, key=len, reverse=True)
        month_alt = "|".join(re.escape(m) for m in names)
        self.day_month = re.compile(
            rf"(?<!\d)(\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?(?:{month_alt})(?:\s*/\s*(?:{month_alt}))?(?:\s+(?:عام\s+)?(\d{{4}}))?"
        )
        self.month_re = re.compile(month_alt)
        self.feasts: dict[str, list[dt.date]] = {}
        for name, first in read_rows("holidays.tsv"):
            self.feasts.setdefault(normalize(name), []).append(dt.date.fromisoformat(first))
        # a month with no day: "في أغسطس آب الماضي"، "خلال شهر آذار"، "في شباط/فبراير 2013" (month precision)
        self.month_only = re.compile(
            rf"(?:(?<=\s)|^)(?:(?:في|خلال)\s+(?:شهر\s+)?({month_alt})|({month_alt})(?=\s*(?:/\s*(?:{month_alt})|\s(?:{month_alt}))?\s+(?:الماضي|الفائت)))"
            rf"(?:\s*/?\s*(?:{month_alt}))?(?:\s+(?:عام\s+)?(\d{{4}}))?(?!\d)"
        )


_ORDINAL_DAYS = {"اول": 0, "ثاني": 1, "ثالث": 2, "رابع": 3}
# "في أول أيام عيد الفطر"، "ثاني أيام عيد الأضحى"، "يوم عيد الفطر": a feast's day (the ordinal counts from its first)
_FEAST = re.compile(r"(?:(اول|ثاني|ثالث|رابع)\s+ايام\s+)?عيد\s+(الفطر|الاضحي)")


def _feast_day(feasts: dict[str, list[dt.date]], name: str, ordinal: str | None, published: dt.date) -> dt.date | None:
    """The day of the feast's latest occurrence on or before publication, if it was less than a month before."""
    offset = dt.timedelta(days=_ORDINAL_DAYS.get(ordinal or "اول", 0))
    past = [first + offset for first in feasts.get(name, []) if first + offset <= published]
    day = max(past, default=None)
    return day if day is not None and (published - day).days <= 30 else None


def _feast_days(feasts: dict[str, list[dt.date]], text: str, start_char: int, published: dt.date) -> list[DateMention]:
    """The feasts' days a text names ("في أول أيام عيد الفطر"), not after منذ."""
    out = []
    for m in _FEAST.finditer(text):
        day = _feast_day(feasts, m.group(2), m.group(1), published)
        if day is not None and not text[max(0, m.start() - 5):m.start()].rstrip().endswith("منذ"):
            # ("تتعرض لقصف شديد منذ أول أيام عيد الفطر": the start of what goes on, not its day)
            out.append(DateMention(day, "day", start_char + m.start(), start_char + m.end(), "explicit"))
    return out


@lru_cache(maxsize=1)
def lexicon() -> DateLexicon:
    return DateLexicon()


_DMY = re.compile(r"(?<![\d/.])(?<!\d-)(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/.-])")
_YMD = re.compile(r"(?<![\d/.-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d/.-])")
_DMY_SPACED = re.compile(r"(?<!\d)(\d{1,2})\s+(\d{1,2})\s+((?:19|20)\d{2})(?!\d)")
_DIGIT = re.compile(r"\d")  # every explicit date above and in DateLexicon.day_month holds one


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def may_start_time_word(word: str) -> bool:
    """Whether a relative time phrase or a weekday can start at this word (callers cache it per word)."""
    lex = lexicon()
    return lex.relative.may_start(word) or _weekday(lex, word) is not None


def find_dates(norm: str, tokens: Sequence[Token], lo: int, hi: int, published: dt.date,
               starts: Sequence[bool] | None = None) -> list[DateMention]:
    """Every time expression in tokens[lo:hi] resolved against the publication day.

    `starts`, when given, says per token whether a time word may start there (`may_start_time_word`):
    the other words are skipped."""
    if lo >= hi:
        return []
    lex = lexicon()
    start_char, end_char = tokens[lo].start, tokens[hi - 1].end
    text = norm[start_char:end_char]
    out: list[DateMention] = []
    # a text without a digit has no explicit date: the patterns are not run over it
    digits = _DIGIT.search(text) is not None
    for pattern, order in ((_DMY, "dmy"), (_YMD, "ymd"), (_DMY_SPACED, "dmy")) if digits else ():
        for m in pattern.finditer(text):
            if order == "ymd":
                year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
            elif pattern is _DMY:
                day, month, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
            else:
                day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            date = _safe_date(year, month, day)
            if date is not None and date <= published + dt.timedelta(days=1):
                out.append(DateMention(min(date, published), "day", start_char + m.start(), start_char + m.end(), "explicit"))
    for m in lex.day_month.finditer(text) if digits else ():
        month_name = lex.month_re.search(m.group(0))
        month = lex.months[month_name.group(0)] if month_name else None
        if month is None:
            continue
        year = int(m.group(2)) if m.group(2) else published.year
        date = _safe_date(year, month, int(m.group(1)))
        if date is not None and not m.group(2) and date > published:
            date = _safe_date(year - 1, month, int(m.group(1)))
        if date is not None and date <= published:
            out.append(DateMention(date, "day", start_char + m.start(), start_char + m.end(), "explicit"))
    if "عيد" in text:
        out += _feast_days(lex.feasts, text, start_char, published)
    for m in lex.month_only.finditer(text):
        if any(o.start <= start_char + m.start() < o.end for o in out):
            continue  # the month of a full date ("20 مايو") already read
        month = lex.months[m.group(1) or m.group(2)]
        year = int(m.group(3)) if m.group(3) else published.year - (1 if month > published.month else 0)
        last = _safe_date(year + month // 12, month % 12 + 1, 1)
        if last is None:
            continue
        date = min(last - dt.timedelta(days=1), published)
        if date.year == year and date.month == month:
            out.append(DateMention(date, "month", start_char + m.start(), start_char + m.end(), "month"))
    i = lo
    while i < hi:
        if starts is not None and not starts[i]:
            i += 1
            continue
        rel = lex.relative.match_at(tokens, i)
        if rel is not None and rel.value == 0 and rel.end == i + 1 < hi and _weekday(lex, tokens[i + 1].text) is not None:
            rel = None  # "مساء الخميس": the time of day of the weekday named next, not of today
        if rel is not None and rel.end <= hi:
            out.append(DateMention(published - dt.timedelta(days=rel.value), "day",
                                   tokens[i].start, tokens[rel.end - 1].end, "relative"))
            i = rel.end
            continue
        weekday = _weekday(lex, tokens[i].text)
        if weekday is not None:
            back = (published.weekday() - weekday) % 7
            mention = DateMention(published - dt.timedelta(days=back), "day", tokens[i].start, tokens[i].end, "weekday")
            if out and out[-1].kind == "weekday" and i > lo and out[-1].end == tokens[i - 1].end:
                # "بعد منتصف ليل السبت الاحد": the night from one day to the next, dated by the later day
                mention = DateMention(mention.date, "day", out.pop().start, tokens[i].end, "weekday")
            out.append(mention)
        i += 1
    return out


def _weekday(lex: DateLexicon, word: str) -> int | None:
    """The weekday number a word names ("الخميس"، "والخميس"), else None."""
    for form in (word, word[1:] if word[:1] in "وف" else word):
        if form in lex.weekdays:
            return lex.weekdays[form]
    return None


def choose(mentions: Sequence[DateMention], anchor: int | None = None) -> DateMention | None:
    """Explicit dates first; else, when the clause names several days (relative or weekdays), the one nearest
    the `anchor` (the event's place, a character offset); else the latest relative day (an attack begun "منذ مساء أمس"
    and won "اليوم" is coded on its last day)."""
    if not mentions:
        return None
    explicit = [m for m in mentions if m.kind == "explicit"]
    if explicit:
        return explicit[0]
    days = [m for m in mentions if m.kind in ("relative", "weekday")]
    if anchor is not None and len({m.date for m in days}) > 1:
        # "انتقد الخطيب اليوم الخميس ... المقاتلات التي قصفت فجر الأربعاء مركزاً قرب دمشق": the day nearest the place
        return min(days, key=lambda m: (min(abs(m.start - anchor), abs(m.end - anchor)), -m.date.toordinal()))
    relative = [m for m in mentions if m.kind == "relative"]
    if not relative and any(m.kind == "weekday" for m in mentions):
        return next(m for m in mentions if m.kind == "weekday")
    if relative:  # (several days with an anchor were decided above)
        return max(relative, key=lambda m: m.date)
    return mentions[0]
