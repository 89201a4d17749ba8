"""Stage 6, assembly: the drafts of an article's clauses become its records. One record per (type, place, day)
(GUIDELINES §6: twins merge their counts); a headline is kept only for what the body lacks; a lead that names a
city, a region or the vicinity of a place merges into the detail that names the place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from extract.doc import Doc
from extract.places import PlaceMention
from extract.records import Article, Count, EventRecord
from extract.text import NormText, normalize_key
from extract.morphology import looks_like_adjective
from extract.vocabulary import Lexicons, definite_adjective, stem_in


@dataclass
class Draft:
    """An event record in the making, with what the article-level merge needs."""

    event_type: str
    date: dt.date
    precision: str
    mention: PlaceMention
    actor: str
    killed: Count
    injured: Count
    strikes: Count
    civilian: bool
    span: tuple[int, int]  # normalised chars
    paragraph: int
    order: int
    from_title: bool = False
    sentence: int = -1
    dated: bool = False  # the day comes from a time word of the text, not from the publication day


def assemble(lex: Lexicons, article: Article, doc: Doc, drafts: list[Draft]) -> list[EventRecord]:
    """The article's records from its drafts."""
    return [record(article, doc.nt, d) for d in merge(lex, drafts, doc)]


def place_id(m: PlaceMention) -> str:
    return m.chosen.pcode if m.chosen else f"name:{m.name_key}"


def merge(lex: Lexicons, drafts: list[Draft], doc: Doc) -> list[Draft]:
    """Headlines, twins and leads merged into the details they announce (the drafts are updated in place)."""
    # a headline announces what the body reports: keep it only for an event type the body lacks
    body_types = {d.event_type for d in drafts if not d.from_title}
    body_places = {place_id(d.mention) for d in drafts if not d.from_title}
    drafts = [d for d in drafts if not d.from_title or (
        d.event_type not in body_types and place_id(d.mention) not in body_places)]
    reports = list(drafts)  # every report, before twins are merged
    kept = _merge_twins(drafts)
    out = []
    for d in kept:
        placed = next((o for o in kept if o is not d and o.event_type == d.event_type and not o.mention.vicinity),
                      None) if d.mention.vicinity else None
        if placed is not None:
            # "غارة قرب دمشق" beside the same raid coded at its place; the lead's day when the detail has none
            # ("التي قصفت فجر الأربعاء مركزاً قرب دمشق" ... "وقصف الطيران الإسرائيلي مركزاً في منطقة جمرايا")
            if d.dated and not placed.dated and placed.precision == "day":
                placed.date, placed.precision, placed.dated = d.date, d.precision, True
            continue
        site_detail = _site_detail(lex, d, kept, reports, doc)
        if site_detail is not None:
            _take_toll(site_detail, d)
            continue
        covered = _detail_of(d, kept)
        if covered is not None:
            # the lead names the city or the region, the detail the place: keep the detail, and the
            # lead's toll when the detail gives none
            if d.dated and not covered.dated and covered.precision == "day":
                covered.date, covered.precision, covered.dated = d.date, d.precision, True
            _take_toll(covered, d)
            continue
        out.append(d)
    return out


def _merge_twins(drafts: list[Draft]) -> list[Draft]:
    """One draft per (type, day, place): a twin adds its statement of the counts to the first."""
    kept: list[Draft] = []
    for d in drafts:
        twin = next((k for k in kept if k.event_type == d.event_type and k.date == d.date
                     and place_id(k.mention) == place_id(d.mention)), None)
        if twin is None:
            kept.append(d)
            continue
        twin.killed = combine(twin.killed, d.killed)
        twin.injured = combine(twin.injured, d.injured)
        twin.strikes = max(twin.strikes, d.strikes, key=lambda c: (not c.vague, c.low))
        twin.civilian = twin.civilian or d.civilian
        if twin.actor == "unknown":
            twin.actor = d.actor
    return kept


def _take_toll(target: Draft, lead: Draft) -> None:
    """The lead's toll when the detail gives none."""
    if target.killed.best == target.injured.best == 0:
        target.killed, target.injured = lead.killed, lead.injured
        target.civilian = target.civilian or lead.civilian


