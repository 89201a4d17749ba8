"""Place resolution: which gazetteer reading a mention names, and codes for the names the gazetteer lacks
(GUIDELINES §3). Context decides: a marker's kind ("حي" a quarter, "ريف" a governorate), the qualifier after the
name, the other places of the sentence, the governorates the article and its outlet name; then the capital level.
Where the readings stay apart, the lowest level common to them all is coded, never a guess among them."""

from __future__ import annotations

from typing import Sequence

from extract.gazetteer import KIND_RANK, Gazetteer, Place
from extract.places.mention import PlaceMention
from extract.text import NormText, normalize, normalize_key
from extract.vocabulary import Lexicons, stem_in


class PlaceResolver:
    """Resolves the mentions of an article in context; construct once per gazetteer."""

    def __init__(self, gazetteer: Gazetteer, lex: Lexicons) -> None:
        self.gaz, self.lex = gazetteer, lex
        self._source_cache: dict[str, list[str]] = {}
        # the capital city of each governorate, whose neighbourhoods the tables list (Aleppo, Damascus, Homs)
        cities = {p.admin4 for places in gazetteer.index.values() for p in places if p.kind == "neighbourhood"}
        self.capitals = {p.admin1: p for places in gazetteer.index.values() for p in places
                         if p.kind == "community" and p.capital_level == 1 and p.admin4 in cities}

    def source_governorates(self, source: str | None) -> list[str]:
        """Governorates a local outlet is named for ("شبكة حلب نيوز", "مركز حلب الإعلامي"): context for its places."""
        if not source:
            return []
        cached = self._source_cache.get(source)
        if cached is None:
            cached = self._source_cache[source] = self._governorates_named_in(source)
        return list(cached)

    def _governorates_named_in(self, source: str) -> list[str]:
        out = []
        for token in NormText(source).tokens:
            for place in self.gaz.lookup(normalize_key(token.text)):
                if place.kind == "governorate" or place.capital_level == 1:
                    out.append(place.admin1)
        return out

    def resolve(self, mentions: list[PlaceMention], sentence_of: list[int], norm: str, context: Sequence[str],
                clause_of: Sequence[int], tokens_text: Sequence[str]) -> None:
        """Choose a reading for every mention with readings, and codes for those without (after the qualifiers
        and reference points are marked: see `roles`)."""
        narrow_by_marker(mentions, tokens_text)
        counts = _governorate_counts(mentions, context)
        for m in mentions:
            if m.readings:
                self._choose(m, mentions, sentence_of, counts)
                self._neighbourhood_in_capital(m)
            if not m.name_key:
                m.name_key = normalize_key(norm[m.char_start:m.char_end])
        for k, m in enumerate(mentions):
            before = mentions[k - 1] if k else None
            if (m.kind == "landmark" and not m.readings and before is not None and before.end == m.start
                    and before.admin1 and before.chosen is not None
                    and before.chosen.kind in ("community", "neighbourhood") and "-" in norm[before.char_end:m.char_start]):
                # a headline's "حلب - فرع المرور": the site is in the city named before it
                m.admin1, m.admin2, m.admin4, m.geo_precision = before.admin1, before.admin2, before.chosen.admin4, 1
                before.qualifier = True
            elif not m.readings:
                self._inherit(m, mentions[k + 1:], mentions, sentence_of, counts, clause_of or sentence_of, context,
                              tokens_text)
        # one name, one place: a mention placed by its qualifier places the other mentions of that name
        placed = {m.name_key: m for m in mentions if not m.readings and m.admin2}
        for m in mentions:
            best = placed.get(m.name_key)
            if not m.readings and best is not None and not m.admin2:
                m.admin1, m.admin2, m.admin4, m.geo_precision = best.admin1, best.admin2, best.admin4, best.geo_precision

    def _inherit(self, m: PlaceMention, later: list[PlaceMention], mentions: list[PlaceMention],
                 sentence_of: list[int], counts: dict[str, int], clause_of: Sequence[int],
                 outlet: Sequence[str] = (), nt_words: Sequence[str] = ()) -> None:
        """Codes for a name the gazetteer lacks: from the place that qualifies it (or the list it stands in),
        else the one governorate of its sentence, else of the article — the lowest level the context fixes."""
        for q in later:
            if sentence_of[q.start] != sentence_of[m.start] or q.start - m.end > 10:
                break
            if q.readings and (q.qualifier or q.marker == "region" or q.direction) and q.admin1:
                m.admin1, m.admin2, m.geo_precision = q.admin1, q.admin2, 2 if q.admin2 else 3
                m.placed_by = q.chosen
                if q.chosen is not None and q.chosen.kind in ("community", "neighbourhood"):
                    m.admin4, m.geo_precision = q.chosen.admin4, 1
                return
        if m.kind == "landmark":
            head = normalize(nt_words[m.start]) if m.start < len(nt_words) else ""
            if len(set(outlet)) == 1 and not stem_in(head, self.lex.unit_words):
                # a local outlet's site ("مدرسة عين جالوت" in an Aleppo Media Center headline): its governorate's
                # city (not a unit: "كتيبة أسود الإسلام" is who fired, not where)
                capital = self.capitals.get(outlet[0])
                m.admin1, m.geo_precision, m.weak = outlet[0], 3, True
                if capital is not None:
                    m.admin2, m.admin4, m.geo_precision = capital.admin2, capital.admin4, 1
            return  # else a site is placed only by the place that names or qualifies it
        sentence = {o.admin1 for o in mentions if o.readings and o.admin1 and clause_of[o.start] == clause_of[m.start]}
        if len(sentence) == 1:
            m.admin1, m.geo_precision = next(iter(sentence)), 3
        elif not sentence and counts:
            best = max(counts.values())
            top = [code for code, c in counts.items() if c == best]
            if len(top) == 1:
                m.admin1, m.geo_precision = top[0], 3
        self._neighbourhood_in_capital(m)

    def _neighbourhood_in_capital(self, m: PlaceMention) -> None:
        """"حي الراشدين" placed only in Aleppo governorate: a neighbourhood is urban, and the governorate's
        city is the one whose neighbourhoods the reports name."""
        capital = self.capitals.get(m.admin1) if m.admin1 and not m.admin2 else None
        if capital is not None and m.marker_word in ("حي", "حيي", "احياء"):
            m.admin2, m.admin4, m.geo_precision = capital.admin2, capital.admin4, 1

    def _choose(self, m: PlaceMention, mentions: list[PlaceMention], sentence_of: list[int], counts: dict[str, int]) -> None:
        """The reading of a mention: context first, then the capital level; the most specific of nested readings;
        else the lowest level common to every reading."""
        ordered = sorted(_narrow_by_context(m, mentions, sentence_of, counts),
                         key=lambda p: (-KIND_RANK[p.kind], p.capital_level))
        best = ordered[0]
        chain = all(p == best or p.contains(best) or (p.kind == best.kind == "region") for p in ordered)
        if chain:  # nested readings (governorate ⊃ district ⊃ community of one name): the most specific
            m.chosen = best
            m.admin1, m.admin2, m.admin4, m.geo_precision = best.admin1, best.admin2, best.admin4, best.geo_precision
            if m.admin2 is None:  # a governorate of one district (Damascus) fixes the district
                m.admin2 = self.gaz.sole_district(best.admin1)
            return
        # the lowest level common to every reading, never a guess among them
        if len({p.admin4 for p in ordered}) == 1 and all(p.kind == "neighbourhood" for p in ordered):
            # "الراموسة": the four industrial districts of that name are all quarters of Aleppo city
            m.admin1, m.admin2, m.admin4, m.geo_precision = best.admin1, best.admin2, best.admin4, 1
            return
        admin1 = {p.admin1 for p in ordered}
        admin2 = {p.admin2 or self.gaz.sole_district(p.admin1) for p in ordered}
        if len(admin1) == 1 and len(admin2) == 1 and None not in admin2:
            m.admin1, m.admin2, m.geo_precision = next(iter(admin1)), next(iter(admin2)), 2
        elif len(admin1) == 1:
            m.admin1, m.geo_precision = next(iter(admin1)), 3


