"""Stage 5, reading clause by clause: each clause's frames bound to its places, counts and day, under the
discourse state the clauses before it left (`Discourse`). A clause either drafts events, hands its toll or its
strikes to the event reported before it, names the topic place of its paragraph, or is dropped with a reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

from extract import casualties as tolls
from extract import dating, frames, relevance
from extract.assembly import Draft
from extract.casualties import Casualty, PlaceToll, Rise
from extract.dates import DateMention
from extract.dating import Background, PeriodDetail
from extract.discourse import Discourse, FrameAt, KnownLead, Where
from extract.doc import Clause, Doc
from extract.frames import Frame, Trigger
from extract.lexicon import Match
from extract.numbers import VAGUE_PLURAL, parse_count
from extract.places import PlaceMention
from extract.places.anaphora import antecedents
from extract.records import STRIKE_TYPES, Article, Count
from extract.relevance import Dropped, Spans
from extract.text import normalize
from extract.vocabulary import Lexicons


@dataclass
class Evidence:
    """What the article offers every clause, found once: triggers and places bucketed by clause, actors,
    casualty words, the relevance spans, aircraft words and the article's air actor."""

    lex: Lexicons
    doc: Doc
    mentions: list[PlaceMention]
    published: dt.date
    triggers_in: list[list[Trigger]]
    places_in: list[list[PlaceMention]]
    actors: list[Match]
    casualty_matches: list[Match]
    spans: Spans
    aggregate_at: list[bool]
    aircraft_at: list[int]
    air_actor: str
    press_review: bool
    title_end: int  # normalised characters of the title (-1 without one)
    period_report: bool  # the title or first sentence gives a long period's total (relevance.period_report)
    rank: dict[int, int]
    time_starts: list[bool]
    prewar: frozenset[int]  # sentences naming a year before the war (dating.prewar_sentences)

    @classmethod
    def gather(cls, lex: Lexicons, article: Article, doc: Doc, mentions: list[PlaceMention]) -> Evidence:
        tokens, words = doc.tokens, doc.words
        triggers = frames.find_triggers(lex, doc.nt, words)
        actors = frames.scan(lex.actors, tokens, words, "actor_start")
        aircraft_at = frames.aircraft_at(lex, tokens, words, mentions)
        triggers_in: list[list[Trigger]] = [[] for _ in doc.clauses]
        for t in triggers:
            triggers_in[doc.clause_of[t.start]].append(t)
        places_in: list[list[PlaceMention]] = [[] for _ in doc.clauses]
        for m in mentions:
            places_in[doc.clause_of[m.start]].append(m)
        spans = Spans.find(lex, doc)
        title_end = len(normalize(article.title)) if article.title else -1
        return cls(lex, doc, mentions, article.published_at.date(), triggers_in, places_in, actors,
                   frames.scan(lex.casualties, tokens, words, "casualty_start"), spans,
                   doc.flagged("aggregate"), aircraft_at, frames.article_air_actor(actors, aircraft_at),
                   relevance.press_review(lex, article), title_end,
                   relevance.period_report(doc, spans.periods, title_end), doc.rank(), doc.flagged("time_start"),
                   dating.prewar_sentences(lex, doc))


