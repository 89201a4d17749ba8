"""Stage 3, frames: each event trigger of a clause with the arguments bound to it inside the clause — its event type
(one strike type per clause, a clash beside it a second frame), its agent (GUIDELINES §5) and its number of strikes.

Triggers are found once per article (a phrase lexicon, plus triggers glued to the word before them); the aircraft
words and the article's air actor are article-level context the types and agents read."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import compress
from typing import TYPE_CHECKING, NamedTuple, Sequence

from extract.doc import Clause, Doc, WordFeatures, feature
from extract.lexicon import Match, PhraseMatcher, stems
from extract.numbers import VAGUE_PLURAL, count_before, lexicon as number_lexicon
from extract.records import STRIKE_TYPES, Count
from extract.text import NormText, Token, normalize, normalize_key
from extract.vocabulary import Lexicons, stem_in

if TYPE_CHECKING:
    from extract.assembly import Draft
    from extract.places import PlaceMention

PRIORITY = ("explosion", "air_strike", "shelling", "armed_clash", "attack")


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    kind: str  # air_strike, shelling, strike, raid, armed_clash, control, explosion, attack, front, rubble, anaphor
    strikes_form: str  # 1, 2, plural, none


class TypedTrigger(NamedTuple):
    """A trigger with the event type it names in its clause."""

    event_type: str
    trigger: Trigger


@dataclass(frozen=True)
class Frame:
    """One event a clause reports: its type, the trigger that names it, its agent and its number of strikes."""

    event_type: str
    trigger: Trigger
    actor: str
    strikes: Count


def scan(matcher: PhraseMatcher, tokens: Sequence[Token], words: list[WordFeatures], name: str) -> list[Match]:
    """PhraseMatcher.find_all over the words whose named feature says one of its phrases may start there
    (non-overlapping, left to right)."""
    out, free = [], 0
    for k in compress(range(len(words)), map(feature(name), words)):
        if k >= free:
            m = matcher.match_at(tokens, k)
            if m is not None:
                out.append(m)
                free = m.end
    return out


def find_triggers(lex: Lexicons, nt: NormText, words: list[WordFeatures]) -> list[Trigger]:
    """The article's event triggers, in order."""
    # "يرافقها اصوات انفجارات": the noise of an event is not one (kind "sound" is matched only to be dropped)
    triggers = [Trigger(m.start, m.end, m.value[0], m.value[1]) for m in scan(lex.triggers, nt.tokens, words, "trigger_start")
                if m.value[0] != "sound"]  # ("فض الاشتباك" is UNDOF's disengagement, no clash)
    return _glued_triggers(lex, nt, triggers)


def _glued_triggers(lex: Lexicons, nt: NormText, triggers: list[Trigger]) -> list[Trigger]:
    """Triggers run into the word before them, as hurried headlines type them ("يظهرآثارالدمارجراءالقصف"،
    "أثارالقصف"): a word that ends with a definite trigger ("القصف") reports it. One regex over the text."""
    glued = lex.glued_trigger
    if glued is None:
        return triggers
    tokens, starts = nt.tokens, None
    taken = {t.start for t in triggers}
    extra = []
    for m in glued.finditer(nt.norm):
        if starts is None:
            starts = [t.start for t in tokens]
        k = bisect.bisect_right(starts, m.start()) - 1
        if k < 0 or k in taken:
            continue
        tail = tokens[k].text[m.start() - tokens[k].start:]
        hit = lex.triggers.match_at([Token(tail, m.start(), tokens[k].end)], 0)
        if hit is not None and hit.value[0] not in ("sound", "anaphor"):
            extra.append(Trigger(k, k + 1, hit.value[0], hit.value[1]))
    return sorted(triggers + extra, key=lambda t: t.start) if extra else triggers


def compatible(trigger_kind: str, event_type: str) -> bool:
    """Whether a trigger of this kind may speak of an event of that type ("الغارة" of an air strike)."""
    if trigger_kind in ("anaphor", event_type):
        return True
    if trigger_kind in ("strike", "raid", "rubble"):
        return event_type in STRIKE_TYPES or (trigger_kind == "raid" and event_type in ("armed_clash", "attack"))
    return trigger_kind == "control" and event_type == "armed_clash"


