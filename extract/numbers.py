"""Counts in Arabic news prose: digits, number words, duals, persons and vague quantities.

Coded by GUIDELINES section 6: an exact number gives low = best; "about/at least N" gives
N, N, vague; an unnumbered plural gives 1, 2, vague; عشرات 10, 12; مئات 100, 100.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from extract.lexicon import PhraseMatcher, read_rows, read_words, stems
from extract.records import Count
from extract.text import Token, normalize

VAGUE_PLURAL = Count(1, 2, True)


@dataclass(frozen=True)
class NumberWord:
    value: int
    kind: str  # unit, teen, ten, hundred, thousand


@dataclass(frozen=True)
class CountPhrase:
    count: Count
    start: int  # token index
    end: int  # exclusive
    civilian: bool = False


@dataclass(frozen=True)
class Person:
    number: str  # "1", "2" or "plural"
    civilian: bool


def _year_words() -> frozenset[str]:
    from extract.dates import lexicon as date_lexicon  # (the month names are the date lexicon's)

    return frozenset(normalize(w) for w in read_words("year_words.txt")) | frozenset(date_lexicon().months)


class NumberLexicon:
    def __init__(self) -> None:
        self.words = {normalize(w): NumberWord(int(v), k) for w, v, k in read_rows("numbers.tsv")}
        self.words.update({"احد": NumberWord(1, "unit"), "احدي": NumberWord(1, "unit")})
        self.quantifiers = PhraseMatcher([(p, k) for p, k in read_rows("quantifiers.tsv")])
        self.persons = {normalize(w): Person(n, c == "1") for w, n, c in read_rows("persons.tsv")}
        self.year_words = _year_words()

    def number_word(self, text: str, first: bool) -> NumberWord | None:
        """A number word; later words of a compound may carry the conjunction و."""
        forms = stems(text) if first else (text, text[1:] if text.startswith("و") else text)
        for form in forms:
            if form in self.words:
                return self.words[form]
        return None

    def person(self, text: str) -> Person | None:
        for form in stems(text):
            if form in self.persons:
                return self.persons[form]
            # accusative tanween is written with a final alef: مدنيا، شخصا، طفلا
            if form.endswith("ا") and form[:-1] in self.persons:
                return self.persons[form[:-1]]
        return None


@lru_cache(maxsize=1)
def lexicon() -> NumberLexicon:
    return NumberLexicon()


def parse_number(tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """(value, end) of a number written in digits or words starting at token i."""
    lex = lexicon()
    n = len(tokens)
    if i >= n:
        return None
    text = tokens[i].text
    # isdecimal, not isdigit: superscript and circled digits (², ①) are digits int() does not read
    digits = text if text.isdecimal() else (text[1:] if text[:1] in "وب" and text[1:].isdecimal() else "")
    if digits and len(digits) <= 7:
        value, j = int(digits), i + 1
        if j < n and (w := lex.number_word(tokens[j].text, first=True)) and w.kind == "thousand":
            value, j = value * 1000, j + 1
        return value, j
    total, current, j = 0, 0, i
    while j < n:
        word = lex.number_word(tokens[j].text, first=(j == i))
        if word is None:
            break
        if j > i and not tokens[j].text.startswith("و") and word.kind not in ("teen", "thousand", "hundred"):
            break
        if word.kind == "teen" and 0 < current < 10:
            current += 10
        elif word.kind == "thousand":
            current = (current or 1) * (word.value if word.value > 1000 and current == 0 else 1000)
            if word.value == 2000 and current == 1000:
                current = 2000
            total, current = total + current, 0
        elif word.kind == "hundred" and 0 < current < 10 and word.value == 100:
            current *= 100
        else:
            current += word.value
        j += 1
    if j == i:
        return None
    return total + current, j


def _is_year(tokens: Sequence[Token], i: int, value: int) -> bool:
    """A number of four digits after a year word or a month's name ("عام 1982"، "مارس/آذار 1943")."""
    if not (1900 <= value <= 2100 and len(tokens[i].text) == 4) or i == 0:
        return False
    return any(form in lexicon().year_words for form in stems(tokens[i - 1].text))


def parse_count(tokens: Sequence[Token], i: int, limit: int) -> CountPhrase | None:
    """A count phrase starting at token i (and ending before `limit`): a quantity, then maybe a person noun."""
    lex = lexicon()
    if i >= limit:
        return None
    approx = False
    j = i
    q = lex.quantifiers.match_at(tokens, j)
    if q is not None and q.end <= limit:
        if q.value in ("approx", "floor"):
            approx, j = True, q.end
        else:
            count = {"tens": Count(10, 12, True), "hundreds": Count(100, 100, True),
                     "thousands": Count(1000, 1000, True), "group": VAGUE_PLURAL}[q.value]
            end, civilian = _person_after(tokens, q.end, limit)
            return CountPhrase(count, i, end, civilian)
    number = parse_number(tokens, j) if j < limit else None
    if number is not None and _is_year(tokens, j, number[0]):
        return None  # "عام 1982"، "آذار 1943": a year, never a count
    if number is not None and number[1] <= limit:
        value, end = number
        end, civilian = _person_after(tokens, end, limit)
        return CountPhrase(Count(value, value, approx), i, end, civilian)
    if approx:
        return None
    person = lex.person(tokens[i].text)
    if person is not None:
        count = {"1": Count(1, 1, False), "2": Count(2, 2, False)}.get(person.number, VAGUE_PLURAL)
        return CountPhrase(count, i, i + 1, person.civilian)
    return None


