"""Assemble event records from an article: sentences, clauses, places, triggers, counts, dates.

The unit of analysis is the clause: a sentence cut at connectors (فيما، بينما، كما، إذ ...).
A clause with an event trigger and a place yields one record per (type, place); its counts go on
the first place named (GUIDELINES §6), its time words fix the day (§4) and the nearest
actor that is not an object of the action is its actor (§5). Then, over the whole article, a
report repeated as lead and detail is merged, and a vague place ("حلب", "ريف حمص") is dropped
when the same event is also reported at a place inside it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, pairwise, repeat
from operator import itemgetter, ne
from pathlib import Path
from typing import Sequence

from extract import dates as date_words, foreign
from extract.gazetteer import KIND_RANK, Gazetteer, Place
from extract.lexicon import Match, PhraseMatcher, lexicon_fingerprint, read_rows, read_words, stems
from extract.morphology import looks_like_adjective, looks_like_verb
from extract.numbers import VAGUE_PLURAL, CountPhrase, count_before, lexicon as number_lexicon, parse_count, parse_sum
from extract.records import STRIKE_TYPES, Article, Count, EventRecord
from extract.text import NormText, Token, normalize, normalize_key

EXTRACTOR_RELEASE = "0.1.0"


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    digest.update(lexicon_fingerprint().encode())
    return digest.hexdigest()[:10]


EXTRACTOR_VERSION = f"{EXTRACTOR_RELEASE}+{_code_fingerprint()}"

MAX_DAY_TOLL = 2000
PRIORITY = ("explosion", "air_strike", "shelling", "armed_clash", "attack")
# (the lookahead adds nothing but lets the regex engine skip to the candidate characters)
_SENTENCE_END = re.compile(r"(?=[.!?؟؛\n])(?:(?<!\d)[.!?؟؛]+(?!\d)|\n+)")
_NEWLINE = re.compile(r"\n+")
_COMMA = re.compile(r"،[\W_]*")  # a comma and the rest of the gap before the next word
# a year named alone ("الى العام 2007"، "في عام 2012"), not the start of a period ("منذ العام 2007")
_PAST_YEAR = re.compile(r"(?<!منذ )(?<![^\s])(?:ال)?عام\s+((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    kind: str  # air_strike, shelling, strike, raid, armed_clash, control, explosion, attack
    strikes_form: str  # 1, 2, plural, none


@dataclass
class PlaceMention:
    start: int  # token index
    end: int
    readings: list[Place]
    char_start: int  # normalised text, clitics excluded
    char_end: int
    marker: str | None = None
    marker_start: int | None = None
    marker_word: str | None = None
    direction: bool = False
    qualifier: bool = False
    kind: str = "gazetteer"  # gazetteer, landmark (a named site), unresolved (a name the gazetteer lacks)
    name_key: str = ""
    absorbed: bool = False  # a site coded at the precise place that qualifies it
    vicinity: bool = False  # "قرب دمشق": near a city, not in it
    titled: bool = False  # the name opens with a title (الشيخ، أبو): a person unless the article is about its area
    dateline: bool = False  # "دمشق (ا ف ب) -": where the dispatch was filed
    weak: bool = False  # a site placed only by the outlet's governorate, not by the text
    placed_by: Place | None = None  # for a name the gazetteer lacks: the place that qualifies it ("X في مدينة Y")
    chosen: Place | None = None  # the reading, or None when ambiguous
    admin1: str | None = None
    admin2: str | None = None
    admin4: str | None = None
    geo_precision: int = 3


@dataclass(frozen=True)
class LocatedPlace:
    """A place mention as resolved: its text and offsets in the article, codes, and what it is."""

    text: str
    start: int
    end: int
    admin1: str | None
    admin2: str | None
    admin4: str | None
    geo_precision: int | None
    kind: str  # gazetteer, landmark, unresolved
    role: str  # place, qualifier ("X بريف حلب"), dateline, absorbed (a site coded at its neighbourhood), vicinity


@dataclass
class Casualty:
    kind: str  # killed, injured
    phrase: CountPhrase
    start: int
    end: int
    side: str | None = None  # whose dead or wounded: an actor named right after the count, or "civilian"


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


class Lexicons:
    """Every word list the extractor reads, loaded once."""

    def __init__(self) -> None:
        self.triggers = PhraseMatcher([(p, (t, s)) for p, t, s in read_rows("triggers.tsv")], article_optional=True)
        self.casualties = PhraseMatcher([(w, (k, f)) for w, k, f in read_rows("casualties.tsv")])
        self.actors = PhraseMatcher([(p, a) for p, a in read_rows("actors.tsv")], article_optional=True)
        self.aircraft = set(read_words("aircraft.txt"))
        self.markers = {normalize(w): k for w, k in read_rows("place_markers.tsv")}
        self.directions = set(read_words("directions.tsv"))
        # a direction, or a compass point as a noun: "الى الشمال الشرقي من دمشق"، "الى الشرق من حلب"
        self.bearings = self.directions | set(read_words("compass_points.txt"))
        self.prepositions = set(read_words("prepositions.txt"))
        self.connectors = set(read_words("connectors.txt"))
        self.stopwords = {normalize_key(w) for name in ("place_stopwords.txt", "place_stopwords_corpus.txt")
                          for w in read_words(name)}
        self.foreign = {normalize_key(w) for w in read_words("foreign_places.txt")}
        self.cumulative = PhraseMatcher([(p, True) for p in read_words("cumulative.txt")])
        self.nonevent = PhraseMatcher([(p, True) for p in read_words("nonevent.txt")])
        self.toll_rise = set(read_words("toll_rise.txt"))
        self.facilities = set(read_words("facilities.txt"))
        self.vicinity = set(read_words("vicinity.txt"))
        self.near = set(read_words("near.txt"))
        self.around_capitals = dict(read_rows("around_capitals.tsv"))
        self.agent_verbs = set(read_words("agent_verbs.txt"))
        self.aggregate = set(read_words("aggregate.txt"))
        self.name_adjectives = {normalize_key(w) for w in read_words("name_adjectives.txt")}
        self.person_titles = {normalize_key(w) for w in read_words("person_titles.txt")}
        self.not_names = {normalize_key(w) for w in read_words("not_names.txt")}
        self.generic_site_words = {normalize_key(w) for w in read_words("generic_site_words.txt")}
        prefixes = read_rows("name_prefixes.tsv")
        self.name_prefixes = {normalize_key(w) for w, _bare in prefixes}
        # written without the article they open a new name: "حي باب النيرب" is a two-word name, not الباب
        self.bare_prefixes = {normalize(w) for w, bare in prefixes if bare == "1"}
        self.reactions = PhraseMatcher([(p, True) for p in read_words("reactions.txt")])
        self.marker_keys = {normalize_key(w) for w in self.markers}
        self.direction_keys = {normalize_key(w) for w in self.directions}
        self.negations = set(read_words("negations.txt"))
        self.org_after = set(read_words("organisation_words.txt"))
        self.similar = set(read_words("similar.txt"))
        self.metonyms = set(read_words("metonyms.txt"))
        self.unit_names = set(read_words("unit_names.txt"))
        self.examples = set(read_words("examples.txt"))
        # a one-word trigger glued, with its article, to the word before it: "جراءالقصف"
        words = sorted({normalize(p) for p, kind, _form in read_rows("triggers.tsv")
                        if " " not in p.strip() and kind not in ("sound", "anaphor")}, key=len, reverse=True)
        # (the lookbehind comes after "ال" so that the engine only tries it where "ال" stands)
        alternatives = "|".join(re.escape(w.removeprefix("ال")) for w in words)
        self.glued_trigger = re.compile(rf"ال(?<=[^\W\d_]{{3}}ال)(?:{alternatives})(?![^\W_])") if words else None
        self.comma_openers = set(read_words("comma_openers.txt"))
        self.unit_words = set(read_words("unit_words.txt"))
        self.site_stops = set(read_words("site_stops.txt"))
        self.undergo_verbs = set(read_words("undergo_verbs.txt"))
        self.linking = set(read_words("linking.txt"))
        self.spread = set(read_words("spread.txt"))
        self.support_verbs = set(read_words("support_verbs.txt"))
        self.object_words = set(read_words("object_words.txt"))
        # (read_words normalises; the words are matched through stems(), which strips ال and the other clitics)
        self.the_other = set(read_words("the_other.txt"))
        self.reporting_verbs = set(read_words("reporting_verbs.txt"))
        self.mourning = set(read_words("mourning.txt"))
        self.press_review = set(read_words("press_review.txt"))
        self.distance_units = set(read_words("distance_units.txt"))
        self.victim_fates = set(read_words("victim_fates.txt"))
        self.not_aircraft = set(read_words("not_aircraft.txt"))


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    return Lexicons()


def _definite_adjective(word: str) -> bool:
    """A definite nisba adjective after a name ("العسكري"، "الحدودية"، "الدولي"): it describes, it links nothing."""
    w = normalize(word)
    return len(w) > 5 and w.startswith("ال") and w.endswith(("ي", "يه"))


def _stem_in(word: str, vocabulary: set[str] | dict[str, str]) -> str | None:
    for form in stems(word):
        if form in vocabulary:
            return form
    return None


class Extractor:
    """Rule-based extractor; construct once per gazetteer and reuse across articles."""

    version = EXTRACTOR_VERSION

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.lex = lexicons()
        number_lexicon()
        self._word_cache: dict[str, tuple] = {}
        self._name_heads_cache: dict[str, tuple] = {}
        self._words_of: object = None
        self._words_list: list[tuple] = []
        self._source_cache: dict[str, list[str]] = {}
        self._connector_cache: dict[str, bool] = {}
        self._partial_names = self._first_words_of_communities()
        # the capital city of each governorate, whose neighbourhoods the tables list (Aleppo, Damascus, Homs)
        cities = {p.admin4 for places in gazetteer.index.values() for p in places if p.kind == "neighbourhood"}
        self._capitals = {p.admin1: p for places in gazetteer.index.values() for p in places
                          if p.kind == "community" and p.capital_level == 1 and p.admin4 in cities}

    def _first_words_of_communities(self) -> dict[str, tuple[Place, ...]]:
        """The communities whose two- or three-word name opens with a word that is no name on its own ("جوسية" of
        "جوسية العمار"), keyed by that word: reports shorten such names. Common openers (تل، عين، أبو) are left out."""
        lex, out = self.lex, {}
        seen: set[str] = set()
        for places in self.gaz.index.values():
            for p in places:
                if p.kind != "community" or p.pcode in seen:
                    continue
                seen.add(p.pcode)
                for part in re.split(r"\s*[_-]\s*", p.name_ar):
                    words = part.split()
                    if len(words) < 2:
                        continue
                    key = normalize_key(words[0])
                    if (len(key) < 4 or key in lex.name_prefixes or key in lex.stopwords or key in lex.not_names
                            or self.gaz.lookup(key)):
                        continue
                    out.setdefault(key, [])
                    if p not in out[key]:
                        out[key].append(p)
        return {key: tuple(places) for key, places in out.items()}

    # ---------------------------------------------------------------- places
    def _find_places(self, nt: NormText, info: list[tuple]) -> list[PlaceMention]:
        tokens, norm, lex = nt.tokens, nt.norm, self.lex
        out: list[PlaceMention] = []
        n, i = len(tokens), 0
        list_open = False  # inside "مدن وبلدات X وY وZ": coordinated names are places
        # the words worth a look: a name or a site may start there, a marker stands before, or a list goes on
        texts = list(map(itemgetter(0), tokens))
        worth_set = {*compress(range(n), map(itemgetter(0), info)), *compress(range(n), map(itemgetter(1), info)),
                     *compress(range(n), map(str.startswith, texts, repeat("و"))),
                     *compress(range(1, n), map(itemgetter(2), info))}
        worth = sorted(worth_set)
        next_worth = bisect.bisect_left
        heads = self._name_heads_cache
        while i < n:
            if i not in worth_set:  # what the test below decides for such a word, without its work
                list_open = False
                j = next_worth(worth, i + 1)
                i = worth[j] if j < len(worth) else n
                continue
            prev_text = tokens[i - 1].text if i > 0 else ""
            if i > 0 and norm[tokens[i - 1].end:tokens[i].start] != " " and norm[tokens[i - 1].end:tokens[i].start].strip(" "):
                list_open = False
            prev_marker = self._name_marker(nt, i) if i > 0 and info[i - 1][2] else None
            if prev_marker and lex.markers[prev_marker] in ("many", "pair"):
                list_open = True
            text = tokens[i].text
            if not (info[i][0] or info[i][1] or prev_marker or text[:1] == "و"):
                # most words: no name starts here, no site, no marker before it, no list going on
                list_open = False
                j = next_worth(worth, i + 1)
                i = worth[j] if j < len(worth) else n
                continue
            if text == "و" and (list_open or (out and out[-1].end == i - 1)):
                i += 1  # "أحياء السكري و العامرية": a conjunction written apart keeps the list going
                continue
            # (a word known to open no name has an empty tuple of heads)
            found = self._longest_name_at(tokens, i, norm) if heads.get(text, True) else None
            if not found:
                landmark = self._landmark_at(nt, i, info[i][1]) if info[i][1] else None
                if landmark is not None:
                    out.append(landmark)
                    i = landmark.end
                    continue
                in_list = list_open and tokens[i].text.startswith("و")
                unresolved = self._unresolved_at(nt, i, prev_marker, in_list) if prev_marker or in_list else None
                if unresolved is not None:
                    out.append(unresolved)
                    i = unresolved.end
                else:
                    if not tokens[i].text.startswith("و"):
                        list_open = False
                    i += 1
                continue
            length, form, key, readings = found
            token = tokens[i]
            clitic = len(token.text) - len(form) if not form.startswith("ال") or token.text.endswith(form) else 0
            clitic = max(0, min(clitic, len(token.text) - 1))
            mention = PlaceMention(i, i + length, list(readings), token.start + clitic, tokens[i + length - 1].end)
            prev = tokens[i - 1].text if i > 0 else ""
            marker = prev_marker
            if marker:
                mention.marker, mention.marker_start, mention.marker_word = lex.markers[marker], i - 1, marker
            elif prev and _stem_in(prev, lex.directions):
                mention.direction, mention.marker_start = True, i - 1
            elif normalize(prev) == "من" and i > 1 and _stem_in(tokens[i - 2].text, lex.bearings):
                mention.direction, mention.marker_start = True, i - 2  # "الى الشمال الشرقي من دمشق"
            # a marker may also stand two words back: "ريف حلب" vs "بلدة في ريف", "حي X" after "مدينة"
            has_clitic_prep = clitic > 0 and any(c in token.text[:clitic] for c in "بل")
            has_prep = has_clitic_prep or normalize(prev) in lex.prepositions
            coordinated = (token.text.startswith("و") or prev_text == "و") and (
                (out and out[-1].end in (i, i - 1)) or list_open)
            before_gap = norm[tokens[i - 1].end:token.start] if i > 0 else "|"
            after_gap = norm[tokens[i + length - 1].end:tokens[i + length].start] if i + length < n else "|"
            # a headline's slug: "الحيدرية : لحظة القصف"، "حلب نيوز || الهلك : ..."، "الاشرفية 2 4 2014 ||"
            slug = any(c in before_gap for c in "|:-_") and (
                any(c in after_gap for c in "|:-_") or (i + length < n and tokens[i + length].text.isdigit()))
            titled = length >= 2 and normalize_key(form) in lex.person_titles  # "الشيخ محمد"، "أبو علي": people
            strong = length >= 2 or any(p.kind in ("governorate", "district", "region") or p.capital_level <= 2
                                        for p in readings)
            after = tokens[i + length].text if i + length < n else ""
            # "X اليوم" is an outlet when X is a country's or a governorate's name (حلب اليوم); a quarter or a site
            # named before اليوم is that place today ("حي الحيدرية اليوم"، "مجزرة نهر الشهداء اليوم")
            seat = any(p.kind == "governorate" or p.capital_level == 1 for p in readings)  # a seat of government
            outlet_today = after == "اليوم" and (not marker or lex.markers[marker] == "region") and seat
            if (after and _stem_in(after, lex.org_after) and (after != "اليوم" or outlet_today)) or (
                    length == 1 and normalize_key(form) in lex.marker_keys | lex.direction_keys):
                i += 1
                continue
            if seat and normalize(prev) in lex.metonyms:
                i += length  # "حزب الله، حليف دمشق": the government, not the city
                continue
            if normalize_key(token.text) in lex.foreign or (
                    length == 1 and ((info[i][4][2] and lex.casualties.match_at(tokens, i))
                                     or (info[i][4][0] and lex.triggers.match_at(tokens, i)))):
                i += 1
                continue
            conjunction_only = clitic > 0 and token.text[:clitic] in ("ف", "فال") and length == 1
            if length == 1 and i + 1 < n and normalize(form) in lex.bare_prefixes:
                i += 1  # "حي باب النيرب": a name opened by a common word, read whole as a name
                continue
            # a headline's "حلب الانصاري الشرقي ||": a quarter named right after its city is that city's quarter
            cities = {q.admin4 for q in out[-1].readings if q.kind == "community"} if (
                out and out[-1].end == i and out[-1].kind == "gazetteer" and not text.startswith("و")) else ()
            quarters = [p for p in readings if p.kind == "neighbourhood" and p.admin4 in cities] if before_gap == " " else []
            if quarters:
                mention.readings = quarters
            if key in lex.stopwords or conjunction_only:
                accept = mention.marker is not None and mention.marker != "region"
            else:
                accept = bool(mention.marker or mention.direction or has_prep or coordinated or strong or slug or quarters)
            if accept:
                mention.titled = titled
                if i >= 2 and mention.marker and normalize(tokens[i - 2].text) in ("وهي", "وهو", "اي", "هي", "هو"):
                    mention.qualifier = True  # "الغوطة الشرقية وهي منطقة البساتين": an apposition describes
                out.append(mention)
                i += length
            else:
                # "قصر تشرين الرئاسي": القصر alone is no place here
                landmark = self._landmark_at(nt, i, info[i][1]) if info[i][1] else None
                if landmark is not None:
                    out.append(landmark)
                    i = landmark.end
                else:
                    i += 1
        return out

    def _words(self, tokens: Sequence[Token]) -> list[tuple]:
        """The cached record of every word of an article (see `_word`); the last list built is reused."""
        if tokens is self._words_of:
            return self._words_list
        texts = list(map(itemgetter(0), tokens))
        words = list(map(self._word_cache.get, texts))  # None: a word not seen yet
        if None in words:
            cache = self._word_cache
            for k, record in enumerate(words):
                if record is None:
                    words[k] = cache.get(texts[k]) or self._word(texts[k])
        self._words_of, self._words_list = tokens, words
        return words

    def _word(self, word: str) -> tuple:
        """Per word, cached across articles: (can a gazetteer name start with it, does it open a site, its
        place marker, (national-toll word, aircraft word, rising-toll word, mourning word, reporting verb), which of
        the six phrase lexicons and the time words can start at it)."""
        lex = self.lex
        # a name starts with a word that is a whole name or a name's first word, or with a compound head
        # written apart from a name the tables join ("خان طومان" for خانطومان)
        first, prefixes, heads = self.gaz.first_words, self.gaz.prefixes, lex.name_prefixes
        forms = stems(word)
        keys = [(f[2:] if f.startswith("ال") and len(f) > 3 else f) for f in forms]
        starts = not first.isdisjoint(keys) or not prefixes.isdisjoint(heads.intersection(keys))
        # (for a set, `_stem_in(word, s) is not None` is `not s.isdisjoint(stems(word))`)
        flags = (not lex.aggregate.isdisjoint(forms), not lex.aircraft.isdisjoint(forms),
                 not lex.toll_rise.isdisjoint(forms), not lex.mourning.isdisjoint(forms),
                 not lex.reporting_verbs.isdisjoint(forms))
        # (`m.may_start(word)`, with the stems at hand)
        phrases = tuple(not m._options.keys().isdisjoint(forms) for m in (
            lex.triggers, lex.actors, lex.casualties, lex.nonevent, lex.cumulative, lex.reactions)) + (
            date_words.may_start_time_word(word),)
        record = (starts, not lex.facilities.isdisjoint(forms), _stem_in(word, lex.markers), flags, phrases)
        if len(self._word_cache) < 500_000:
            self._word_cache[word] = record
        return record

    @staticmethod
    def _scan(matcher: PhraseMatcher, tokens: Sequence[Token], starts: list[tuple[bool, ...]], which: int) -> list[Match]:
        """PhraseMatcher.find_all over the words that can start one of its phrases (non-overlapping, left to right)."""
        out, free = [], 0
        for k in compress(range(len(starts)), map(itemgetter(which), starts)):
            if k >= free:
                m = matcher.match_at(tokens, k)
                if m is not None:
                    out.append(m)
                    free = m.end
        return out

    def _longest_name_at(self, tokens: Sequence[Token], i: int, norm: str) -> tuple | None:
        """The longest gazetteer name starting at token i: (words, form, key, readings), or None.

        Keys grow word by word through the gazetteer's set of key prefixes, so a word that starts no
        name costs one set lookup (most words of a text). Among stems, the most literal one wins a tie."""
        prefixes, lookup = self.gaz.prefixes, self.gaz.lookup
        limit = min(self.gaz.max_words, len(tokens) - i)
        best = None
        text = tokens[i].text
        heads = self._name_heads_cache.get(text)
        if heads is None:
            heads = self._name_heads(text)
        for form, key, hit in heads:
            length = 1
            # the next word may continue the name when nothing but spaces or a hyphen stands between
            while length < limit and not norm[tokens[i + length - 1].end:tokens[i + length].start].strip(" -"):
                key += tokens[i + length].text
                if key not in prefixes:
                    break
                length += 1
                if len(key) >= 3 and lookup(key):
                    hit = (length, key)
            if hit is not None and (best is None or hit[0] > best[0]):
                best = (hit[0], form, hit[1], lookup(hit[1]))
        return best

    def _name_heads(self, word: str) -> tuple:
        """Per word, cached: the (form, key, one-word hit) of each of its stems whose key may open a name."""
        prefixes, lookup = self.gaz.prefixes, self.gaz.lookup
        heads = []
        for form in stems(word):
            key = form[2:] if form.startswith("ال") and len(form) > 3 else form
            if key in prefixes:
                heads.append((form, key, (1, key) if len(key) >= 3 and lookup(key) else None))
        heads = tuple(heads)
        if len(self._name_heads_cache) < 500_000:
            self._name_heads_cache[word] = heads
        return heads

    def _name_marker(self, nt: NormText, i: int) -> str | None:
        """The place marker right before token i ("بلدة"، "وبريف"), if it introduces a name: not across
        punctuation, and not a definite noun ("بالمدينة" is anaphoric: the city already named)."""
        if i == 0:
            return None
        prev = nt.tokens[i - 1]
        if nt.norm[prev.end:nt.tokens[i].start].strip(" "):
            return None
        marker = _stem_in(prev.text, self.lex.markers)
        if marker is None:
            return None
        clitics = prev.text[: len(prev.text) - len(marker)]
        if clitics.endswith("ال") or clitics.endswith("لل"):
            return None
        return marker

    def _mark_vicinity_and_datelines(self, nt: NormText, mentions: list[PlaceMention], paragraph_of: list[int]) -> None:
        tokens, norm = nt.tokens, nt.norm
        for m in mentions:
            back = [tokens[k].text for k in range(max(0, m.start - 2), m.start)]
            if m.chosen is not None and (m.chosen.kind == "governorate" or m.chosen.capital_level <= 1) and any(
                    _stem_in(w, self.lex.vicinity) for w in back):
                m.vicinity = True
                around = self.lex.around_capitals.get(m.admin1 or "")
                if around is not None and any(_stem_in(w, self.lex.near) for w in back):
                    # "مركز أبحاث بالقرب من دمشق": near the city-governorate, so in the one around it (ريف دمشق)
                    m.admin1, m.admin2, m.admin4, m.geo_precision = around, None, None, 3
            paragraph_start = m.start == 0 or paragraph_of[m.start - 1] != paragraph_of[m.start]
            after = norm[tokens[m.end - 1].end:tokens[m.end - 1].end + 3].strip(" ")
            if paragraph_start and after[:1] in ("(", "-", "_", "–", ":", "،", ",") and len(norm) > 200:
                m.dateline = True  # a dispatch's dateline; in a headline the same shape is its slug
            # "وقال ناشط في دمشق، إن القصف ...": where the speaker is, not where the event is
            nxt = normalize(tokens[m.end].text) if m.end < len(tokens) else ""
            if nxt in ("ان", "بان", "انه", "انها") and after[:1] in ("،", ",", "") :
                m.dateline = True

    def _landmark_at(self, nt: NormText, i: int, opens_site: bool = True) -> PlaceMention | None:
        """A named site opened by a facility word ("مطار كوريس العسكري", "مسجد الإيمان"), up to 4 more words.

        The name stops at punctuation, a preposition, a direction word or a clause connector; a gazetteer
        name inside it ("مطار حلب الدولي") gives its codes, else the place that qualifies it does."""
        tokens, norm, lex = nt.tokens, nt.norm, self.lex
        if not opens_site:
            return None
        head = _stem_in(tokens[i].text, lex.facilities)
        if head is None or i + 1 >= len(tokens):
            return None
        clitic = len(tokens[i].text) - len(head)
        if clitic and not (tokens[i].text[:clitic] in ("ب", "ل", "و", "وب", "ال", "بال", "وال", "لل")):
            return None
        end, inner = i + 1, []
        while end < len(tokens) and end - i <= 4:
            tok = tokens[end]
            if norm[tokens[end - 1].end:tok.start].strip(" "):
                break
            word = tok.text
            if (word in lex.prepositions or normalize(word) in lex.site_stops or _stem_in(word, lex.directions)
                    or word in lex.connectors
                    or word[:1] in "وف" and end > i + 1 or (word[:1] in "بل" and not word.startswith("ال"))
                    or _stem_in(word, lex.markers) or lex.triggers.match_at(tokens, end)
                    or lex.casualties.match_at(tokens, end) or lex.actors.match_at(tokens, end)
                    or (end > i + 1 and normalize_key(word) in lex.generic_site_words)):
                break
            end += 1
        for j in range(i + 1, end):  # the longest gazetteer name inside the site's name ("مطار دير الزور")
            for k in range(end, j, -1):
                key = normalize_key("".join(t.text for t in tokens[j:k]))
                if key not in lex.stopwords and self.gaz.lookup(key):
                    inner.extend(self.gaz.lookup(key))
                    break
            if inner:
                break
        second = normalize(tokens[i + 1].text) if end > i + 1 else ""
        if end == i + 1 or normalize_key(second) in lex.not_names | lex.generic_site_words or looks_like_adjective(second):
            return None  # "حاجز عسكري"، "طريق دائري": a common noun, not a named site
        if _stem_in(tokens[i].text, lex.unit_words) and _stem_in(second, lex.unit_names):
            return None  # "كتيبة أحرار الطبقة": a fighting unit, not a site
        keep = [p for p in inner if p.kind in ("governorate", "community", "neighbourhood", "region", "locality")]
        mention = PlaceMention(i, end, keep, tokens[i].start + clitic, tokens[end - 1].end, kind="landmark")
        return mention

    def _unresolved_at(self, nt: NormText, i: int, marker: str | None, in_list: bool) -> PlaceMention | None:
        """A name the gazetteer lacks, right after a place marker ("لقرية خلصة") or in a list of places."""
        tokens, lex = nt.tokens, self.lex
        kind = self.lex.markers.get(marker) if marker else None
        if not in_list and kind not in ("single", "pair", "many"):
            return None
        token = tokens[i]
        if _stem_in(token.text, lex.markers) or _stem_in(token.text, lex.facilities):
            return None
        form = token.text[1:] if in_list else token.text
        bare = normalize_key(token.text)
        if bare in lex.foreign or normalize_key(form) in lex.foreign or (
                i + 1 < len(tokens) and normalize_key(form + tokens[i + 1].text) in lex.foreign):
            return None  # (a two-word name abroad: "بلدتي خربة يونين" in Lebanon)
        prefixed = normalize_key(form) in lex.name_prefixes and i + 1 < len(tokens)  # "قرى أبو حوري"
        if bare in lex.not_names or (bare in lex.stopwords and not prefixed):
            return None
        partial = self._partial_names.get(normalize_key(form))
        if partial is None and (looks_like_adjective(form) or looks_like_verb(form)):
            return None  # an indefinite adjective ("حي عشوائي"، "منطقة حدودية") or a verb ("قرى يدور فيها") is no name
        if kind == "many" and not in_list:
            # "قرى تتمركز فيها": after a plural marker only a list of names ("قرى أبو حوري والبرهانية") counts
            nxt = next((k for k in range(i + 1, min(i + 3, len(tokens)))
                        if tokens[k].text.startswith("و") and not nt.norm[tokens[k - 1].end:tokens[k].start].strip(" ")), None)
            if nxt is None:
                return None
        key = normalize_key(form)
        # "حي السبع بحرات": a definite number opens a name after a marker ("السبع" is no count of people here)
        numbered = (bool(kind) and not in_list and normalize(form).startswith("ال") and i + 1 < len(tokens)
                    and not number_lexicon().person(tokens[i + 1].text) and not nt.norm[token.end:tokens[i + 1].start].strip(" "))
        if (len(key) < 3 or key in lex.not_names or (key in lex.stopwords and not prefixed) or key in lex.marker_keys
                or key in lex.direction_keys or form.isdigit() or lex.triggers.match_at(tokens, i)
                or lex.casualties.match_at(tokens, i) or lex.actors.match_at(tokens, i)
                or (number_lexicon().number_word(token.text, first=True) and not numbered)
                or number_lexicon().person(token.text)
                or normalize(token.text) in lex.prepositions or _stem_in(token.text, lex.facilities)):
            return None
        end = i + 1
        if numbered and number_lexicon().number_word(token.text, first=True):
            end += 1
        elif end < len(tokens) and normalize_key(tokens[end].text) in lex.name_adjectives:
            end += 1  # "الموصلات القديمة"، "الانصاري الشرقي"
        elif normalize(form).replace("ال", "", 1) in self.lex.name_prefixes or normalize(form) in self.lex.name_prefixes:
            if end < len(tokens) and not nt.norm[token.end:tokens[end].start].strip(" "):
                end += 1
        clitic = len(token.text) - len(form)
        mention = PlaceMention(i, end, [], token.start + max(0, clitic), tokens[end - 1].end, kind="unresolved")
        if partial and end == i + 1:
            # "قرية جوسية": the first word of a community the tables name in full ("جوسية العمار"); context picks
            mention.readings, mention.kind = list(partial), "gazetteer"
        if marker and not in_list:
            mention.marker, mention.marker_start, mention.marker_word = kind, i - 1, marker
        return mention

    def _source_governorates(self, source: str | None) -> list[str]:
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

    def _linking(self, word: str) -> bool:
        """Whether a word between two places links the first to the second, which locates it ("X في مدينة Y")."""
        return normalize(word) in self.lex.linking or bool(_stem_in(word, self.lex.directions))

    def _resolve_places(self, mentions: list[PlaceMention], sentence_of: list[int], norm: str,
                        context: Sequence[str] = (), clause_of: Sequence[int] | None = None,
                        tokens_text: Sequence[str] = ()) -> None:
        # qualifiers: "X في مدينة Y", "X بريف Y", "X شمالي Y" — Y contains X and is not an event place
        for a, b in zip(mentions, mentions[1:]):
            start_b = b.marker_start if b.marker_start is not None else b.start
            if (b.kind == "landmark" and a.readings and start_b - a.end == 1 and sentence_of[a.start] == sentence_of[b.start]
                    and normalize(tokens_text[a.end]) == "علي"):
                b.qualifier = True  # "بلدة صيدا على طريق دمشق عمان": the road locates the town
                continue
            # an adjective may stand between: "مطار كويرس العسكري في ريف حلب"، "مدينة تل أبيض الحدودية في ريف الرقة"
            described = a.end < start_b and _definite_adjective(tokens_text[a.end])
            if sentence_of[a.start] != sentence_of[b.start] or start_b - a.end > 2 + described or not all(
                    self._linking(tokens_text[k]) for k in range(a.end + described, start_b)):
                continue  # "X في مدينة Y"، "X بريف Y"، "X شمالي Y" link; "X المؤدي إلى Y" does not
            if b.direction:  # "X شمالي إدلب", "X جنوب دمشق": Y locates X, even from outside it
                b.qualifier = True
                continue
            if (not a.readings or a.kind == "landmark") and b.readings:  # a site or a name the gazetteer lacks:
                # "مسجد الإيمان وسط دمشق"، "دوار الحلوانية في حي طريق الباب"
                precise = a.kind == "landmark" and all(
                    p.kind == "neighbourhood" or (p.kind == "community" and p.capital_level > 1) for p in b.readings)
                if precise:  # "تفجير وزارة الداخلية في منطقة كفر سوسة": coded at the neighbourhood
                    a.absorbed = True
                else:
                    b.qualifier = True
                continue
            inside = [ra for ra in a.readings if any(rb.contains(ra) for rb in b.readings)]
            governorate_qualifier = b.marker == "region" or b.marker_word in ("محافظه",)
            if not inside and a.readings and governorate_qualifier and any(
                    rb.kind == "governorate" for rb in b.readings):
                # "مدينة الطبقة بريف الرقة": the text places it; a homonym elsewhere in the tables is not it
                a.readings, a.kind = [], "unresolved"
                b.qualifier = True
                b.readings = [rb for rb in b.readings if rb.kind == "governorate"]
                continue
            if inside:
                a.readings = inside
                b.qualifier = True
                b.readings = [rb for rb in b.readings if any(rb.contains(ra) for ra in inside)]
        for m in mentions:
            if m.start > 1 and tokens_text[m.start - 1] == "من" and any(
                    normalize(tokens_text[k]) in self.lex.distance_units for k in range(max(0, m.start - 4), m.start - 1)):
                m.qualifier = True  # "على مسافة 15 كلم من دمشق": a reference point
        for n, m in enumerate(mentions):
            if m.direction and not m.qualifier and clause_of is not None and any(
                    o.readings and not o.direction and clause_of[o.start] == clause_of[m.start] for o in mentions[n + 1:]):
                # "اشتباكات الى الشمال الشرقي من دمشق، لا سيما في دوما وحرستا": the places named after locate it
                m.qualifier = True
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
        # article context: governorates of places that are not ambiguous
        counts: dict[str, int] = {}
        for code in context:
            counts[code] = counts.get(code, 0) + 1
        for m in mentions:
            family = {p.admin1 for p in m.readings}
            if len(family) == 1:
                code = next(iter(family))
                counts[code] = counts.get(code, 0) + 1
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
            if len(set(outlet)) == 1 and not _stem_in(head, self.lex.unit_words):
                # a local outlet's site ("مدرسة عين جالوت" in an Aleppo Media Center headline): its governorate's
                # city (not a unit: "كتيبة أسود الإسلام" is who fired, not where)
                capital = self._capitals.get(outlet[0])
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
        capital = self._capitals.get(m.admin1) if m.admin1 and not m.admin2 else None
        if capital is not None and m.marker_word in ("حي", "حيي", "احياء"):
            m.admin2, m.admin4, m.geo_precision = capital.admin2, capital.admin4, 1

    def _choose(self, m: PlaceMention, mentions: list[PlaceMention], sentence_of: list[int], counts: dict[str, int]) -> None:
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
        # nested readings (governorate ⊃ district ⊃ community of one name): the most specific
        ordered = sorted(readings, key=lambda p: (-KIND_RANK[p.kind], p.capital_level))
        best = ordered[0]
        chain = all(p == best or p.contains(best) or (p.kind == best.kind == "region") for p in ordered)
        if chain:
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

    # ---------------------------------------------------------------- structure
    @staticmethod
    def _sentences(nt: NormText) -> tuple[list[int], list[int]]:
        """Sentence and paragraph number of every token."""
        tokens, norm = nt.tokens, nt.norm
        cuts = [m.end() for m in _SENTENCE_END.finditer(norm)]
        paras = [m.end() for m in _NEWLINE.finditer(norm)]
        # a token's number is the count of cuts at or before its start: a binary search each, run by map
        starts = list(map(itemgetter(1), tokens))
        sentence_of = list(map(bisect.bisect_right, repeat(cuts), starts))
        paragraph_of = list(map(bisect.bisect_right, repeat(paras), starts))
        return sentence_of, paragraph_of

    def _clauses(self, tokens: Sequence[Token], sentence_of: list[int], norm: str) -> list[tuple[int, int]]:
        """Token ranges of the clauses: a sentence is cut before a connector ("فيما"، "حيث") and before a
        comma's "وفي" ("قتل 24 مواطنا، وفي محافظة دمشق قتل 15") or "اضافة الى" ("تتعرض لقصف عنيف"، اضافة الى
        غارات بالطيران الحربي على الخالدية"), which opens the next report.

        The per-token work runs in C (a cached map over the words, compress over the sentence numbers); the
        commas are found by one regex over the text."""
        n = len(tokens)
        if n == 0:
            return []
        texts = list(map(itemgetter(0), tokens))
        connector = self._connector_cache
        opens = list(map(connector.get, texts))
        if None in opens:
            connectors = self.lex.connectors
            for k, flag in enumerate(opens):
                if flag is None:
                    word = texts[k]
                    flag = opens[k] = normalize(word) in connectors or (word[:1] in "وف" and word[1:] in connectors)
                    if len(connector) < 500_000:
                        connector[word] = flag
        cuts = set(compress(range(1, n), opens[1:]))
        cuts.update(compress(range(1, n), map(ne, sentence_of[1:], sentence_of[:-1])))
        if "،" in norm:
            starts = list(map(itemgetter(1), tokens))
            openers = self.lex.comma_openers
            for m in _COMMA.finditer(norm):
                k = bisect.bisect_left(starts, m.end())
                if 0 < k < n and starts[k] == m.end() and (
                        texts[k] in openers
                        # "، بعد ساعات من انفجار عبوة": an earlier event (not "، بعد أن شن", its own background)
                        or (texts[k] == "بعد" and k + 1 < n and texts[k + 1] not in ("ان", "ما"))):
                    cuts.add(k)
        return list(pairwise([0, *sorted(cuts), n]))

    # ---------------------------------------------------------------- extraction
    @staticmethod
    def _clause_of(n: int, clauses: list[tuple[int, int]]) -> list[int]:
        """The clause number of each of the n tokens (clauses cover every token, in order)."""
        out = [0] * n
        for n_clause, (lo, hi) in enumerate(clauses):
            out[lo:hi] = [n_clause] * (hi - lo)
        return out

    def _places(self, article: Article, nt: NormText, sentence_of: list[int], paragraph_of: list[int],
                clause_of: list[int]) -> list[PlaceMention]:
        """Every place mention of the article, resolved in context (GUIDELINES §3)."""
        mentions = self._find_places(nt, self._words(nt.tokens))
        outlet = self._source_governorates(article.source)
        self._resolve_places(mentions, sentence_of, nt.norm, outlet, clause_of, list(map(itemgetter(0), nt.tokens)))
        self._mark_vicinity_and_datelines(nt, mentions, paragraph_of)
        home = {m.admin1 for m in mentions if m.admin1 and not m.titled} | set(outlet)
        for m in mentions:
            if m.titled and not (m.marker or m.admin1 in home):
                m.admin1 = None  # "بحياة الشيخ محمد سعيد البوطي": a person, not the village of that name
        return mentions

    def locate(self, article: Article) -> list[LocatedPlace]:
        """The place mentions of an article with their codes and role — what resolution decided, for
        tests, curators and the unresolved-places report."""
        nt = NormText(article.text)
        if not nt.tokens:
            return []
        sentence_of, paragraph_of = self._sentences(nt)
        clauses = self._clauses(nt.tokens, sentence_of, nt.norm)
        out = []
        for m in self._places(article, nt, sentence_of, paragraph_of, self._clause_of(len(nt.tokens), clauses)):
            start, end = nt.to_original(m.char_start, m.char_end)
            role = ("qualifier" if m.qualifier else "dateline" if m.dateline else "absorbed" if m.absorbed
                    else "vicinity" if m.vicinity else "place")
            out.append(LocatedPlace(nt.original[start:end], start, end, m.admin1, m.admin2, m.admin4,
                                    m.geo_precision if m.admin1 else None, m.kind, role))
        return out

    def extract(self, article: Article) -> list[EventRecord]:
        nt = NormText(article.text)
        tokens = nt.tokens
        if not tokens:
            return []
        lex = self.lex
        published = article.published_at.date()
        sentence_of, paragraph_of = self._sentences(nt)
        clauses = self._clauses(tokens, sentence_of, nt.norm)
        clause_index = self._clause_of(len(tokens), clauses)
        mentions = self._places(article, nt, sentence_of, paragraph_of, clause_index)
        words = self._words(tokens)
        flags = [w[3] for w in words]
        starts = [w[4] for w in words]
        time_starts = [w[4][6] for w in words]
        # "يرافقها اصوات انفجارات": the noise of an event is not one (kind "sound" is matched only to be dropped)
        triggers = [Trigger(m.start, m.end, m.value[0], m.value[1]) for m in self._scan(lex.triggers, tokens, starts, 0)
                    if m.value[0] != "sound"]  # ("فض الاشتباك" is UNDOF's disengagement, no clash)
        triggers = self._glued_triggers(nt, triggers)
        actors = self._scan(lex.actors, tokens, starts, 1)
        casualty_matches = self._scan(lex.casualties, tokens, starts, 2)
        # phrase matches and word flags, once per article; clauses look them up by position
        nonevents = [(m.start, m.end) for m in self._scan(lex.nonevent, tokens, starts, 3)]
        cumulatives = [(m.start, m.end) for m in self._scan(lex.cumulative, tokens, starts, 4)]
        reactions = [(m.start, m.end) for m in self._scan(lex.reactions, tokens, starts, 5)]
        aggregate_at = [f[0] for f in flags]
        aircraft_at = self._aircraft_at(tokens, flags, mentions)

        def within(spans: list[tuple[int, int]], a: int, b: int) -> bool:
            return any(a <= start and end <= b for start, end in spans)

        air_actor = self._article_air_actor(tokens, actors, aircraft_at)
        # "صحف قطرية: ..."، "صحيفة فرنسية: ...": a press review cites incidents its readers know
        title_words = (article.title or "").split(maxsplit=1)
        press_review = bool(title_words) and normalize(title_words[0].rstrip(":")) in lex.press_review
        title_end = len(normalize(article.title)) if article.title else -1
        drafts: list[Draft] = []
        last_in_paragraph: dict[int, Draft] = {}
        topics: dict[int, list[PlaceMention]] = {}  # places a paragraph names before any event
        where: tuple[int, list[PlaceMention]] | None = None  # the sentence and last place of the last clause naming one
        statement_days: dict[str, dt.date] | None = None  # built when a quote says "today" (see _restated)
        mourned: set[str] | None = None  # the words naming who a reaction mourns (see _mourned), built when needed
        known_lead: tuple[set[str], int] | None = None  # trigger kinds of an earlier report naming no place, its last sentence's rank
        # each sentence's token range, and the triggers and places of each clause, bucketed once
        firsts = list(compress(range(len(sentence_of)), map(ne, sentence_of, [-1, *sentence_of])))
        sentence_bounds: dict[int, list[int]] = {
            sentence_of[a]: [a, b] for a, b in zip(firsts, [*firsts[1:], len(sentence_of)])}
        rank = {number: k for k, number in enumerate(sentence_bounds)}  # sentences in order, empty ones not counted
        triggers_in: list[list[Trigger]] = [[] for _ in clauses]
        for t in triggers:
            triggers_in[clause_index[t.start]].append(t)
        places_in: list[list[PlaceMention]] = [[] for _ in clauses]
        for m in mentions:
            places_in[clause_index[m.start]].append(m)
        for order, (lo, hi) in enumerate(clauses):
            sent = sentence_of[lo]
            s_lo, s_hi = sentence_bounds[sent]
            para = paragraph_of[lo]
            if within(nonevents, lo, hi):
                continue
            reports_own = any(t.kind != "rubble" for t in triggers_in[order]) and any(
                not m.qualifier and not m.dateline and m.admin1 for m in places_in[order])
            risen = self._risen_to(tokens, casualty_matches, lo, hi)
            spread = self._spread(tokens, lo, hi)
            if drafts and not reports_own and risen is not None and self._toll_update(
                    drafts[-1], risen, spread, tokens, lo, hi):
                continue  # (a clause naming its own event and place is that event's toll: "ارتفعت الى 31 ... في قصف
                # ... استهدف حي جبل بدرو")
            cumulative = within(cumulatives, lo, hi)
            clause_triggers = triggers_in[order]
            places = [m for m in places_in[order] if not m.qualifier and not m.absorbed and not m.dateline and m.admin1]
            if (not places and triggers_in[order] and where is not None and where[0] == sent
                    and tokens[lo].text in ("حيث", "وحيث")):
                places = where[1]  # "قصفت القوات النظامية مدينة داريا حيث تدور اشتباكات": where = that town
            elif places:
                where = (sent, places[-1:])
            if spread and clause_triggers and not any(t.kind in ("strike", "air_strike", "shelling", "explosion")
                                                      for t in clause_triggers):
                continue  # "ارتفاع أعداد القتلى برصاص قوات النظام إلى 46 أغلبهم في حلب": a tally, no event
            aggregate = any(aggregate_at[lo:hi]) or spread
            casualties = [] if cumulative or aggregate else self._casualties(tokens, casualty_matches, lo, hi)
            if len(casualties) > 1:
                self._victim_sides(tokens, casualties, actors, [m.start for m in places_in[order]], hi)
            if not casualties and any(t.kind == "front" for t in clause_triggers):
                # "الوضع العسكري على جبهة صلاح الدين": a front names fighting only with its dead or wounded
                clause_triggers = [t for t in clause_triggers if t.kind != "front"]
            if any(t.kind == "rubble" for t in clause_triggers) and (
                    not casualties or any(f[2] for f in flags[lo:hi]) or any(t.kind != "rubble" for t in clause_triggers)):
                # the dead under rubble are a strike's ("استخراج الشهداء من تحت ركام الانقاض") when nothing else in the
                # clause names it: not the clearing of rubble ("ترحيل الأنقاض"), a toll that rose ("ارتفعت بعد أن تم
                # انتشال جثث ... من تحت الأنقاض"), or a named event
                clause_triggers = [t for t in clause_triggers if t.kind != "rubble"]
            if not clause_triggers:
                if places and para not in last_in_paragraph and self._labels(nt, places[-1]):
                    topics[para] = places
                previous = drafts[-1] if drafts else None
                if (casualties and not places and previous is not None and previous.sentence == sent
                        and previous.killed.best == previous.injured.best == 0):
                    # "..., حيث لقي اثنان من المتمردين مصرعهما": the toll of the event just reported
                    self._give_toll(previous, casualties)
                continue
            if cumulative:
                continue
            topic = False
            if places and all(m.weak for m in places) and para not in last_in_paragraph and topics.get(para):
                places = []  # "حي الزهراء || الطيران الحربي يستهدف الحي ومحيط مبنى المخابرات": the label places it
            if not places and para not in last_in_paragraph and topics.get(para):
                # "حي باب النيرب || ضحايا جراء سقوط برميل على الحي": the paragraph named its place first
                places, topic = topics.pop(para), True
            anaphoric = [t for t in clause_triggers
                         if t.kind == "anaphor" or tokens[t.start].text.startswith(("بال", "وال", "لل", "ال"))]
            # the next sentence goes on with an earlier report that named no place ("وأسفر القتال عن ...")
            goes_on = known_lead is not None and rank[sent] - known_lead[1] in (0, 1) and any(
                self._compatible(t.kind, kind) or self._compatible(kind, t.kind) for t in anaphoric for kind in known_lead[0])
            if not places:
                if self._pluperfect(tokens, s_lo, hi) or within(reactions, s_lo, s_hi):
                    known_lead = ({t.kind for t in clause_triggers}, rank[sent])  # an earlier report, placed by what follows
                elif goes_on:
                    known_lead = (known_lead[0], rank[sent])  # "كما قتل في هذه المواجهات 30 من عناصر ..."
                previous = last_in_paragraph.get(para)
                if previous is None and anaphoric and casualties and VAGUE_PLURAL not in [c.phrase.count for c in casualties]:
                    # "وأدت الغارة إلى مقتل شخصين" in a paragraph of its own: the toll of the raid reported before
                    previous = next((d for d in reversed(drafts) if any(
                        self._compatible(t.kind, d.event_type) for t in clause_triggers)), None)
                if previous is not None and casualties and anaphoric and previous.killed.low == previous.injured.low == 0:
                    self._give_toll(previous, casualties)
                previous = previous or (drafts[-1] if drafts else None)
                if previous is not None and previous.strikes.vague and previous.event_type in STRIKE_TYPES:
                    # "أطلقت نحو ٢٠ قذيفة" after the report of the shelling: the number of shells
                    detail = self._strikes(previous.event_type, clause_triggers, tokens, lo)
                    if (not detail.vague or detail.low > previous.strikes.low) and not self._abroad(tokens, actors, lo, hi):
                        previous.strikes = detail
                continue
            first_trigger = min(t.start for t in clause_triggers)
            opener = next((k for k in range(first_trigger - 1, lo - 1, -1)
                           if tokens[k].text in ("ان", "بان", "وان")), None)
            if not topic and opener is not None and any(m.start > opener for m in places):
                # "مصادر ميدانية في حلب، أن ...": places before the reported speech are where the sources speak from
                places = [m for m in places if m.start > opener]
            # "احياء الخالدية تتعرض لقصف"، "تتعرض مدينة زملكا (شرق دمشق) لقصف": an undergoing verb before the action
            undergoes = any(tokens[k].text in lex.undergo_verbs
                            for k in range(opener + 1 if opener is not None else lo, first_trigger))
            if undergoes and not topic:
                # "دمشق، تعرض حي الحجر الاسود ... للقصف": a place before a comma sets the scene of the one after it
                scene = next((k for k in range(first_trigger, lo, -1) if "،" in nt.norm[tokens[k - 1].end:tokens[k].start]), None)
                if scene is not None and any(m.start >= scene for m in places):
                    places = [m for m in places if m.start >= scene]
            after = [m for m in places if m.start > first_trigger]
            if not topic and not undergoes and after:
                # places before the action are where its agent stands ("المتمركزة على جبل قاسيون ... أطلقت قذائف
                # على حي جوبر"), unless they undergo it ("احياء الخالدية تتعرض لقصف") or label a headline whose
                # action names only a site ("حي الزهراء 27 4 2014 || الطيران الحربي يستهدف الحي ومحيط مبنى المخابرات")
                labels = [m for m in places if m.start < first_trigger and self._labels(nt, m)]
                places = labels if labels and all(m.weak for m in after) else after
            if len(places) > 1:
                # "في عدد من مناطق دمشق خاصة حي الحجر الأسود وبلدة السبينة": the examples, not the area
                places = [m for n, m in enumerate(places) if n + 1 == len(places) or not any(
                    tokens[k].text in lex.examples for k in range(m.end, min(places[n + 1].start, m.end + 3)))]
            if len(places) > 1 and not topic and self._labels(nt, places[0]):
                # "الأشرفية : آثار الدمار في السكن الشبابي نتيجة قصف": the label is the area of the place after it
                places = places[1:]
            aircraft = any(s_lo <= k < s_hi for k in aircraft_at)
            aircraft_in_clause = any(lo <= k < hi for k in aircraft_at)
            similar_to = last_in_paragraph.get(para) if not lex.similar.isdisjoint(
                map(itemgetter(0), tokens[lo:hi])) else None  # (token texts are normalised)
            killed, injured, civilian = self._totals(casualties)
            civilian_victims = civilian or any(c.phrase.civilian for c in casualties)
            types = self._event_types(clause_triggers, aircraft, similar_to, tokens, actors, lo, hi, civilian_victims,
                                      aircraft_in_clause, max(m.end for m in places))
            mention_dates = date_words.find_dates(nt.norm, tokens, lo, hi, published, time_starts)
            if not mention_dates:  # the sentence's other clauses, when they agree on one day
                around = date_words.find_dates(nt.norm, tokens, s_lo, s_hi, published, time_starts)
                if not around and any(int(y) < published.year for y in _PAST_YEAR.findall(
                        nt.norm, tokens[s_lo].start, tokens[s_hi - 1].end)):
                    continue  # "تعود الغارة ... الى العام 2007، حين هاجمت طائرات ... في محافظة دير الزور": background
                mention_dates = around if len({m.date for m in around}) == 1 else []
            if not mention_dates:  # else the paragraph so far, when it names one day
                p_lo = next((k for k in range(s_lo, -1, -1) if k == 0 or paragraph_of[k - 1] != para), s_lo)
                before = date_words.find_dates(nt.norm, tokens, p_lo, s_lo, published, time_starts)
                mention_dates = before if len({m.date for m in before}) == 1 else []
            if any(m.kind == "relative" for m in mention_dates):
                if statement_days is None:
                    statement_days = self._statement_days(nt, flags, sentence_bounds, sentence_of, published, time_starts)
                mention_dates = self._restated(nt, flags, mention_dates, s_lo, statement_days, published)
            reaction = press_review or within(reactions, s_lo, s_hi)
            if not reaction and self._pluperfect(tokens, s_lo, hi):
                reaction = True  # "وكان التلفزيون قد أعلن مقتل ...": an earlier report of a known incident
            if not reaction and not mention_dates and casualties:
                if mourned is None:
                    mourned = self._mourned(tokens, flags, starts, sentence_of, sentence_bounds, mentions, actors)
                # "اعلن الاتحاد الاوروبي عن مقتل مستشار سوري يعمل معه في القصف في دمشق" in an article where the EU
                # "علمت بحزن شديد بموت احمد شحادة المستشار": the death the mourning names, a known incident
                reaction = bool(mourned) and not mourned.isdisjoint(self._victims(tokens, casualties, lo))
            if goes_on and not mention_dates:
                # "وكان المرصد قد افاد يوم امس بإن 100 من جنود الجيش السوري ... قتلوا في مواجهات ..." then "وأسفر القتال عن
                # استيلاء جماعة النصرة على بلدة شدادي": the fighting of that earlier report, placed (GUIDELINES §4)
                reaction = True
                known_lead = (known_lead[0], rank[sent])
            else:
                known_lead = None
            if risen is not None and not aggregate and (risen_to := parse_count(tokens, risen[1] + 1, hi)) is not None:
                # "ارتفع عدد قتلى التفجير الذي استهدف جامع الإيمان إلى 49": the later toll of an incident the
                # article takes as known; with no day of its own it is coded with week precision (GUIDELINES §4)
                reaction = True
                if risen[0] == "killed":
                    killed = risen_to.count
                else:
                    injured = risen_to.count
            # the counts go with the event the clause reports first ("قتل 15 ... خلال اشتباكات ... وقصف")
            counted = min(types, key=lambda pair: pair[1].start)[0] if types else None
            shares = self._shares(tokens, casualties, places, hi)
            by_place = self._tolls_by_place(casualties, places) if risen is None else None
            for event_type, trig in types:
                # (the campaign reported just before, in the same paragraph: "القصف طال أيضاً ...")
                actor = self._actor(event_type, trig, tokens, actors, lo, hi, s_lo, air_actor, similar_to,
                                    drafts[-1] if drafts and drafts[-1].paragraph == para else None)
                strikes = self._strikes(event_type, clause_triggers, tokens, lo)
                for n_place, mention in enumerate(places):
                    first = n_place == 0 and event_type == counted
                    date, precision = self._date(mention_dates, mention, published, reaction)
                    span_parts = [(tokens[trig.start].start, tokens[trig.end - 1].end), (mention.char_start, mention.char_end)]
                    place_killed, place_injured, place_civilian = (killed, injured, civilian) if first else (
                        Count(), Count(), False)
                    own = casualties if first else []
                    if by_place is not None and event_type == counted:
                        own, (place_killed, place_injured, place_civilian) = by_place[n_place]
                    if shares is not None and event_type == counted:
                        place_killed = shares[n_place]
                    span_parts += [(tokens[c.start].start, tokens[c.end - 1].end) for c in own]
                    span = (min(a for a, _ in span_parts), max(b for _, b in span_parts))
                    draft = Draft(event_type, date, precision, mention, actor,
                                  place_killed, place_injured, strikes,
                                  place_civilian, span, para, order, tokens[lo].start < title_end,
                                  sent, bool(mention_dates))
                    drafts.append(draft)
                    last_in_paragraph[para] = draft
        if drafts:  # places abroad (extract/foreign.py): an event at a mention placed outside Syria is not emitted
            placed = foreign.place_countries(nt.norm, tokens, sentence_of, paragraph_of,
                                             [foreign.PlaceRef(m.start, m.end, tuple(m.readings)) for m in mentions])
            abroad = {id(m) for m, placement in zip(mentions, placed) if placement.abroad}
            drafts = [d for d in drafts if id(d.mention) not in abroad]
        return [self._record(article, nt, d) for d in self._merge(drafts, nt, sentence_bounds)]

    def _glued_triggers(self, nt: NormText, triggers: list[Trigger]) -> list[Trigger]:
        """Triggers run into the word before them, as hurried headlines type them ("يظهرآثارالدمارجراءالقصف"،
        "أثارالقصف"): a word that ends with a definite trigger ("القصف") reports it. One regex over the text."""
        glued = self.lex.glued_trigger
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
            hit = self.lex.triggers.match_at([Token(tail, m.start(), tokens[k].end)], 0)
            if hit is not None and hit.value[0] not in ("sound", "anaphor"):
                extra.append(Trigger(k, k + 1, hit.value[0], hit.value[1]))
        return sorted(triggers + extra, key=lambda t: t.start) if extra else triggers

    def _mourned(self, tokens: Sequence[Token], flags: list[tuple], starts: list[tuple[bool, ...]], sentence_of: list[int],
                 sentence_bounds: dict[int, list[int]], mentions: list[PlaceMention], actors: list[Match]) -> set[str]:
        """The words of the article's sentences of mourning that may name whom they mourn ("علمت بحزن شديد بموت احمد
        شحادة المستشار" -> احمد، شحاده، مستشار): not places, sides, event or casualty words, nor short or common words."""
        lex = self.lex
        mourning = {sentence_of[k] for k, f in enumerate(flags) if f[3]}
        if not mourning:
            return set()
        taken = {k for m in mentions for k in range(m.start, m.end)} | {k for m in actors for k in range(m.start, m.end)}
        out: set[str] = set()
        for number in mourning:
            lo, hi = sentence_bounds[number]
            for k in range(lo, hi):
                key = normalize_key(tokens[k].text)
                if (k in taken or len(key) < 4 or key in lex.stopwords or key in lex.not_names
                        or (starts[k][0] and lex.triggers.match_at(tokens, k))
                        or (starts[k][2] and lex.casualties.match_at(tokens, k))
                        or flags[k][3] or flags[k][4]):
                    continue
                out.add(key)
        return out

    @staticmethod
    def _victims(tokens: Sequence[Token], casualties: list[Casualty], lo: int) -> set[str]:
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

    def _statement_days(self, nt: NormText, flags: list[tuple], sentence_bounds: dict[int, list[int]],
                        sentence_of: list[int], published: dt.date, time_starts: list[bool]) -> dict[str, dt.date]:
        """The day the article dates each speaker's statement to, when that is not the publication day: "واعلن الجيش
        السوري مساء الاربعاء ان ..." -> {"جيش": Wednesday}. The day must stand between the speaker and the words said
        (before ان or a quote), so that it dates the statement, not what the statement reports."""
        tokens, out = nt.tokens, {}
        for k in compress(range(len(tokens) - 2), map(itemgetter(4), flags)):  # the reporting verbs
            end = k + 2
            limit = min(k + 7, sentence_bounds[sentence_of[k]][1])
            while end < limit and tokens[end].text not in ("ان", "بان", "انه", "انها") and not any(
                    c in nt.norm[tokens[end - 1].end:tokens[end].start] for c in '"«:'):
                end += 1
            days = [d for d in date_words.find_dates(nt.norm, tokens, k + 2, end, published, time_starts)
                    if d.kind in ("relative", "weekday", "explicit")]
            if days and days[0].date != published:
                out.setdefault(normalize_key(tokens[k + 1].text), days[0].date)
        return out

    def _restated(self, nt: NormText, flags: list[tuple], mentions: list[date_words.DateMention], s_lo: int,
                  statement_days: dict[str, dt.date], published: dt.date) -> list[date_words.DateMention]:
        """A relative day inside a quoted statement counts from the day the statement was made: in "وصرح الجيش في
        بيان ان "طائرات حربية اسرائيلية اخترقت مجالنا الجوي فجر اليوم ..."", published on Thursday in an article that
        says "واعلن الجيش السوري مساء الاربعاء ان ...", "فجر اليوم" is Wednesday's dawn."""
        tokens, norm = nt.tokens, nt.norm
        out = []
        for m in mentions:
            opening = self._quote_opening(norm, tokens[s_lo].start, m.start) if m.kind == "relative" else None
            if opening is not None:
                verb = next((k for k in range(bisect.bisect_left(tokens, opening, key=itemgetter(1)) - 1, s_lo - 1, -1)
                             if flags[k][4]), None)
                day = statement_days.get(normalize_key(tokens[verb + 1].text)) if verb is not None else None
                if day is not None:
                    m = date_words.DateMention(day - (published - m.date), m.precision, m.start, m.end, m.kind)
            out.append(m)
        return out

    @staticmethod
    def _quote_opening(norm: str, lo: int, pos: int) -> int | None:
        """The offset of the quotation mark that opens the quote holding `pos`, searched from `lo`; None outside one."""
        text = norm[lo:pos]
        plain = [k for k, c in enumerate(text) if c == '"']
        if len(plain) % 2:
            return lo + plain[-1]
        guillemet = text.rfind("«")
        return lo + guillemet if guillemet > text.rfind("»") else None

    @staticmethod
    def _labels(nt: NormText, place: PlaceMention) -> bool:
        """Whether `place` is a headline's label, set off by a bar, colon or dash ("حي باب النيرب || ...") or
        followed by its date."""
        tokens = nt.tokens
        after = nt.norm[tokens[place.end - 1].end:tokens[place.end].start] if place.end < len(tokens) else ""
        # "حي الزهراء 27 4 2014 ||": a headline's label may carry its date
        return any(c in after for c in "|:-–") or (place.end < len(tokens) and tokens[place.end].text.isdigit())

    @staticmethod
    def _date(mentions: list, place: PlaceMention, published: dt.date, reaction: bool) -> tuple[dt.date, str]:
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

    def _risen_to(self, tokens: Sequence[Token], matches: list[Match], lo: int, hi: int) -> tuple[str, int] | None:
        """("killed"|"injured", index of إلى) when the clause reports a toll risen to a new figure."""
        words = self._words(tokens)
        rise = next(compress(range(lo, hi), map(itemgetter(2), map(itemgetter(3), words[lo:hi]))), None)
        if rise is None:
            return None
        kind = next((m.value[0] for m in matches if lo <= m.start < hi), None)
        to = next((k for k in range(rise, hi) if normalize(tokens[k].text) in ("الي", "لي")), None)
        return (kind, to) if kind is not None and to is not None else None

    def _toll_update(self, previous: Draft, risen: tuple[str, int], spread: bool, tokens: Sequence[Token],
                     lo: int, hi: int) -> bool:
        """"ارتفعت حصيلة القتلى إلى ثمانية عشر": a later, higher toll of the last event raises its best estimate.
        `risen` and `spread` are the clause's `_risen_to` and `_spread`."""
        kind, to = risen
        if spread or any(
                _stem_in(tokens[k].text, self.lex.aggregate) or normalize(tokens[k].text) in ("البلاد", "سوريا")
                for k in range(lo, hi)):
            return True  # "ارتفاع حصيلة قتلى النظام إلى 110 أشخاص في مناطق مختلفة": a national toll, no event's
        other = [m.value[0] for m in self.lex.triggers.find_all(tokens, lo, hi)]
        if other and not any(self._compatible(k, previous.event_type) for k in other):
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

    def _give_toll(self, draft: Draft, casualties: list[Casualty]) -> None:
        """The counts of a clause that reports no event of its own go to the event it speaks of."""
        killed, injured, civilian = self._totals(casualties)
        draft.killed, draft.injured = killed, injured
        draft.civilian = draft.civilian or civilian

    @staticmethod
    def _pluperfect(tokens: Sequence[Token], lo: int, hi: int) -> bool:
        """Whether the sentence opens with a pluperfect ("وكان ... قد أعلن"، "وكانت ... قد"): what it reports came
        before the article's news; with no day of its own it is coded as a known incident."""
        first = tokens[lo].text if lo < hi else ""
        return first in ("وكان", "وكانت", "كان", "كانت") and any(
            tokens[k].text == "قد" for k in range(lo + 1, min(hi, lo + 7)))

    def _spread(self, tokens: Sequence[Token], lo: int, hi: int) -> bool:
        """Whether the clause spreads its toll over places: "معظمهم في دمشق وحلب"."""
        spread = self.lex.spread  # (tokens are normalised text: no normalize() needed)
        if spread.isdisjoint(map(itemgetter(0), tokens[lo:hi])):
            return False
        return any(tokens[k].text in spread and tokens[k + 1].text == "في" for k in range(lo, min(hi, len(tokens) - 1)))

    def _partitive_victims(self, tokens: Sequence[Token], start: int, lo: int) -> bool:
        k = start - 1
        if k > lo and normalize(tokens[k].text) in ("افراد", "عناصر", "مقاتلي", "جنود"):
            k -= 1
        if k <= lo or normalize(tokens[k].text) != "من":
            return False
        before = tokens[k - 1].text
        digits = before[1:] if before[:1] == "و" else before  # "و10 من أفراد المعارضة"
        return bool(digits.isdigit() or number_lexicon().number_word(before, first=True)
                    or number_lexicon().person(before) or self.lex.casualties.match_at(tokens, k - 1))

    @staticmethod
    def _compatible(trigger_kind: str, event_type: str) -> bool:
        if trigger_kind in ("anaphor", event_type):
            return True
        if trigger_kind in ("strike", "raid", "rubble"):
            return event_type in STRIKE_TYPES or (trigger_kind == "raid" and event_type in ("armed_clash", "attack"))
        return trigger_kind == "control" and event_type == "armed_clash"

    def _abroad(self, tokens: Sequence[Token], actors: list[Match], lo: int, hi: int) -> bool:
        """Whether the clause names a place abroad ("وقال شهود عيان من بلدة عرسال إن الطائرات أطلقت أربعة صواريخ سقطت
        على الأراضي اللبنانية"); a country named as a side ("غارة اسرائيلية"، "إسرائيل") is no place."""
        foreign = self.lex.foreign
        return any(normalize_key(form) in foreign and not any(m.start <= k < m.end for m in actors)
                   for k in range(lo, hi) for form in stems(tokens[k].text))

    def _aircraft_at(self, tokens: Sequence[Token], flags: list[tuple], mentions: list[PlaceMention]) -> list[int]:
        """The tokens that name aircraft, less an air word inside a site's name ("قاعدة النيرب الجوية") or after a word
        that makes it a branch or an area ("للدفاع الجوي"، "المخابرات الجوية"، "حظر جوي")."""
        candidates = [k for k, f in enumerate(flags) if f[1]]
        if not candidates:
            return candidates
        sites = [(m.start, m.end) for m in mentions if m.kind == "landmark"]
        air = ("جوي", "الجوي", "جويه", "الجويه")
        return [k for k in candidates if not (tokens[k].text in air and (
            any(a <= k < b for a, b in sites) or (k > 0 and _stem_in(tokens[k - 1].text, self.lex.not_aircraft))))]

    def _article_air_actor(self, tokens: Sequence[Token], actors: list[Match], aircraft_at: list[int]) -> str:
        """The actor the article gives its aircraft ("طيران النظام", "الطيران الروسي"), for unattributed raids."""
        aircraft = set(aircraft_at)
        for m in actors:
            if m.value in ("regime", "russia", "coalition", "israel", "turkey") and (
                any(k in aircraft for k in range(m.start, m.end)) or m.start - 1 in aircraft or m.end in aircraft
            ):
                return m.value
        return "unknown"

    def _event_types(self, clause_triggers: list[Trigger], aircraft: bool, similar_to: Draft | None,
                     tokens: Sequence[Token], actors: list[Match], lo: int, hi: int,
                     civilian_victims: bool = False, aircraft_in_clause: bool = False,
                     last_place_end: int = 0) -> list[tuple[str, Trigger]]:
        foreign_air = any(m.value in ("russia", "coalition", "israel") for m in actors if lo <= m.start < hi)
        resolved: dict[str, Trigger] = {}
        for t in clause_triggers:
            kind = t.kind
            if kind == "anaphor":
                continue  # "الحادث": refers back, names no type
            if similar_to is not None and kind in ("strike", "raid"):
                kind = similar_to.event_type
            elif kind in ("strike", "rubble"):  # "استخراج الشهداء من تحت ركام الانقاض": the dead of a strike
                kind = "air_strike" if aircraft_in_clause or foreign_air else "shelling"
            elif kind == "front":  # "قتيل ... على جبهة الملاح" (kept only with casualties)
                kind = "armed_clash"
            elif kind == "attack" and aircraft:  # "ارتكبت الطائرات الحربية مجزرة"
                kind = "air_strike"
            elif kind == "raid":
                kind = "air_strike" if aircraft_in_clause else ("attack" if civilian_victims else "armed_clash")
            resolved.setdefault(kind, t)
        if "control" in resolved:
            control = resolved.pop("control")
            if not resolved:
                resolved["armed_clash"] = control
        # one strike type per clause (an air strike wins over shelling); a clash reported with it is a second
        # event, unless the clash word only describes the place after the fact ("القريبة من محيط المعارك")
        ordered = [(kind, resolved[kind]) for kind in PRIORITY if kind in resolved]
        if not ordered:
            return []
        first = ordered[0]
        extra = [(k, t) for k, t in ordered[1:]
                 if k == "armed_clash" and first[0] in STRIKE_TYPES and (
                     t.start < last_place_end or normalize(tokens[t.start - 1].text) in self.lex.undergo_verbs)]
        return [first] + extra

    def _actor(self, event_type: str, trig: Trigger, tokens: Sequence[Token], actors: list[Match], lo: int, hi: int,
               s_lo: int, air_actor: str, similar_to: Draft | None, previous: Draft | None = None) -> str:
        """The side that carried the event out (GUIDELINES §5): the actor named as the agent of the action.

        An actor right after an agentive verb ("أطلقتها المعارضة"، "شنه مسلحون من تنظيم الدولة") or after
        "من قبل" is the agent; otherwise the actor nearest the trigger in the clause, skipping objects
        ("على مواقع قوات النظام"، "كانت خاضعة لقوات النظام"). The two sides of a clash "بين X وY" name no
        attacker, so the clash is coded unknown unless an agent is named."""
        lex = self.lex
        if event_type == "air_strike" and any(
                form.startswith(("برميل", "براميل")) for k in range(lo, hi) for form in stems(tokens[k].text)):
            return "regime"  # only the government's helicopters drop barrel bombs (GUIDELINES §5)
        between = next((k for k in range(lo, hi) if tokens[k].text in ("بين", "وبين")), None)
        agents, candidates = [], []
        for m in actors:
            if not (s_lo <= m.start < hi):
                continue
            prev = normalize(tokens[m.start - 1].text) if m.start > 0 else ""
            prev2 = normalize(tokens[m.start - 2].text) if m.start > 1 else ""
            first = tokens[m.start].text
            if _stem_in(prev, lex.agent_verbs) or (prev == "قبل" and prev2 == "من") or prev in ("يد", "ايدي") or (
                    prev == "من" and lo <= m.start - 1 and trig.end <= m.start - 1 <= trig.end + 1):
                agents.append((abs(m.start - trig.start), m.value))
                continue
            agent_after_trigger = 0 <= m.start - trig.end <= 2  # "قصف مدفعي لقوات النظام"
            is_object = prev in lex.object_words or first.startswith("بين") or (
                (first.startswith("ل") and not first.startswith("ال") or first.startswith("ول")) and not agent_after_trigger)
            if is_object or (event_type == "armed_clash" and between is not None and m.start > between):
                continue
            if self._partitive_victims(tokens, m.start, lo):
                continue  # "قتل ... 10 من أفراد المعارضة"، "مقتل ثلاثة من المقاتلين": the dead, not the attacker
            distance = abs(m.start - trig.start) + (0 if m.start >= lo else 5)
            candidates.append((distance, m.value))
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

    def _strikes(self, event_type: str, clause_triggers: list[Trigger], tokens: Sequence[Token], lo: int) -> Count:
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

    def _casualties(self, tokens: Sequence[Token], matches: list[Match], lo: int, hi: int) -> list[Casualty]:
        out: list[Casualty] = []
        for m in matches:
            if not (lo <= m.start < hi):
                continue
            kind, form = m.value
            if any(_stem_in(tokens[k].text, self.lex.negations) for k in range(max(lo, m.start - 4), m.start)):
                continue
            if m.start > 0 and _stem_in(tokens[m.start - 1].text, self.lex.unit_words):
                continue  # "لواء شهداء اليرموك"، "كتيبة شهداء كرم الجبل": a unit's name, not its dead
            phrase: CountPhrase | None = None
            if form == "verbal":
                phrase = parse_sum(tokens, m.end, hi)
                after = self.lex.casualties.match_at(tokens, m.end) if phrase is None and m.end < hi else None
                if after is not None and after.value[0] == kind and after.value[1] != "verbal":
                    continue  # "وراح ضحيته قتيلان": the noun after the verb counts its dead
                if after is not None:
                    # "مقتل وإصابة 10": the count after the second word
                    phrase = parse_count(tokens, m.end + 1, hi)
                if phrase is None:
                    head = m.start - 1 if m.start > lo and normalize(tokens[m.start - 1].text) in self.lex.support_verbs \
                        else m.start  # "عشرات المسلحين لقوا مصرعهم": the subject stands before the light verb
                    phrase = count_before(tokens, head, lo, subject=True)
                if phrase is None:
                    phrase = CountPhrase(VAGUE_PLURAL, m.start, m.end)
            elif form == "dual":
                phrase = CountPhrase(Count(2, 2, False), m.start, m.end)
            else:
                phrase = count_before(tokens, m.start, lo)
                if phrase is None:
                    # "أوقعتهم بين قتيل ومصاب": singular nouns after بين sort an unnumbered group, they count no one
                    among = "بين" in (tokens[m.start - 1].text if m.start > lo else "",
                                      tokens[m.start - 2].text if m.start - 1 > lo else "")
                    base = Count(1, 1, False) if form == "singular" and not among else VAGUE_PLURAL
                    after = number_lexicon().person(tokens[m.end].text) if m.end < hi else None
                    phrase = CountPhrase(base, m.start, m.end + (1 if after else 0), bool(after and after.civilian))
            end = max(phrase.end, m.end)
            if self._national(tokens, end, hi):
                # "77 شخصا قتلوا في سوريا يوم الأحد، من بينهم 16 ... في دير الزور": the local part, if any
                subset = self._subset_after(tokens, end, hi)
                if subset is not None:
                    out.append(Casualty(kind, subset, subset.start, subset.end))
                continue
            out.append(Casualty(kind, phrase, min(phrase.start, m.start), end))
        return out

    def _tolls_by_place(self, casualties: list[Casualty], places: list[PlaceMention]
                        ) -> list[tuple[list[Casualty], tuple[Count, Count, bool]]] | None:
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
            out.append((own, self._totals(own)))
        return out

    def _shares(self, tokens: Sequence[Token], casualties: list[Casualty], places: list[PlaceMention],
                hi: int) -> list[Count] | None:
        """The dead of each place when the clause shares its toll out: "قتل ستة مواطنين بينهم اثنان من المعارضة خلال
        اشتباكات ... في حي القدم ... والآخر خلال اشتباكات في بلدة الجيزة" is one dead at each place (the group
        after بينهم is the one shared; the rest of the toll is placed nowhere). None when the clause does not.

        Each place after "the other" (والآخر) has one victim, the places before it the rest of the group, on the
        first of them (GUIDELINES §6)."""
        killed = next((c for c in casualties if c.kind == "killed"), None)
        if killed is None or len(places) < 2:
            return None
        other = next((k for k in range(killed.end, hi) if tokens[k].text in self.lex.the_other), None)
        if other is None:
            return None
        before = [n for n, m in enumerate(places) if killed.end <= m.start < other]
        after = [n for n, m in enumerate(places) if m.start > other]
        subset = self._subset_after(tokens, killed.end, hi)
        group = subset.count if subset is not None and subset.start < other else killed.phrase.count
        rest = group.low - len(after)
        if not before or not after or group.vague or rest < 1:
            return None
        shares = [Count() for _ in places]
        shares[before[0]] = Count(rest, rest, False)
        for n in after:
            shares[n] = Count(1, 1, False)
        return shares

    def _national(self, tokens: Sequence[Token], k: int, hi: int) -> bool:
        """Whether the words after a toll say it is the toll of the whole country ("في سوريا"، "في أنحاء البلاد")."""
        window = [normalize(tokens[j].text) for j in range(k, min(hi, k + 3))]
        return any(w in ("سوريا", "سوريه", "البلاد") or _stem_in(w, self.lex.aggregate) for w in window[1:]) and \
            bool(window) and window[0] in ("في", "بانحاء", "فى")

    @staticmethod
    def _subset_after(tokens: Sequence[Token], k: int, hi: int) -> CountPhrase | None:
        for j in range(k, min(hi, k + 8)):
            if _stem_in(tokens[j].text, {"بينهم", "منهم"}):
                return parse_count(tokens, j + 1, hi)
        return None

    def _victim_sides(self, tokens: Sequence[Token], casualties: list[Casualty], actors: list[Match],
                      place_starts: list[int], hi: int) -> None:
        """Whose dead each count of a clause is: the side its victims are named as ("استشهاد اربعة مقاتلين من الكتائب
        المقاتلة"، "مقتل وجرح واسر جنود القوات النظامية"، "ومصرع سبعة عناصر من القوات النظامية"), or "civilian".

        Only "من", person words and casualty words may stand between the count and the side: the agent of a cause
        ("نتيجة قصف القوات النظامية") and an opponent ("في اشتباكات مع القوات النظامية") are no victims. A later count
        followed by places of its own ("واستشهد 7 مقاتلين ... فى محافظات الحسكة وحلب") is another place's toll: no side."""
        first = min(c.start for c in casualties)
        persons, lex = number_lexicon().person, self.lex

        def victim_word(k: int) -> bool:
            text = tokens[k].text
            return text == "من" or bool(persons(text) or _stem_in(text, lex.victim_fates) or lex.casualties.match_at(tokens, k))

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

    @staticmethod
    def _totals(casualties: list[Casualty]) -> tuple[Count, Count, bool]:
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
                per_side = [_most_specific([c.phrase.count for c in mine if c.side == side]) for side in sides]
                return Count(sum(c.low for c in per_side), sum(c.best for c in per_side), any(c.vague for c in per_side))
            return _most_specific([c.phrase.count for c in mine])
        killed = pick("killed")
        civilian = killed.low > 0 and any(c.phrase.civilian for c in casualties if c.kind == "killed")
        return killed, pick("injured"), civilian

    # ---------------------------------------------------------------- article level
    @staticmethod
    def _place_id(m: PlaceMention) -> str:
        return m.chosen.pcode if m.chosen else f"name:{m.name_key}"

    def _merge(self, drafts: list[Draft], nt: NormText, sentence_bounds: dict[int, list[int]]) -> list[Draft]:
        # a headline announces what the body reports: keep it only for an event type the body lacks
        body_types = {d.event_type for d in drafts if not d.from_title}
        body_places = {self._place_id(d.mention) for d in drafts if not d.from_title}
        drafts = [d for d in drafts if not d.from_title or (
            d.event_type not in body_types and self._place_id(d.mention) not in body_places)]
        reports = list(drafts)  # every report, before twins are merged
        kept: list[Draft] = []
        for d in drafts:
            twin = next((k for k in kept if k.event_type == d.event_type and k.date == d.date
                         and self._place_id(k.mention) == self._place_id(d.mention)), None)
            if twin is None:
                kept.append(d)
                continue
            twin.killed = _combine(twin.killed, d.killed)
            twin.injured = _combine(twin.injured, d.injured)
            twin.strikes = max(twin.strikes, d.strikes, key=lambda c: (not c.vague, c.low))
            twin.civilian = twin.civilian or d.civilian
            if twin.actor == "unknown":
                twin.actor = d.actor
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
            vague_place = d.mention.chosen
            city = d.mention.placed_by
            if d.mention.kind == "landmark" and city is not None and city.capital_level == 1:
                # "انفجار ... قرب مقر حزب البعث في وسط دمشق" beside "انفجار سيارة مفخخة في منطقة المزرعة ... بالقرب من فرع
                # حزب البعث": a site placed only by its city, named again beside a quarter of it, is the event there
                named = self._site_words(nt, d.mention)
                covered = [o for o in kept if o is not d and o.event_type == d.event_type and o.date == d.date
                           and o.mention.chosen is not None and city.contains(o.mention.chosen) and named and any(
                               not named.isdisjoint(self._sentence_words(nt, sentence_bounds, r.sentence))
                               for r in reports if r.event_type == o.event_type and r.date == o.date and r.sentence != d.sentence
                               and self._place_id(r.mention) == self._place_id(o.mention))]
                if covered:
                    target = covered[0]
                    if target.killed.best == target.injured.best == 0:
                        target.killed, target.injured = d.killed, d.injured
                        target.civilian = target.civilian or d.civilian
                    continue
            covered = [o for o in kept if vague_place is not None and o is not d and o.event_type == d.event_type
                       and o.date == d.date and (
                           (o.mention.chosen is not None and vague_place.contains(o.mention.chosen))
                           # a name the gazetteer lacks, in the vague place's governorate: the detail
                           or (o.mention.chosen is None and vague_place.kind in ("governorate", "region")
                               and vague_place.admin2 is None and o.mention.admin1 == vague_place.admin1)
                           # "وفي حمص (وسط)، تعرضت قرى ريف القصير لقصف": the governorate's capital sets the
                           # scene of a clause that names the place
                           or (o.order == d.order and vague_place.capital_level == 1
                               and o.mention.admin1 == vague_place.admin1 and o.mention is not d.mention))]
            if covered:
                # the lead names the city or the region, the detail the place: keep the detail, and the
                # lead's toll when the detail gives none
                target = covered[0]
                if d.dated and not target.dated and target.precision == "day":
                    target.date, target.precision, target.dated = d.date, d.precision, True
                if target.killed.best == target.injured.best == 0:
                    target.killed, target.injured = d.killed, d.injured
                    target.civilian = target.civilian or d.civilian
                continue
            out.append(d)
        return out

    def _site_words(self, nt: NormText, m: PlaceMention) -> set[str]:
        """The words that name a site, less its head, common words and adjectives: "مقر حزب البعث" -> {حزب, بعث};
        "القصر الجمهوري" -> {} (an adjective names no one site)."""
        lex = self.lex
        words = {normalize_key(t.text) for t in nt.tokens[m.start + 1:m.end]
                 if len(t.text) > 2 and not t.text.isdigit() and not _definite_adjective(t.text)
                 and not looks_like_adjective(t.text) and _stem_in(t.text, lex.facilities) is None}
        return words - lex.stopwords - lex.not_names - lex.generic_site_words

    @staticmethod
    def _sentence_words(nt: NormText, sentence_bounds: dict[int, list[int]], sentence: int) -> set[str]:
        lo, hi = sentence_bounds.get(sentence, (0, 0))
        return {normalize_key(t.text) for t in nt.tokens[lo:hi]}

    @staticmethod
    def _record(article: Article, nt: NormText, d: Draft) -> EventRecord:
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


def _most_specific(counts: list[Count]) -> Count:
    """Of several statements of one toll, the exact one before the vague, then the highest."""
    return max(counts, key=lambda c: (not c.vague, c.low, c.best))


def _combine(a: Count, b: Count) -> Count:
    """Two statements of one toll: the lowest stated floor, the most specific best (GUIDELINES §6)."""
    if a.low == a.best == 0:
        return b
    if b.low == b.best == 0:
        return a
    specific = b if (a.vague and not b.vague) else a
    low = min(a.low, b.low)
    return Count(low, max(low, specific.best), a.vague and b.vague)