def aircraft_at(lex: Lexicons, tokens: Sequence[Token], words: list[WordFeatures],
                mentions: list[PlaceMention]) -> list[int]:
    """The tokens that name aircraft, less an air word inside a site's name ("قاعدة النيرب الجوية") or after a word
    that makes it a branch or an area ("للدفاع الجوي"، "المخابرات الجوية"، "حظر جوي")."""
    candidates = [k for k, w in enumerate(words) if w.aircraft]
    if not candidates:
        return candidates
    sites = [(m.start, m.end) for m in mentions if m.kind == "landmark"]
    air = ("جوي", "الجوي", "جويه", "الجويه")
    return [k for k in candidates if not (tokens[k].text in air and (
        any(a <= k < b for a, b in sites) or (k > 0 and stem_in(tokens[k - 1].text, lex.not_aircraft))))]


def article_air_actor(actors: list[Match], aircraft: list[int]) -> str:
    """The actor the article gives its aircraft ("طيران النظام", "الطيران الروسي"), for unattributed raids."""
    air = set(aircraft)
    for m in actors:
        if m.value in ("regime", "russia", "coalition", "israel", "turkey") and (
            any(k in air for k in range(m.start, m.end)) or m.start - 1 in air or m.end in air
        ):
            return m.value
    return "unknown"


def air_context(doc: Doc, c: Clause, aircraft: list[int], actors: list[Match]) -> bool:
    """Whether "قصف" alone in the clause is an air strike (GUIDELINES §2: the lead's aircraft carry to the detail):
    aircraft named in its sentence or in the lead of its paragraph, and no agent of its own in the clause; not across
    another source's report ("أسقط طائرة ميج ... ، وقال ناشطون إن قصفا استهدف حي المرجة" is shelling)."""
    lo, hi, s_lo, s_hi = c.lo, c.hi, c.s_lo, c.s_hi
    if any(lo <= m.start < hi for m in actors):
        return False
    paragraph_of = doc.paragraph_of
    p_first = next((k for k in range(s_lo, -1, -1) if k == 0 or paragraph_of[k - 1] != c.paragraph), s_lo)
    lead_hi = doc.sentence_bounds[doc.sentence_of[p_first]][1]
    reported = max((k for k in range(s_lo, min(hi, lo + 3)) if doc.words[k].reporting_verb), default=-1)
    return any(max(s_lo, reported) < k < lo or (lo <= k < s_hi and reported < lo) for k in aircraft) or (
        reported < 0 and p_first < s_lo and any(p_first <= k < lead_hi for k in aircraft))


def abroad(lex: Lexicons, tokens: Sequence[Token], actors: list[Match], lo: int, hi: int) -> bool:
    """Whether the clause names a place abroad ("وقال شهود عيان من بلدة عرسال إن الطائرات أطلقت أربعة صواريخ سقطت
    على الأراضي اللبنانية"); a country named as a side ("غارة اسرائيلية"، "إسرائيل") is no place."""
    foreign = lex.foreign
    return any(normalize_key(form) in foreign and not any(m.start <= k < m.end for m in actors)
               for k in range(lo, hi) for form in stems(tokens[k].text))


def _resolve_kind(t: Trigger, aircraft: bool, similar_to: Draft | None, civilian_victims: bool,
                  aircraft_in_clause: bool, foreign_air: bool) -> str:
    """The event type a trigger names in its clause."""
    kind = t.kind
    if similar_to is not None and kind in ("strike", "raid"):
        return similar_to.event_type
    if kind in ("strike", "rubble"):  # "استخراج الشهداء من تحت ركام الانقاض": the dead of a strike
        return "air_strike" if aircraft_in_clause or foreign_air else "shelling"
    if kind == "front":  # "قتيل ... على جبهة الملاح" (kept only with casualties)
        return "armed_clash"
    if kind == "attack" and aircraft:  # "ارتكبت الطائرات الحربية مجزرة"
        return "air_strike"
    if kind == "raid":
        return "air_strike" if aircraft_in_clause else ("attack" if civilian_victims else "armed_clash")
    return kind