def read_clause(ev: Evidence, c: Clause, state: Discourse) -> None:
    """Read one clause: draft its events into `state`, or update the state, or drop it with a reason."""
    lex, tokens, lo, hi = ev.lex, ev.doc.tokens, c.lo, c.hi
    if ev.spans.nonevent(lo, hi):
        return _drop(ev, c, state, relevance.NON_EVENT)
    if c.sentence in ev.prewar:
        return _drop(ev, c, state, relevance.BACKGROUND_YEAR)
    reports_own = any(t.kind != "rubble" for t in ev.triggers_in[c.order]) and any(
        not m.qualifier and not m.dateline and m.admin1 for m in ev.places_in[c.order])
    risen = tolls.risen_to(tokens, ev.doc.words, ev.casualty_matches, lo, hi)
    spread = tolls.spread(lex, tokens, lo, c.s_hi)  # ("مقتل 159 شخصا الثلاثاء، سقط معظمهم في دمشق": later in the sentence)
    if state.drafts and not reports_own and risen is not None and tolls.toll_update(
            lex, state.drafts[-1], risen, spread, tokens, lo, hi):
        # (a clause naming its own event and place is that event's toll: "ارتفعت الى 31 ... في قصف ... استهدف حي
        # جبل بدرو")
        return _drop(ev, c, state, relevance.TOLL_UPDATE)
    cumulative = ev.spans.cumulative(lo, hi)
    clause_triggers = ev.triggers_in[c.order]
    places = _clause_places(ev, c, state)
    if spread and clause_triggers and not any(t.kind in ("strike", "air_strike", "shelling", "explosion")
                                              for t in clause_triggers):
        # "ارتفاع أعداد القتلى برصاص قوات النظام إلى 46 أغلبهم في حلب": a tally, no event
        return _drop(ev, c, state, relevance.SPREAD_TALLY)
    aggregate = any(ev.aggregate_at[lo:hi]) or spread
    # a toll over several days is no one incident's ("مقتل نحو 200 عنصر ... في معركة استمرت 8 أيام")
    over_days = any(lo <= p.start and p.end <= hi for p in ev.spans.periods) or (
        any(lo <= m.start < hi for m in ev.casualty_matches) and tolls.day_toll(lex, ev.doc.nt, lo, hi))
    casualties = [] if cumulative or aggregate or over_days else tolls.find_casualties(
        lex, tokens, ev.casualty_matches, lo, hi)
    if len(casualties) > 1:
        tolls.victim_sides(lex, tokens, casualties, ev.actors, [m.start for m in ev.places_in[c.order]], hi)
    if casualties:
        casualties = tolls.not_tallies(ev.doc, ev.mentions, casualties, c.order, c.sentence)
    clause_triggers = _kept_triggers(ev, c, clause_triggers, casualties)
    if not clause_triggers:
        if ev.triggers_in[c.order]:
            _drop(ev, c, state, relevance.NO_EVENT_LEFT)
        return _no_event(ev, c, state, places, casualties)
    if cumulative:
        return _drop(ev, c, state, relevance.CUMULATIVE)
    places, topic = _topic_places(c, state, places)
    anaphoric = [t for t in clause_triggers
                 if t.kind == "anaphor" or tokens[t.start].text.startswith(("بال", "وال", "لل", "ال"))]
    # the next sentence goes on with an earlier report that named no place ("وأسفر القتال عن ...")
    lead = state.known_lead
    goes_on = lead is not None and ev.rank[c.sentence] - lead.rank in (0, 1) and any(
        frames.compatible(t.kind, kind) or frames.compatible(kind, t.kind) for t in anaphoric for kind in lead.kinds)
    if not places and not topic:
        # "شنّ تسع غارات على عدد من مناطق المدينة"، "للسيطرة على القرى المذكورة": the places named before
        referred = antecedents(lex, ev.doc, ev.mentions, lo, hi, min(t.start for t in clause_triggers))
        if referred:
            places, topic = referred, True
    if not places:
        _unplaced(ev, c, state, clause_triggers, casualties, anaphoric, goes_on)
        return _drop(ev, c, state, relevance.NO_PLACE)
    places = _bound_places(ev, c, clause_triggers, places, topic)
    _draft(ev, c, state, clause_triggers, places, casualties, risen, aggregate or over_days, goes_on)


def _drop(ev: Evidence, c: Clause, state: Discourse, reason: str) -> None:
    """Keep a clause with triggers that gave no record of its own, with the reason."""
    kinds = tuple(t.kind for t in ev.triggers_in[c.order])
    if kinds:
        tokens = ev.doc.tokens
        state.dropped.append(Dropped(c.order, c.sentence, tokens[c.lo].start, tokens[c.hi - 1].end, kinds, reason))


def _clause_places(ev: Evidence, c: Clause, state: Discourse) -> list[PlaceMention]:
    """The clause's candidate event places; "حيث" after a clause that named one stands for that place
    ("قصفت القوات النظامية مدينة داريا حيث تدور اشتباكات")."""
    places = [m for m in ev.places_in[c.order] if m.event_place]
    where = state.where
    if (not places and ev.triggers_in[c.order] and where is not None and where.sentence == c.sentence
            and ev.doc.tokens[c.lo].text in ("حيث", "وحيث")):
        return where.places
    if places:
        state.where = Where(c.sentence, places[-1:])
    return places


