"""Victims and counts: the casualty phrases of a clause with their counts and whose dead they are, how a clause's
tolls add up (GUIDELINES §6), which place each toll belongs to, and a toll that rises or belongs to the event just
reported rather than to one of the clause's own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple, Sequence

from extract import dates as date_words
from extract.doc import Doc, WordFeatures, feature
from extract.frames import Trigger, compatible
from extract.lexicon import Match
from extract.numbers import VAGUE_PLURAL, CountPhrase, count_before, lexicon as number_lexicon, parse_count, parse_sum
from extract.records import Count
from extract.text import NormText, Token, normalize
from extract.vocabulary import Lexicons, stem_in

if TYPE_CHECKING:
    from extract.assembly import Draft
    from extract.places import PlaceMention

MAX_DAY_TOLL = 2000


class Toll(NamedTuple):
    """What a clause's counts add up to."""

    killed: Count
    injured: Count
    civilian: bool  # its dead are civilians


class PlaceToll(NamedTuple):
    """The counts a clause gives one of its places."""

    casualties: list[Casualty]
    toll: Toll


class Rise(NamedTuple):
    """A toll risen to a new figure: whose ("killed"|"injured") and the token of إلى before the figure."""

    kind: str
    to: int


@dataclass
class Casualty:
    kind: str  # killed, injured
    phrase: CountPhrase
    start: int
    end: int
    side: str | None = None  # whose dead or wounded: an actor named right after the count, or "civilian"


def find_casualties(lex: Lexicons, tokens: Sequence[Token], matches: list[Match], lo: int, hi: int) -> list[Casualty]:
    """The casualty phrases of the clause [lo, hi) with their counts; negated ones ("لم يسفر عن قتلى"), a unit's
    name ("لواء شهداء اليرموك") and national tolls are not the clause's."""
    out: list[Casualty] = []
    for m in matches:
        if not (lo <= m.start < hi):
            continue
        kind = m.value[0]
        if any(stem_in(tokens[k].text, lex.negations) for k in range(max(lo, m.start - 4), m.start)):
            continue
        if m.start > 0 and stem_in(tokens[m.start - 1].text, lex.unit_words):
            continue  # "لواء شهداء اليرموك"، "كتيبة شهداء كرم الجبل": a unit's name, not its dead
        phrase = _phrase(lex, tokens, m, lo, hi)
        if phrase is None:
            continue
        end = max(phrase.end, m.end)
        if national(lex, tokens, end, hi) or split_by_place(tokens, phrase, end, hi):
            # "77 شخصا قتلوا في سوريا يوم الأحد، من بينهم 16 ... في دير الزور": the local part, if any
            subset = subset_after(tokens, end, hi)
            if subset is not None:
                out.append(Casualty(kind, subset, subset.start, subset.end))
            continue
        out.append(Casualty(kind, phrase, min(phrase.start, m.start), end))
    return out


def _phrase(lex: Lexicons, tokens: Sequence[Token], m: Match, lo: int, hi: int) -> CountPhrase | None:
    """The count of one casualty word; None when the word is not the one that counts ("وراح ضحيته قتيلان")."""
    kind, form = m.value
    if form == "verbal":
        # "37 شخصا قتلوا و150 شخصا اخرين اصيبوا": a count joined by و after the verb is the next verb's
        joined = m.end < hi and tokens[m.end].text[:1] == "و" and tokens[m.end].text[1:2].isdecimal()
        phrase = None if joined else parse_sum(tokens, m.end, hi)
        after = lex.casualties.match_at(tokens, m.end) if phrase is None and m.end < hi else None
        if after is not None and after.value[0] == kind and after.value[1] != "verbal":
            return None  # "وراح ضحيته قتيلان": the noun after the verb counts its dead
        if after is not None:
            # "مقتل وإصابة 10": the count after the second word
            phrase = parse_count(tokens, m.end + 1, hi)
        if phrase is None:
            head = m.start - 1 if m.start > lo and normalize(tokens[m.start - 1].text) in lex.support_verbs \
                else m.start  # "عشرات المسلحين لقوا مصرعهم": the subject stands before the light verb
            phrase = count_before(tokens, head, lo, subject=True)
        return phrase if phrase is not None else CountPhrase(VAGUE_PLURAL, m.start, m.end)
    if form == "dual":
        return CountPhrase(Count(2, 2, False), m.start, m.end)
    phrase = count_before(tokens, m.start, lo)
    if phrase is None:
        # "أوقعتهم بين قتيل ومصاب": singular nouns after بين sort an unnumbered group, they count no one
        among = "بين" in (tokens[m.start - 1].text if m.start > lo else "",
                          tokens[m.start - 2].text if m.start - 1 > lo else "")
        base = Count(1, 1, False) if form == "singular" and not among else VAGUE_PLURAL
        after = number_lexicon().person(tokens[m.end].text) if m.end < hi else None
        phrase = CountPhrase(base, m.start, m.end + (1 if after else 0), bool(after and after.civilian))
    return phrase