def _site_detail(lex: Lexicons, d: Draft, kept: list[Draft], reports: list[Draft], doc: Doc) -> Draft | None:
    """"انفجار ... قرب مقر حزب البعث في وسط دمشق" beside "انفجار سيارة مفخخة في منطقة المزرعة ... بالقرب من فرع حزب
    البعث": a site placed only by its city, named again beside a quarter of it, is the event there."""
    city = d.mention.placed_by
    if not (d.mention.kind == "landmark" and city is not None and city.capital_level == 1):
        return None
    named = site_words(lex, doc.nt, d.mention)
    covered = [o for o in kept if o is not d and o.event_type == d.event_type and o.date == d.date
               and o.mention.chosen is not None and city.contains(o.mention.chosen) and named and any(
                   not named.isdisjoint(sentence_words(doc, r.sentence))
                   for r in reports if r.event_type == o.event_type and r.date == o.date and r.sentence != d.sentence
                   and place_id(r.mention) == place_id(o.mention))]
    return covered[0] if covered else None


def _detail_of(d: Draft, kept: list[Draft]) -> Draft | None:
    """The detail a lead naming a vague place (a governorate, a region, a city) announces, if any."""
    vague_place = d.mention.chosen
    if vague_place is None:
        return None
    return next((o for o in kept if o is not d and o.event_type == d.event_type and o.date == d.date and (
        (o.mention.chosen is not None and vague_place.contains(o.mention.chosen))
        # a name the gazetteer lacks, in the vague place's governorate: the detail
        or (o.mention.chosen is None and vague_place.kind in ("governorate", "region")
            and vague_place.admin2 is None and o.mention.admin1 == vague_place.admin1)
        # "وفي حمص (وسط)، تعرضت قرى ريف القصير لقصف": the governorate's capital sets the
        # scene of a clause that names the place
        or (o.order == d.order and vague_place.capital_level == 1
            and o.mention.admin1 == vague_place.admin1 and o.mention is not d.mention))), None)


def site_words(lex: Lexicons, nt: NormText, m: PlaceMention) -> set[str]:
    """The words that name a site, less its head, common words and adjectives: "مقر حزب البعث" -> {حزب, بعث};
    "القصر الجمهوري" -> {} (an adjective names no one site)."""
    words = {normalize_key(t.text) for t in nt.tokens[m.start + 1:m.end]
             if len(t.text) > 2 and not t.text.isdigit() and not definite_adjective(t.text)
             and not looks_like_adjective(t.text) and stem_in(t.text, lex.facilities) is None}
    return words - lex.stopwords - lex.not_names - lex.generic_site_words


def sentence_words(doc: Doc, sentence: int) -> set[str]:
    lo, hi = doc.sentence_bounds.get(sentence, (0, 0))
    return {normalize_key(t.text) for t in doc.tokens[lo:hi]}


def record(article: Article, nt: NormText, d: Draft) -> EventRecord:
    start, end = nt.to_original(*d.span)
    p_start, p_end = nt.to_original(d.mention.char_start, d.mention.char_end)
    m = d.mention
    return EventRecord(
        article_id=article.id, event_type=d.event_type, event_date=d.date, date_precision=d.precision,
        place=nt.original[p_start:p_end], admin1_pcode=m.admin1, admin2_pcode=m.admin2, admin4_pcode=m.admin4,
        geo_precision=m.geo_precision, actor=d.actor, killed=d.killed, injured=d.injured, strikes=d.strikes,
        civilian=d.civilian, evidence=nt.original[start:end], evidence_start=start, evidence_end=end,
        place_kind=m.kind,
    )


def combine(a: Count, b: Count) -> Count:
    """Two statements of one toll: the lowest stated floor, the most specific best (GUIDELINES §6)."""
    if a.low == a.best == 0:
        return b
    if b.low == b.best == 0:
        return a
    specific = b if (a.vague and not b.vague) else a
    low = min(a.low, b.low)
    return Count(low, max(low, specific.best), a.vague and b.vague)