def _kept_triggers(ev: Evidence, c: Clause, clause_triggers: list[Trigger], casualties: list[Casualty]) -> list[Trigger]:
    """The triggers that report an event here: a front only with its dead or wounded, rubble only for the dead of
    a strike nothing else in the clause names."""
    if not casualties and any(t.kind == "front" for t in clause_triggers):
        # "الوضع العسكري على جبهة صلاح الدين": a front names fighting only with its dead or wounded
        clause_triggers = [t for t in clause_triggers if t.kind != "front"]
    if any(t.kind == "rubble" for t in clause_triggers) and (
            not casualties or any(w.toll_rise for w in ev.doc.words[c.lo:c.hi])
            or any(t.kind != "rubble" for t in clause_triggers)):
        # the dead under rubble are a strike's ("استخراج الشهداء من تحت ركام الانقاض") when nothing else in the
        # clause names it: not the clearing of rubble ("ترحيل الأنقاض"), a toll that rose ("ارتفعت بعد أن تم
        # انتشال جثث ... من تحت الأنقاض"), or a named event
        clause_triggers = [t for t in clause_triggers if t.kind != "rubble"]
    return clause_triggers


def _no_event(ev: Evidence, c: Clause, state: Discourse, places: list[PlaceMention],
              casualties: list[Casualty]) -> None:
    """A clause with no event of its own: it may label its paragraph's place, or give the toll of the event its
    sentence just reported ("..., حيث لقي اثنان من المتمردين مصرعهما")."""
    if places and c.paragraph not in state.last_in_paragraph and _labels(ev.doc, places[-1]):
        state.topics[c.paragraph] = places
    previous = state.last
    if (casualties and not places and previous is not None and previous.sentence == c.sentence
            and previous.killed.best == previous.injured.best == 0 and not relevance.new_report(ev.doc, c.lo, c.hi)
            and not relevance.pluperfect(ev.doc.tokens, c.lo, c.hi)):
        tolls.give_toll(previous, _handed(ev, c, previous, casualties))


def _handed(ev: Evidence, c: Clause, draft: Draft, casualties: list[Casualty]) -> list[Casualty]:
    return tolls.handed(ev.doc, ev.mentions, draft, casualties, c.lo, c.hi, ev.published, ev.time_starts)


def _topic_places(c: Clause, state: Discourse, places: list[PlaceMention]) -> tuple[list[PlaceMention], bool]:
    """The paragraph's label place stands in for a clause that names none, or only sites the outlet placed
    ("حي باب النيرب || ضحايا جراء سقوط برميل على الحي"). Returns the places and whether they are the topic's."""
    para = c.paragraph
    if places and all(m.weak for m in places) and para not in state.last_in_paragraph and state.topics.get(para):
        places = []  # "حي الزهراء || الطيران الحربي يستهدف الحي ومحيط مبنى المخابرات": the label places it
    if not places and para not in state.last_in_paragraph and state.topics.get(para):
        return state.topics.pop(para), True
    return places, False


def _unplaced(ev: Evidence, c: Clause, state: Discourse, clause_triggers: list[Trigger], casualties: list[Casualty],
              anaphoric: list[Trigger], goes_on: bool) -> None:
    """A clause with an event and no place: an earlier report the next sentence may place, or the toll or the
    number of shells of the event reported before it ("أطلقت نحو ٢٠ قذيفة" after the report of the shelling)."""
    tokens, lo = ev.doc.tokens, c.lo
    if relevance.pluperfect(tokens, c.s_lo, c.hi) or ev.spans.reaction(c.s_lo, c.s_hi):
        # an earlier report, placed by what follows
        state.known_lead = KnownLead(frozenset(t.kind for t in clause_triggers), ev.rank[c.sentence])
    elif goes_on:
        state.known_lead = KnownLead(state.known_lead.kinds, ev.rank[c.sentence])  # "كما قتل في هذه المواجهات 30 ..."
    previous = state.last_in_paragraph.get(c.paragraph)
    if previous is None and anaphoric and casualties and VAGUE_PLURAL not in [x.phrase.count for x in casualties]:
        # "وأدت الغارة إلى مقتل شخصين" in a paragraph of its own: the toll of the raid reported before
        previous = next((d for d in reversed(state.drafts) if any(
            frames.compatible(t.kind, d.event_type) for t in clause_triggers)), None)
    if previous is not None and casualties and anaphoric and previous.killed.low == previous.injured.low == 0 \
            and not ev.spans.reaction(c.s_lo, c.s_hi):  # ("احتجاجا على الهجمات التي قتلت مئات": not its toll)
        tolls.give_toll(previous, _handed(ev, c, previous, casualties))
    previous = previous or state.last
    if previous is not None and previous.strikes.vague and previous.event_type in STRIKE_TYPES:
        # "أطلقت نحو ٢٠ قذيفة" after the report of the shelling: the number of shells
        detail = frames.strikes(previous.event_type, clause_triggers, tokens, lo)
        if (not detail.vague or detail.low > previous.strikes.low) and not frames.abroad(
                ev.lex, tokens, ev.actors, lo, c.hi):
            previous.strikes = detail