def national(lex: Lexicons, tokens: Sequence[Token], k: int, hi: int) -> bool:
    """Whether the words after a toll say it is the toll of the whole country ("في سوريا"، "في أنحاء البلاد")."""
    window = [normalize(tokens[j].text) for j in range(k, min(hi, k + 6))]
    # (the time words of the toll may stand before: "220 شخصا قتلوا أمس الثلاثاء في سوريا")
    for n, word in enumerate(window[:4]):
        if word in ("في", "بانحاء", "فى"):
            return any(w in ("سوريا", "سوريه", "البلاد") or stem_in(w, lex.aggregate) for w in window[n + 1:n + 3])
        if n and not (date_words.may_start_time_word(word) or word in ("يوم", "امس")):
            return False
    return False


def split_by_place(tokens: Sequence[Token], phrase: CountPhrase, k: int, hi: int) -> bool:
    """Whether a toll of fifty or more is shared out over places right after it: a part with a verb of its own and
    a place ("بـ133 قتيلاً، منهم 36 سقطوا في دمشق"): a day's tally, of which only the part is the place's."""
    if phrase.count.low < 50:
        return False
    part = subset_after(tokens, k, min(hi, k + 3))
    # (the part's own verb stands right after it; its place follows: "سقطوا في دمشق"، "قتلوا بدمشق")
    return part is not None and any(normalize(tokens[j].text) in ("في", "فى") or tokens[j].text.startswith("ب")
                                    for j in range(part.end + 1, min(hi, part.end + 3)))


def subset_after(tokens: Sequence[Token], k: int, hi: int) -> CountPhrase | None:
    """The count of the group after "بينهم"/"منهم" following token k, if any."""
    for j in range(k, min(hi, k + 8)):
        if stem_in(tokens[j].text, {"بينهم", "منهم"}):
            return parse_count(tokens, j + 1, hi)
    return None


def victim_sides(lex: Lexicons, tokens: Sequence[Token], casualties: list[Casualty], actors: list[Match],
                 place_starts: list[int], hi: int) -> None:
    """Whose dead each count of a clause is: the side its victims are named as ("استشهاد اربعة مقاتلين من الكتائب
    المقاتلة"، "مقتل وجرح واسر جنود القوات النظامية"، "ومصرع سبعة عناصر من القوات النظامية"), or "civilian".

    Only "من", person words and casualty words may stand between the count and the side: the agent of a cause
    ("نتيجة قصف القوات النظامية") and an opponent ("في اشتباكات مع القوات النظامية") are no victims. A later count
    followed by places of its own ("واستشهد 7 مقاتلين ... فى محافظات الحسكة وحلب") is another place's toll: no side."""
    first = min(c.start for c in casualties)
    persons = number_lexicon().person

    def victim_word(k: int) -> bool:
        text = tokens[k].text
        return text == "من" or bool(persons(text) or stem_in(text, lex.victim_fates) or lex.casualties.match_at(tokens, k))

    for c in casualties:
        side = None
        for m in actors:
            if not (c.end <= m.start <= c.end + 3 and m.start < hi) or m.value == "unknown":
                continue
            # "من عناصر المخابرات والجيش النظامي": one more word may stand before a side joined by و
            gap = [k for k in range(c.end, m.start) if not victim_word(k)]
            if not gap or (len(gap) == 1 and tokens[m.start].text.startswith("و")):
                side = m.value
                break
        c.side = side or ("civilian" if c.phrase.civilian else None)
        if c.start > first and any(k > c.start for k in place_starts):
            c.side = None


def totals(casualties: list[Casualty]) -> Toll:
    """The clause's killed and injured, and whether its dead are civilians."""
    def pick(kind: str) -> Count:
        # a toll in the thousands is the war's or a region's total ("أكثر من 70 ألف قتيل"), never one
        # place's day: the worst single-day incident of the war killed about 1,400
        mine = [c for c in casualties if c.kind == kind and c.phrase.count.low <= MAX_DAY_TOLL]
        if not mine:
            return Count()
        sides = {c.side for c in mine}
        if len(sides) > 1 and None not in sides:
            # the dead of each side, counted once each, add up ("استشهاد اربعة مقاتلين ... معلومات عن مقتل ... جنود
            # القوات النظامية": the clash killed both); a side's repeated count is its most specific
            per_side = [most_specific([c.phrase.count for c in mine if c.side == side]) for side in sides]
            return Count(sum(c.low for c in per_side), sum(c.best for c in per_side), any(c.vague for c in per_side))
        return most_specific([c.phrase.count for c in mine])
    killed = pick("killed")
    civilian = killed.low > 0 and any(c.phrase.civilian for c in casualties if c.kind == "killed")
    return Toll(killed, pick("injured"), civilian)