def narrow_by_marker(mentions: list[PlaceMention], tokens_text: Sequence[str]) -> None:
    """A marker's kind narrows the readings: "ريف X"، "شمال X"، "محافظة X" a governorate; "بلدة X"، "حي X" a
    community or a quarter."""
    for m in mentions:
        centre = m.direction and m.marker_start is not None and m.marker_start < len(tokens_text) and \
            normalize(tokens_text[m.marker_start]) in ("وسط", "بوسط", "ووسط")  # "وسط حلب": the city's centre
        if m.marker == "region" or (m.direction and not centre) or m.marker_word in ("محافظه", "محافظتي", "محافظات"):
            governorates = [p for p in m.readings if p.kind in ("governorate", "region")]
            if governorates:
                m.readings = governorates
        elif m.marker in ("single", "pair", "many"):
            wanted = ("neighbourhood",) if m.marker_word in ("حي", "حيي", "احياء") else ()
            precise = [p for p in m.readings if p.kind in wanted] or \
                [p for p in m.readings if p.kind in ("community", "neighbourhood", "region", "locality", "alias")]
            if precise:
                m.readings = precise


def _governorate_counts(mentions: list[PlaceMention], context: Sequence[str]) -> dict[str, int]:
    """Article context: how often each governorate is named by the outlet and by places that are not ambiguous."""
    counts: dict[str, int] = {}
    for code in context:
        counts[code] = counts.get(code, 0) + 1
    for m in mentions:
        family = {p.admin1 for p in m.readings}
        if len(family) == 1:
            code = next(iter(family))
            counts[code] = counts.get(code, 0) + 1
    return counts