def _bound_places(ev: Evidence, c: Clause, clause_triggers: list[Trigger], places: list[PlaceMention],
                  topic: bool) -> list[PlaceMention]:
    """The places the clause's action takes: not where its sources speak from, nor where its agent stands, nor
    the area its examples are drawn from, nor a headline's label of the place after it."""
    doc, lex, lo = ev.doc, ev.lex, c.lo
    tokens = doc.tokens
    first_trigger = min(t.start for t in clause_triggers)
    opener = next((k for k in range(first_trigger - 1, lo - 1, -1) if tokens[k].text in ("ان", "بان", "وان")), None)
    if not topic and opener is not None and any(m.start > opener for m in places):
        # "مصادر ميدانية في حلب، أن ...": places before the reported speech are where the sources speak from
        places = [m for m in places if m.start > opener]
    # "احياء الخالدية تتعرض لقصف"، "تتعرض مدينة زملكا (شرق دمشق) لقصف": an undergoing verb before the action
    undergoes = any(tokens[k].text in lex.undergo_verbs
                    for k in range(opener + 1 if opener is not None else lo, first_trigger))
    if undergoes and not topic:
        # "دمشق، تعرض حي الحجر الاسود ... للقصف": a place before a comma sets the scene of the one after it
        scene = next((k for k in range(first_trigger, lo, -1) if "،" in doc.norm[tokens[k - 1].end:tokens[k].start]), None)
        if scene is not None and any(m.start >= scene for m in places):
            places = [m for m in places if m.start >= scene]
    after = [m for m in places if m.start > first_trigger]
    if not topic and not undergoes and after:
        # places before the action are where its agent stands ("المتمركزة على جبل قاسيون ... أطلقت قذائف
        # على حي جوبر"), unless they undergo it ("احياء الخالدية تتعرض لقصف") or label a headline whose
        # action names only a site ("حي الزهراء 27 4 2014 || الطيران الحربي يستهدف الحي ومحيط مبنى المخابرات")
        labels = [m for m in places if m.start < first_trigger and _labels(doc, m)]
        places = labels if labels and all(m.weak for m in after) else after
    if len(places) > 1:
        # "في عدد من مناطق دمشق خاصة حي الحجر الأسود وبلدة السبينة": the examples, not the area
        places = [m for n, m in enumerate(places) if n + 1 == len(places) or not any(
            tokens[k].text in lex.examples for k in range(m.end, min(places[n + 1].start, m.end + 3)))]
    if len(places) > 1 and not topic and _labels(doc, places[0]):
        # "الأشرفية : آثار الدمار في السكن الشبابي نتيجة قصف": the label is the area of the place after it
        places = places[1:]
    return places


def _labels(doc: Doc, place: PlaceMention) -> bool:
    """Whether `place` is a headline's label, set off by a bar, colon or dash ("حي باب النيرب || ...") or
    followed by its date."""
    tokens = doc.tokens
    after = doc.norm[tokens[place.end - 1].end:tokens[place.end].start] if place.end < len(tokens) else ""
    # "حي الزهراء 27 4 2014 ||": a headline's label may carry its date
    return any(c in after for c in "|:-–") or (place.end < len(tokens) and tokens[place.end].text.isdigit())


@dataclass
class _Counts:
    """The clause's counts as they go on its frames."""

    killed: Count
    injured: Count
    civilian: bool
    casualties: list[Casualty]
    shares: list[Count] | None
    by_place: list[PlaceToll] | None


