"""Places abroad and the country each sentence is about (GUIDELINES §3: a place outside Syria is never coded).

Wire copy mixes countries: a Turkish border town (سروج) or an Iraqi city (الرمادي) has a Syrian village of the
same name, and a sentence-at-a-time extractor codes the Turkish bombing in Syria. The names of places abroad are
in `extract.foreign_names` (our table of the region and GeoNames' Arabic names of its towns).

`sentence_frames` gives each sentence the country in frame (`SentenceFrame`): from its own cues (a country or a
foreign region in a locative place: "وفي العراق"، "بشمال العراق"، "في محافظة الأنبار"; a place word with an
adjective: "مدينة سوروتش التركية"; a dateline "ديار بكر (تركيا)"; Syria's governorates and the unambiguous Syrian
towns the extractor found), else carried from the sentences before it in the same paragraph. `place_countries`
decides, for each place mention, whether it is in Syria: a name qualified as Syrian wins ("بلدة X السورية"،
"X بريف حلب"); a Syrian homonym loses when the text frames the other country it names; a village in a sentence
that frames another country is that country's. The module is pure Python (no Dagster, no DuckDB).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter, ne

from extract.foreign_names import (  # noqa: F401 (foreign_gazetteer, ForeignName: the names' API, used from here)
    _DIVISION_WORDS,
    SYRIA,
    ForeignGazetteer,
    ForeignName,
    _first_keys,
    _role,
    _Words,
    _words,
    foreign_gazetteer,
)
from extract.lexicon import stems
from extract.text import Token, normalize, normalize_key

# GeoNames cities frame a sentence by themselves only when they are this large (أضنة، قونية): a small town
# abroad is too often a common word or a Syrian village
FRAME_POPULATION = 100_000
# a cue this many words after a mention still governs it ("قتل خمسة في قصف على الرمادي بمحافظة الأنبار")
AFTER_WINDOW = 8
# words after which a country or a region is where something happens ("وفي العراق"، "داخل الأراضي التركية")
_LOCATIVE = frozenset(normalize(w) for w in ("في", "داخل", "أراضي", "الأراضي", "اراضي", "عاصمة", "العاصمة"))
_TERRITORY = frozenset(normalize(w) for w in ("أراضي", "الأراضي", "عاصمة", "العاصمة"))
# a wire dispatch's dateline at a paragraph's start: "عمان (رويترز) -"، "دبي، الإمارات العربية المتحدة (CNN)--"، "القاهرة -"
_DATELINE = re.compile(r"[^.\n]{0,60}?(?:\([^()\n]{1,30}\)\s*[-–—:]*|\s[-–—]+\s)")


@dataclass(frozen=True)
class Cue:
    """Something in a sentence that says which country it is about."""

    country: str
    kind: str  # country, region, city (in a locative place), demonym, dateline, anchor (a Syrian town found)
    token: int  # where it stands (for a demonym or a dateline: the place it qualifies)
    text: str


@dataclass(frozen=True)
class SentenceFrame:
    """The country a sentence is about, and why: inspectable, one per sentence number."""

    sentence: int
    paragraph: int
    country: str | None  # "SY", another ISO code, or None (unknown, or its cues disagree)
    source: str  # cue (its own cues agree), mixed (they disagree), carried (from carried_from), none, unread
    cues: tuple[Cue, ...] = ()
    carried_from: int | None = None  # the sentence whose cue the frame carried into this one comes from
    incoming: str | None = None  # the country carried into the sentence (what governs the words before its cues)

    @property
    def outgoing(self) -> str | None:
        """The country carried to the next sentence of the paragraph: its last cue's, else what came in."""
        return self.cues[-1].country if self.cues else self.incoming


@dataclass(frozen=True)
class PlaceRef:
    """A place mention as the extractor found it: its tokens and its Syrian readings (gazetteer.Place)."""

    start: int  # token index
    end: int  # exclusive
    readings: tuple = ()

    @property
    def strong(self) -> bool:
        """A governorate, district, region or the seat of one (capital level 1 to 3): a town no report names by accident."""
        return any(p.kind in ("governorate", "district", "subdistrict", "region") or p.capital_level <= 3 for p in self.readings)