def event_types(lex: Lexicons, clause_triggers: list[Trigger], aircraft: bool, similar_to: Draft | None,
                tokens: Sequence[Token], actors: list[Match], lo: int, hi: int,
                civilian_victims: bool = False, aircraft_in_clause: bool = False,
                last_place_end: int = 0) -> list[TypedTrigger]:
    """The events a clause reports, each with the trigger that names it: one strike type per clause (an air strike
    wins over shelling); a clash reported with it is a second event, unless the clash word only describes the
    place after the fact ("القريبة من محيط المعارك")."""
    foreign_air = any(m.value in ("russia", "coalition", "israel") for m in actors if lo <= m.start < hi)
    resolved: dict[str, Trigger] = {}
    for t in clause_triggers:
        if t.kind == "anaphor":
            continue  # "الحادث": refers back, names no type
        kind = _resolve_kind(t, aircraft, similar_to, civilian_victims, aircraft_in_clause, foreign_air)
        resolved.setdefault(kind, t)
    if "control" in resolved:
        control = resolved.pop("control")
        if not resolved:
            resolved["armed_clash"] = control
    ordered = [TypedTrigger(kind, resolved[kind]) for kind in PRIORITY if kind in resolved]
    if not ordered:
        return []
    first = ordered[0]
    extra = [typed for typed in ordered[1:]
             if typed.event_type == "armed_clash" and first.event_type in STRIKE_TYPES and (
                 typed.trigger.start < last_place_end
                 or normalize(tokens[typed.trigger.start - 1].text) in lex.undergo_verbs)]
    return [first] + extra


def partitive_victims(lex: Lexicons, tokens: Sequence[Token], start: int, lo: int) -> bool:
    """Whether the actor at `start` is counted as victims ("قتل ... 10 من أفراد المعارضة")."""
    k = start - 1
    if k > lo and normalize(tokens[k].text) in ("افراد", "عناصر", "مقاتلي", "جنود"):
        k -= 1
    if k <= lo or normalize(tokens[k].text) != "من":
        return False
    before = tokens[k - 1].text
    digits = before[1:] if before[:1] == "و" else before  # "و10 من أفراد المعارضة"
    return bool(digits.isdigit() or number_lexicon().number_word(before, first=True)
                or number_lexicon().person(before) or lex.casualties.match_at(tokens, k - 1))


def _agent_candidates(lex: Lexicons, event_type: str, trig: Trigger, tokens: Sequence[Token], actors: list[Match],
                      lo: int, hi: int, s_lo: int, between: int | None) -> tuple[list, list]:
    """The actors of the sentence up to the clause's end that may have carried the event out: (named agents,
    other candidates), each as (distance to the trigger, actor)."""
    agents, candidates = [], []
    for m in actors:
        if not (s_lo <= m.start < hi):
            continue
        prev = normalize(tokens[m.start - 1].text) if m.start > 0 else ""
        prev2 = normalize(tokens[m.start - 2].text) if m.start > 1 else ""
        first = tokens[m.start].text
        if stem_in(prev, lex.agent_verbs) or (prev == "قبل" and prev2 == "من") or prev in ("يد", "ايدي") or (
                prev == "من" and lo <= m.start - 1 and trig.end <= m.start - 1 <= trig.end + 1):
            agents.append((abs(m.start - trig.start), m.value))
            continue
        agent_after_trigger = 0 <= m.start - trig.end <= 2  # "قصف مدفعي لقوات النظام"
        is_object = prev in lex.object_words or first.startswith("بين") or (
            (first.startswith("ل") and not first.startswith("ال") or first.startswith("ول")) and not agent_after_trigger)
        if is_object or (event_type == "armed_clash" and between is not None and m.start > between):
            continue
        if partitive_victims(lex, tokens, m.start, lo):
            continue  # "قتل ... 10 من أفراد المعارضة"، "مقتل ثلاثة من المقاتلين": the dead, not the attacker
        distance = abs(m.start - trig.start) + (0 if m.start >= lo else 5)
        candidates.append((distance, m.value))
    return agents, candidates