def _person_after(tokens: Sequence[Token], j: int, limit: int) -> tuple[int, bool]:
    """Skip an optional "من" and a person noun after a number; say whether it names civilians."""
    lex = lexicon()
    k = j + 1 if j < limit and tokens[j].text == "من" else j
    if k < limit and (p := lex.person(tokens[k].text)) is not None:
        return k + 1, p.civilian
    return j, False


def count_before(tokens: Sequence[Token], i: int, floor: int, subject: bool = False) -> CountPhrase | None:
    """A count phrase that ends right before token i ("5 قتلى", "عشرات الجرحى", "أكثر من 10 قتلى").

    A bare person noun before a noun of casualties is not its count; before a verb it is its subject and
    so its count (`subject=True`: "جثتين لشخصين استشهدوا"). A trailing "على الأقل" makes it a floor
    ("65 شخصا على الاقل قتلوا")."""
    if i - 2 >= floor and tokens[i - 2].text == "علي" and tokens[i - 1].text in ("الاقل", "اقل"):
        inner = count_before(tokens, i - 2, floor, subject)
        if inner is not None:
            return CountPhrase(Count(inner.count.low, inner.count.best, True), inner.start, i, inner.civilian)
    if i - 1 > floor and normalize(tokens[i - 1].text) in _OTHERS:
        inner = count_before(tokens, i - 1, floor, subject)  # "و150 شخصا اخرين اصيبوا"
        if inner is not None:
            return CountPhrase(inner.count, inner.start, i, inner.civilian)
    for start in range(max(floor, i - 5), i):
        phrase = parse_count(tokens, start, i)
        if phrase is not None and phrase.end == i and (phrase.count.low > 0):
            if not subject and phrase.end - phrase.start == 1 and lexicon().person(tokens[start].text):
                continue
            if start - 1 > floor and normalize(tokens[start - 1].text) in _PARTITIVE:
                # "37 شخصا بينهم 19 طفلا قتلوا": the part names who died among the whole, the whole is the count
                whole = count_before(tokens, start - 1, floor, subject)
                if whole is not None:
                    return CountPhrase(whole.count, whole.start, i, whole.civilian or phrase.civilian)
            return phrase
        if start + 1 < i and tokens[start + 1].text == "من":
            phrase = parse_count(tokens, start, start + 1)
            if phrase is not None and start + 2 == i:
                return CountPhrase(phrase.count, start, i, phrase.civilian)
    return None


def parse_sum(tokens: Sequence[Token], i: int, limit: int) -> CountPhrase | None:
    """A count phrase, plus the counts of other people joined to it by و ("مقتل سبعة مقاتلين معارضين وثمانية
    عناصر من القوات النظامية" = 15; "مقتل 5 رجال وطفل" = 6).

    Only people counted with their noun add up: the joined part must name persons, and a word or two may stand
    between them (an adjective: "معارضين"). A compound number ("خمسة وعشرين") is one number, read before this."""
    phrase = parse_count(tokens, i, limit)
    if phrase is None or phrase.count.vague or not _names_people(tokens, phrase):
        return phrase
    total, end, civilian = phrase.count.low, phrase.end, phrase.civilian
    while (k := _joined_at(tokens, end, limit)) is not None:
        more = parse_count(tokens, k, limit)
        if more is None or more.count.vague or not _names_people(tokens, more):
            break
        total, end, civilian = total + more.count.low, more.end, civilian or more.civilian
    if end == phrase.end:
        return phrase
    return CountPhrase(Count(total, total, False), phrase.start, end, civilian)


_OTHERS = {"اخرين", "اخرون", "اخريات", "اخري"}  # ("others", after a count: "و150 شخصا آخرين أصيبوا")
_PARTITIVE = {"بينهم", "منهم", "بينهن", "منهن", "بينها", "منها"}


def _joined_at(tokens: Sequence[Token], end: int, limit: int) -> int | None:
    """The word opened by و among the (up to three) words after a count phrase, unless a partitive or another
    person noun comes first ("ستة أشخاص بينهم امرأة وثلاثة أطفال": the part is inside the whole, not added to it)."""
    for k in range(end, min(end + 3, limit)):
        text = tokens[k].text
        if text.startswith("و") and len(text) > 1:
            return k
        if normalize(text) in _PARTITIVE or lexicon().person(text) is not None:
            return None
    return None


def _names_people(tokens: Sequence[Token], phrase: CountPhrase) -> bool:
    """Whether the phrase's last word is a person noun ("سبعة مقاتلين"، "طفل"), not a bare number."""
    return lexicon().person(tokens[phrase.end - 1].text) is not None