def _draft(ev: Evidence, c: Clause, state: Discourse, clause_triggers: list[Trigger], places: list[PlaceMention],
           casualties: list[Casualty], risen: Rise | None, tally: bool, goes_on: bool) -> None:
    """The clause's frames, dated, each drafted at each of its places. `tally`: the clause's toll is an aggregate
    or over several days, so a risen figure in it is no incident's."""
    lex, tokens, lo, hi = ev.lex, ev.doc.tokens, c.lo, c.hi
    aircraft = any(c.s_lo <= k < c.s_hi for k in ev.aircraft_at)
    aircraft_in_clause = any(lo <= k < hi for k in ev.aircraft_at)
    similar_to = state.last_in_paragraph.get(c.paragraph) if not lex.similar.isdisjoint(
        map(itemgetter(0), tokens[lo:hi])) else None  # (token texts are normalised)
    killed, injured, civilian = tolls.totals(casualties)
    civilian_victims = civilian or any(x.phrase.civilian for x in casualties)
    types = frames.event_types(lex, clause_triggers, aircraft, similar_to, tokens, ev.actors, lo, hi, civilian_victims,
                               aircraft_in_clause or frames.air_context(ev.doc, c, ev.aircraft_at, ev.actors),
                               max(m.end for m in places))
    try:
        mention_dates, reaction = _dated(ev, c, state, casualties, goes_on)
    except Background:
        return _drop(ev, c, state, relevance.BACKGROUND_YEAR)
    except PeriodDetail:
        return _drop(ev, c, state, relevance.PERIOD_DETAIL)
    if risen is not None and not tally and (risen_to := parse_count(tokens, risen.to + 1, hi)) is not None:
        # "ارتفع عدد قتلى التفجير الذي استهدف جامع الإيمان إلى 49": the later toll of an incident the
        # article takes as known; with no day of its own it is coded with week precision (GUIDELINES §4)
        reaction = True
        if risen.kind == "killed":
            killed = risen_to.count
        else:
            injured = risen_to.count
    if casualties and tolls.listed_apart(tokens, casualties, clause_triggers):
        # a headline's "159 قتيلا وتقدم للمعارضة في حمص": the toll is an item of its own, not the advance's
        casualties, killed, injured, civilian = [], Count(), Count(), False
    counts = _counts(ev, c, casualties, places, risen, tolls.Toll(killed, injured, civilian))
    # the counts go with the event the clause reports first ("قتل 15 ... خلال اشتباكات ... وقصف")
    counted = min(types, key=lambda typed: typed.trigger.start).event_type if types else None
    for event_type, trig in types:
        # (the campaign reported just before, in the same paragraph: "القصف طال أيضاً ..."; for a clause's second
        # frame, its first)
        previous = state.drafts[-1] if state.drafts and state.drafts[-1].paragraph == c.paragraph else None
        frame = frames.frame(event_type, trig, frames.actor(lex, event_type, trig, tokens, ev.actors, lo, hi, c.s_lo,
                                                            ev.air_actor, similar_to, previous),
                             ev.air_actor, aircraft_in_clause, clause_triggers, tokens, lo)
        state.frames.append(FrameAt(c.order, c.sentence, frame, places))
        for n_place, mention in enumerate(places):
            # (a re-read air strike keeps the counts its clause gave it: `event_type` is the type as first read)
            state.add(_place_draft(ev, c, frame, n_place, mention, counts, event_type == counted, mention_dates,
                                   reaction))


def _counts(ev: Evidence, c: Clause, casualties: list[Casualty], places: list[PlaceMention], risen: Rise | None,
            toll: tolls.Toll) -> _Counts:
    """The clause's counts as its frames take them: shared out, or given to each place its own."""
    shares = tolls.shares(ev.lex, ev.doc.tokens, casualties, places, c.hi)
    by_place = tolls.tolls_by_place(casualties, places) if risen is None else None
    return _Counts(toll.killed, toll.injured, toll.civilian, casualties, shares, by_place)


class _Dated(NamedTuple):
    """The time words that date the clause's events, and whether it tells a known incident rather than news."""

    mentions: list[DateMention]
    reaction: bool