def actor(lex: Lexicons, event_type: str, trig: Trigger, tokens: Sequence[Token], actors: list[Match], lo: int,
          hi: int, s_lo: int, air_actor: str, similar_to: Draft | None, previous: Draft | None = None) -> str:
    """The side that carried the event out (GUIDELINES §5): the actor named as the agent of the action.

    An actor right after an agentive verb ("أطلقتها المعارضة"، "شنه مسلحون من تنظيم الدولة") or after
    "من قبل" is the agent; otherwise the actor nearest the trigger in the clause, skipping objects
    ("على مواقع قوات النظام"، "كانت خاضعة لقوات النظام"). The two sides of a clash "بين X وY" name no
    attacker, so the clash is coded unknown unless an agent is named."""
    if event_type == "air_strike" and any(
            form.startswith(("برميل", "براميل")) for k in range(lo, hi) for form in stems(tokens[k].text)):
        return "regime"  # only the government's helicopters drop barrel bombs (GUIDELINES §5)
    between = next((k for k in range(lo, hi) if tokens[k].text in ("بين", "وبين")), None)
    agents, candidates = _agent_candidates(lex, event_type, trig, tokens, actors, lo, hi, s_lo, between)
    if agents:
        return min(agents)[1]
    if event_type == "explosion":
        return "unknown"  # a bombing is attributed only when the report names who carried it out
    if event_type == "armed_clash" and between is not None:
        return "unknown"
    if candidates:
        return min(candidates)[1]
    if similar_to is not None and similar_to.event_type == event_type:
        return similar_to.actor
    if previous is not None and previous.event_type == event_type and previous.actor != "unknown":
        return previous.actor  # "القصف طال أيضاً ...": the campaign already reported
    if event_type == "air_strike":
        return air_actor
    return "unknown"


# sides with no aircraft (GUIDELINES §5): an air strike is never theirs
GROUND_SIDES = frozenset({"opposition", "isis", "kurdish"})


def frame(event_type: str, trig: Trigger, actor: str, air_actor: str, aircraft_in_clause: bool,
          clause_triggers: list[Trigger], tokens: Sequence[Token], lo: int) -> Frame:
    """The frame of a typed trigger with its agent. An air strike of a side with no aircraft is re-read: aircraft
    named in the clause are the article's air actor's ("استهدف الطيران الحربي مقرا للمعارضة"); else the strike is
    the side's shelling."""
    if event_type == "air_strike" and actor in GROUND_SIDES:
        event_type, actor = ("air_strike", air_actor) if aircraft_in_clause else ("shelling", actor)
    return Frame(event_type, trig, actor, strikes(event_type, clause_triggers, tokens, lo))


def strikes(event_type: str, clause_triggers: list[Trigger], tokens: Sequence[Token], lo: int) -> Count:
    """How many strikes the clause reports ("ثلاث غارات"، "برميلين"، "لأكثر من برميل"); vague plural by default."""
    if event_type not in STRIKE_TYPES:
        return Count()
    best: Count | None = None
    for t in clause_triggers:
        if t.strikes_form == "none":
            continue
        before = count_before(tokens, t.start, lo)
        prev = normalize(tokens[t.start - 1].text) if t.start > lo else ""
        if prev == "من" and t.start - 2 >= lo and normalize(tokens[t.start - 2].text) in ("اكثر", "لاكثر"):
            c = VAGUE_PLURAL  # "لأكثر من برميل": more than one
        elif before is not None and not number_lexicon().person(tokens[before.end - 1].text):
            c = before.count
        elif t.strikes_form == "1":
            c = Count(1, 1, False)
        elif t.strikes_form == "2":
            c = Count(2, 2, False)
        else:
            c = VAGUE_PLURAL
        if best is None or (best.vague and not c.vague) or (best.vague == c.vague and c.low > best.low):
            best = c
    return best or VAGUE_PLURAL