@dataclass(frozen=True)
class Placement:
    """Where a mention is: Syria ("SY"), another country, or None when abroad in no known country."""

    country: str | None
    reason: str

    @property
    def abroad(self) -> bool:
        return self.country != SYRIA


# ---------------------------------------------------------------- frames
_B_CLITICS = ("وبال", "فبال", "بال", "وب", "فب", "ب")


def _locative(texts: Sequence[str], i: int, lex: _Words, firsts: dict[str, tuple[int, ...]]) -> bool:
    """Whether the name at word i stands where things happen: after في/ب/داخل, a place word or a direction."""
    word = texts[i]
    if any(word.startswith(p) and normalize_key(word[len(p):]) in firsts for p in _B_CLITICS):
        return True  # "بالعراق"، "وبتركيا" (not بغداد, whose ب is its own)
    if i == 0 or (word[:1] == "و" and normalize_key(word) not in firsts):
        return False  # "على الحي وصور أشلاء": a word joined by و is not governed by the marker before
    before = texts[i - 1]
    forms = stems(before)
    return (normalize(before) in _LOCATIVE or any(f in lex.markers or f in lex.directions for f in forms)
            or any(f in _LOCATIVE for f in forms))


def _covered(refs: Sequence[PlaceRef]) -> dict[int, PlaceRef]:
    return {k: r for r in refs if r.readings for k in range(r.start, r.end)}


def _cues(norm: str, tokens: Sequence[Token], texts: Sequence[str], lo: int, hi: int, words: Sequence[int],
          gaz: ForeignGazetteer, syrian_at: dict[int, PlaceRef], paragraph_start: bool) -> list[Cue]:
    """The country cues of the sentence of words lo..hi, whose words worth a look (`ForeignGazetteer.interesting`)
    are `words`."""
    lex = _words()
    out: list[Cue] = []
    if not words:
        return out
    dateline = _DATELINE.match(norm, tokens[lo].start) if paragraph_start else None
    filed = dateline.end() if dateline else -1  # where the dispatch was filed frames nothing (Beirut, Amman)
    done = -1  # the words of a name already read
    for i in words:
        if i < done:
            continue
        code = gaz.demonym(texts[i]) if i > lo else None
        place = _qualified_place(norm, tokens, texts, i, lo, lex) if code is not None else None
        if place is not None:  # "مدينة سوروتش التركية"، "بلدة X السورية" (before السورية is read as the country)
            territory = not _TERRITORY.isdisjoint(stems(texts[place]))  # "داخل الأراضي التركية": the country itself
            out.append(Cue(code, "country" if territory else "demonym", place, texts[i]))
            continue
        found = gaz.match_at(texts, i)
        if found is None:
            continue
        n, name = found
        n = min(n, hi - i)
        text = " ".join(texts[i:i + n])
        homonym = any(k in syrian_at for k in range(i, i + n))
        division = i > 0 and normalize(texts[i - 1]) in _DIVISION_WORDS
        parenthesised = i > 0 and norm[tokens[i - 1].end:tokens[i].start].rstrip().endswith("(") and \
            norm[tokens[i + n - 1].end:tokens[i + n - 1].end + 2].lstrip().startswith(")")
        if len(name.countries) == 1 and (tokens[i].start >= filed or parenthesised):
            country = next(iter(name.countries))
            if parenthesised and "country" in name.kinds and i > lo:
                out.append(Cue(country, "dateline" if paragraph_start else "country", i - 1, text))  # "ديار بكر (تركيا)"
            elif _locative(texts, i, lex, gaz.first_words) and not _coordinated(texts, i, n, gaz):
                if "country" in name.kinds or (SYRIA in name.countries and name.ours):
                    out.append(Cue(country, "country" if "country" in name.kinds else "region", i, text))
                elif name.ours and (not homonym or division):
                    out.append(Cue(country, "region" if "region" in name.kinds else "city", i, text))
                elif not name.ours and not homonym and name.population >= FRAME_POPULATION:
                    out.append(Cue(country, "city", i, text))
        done = i + n
    return out