def tally(doc: Doc, mentions: list[PlaceMention], order: int, sentence: int, count: int, alone: bool) -> bool:
    """Whether a toll is told over several governorates: the clause's only toll (more than an unnumbered group's
    one) over three or more governorates of its clause (number `order`), or any toll of fifty or more over two of
    its sentence (a day's tally, not an incident; a smaller toll over two governorates, "غالبيتهم نتيجة قصف ...
    لأحياء جوبر وزملكا", goes on the first place, GUIDELINES §6)."""
    def governorates(inside) -> int:
        return len({m.admin1 for m in mentions if inside(m) and m.admin1 and not m.qualifier and not m.dateline
                    and not m.absorbed})
    return (alone and count > 1 and governorates(lambda m: doc.clause_of[m.start] == order) >= 3) or (
        count >= 50 and governorates(lambda m: doc.sentence_of[m.start] == sentence) >= 2)


def not_tallies(doc: Doc, mentions: list[PlaceMention], casualties: list[Casualty], order: int,
                sentence: int) -> list[Casualty]:
    """The clause's tolls that are no tally over governorates ("مقتل 228 شخصا الثلاثاء، وكانت الحصيلة الأكبر من
    نصيب حلب ... السيطرة على مقر الأمن السياسي" in دير الزور: a tally, no incident's count)."""
    alone = sum(c.kind == "killed" for c in casualties) <= 1
    return [c for c in casualties if not tally(doc, mentions, order, sentence, c.phrase.count.low, alone)]


def handed(doc: Doc, mentions: list[PlaceMention], draft: Draft, casualties: list[Casualty], lo: int, hi: int,
           published: dt.date, time_starts: list[bool]) -> list[Casualty]:
    """The tolls of a clause naming no place that may go to an earlier event (`draft`): not a tally over that
    event's sentence ("المعارك ... من بينها حلب وحماة وإدلب" then "خلفت مئة وعشرة قتلى"), not a clause dated apart
    ("مقتل ما لا يقل عن خمسمائة شخص بعد القصف في شهر اغسطس آب الماضي")."""
    own = date_words.find_dates(doc.norm, doc.tokens, lo, hi, published, time_starts)
    if own and all(m.date != draft.date or m.precision != draft.precision for m in own):
        return []
    return [c for c in casualties if not tally(doc, mentions, draft.order, draft.sentence, c.phrase.count.low, True)]


def listed_apart(tokens: Sequence[Token], casualties: list[Casualty], triggers: list[Trigger]) -> bool:
    """Whether the clause's counts all come before its first trigger, which follows them joined by و ("84 قتيلا
    ومعارك في ريف دمشق"): two items of a headline, the toll not the event's."""
    first = min(t.start for t in triggers)
    last = max(c.end for c in casualties)
    return last <= first <= last + 1 and tokens[first].text.startswith("و") and not any(
        c.start > first for c in casualties)


def day_toll(lex: Lexicons, nt: NormText, lo: int, hi: int) -> bool:
    """Whether the clause gives a day's toll ("ضحايا السبت ... 213 قتيلا"، "حصيلة قتلى الاثنين ارتفعت إلى 99")."""
    return lex.day_toll.search(nt.norm, nt.tokens[lo].start, nt.tokens[hi - 1].end) is not None


def most_specific(counts: list[Count]) -> Count:
    """Of several statements of one toll, the exact one before the vague, then the highest."""
    return max(counts, key=lambda c: (not c.vague, c.low, c.best))


def tolls_by_place(casualties: list[Casualty], places: list[PlaceMention]
                   ) -> list[PlaceToll] | None:
    """Each place's own counts when a clause gives the dead of several places apart: "مقتل خمسة مواطنين ... في قصف على
    بلدة عين ترما ...، ومقتل سبعة آخرين ... نتيجة قصف القوات النظامية على بلدة كفربطنا" is five at عين ترما and
    seven at كفربطنا. None when every count belongs to one place (they then go on the first place, GUIDELINES §6), or
    when a count would go to a governorate or its capital, as in a day's tally by governorate.

    A clause that puts its counts before its places ("مقتل N في قصف على X") gives each count to the place after it;
    one that puts them after ("قصف على X أسفر عن مقتل N") to the place before it."""
    if len(places) < 2 or sum(c.kind == "killed" for c in casualties) < 2:
        return None
    counts_first = min(c.start for c in casualties) < places[0].start
    owner = []
    for c in casualties:
        if counts_first:
            owner.append(next((n for n, m in enumerate(places) if m.start > c.start), 0))
        else:
            owner.append(max((n for n, m in enumerate(places) if m.start < c.start), default=0))
    owners = {n for c, n in zip(casualties, owner) if c.kind == "killed"}
    if len(owners) < 2 or any(places[n].chosen is None or places[n].chosen.kind not in ("community", "neighbourhood")
                              or places[n].chosen.capital_level <= 1 for n in owners):
        # a tally by governorate ("و33 قتيلاً في دمشق وريفها، و19 في ...") is no toll of the places it names
        return None
    out = []
    for n in range(len(places)):
        own = [c for c, o in zip(casualties, owner) if o == n]
        out.append(PlaceToll(own, totals(own)))
    return out