def _dated(ev: Evidence, c: Clause, state: Discourse, casualties: list[Casualty], goes_on: bool) -> _Dated:
    """The clause's days and whether it is a reaction; raises Background for a sentence of an earlier year."""
    found = dating.clause_dates(ev.lex, ev.doc, c, ev.published, ev.time_starts, ev.spans.periods, ev.period_report)
    mention_dates = found.mentions
    if any(m.kind == "relative" for m in mention_dates):
        if state.statement_days is None:
            state.statement_days = dating.statement_days(ev.doc, ev.published, ev.time_starts)
        mention_dates = dating.restated(ev.doc, mention_dates, c.s_lo, state.statement_days, ev.published)
    reaction = _reaction(ev, c, state, casualties, bool(mention_dates))
    if found.carried_from is not None and not reaction:
        # "وأضاف المرصد أن ...": the day of the report it goes on with (GUIDELINES §4)
        mention_dates = dating.report_day(ev.doc, found.carried_from, ev.published, ev.time_starts, state.report_days)
    return _Dated(mention_dates, _continues_lead(ev, c, state, reaction, bool(mention_dates), goes_on))


def _reaction(ev: Evidence, c: Clause, state: Discourse, casualties: list[Casualty], dated: bool) -> bool:
    """Whether the clause tells a known incident rather than news: a press review, a reaction, the pluperfect, the
    mourning of a death (GUIDELINES §4)."""
    tokens = ev.doc.tokens
    reaction = ev.press_review or ev.spans.reaction(c.s_lo, c.s_hi)
    if not reaction and relevance.pluperfect(tokens, c.s_lo, c.hi):
        reaction = True  # "وكان التلفزيون قد أعلن مقتل ...": an earlier report of a known incident
    if not reaction and not dated and casualties:
        if state.mourned is None:
            state.mourned = relevance.mourned(ev.lex, ev.doc, ev.mentions, ev.actors)
        # "اعلن الاتحاد الاوروبي عن مقتل مستشار سوري يعمل معه في القصف في دمشق" in an article where the EU
        # "علمت بحزن شديد بموت احمد شحادة المستشار": the death the mourning names, a known incident
        reaction = bool(state.mourned) and not state.mourned.isdisjoint(relevance.victims(tokens, casualties, c.lo))
    return reaction


def _continues_lead(ev: Evidence, c: Clause, state: Discourse, reaction: bool, dated: bool, goes_on: bool) -> bool:
    """Whether the clause is a reaction, or the continuation of an earlier report (GUIDELINES §4); updates the known
    lead."""
    if goes_on and not dated:
        # "وكان المرصد قد افاد يوم امس بإن 100 من جنود الجيش السوري ... قتلوا في مواجهات ..." then "وأسفر القتال عن
        # استيلاء جماعة النصرة على بلدة شدادي": the fighting of that earlier report, placed (GUIDELINES §4)
        reaction = True
        state.known_lead = KnownLead(state.known_lead.kinds, ev.rank[c.sentence])
    else:
        state.known_lead = None
    return reaction


def _place_draft(ev: Evidence, c: Clause, frame: Frame, n_place: int, mention: PlaceMention, counts: _Counts,
                 counted: bool, mention_dates: list, reaction: bool) -> Draft:
    """One frame at one place: the counts go on the first place of the counted frame (GUIDELINES §6), or to each
    place its own when the clause gives them apart."""
    tokens, trig = ev.doc.tokens, frame.trigger
    first = n_place == 0 and counted
    date, precision = dating.day_at(mention_dates, mention, ev.published, reaction)
    span_parts = [(tokens[trig.start].start, tokens[trig.end - 1].end), (mention.char_start, mention.char_end)]
    place_killed, place_injured, place_civilian = (counts.killed, counts.injured, counts.civilian) if first else (
        Count(), Count(), False)
    own = counts.casualties if first else []
    if counts.by_place is not None and counted:
        own, (place_killed, place_injured, place_civilian) = counts.by_place[n_place]  # (a PlaceToll)
    if counts.shares is not None and counted:
        place_killed = counts.shares[n_place]
    span_parts += [(tokens[x.start].start, tokens[x.end - 1].end) for x in own]
    span = (min(a for a, _ in span_parts), max(b for _, b in span_parts))
    return Draft(frame.event_type, date, precision, mention, frame.actor, place_killed, place_injured, frame.strikes,
                 place_civilian, span, c.paragraph, c.order, tokens[c.lo].start < ev.title_end, c.sentence,
                 bool(mention_dates))