def _coordinated(texts: Sequence[str], i: int, n: int, gaz: ForeignGazetteer) -> bool:
    """"في سوريا والعراق"، "في العراق والشام": two countries at once frame neither."""
    def country_at(words: Sequence[str], k: int) -> bool:
        found = gaz.match_at(words, k)
        return found is not None and "country" in found[1].kinds

    if not country_at(texts, i):
        return False
    after = texts[i + n] if i + n < len(texts) else ""
    if after.startswith("و") and (after[1:] in ("الشام", "شام") or country_at(texts, i + n)):
        return True
    return texts[i].startswith("و") and i > 0 and country_at(texts, i - 1)


def _qualified_place(norm: str, tokens: Sequence[Token], texts: Sequence[str], i: int, lo: int,
                     lex: _Words) -> int | None:
    """For an adjective at word i, the name it qualifies after a place word ("مدينة سوروتش التركية",
    "ببلدة تركية", "مدينة عين العرب (كوباني) السورية"): the name's first word, else None."""
    for k in range(i - 1, max(lo, i - 5) - 1, -1):
        gap = norm[tokens[k].end:tokens[k + 1].start]
        if any(c in gap for c in "،,.:؛؟!\n"):
            return None
        role = _role(texts[k])
        if role == "marker":
            return k + 1 if k + 1 < i else k
        if role == "stop":
            return None  # "قرية X على الحدود التركية": the adjective is the border's, not the village's
    return None


def sentence_frames(norm: str, tokens: Sequence[Token], sentence_of: Sequence[int], paragraph_of: Sequence[int],
                    refs: Sequence[PlaceRef] = (), gaz: ForeignGazetteer | None = None,
                    paragraphs: Iterable[int] | None = None, levels: Sequence[int] | None = None
                    ) -> dict[int, SentenceFrame]:
    """The country in frame of every sentence (by sentence number), from its cues or carried in its paragraph;
    with `paragraphs`, only theirs are read and the others' sentences are "unread" (their country None).

    `refs` are the extractor's place mentions: a foreign name that is also a Syrian place frames nothing by itself,
    and a Syrian district seat, district or governorate not named abroad is a cue for Syria."""
    gaz = gaz or foreign_gazetteer()
    texts = list(map(itemgetter(0), tokens))
    syrian_at = _covered(refs)
    anchors: dict[int, list[Cue]] = {}
    for r in refs:
        name = gaz.lookup(normalize_key("".join(texts[r.start:r.end])))
        if r.strong and (name is None or not name.ours or name.countries == {SYRIA}):
            anchors.setdefault(sentence_of[r.start], []).append(Cue(SYRIA, "anchor", r.start, " ".join(texts[r.start:r.end])))
    frames: dict[int, SentenceFrame] = {}
    previous: SentenceFrame | None = None
    interesting = list(compress(range(len(texts)), levels if levels is not None else gaz.levels(texts)))
    n = len(tokens)
    starts = [0, *compress(range(1, n), map(ne, sentence_of[1:], sentence_of[:-1]))] if n else []
    wanted = None if paragraphs is None else set(paragraphs)
    for lo, hi in zip(starts, [*starts[1:], n]):
        sent, para = sentence_of[lo], paragraph_of[lo]
        if wanted is not None and para not in wanted:
            frames[sent] = previous = SentenceFrame(sent, para, None, "unread")
            continue
        paragraph_start = lo == 0 or paragraph_of[lo - 1] != para
        words = interesting[bisect.bisect_left(interesting, lo):bisect.bisect_left(interesting, hi)]
        cues = sorted(_cues(norm, tokens, texts, lo, hi, words, gaz, syrian_at, paragraph_start)
                      + anchors.get(sent, []), key=lambda c: c.token)
        countries = {c.country for c in cues}
        carried = previous is not None and previous.paragraph == para and previous.outgoing is not None
        incoming = previous.outgoing if carried else None
        origin = None
        if carried:
            origin = previous.carried_from if not previous.cues else previous.sentence
        if len(countries) == 1:
            frame = SentenceFrame(sent, para, cues[0].country, "cue", tuple(cues), origin, incoming)
        elif cues:
            frame = SentenceFrame(sent, para, None, "mixed", tuple(cues), origin, incoming)
        elif carried:
            frame = SentenceFrame(sent, para, incoming, "carried", (), origin, incoming)
        else:
            frame = SentenceFrame(sent, para, None, "none")
        frames[sent] = previous = frame
    return frames