def shares(lex: Lexicons, tokens: Sequence[Token], casualties: list[Casualty], places: list[PlaceMention],
           hi: int) -> list[Count] | None:
    """The dead of each place when the clause shares its toll out: "قتل ستة مواطنين بينهم اثنان من المعارضة خلال
    اشتباكات ... في حي القدم ... والآخر خلال اشتباكات في بلدة الجيزة" is one dead at each place (the group
    after بينهم is the one shared; the rest of the toll is placed nowhere). None when the clause does not.

    Each place after "the other" (والآخر) has one victim, the places before it the rest of the group, on the
    first of them (GUIDELINES §6)."""
    killed = next((c for c in casualties if c.kind == "killed"), None)
    if killed is None or len(places) < 2:
        return None
    other = next((k for k in range(killed.end, hi) if tokens[k].text in lex.the_other), None)
    if other is None:
        return None
    before = [n for n, m in enumerate(places) if killed.end <= m.start < other]
    after = [n for n, m in enumerate(places) if m.start > other]
    subset = subset_after(tokens, killed.end, hi)
    group = subset.count if subset is not None and subset.start < other else killed.phrase.count
    rest = group.low - len(after)
    if not before or not after or group.vague or rest < 1:
        return None
    out = [Count() for _ in places]
    out[before[0]] = Count(rest, rest, False)
    for n in after:
        out[n] = Count(1, 1, False)
    return out


# ---------------------------------------------------------------------- tolls of events already reported
def risen_to(tokens: Sequence[Token], words: list[WordFeatures], matches: list[Match], lo: int,
             hi: int) -> Rise | None:
    """The rise when the clause reports a toll risen to a new figure."""
    rise = next(compress(range(lo, hi), map(feature("toll_rise"), words[lo:hi])), None)
    if rise is None:
        return None
    kind = next((m.value[0] for m in matches if lo <= m.start < hi), None)
    to = next((k for k in range(rise, hi) if normalize(tokens[k].text) in ("الي", "لي")), None)
    return Rise(kind, to) if kind is not None and to is not None else None


def spread(lex: Lexicons, tokens: Sequence[Token], lo: int, hi: int) -> bool:
    """Whether the clause spreads its toll over places: "معظمهم في دمشق وحلب"."""
    words = lex.spread  # (tokens are normalised text: no normalize() needed)
    if words.isdisjoint(map(itemgetter(0), tokens[lo:hi])):
        return False
    # ("معظمهم بالعاصمة دمشق": the preposition may be a clitic of the place)
    return any(tokens[k].text in words and (tokens[k + 1].text == "في" or tokens[k + 1].text.startswith("بال"))
               for k in range(lo, min(hi, len(tokens) - 1)))


def toll_update(lex: Lexicons, previous: Draft, risen: Rise, is_spread: bool, tokens: Sequence[Token],
                lo: int, hi: int) -> bool:
    """"ارتفعت حصيلة القتلى إلى ثمانية عشر": a later, higher toll of the last event raises its best estimate.
    `risen` and `is_spread` are the clause's `risen_to` and `spread`. True when the clause is used up so."""
    kind, to = risen
    if is_spread or any(
            stem_in(tokens[k].text, lex.aggregate) or normalize(tokens[k].text) in ("البلاد", "سوريا")
            for k in range(lo, hi)):
        return True  # "ارتفاع حصيلة قتلى النظام إلى 110 أشخاص في مناطق مختلفة": a national toll, no event's
    other = [m.value[0] for m in lex.triggers.find_all(tokens, lo, hi)]
    if other and not any(compatible(k, previous.event_type) for k in other):
        return False  # "عدد قتلى الاشتباكات ارتفع" after a bombing: another event's toll
    phrase = parse_count(tokens, to + 1, hi)
    if phrase is None:
        return False
    current = previous.killed if kind == "killed" else previous.injured
    updated = Count(current.low or phrase.count.low, max(current.best, phrase.count.best), current.vague)
    if kind == "killed":
        previous.killed = updated
    else:
        previous.injured = updated
    return True


def give_toll(draft: Draft, casualties: list[Casualty]) -> None:
    """The counts of a clause that reports no event of its own go to the event it speaks of."""
    killed, injured, civilian = totals(casualties)
    draft.killed, draft.injured = killed, injured
    draft.civilian = draft.civilian or civilian