def _narrow_by_context(m: PlaceMention, mentions: list[PlaceMention], sentence_of: list[int],
                       counts: dict[str, int]) -> list[Place]:
    """The readings of a mention left by its sentence's governorates, the article's, and the capital level."""
    readings = m.readings
    if len({p.admin1 for p in readings}) > 1:
        same_sentence = {p.admin1 for o in mentions if o is not m and sentence_of[o.start] == sentence_of[m.start]
                         and len({q.admin1 for q in o.readings}) == 1 for p in o.readings}
        narrowed = [p for p in readings if p.admin1 in same_sentence]
        if not narrowed and counts:
            best = max(counts.values())
            narrowed = [p for p in readings if counts.get(p.admin1, 0) == best]
        if narrowed:
            readings = narrowed
    if len({p.admin1 for p in readings}) > 1:
        capitals = sorted(readings, key=lambda p: p.capital_level)
        if capitals[0].capital_level < 9 and (
                len(capitals) == 1 or capitals[1].capital_level > capitals[0].capital_level):
            top = capitals[0]
            readings = [p for p in readings if p.admin1 == top.admin1 and (p.admin2 in (None, top.admin2))]
    if len({p.admin1 for p in readings}) == 1 and len({p.admin2 for p in readings}) > 1 and any(
            p.kind == "neighbourhood" for p in readings):
        # in its governorate, a name that is a neighbourhood of the capital city and a village elsewhere:
        # the capital level decides (GUIDELINES' order: context first, then the capital level)
        readings = [p for p in readings if p.kind == "neighbourhood"]
    if any(p.kind == "governorate" for p in readings):
        # "ريف دمشق" names the governorate; its centre units ("مركز ريف دمشق") only share the name
        readings = [p for p in readings if not (p.kind in ("district", "subdistrict") and p.name_ar.startswith("مركز"))]
    return readings