# ---------------------------------------------------------------- decisions
def qualifier(norm: str, tokens: Sequence[Token], texts: Sequence[str], ref: PlaceRef,
              gaz: ForeignGazetteer | None = None) -> str | None:
    """The country a mention is named in: an adjective ("سروج التركية"، "بلدة X السورية"), a parenthesised country
    ("ديار بكر (تركيا)"), or a country or region after في/ب and directions ("سروج بجنوب شرق تركيا"، "X بريف حلب")."""
    gaz = gaz or foreign_gazetteer()
    lex = _words()
    k = ref.end
    while k < len(texts) and k < ref.end + 3 and norm[tokens[k - 1].end:tokens[k].start].strip() in ("(", ")", ""):
        code = gaz.demonym(texts[k])
        if code is not None:
            return code
        if not norm[tokens[k - 1].end:tokens[k].start].strip():
            break
        k += 1  # "عين العرب (كوباني) السورية"
    k = ref.end
    if k >= len(texts) or any(c in norm[tokens[k - 1].end:tokens[k].start] for c in "،,.:؛؟!\n"):
        return None
    steps = 0
    while k < len(texts) and steps < 3:
        found = gaz.match_at(texts, k)
        if found is not None:
            name = found[1]
            located = steps > 0 or _locative(texts, k, lex, gaz.first_words) or norm[tokens[k - 1].end:tokens[k].start].strip() == "("
            if located and len(name.countries) == 1 and name.ours and (
                    "country" in name.kinds or "region" in name.kinds):
                return next(iter(name.countries))
            return None
        word = texts[k]
        if not (normalize(word) == "في" or any(f in lex.directions for f in stems(word))):
            return None
        k += 1
        steps += 1
    return None


def _governing(frame: SentenceFrame | None, ref: PlaceRef) -> tuple[str | None, str]:
    """The country that governs a mention: the cue nearest to it among the last one before it and the first one
    shortly after it ("في الرمادي بالعراق"), else the country carried into its sentence.

    The second value says where it comes from: a cue's kind, "carried" or "none"."""
    if frame is None:
        return None, "none"
    before = [c for c in frame.cues if c.token <= ref.start]
    after = [c for c in frame.cues if ref.start < c.token <= ref.end + AFTER_WINDOW]
    near = [c for c in (before[-1:] + after[:1])]
    if near:
        cue = min(near, key=lambda c: (abs(c.token - ref.start), c.token > ref.start))
        return cue.country, cue.kind
    if frame.incoming is not None:
        return frame.incoming, "carried"
    return None, "none"


def place_country(norm: str, tokens: Sequence[Token], ref: PlaceRef, frame: SentenceFrame | None,
                  gaz: ForeignGazetteer | None = None, texts: Sequence[str] | None = None) -> Placement:
    """Whether one mention is in Syria (see the module's docstring for the order of the rules)."""
    gaz = gaz or foreign_gazetteer()
    texts = [t.text for t in tokens] if texts is None else texts
    named = qualifier(norm, tokens, texts, ref, gaz)
    if named is not None:
        return Placement(named, "named in " + named)
    name = gaz.match_at(texts[ref.start:ref.end], 0)
    foreign = name[1] if name is not None and name[0] == ref.end - ref.start and name[1].countries - {SYRIA} else None
    country, source = _governing(frame, ref)
    if not ref.readings:
        # (a GeoNames town abroad needs the text's word too: "منطقة جميرا" is Jamraya near Damascus, not Dubai's)
        if foreign is not None and (foreign.ours or country in foreign.countries):
            return Placement(_one(foreign.countries, country), "a place abroad, unknown in Syria")
        if country not in (None, SYRIA):
            return Placement(country, f"an unknown place in a sentence about {country} ({source})")
        return Placement(SYRIA, "no other country in frame")
    if foreign is not None and country in foreign.countries:
        return Placement(country, f"a Syrian homonym of a place in {country}, which the text frames ({source})")
    if country not in (None, SYRIA) and source != "demonym" and not (ref.strong and foreign is None):
        # (an adjective places its own name: "قرية المشرفة ومسلحين في منطقة البقيعة اللبنانية")
        return Placement(country, f"a Syrian village name in a sentence about {country} ({source})")
    return Placement(SYRIA, "in Syria" if country == SYRIA else "no other country in frame")


_IN_SYRIA = Placement(SYRIA, "no word of its paragraph names a place abroad")


def _one(countries: frozenset[str], preferred: str | None) -> str | None:
    if preferred in countries:
        return preferred
    return next(iter(sorted(countries))) if len(countries) == 1 else None


def place_countries(norm: str, tokens: Sequence[Token], sentence_of: Sequence[int], paragraph_of: Sequence[int],
                    refs: Sequence[PlaceRef], gaz: ForeignGazetteer | None = None) -> list[Placement]:
    """Per mention, where it is; a name the article places abroad by a cue of its own ("سروج التركية") is abroad
    wherever the article names it without a cue of the sentence's own (one name, one place): a frame carried
    from an earlier sentence yields to it."""
    gaz = gaz or foreign_gazetteer()
    texts = list(map(itemgetter(0), tokens))
    levels = gaz.levels(texts)
    abroad_words = gaz.names_abroad(texts, levels) if 2 in levels else []
    if not abroad_words:
        return [_IN_SYRIA] * len(refs)
    read = {paragraph_of[k] for k in abroad_words}
    frames = sentence_frames(norm, tokens, sentence_of, paragraph_of, refs, gaz, read, levels)
    out = [place_country(norm, tokens, r, frames[sentence_of[r.start]], gaz, texts)
           if paragraph_of[r.start] in read else _IN_SYRIA for r in refs]
    starts = {r.start: r for r in refs if r.readings}
    for n, ref in enumerate(refs):
        after = starts.get(ref.end + 1)
        if out[n].abroad and after is not None and sentence_of[after.start] == sentence_of[ref.start] and (
                texts[ref.end] == "في" or _role(texts[ref.end]) == "marker"):
            out[n] = Placement(SYRIA, "named in SY: placed by the Syrian place after it")  # "بورسعيد بحي القدم"
    keys = [normalize_key("".join(texts[r.start:r.end])) for r in refs]
    abroad = {k: p for k, p in zip(keys, out) if p.abroad and p.reason.startswith(("named in", "a Syrian homonym"))}
    if abroad and any(k in abroad and paragraph_of[r.start] not in read for k, r in zip(keys, refs)):
        frames = sentence_frames(norm, tokens, sentence_of, paragraph_of, refs, gaz, levels=levels)  # (a name abroad is
        # named again where no word is foreign: that paragraph's own cues may still say Syria)
    for n, (key, placement, ref) in enumerate(zip(keys, out, refs)):
        frame = frames.get(sentence_of[ref.start])
        if not placement.abroad and key in abroad and (frame is None or frame.source in ("none", "carried")):
            out[n] = Placement(abroad[key].country, "placed abroad elsewhere in the article")
    return out


def frames_summary(frames: Iterable[SentenceFrame]) -> list[dict]:
    """The frames as plain dicts (for `rasd explain` and tests)."""
    return [{"sentence": f.sentence, "country": f.country, "source": f.source, "carried_from": f.carried_from,
             "cues": [(c.country, c.kind, c.text) for c in f.cues]} for f in frames]


def in_syria(doc, mentions: Sequence, drafts: list) -> list:
    """The stage after reading: the drafts whose place is not placed abroad (an event outside Syria is never coded,
    GUIDELINES §3). `doc` is the extractor's Doc, `mentions` its place mentions, `drafts` the discourse's drafts
    (each with its `.mention`); the frames are read only when there is a draft to drop."""
    if not drafts:
        return drafts
    placed = place_countries(doc.norm, doc.tokens, doc.sentence_of, doc.paragraph_of,
                             [PlaceRef(m.start, m.end, tuple(m.readings)) for m in mentions])
    abroad = {id(m) for m, placement in zip(mentions, placed) if placement.abroad}
    return [d for d in drafts if id(d.mention) not in abroad]
