"""The word lists the extractor reads (extract/lexicon/), loaded once per process, and the two word tests
every stage uses: a word's stem in a list, and a definite nisba adjective."""

from __future__ import annotations

import re
from functools import lru_cache

from extract import dates as date_words
from extract.lexicon import PhraseMatcher, read_rows, read_words, stems
from extract.numbers import lexicon as number_lexicon
from extract.text import normalize, normalize_key


class Lexicons:
    """Every word list the extractor reads, loaded once."""

    def __init__(self) -> None:
        self._read_phrases_and_places()
        self._read_clause_words()
        self._read_period_words()

    def _read_phrases_and_places(self) -> None:
        """The phrase lexicons of events, sides and victims; the lists of places, sites and tolls."""
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

    def _read_clause_words(self) -> None:
        """Reactions, the keys derived from the place lists, and the lists of clauses, agents, victims and statements."""
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
        self.motives = set(read_words("motives.txt"))
        self.place_anaphors = {normalize(w): (number, kind) for w, number, kind in read_rows("place_anaphors.tsv")}

    def _read_period_words(self) -> None:
        """Years and periods of several days: their units and the words that open them (dating.periods)."""
        # a year before the war after a year word or a month (GUIDELINES §1: background; the war is from 2011 on)
        years = _alternatives(number_lexicon().year_words)
        self.prewar_year = re.compile(rf"(?<![^\s\W])[وبل]?(?:{years})\s*/?\s*(?:19\d\d|200\d|2010)(?!\d)")
        # a year alone after a year word ("الى العام 2007"، "في صيف 2014"), not the start of a period ("منذ العام 2007")
        self.past_year = re.compile(rf"(?<!منذ )(?<![^\s])[وبل]?(?:{years})\s+((?:19|20)\d{{2}})(?!\d)")
        # a day's toll: "ضحايا السبت"، "حصيلة قتلى يوم الاثنين"، "... ليوم الأحد" (casualties.day_toll)
        toll_nouns = _alternatives(read_words("day_toll.txt"))
        days = _alternatives(date_words.lexicon().weekdays)
        fights = _alternatives(read_words("day_toll_fights.txt"))
        bloody = _alternatives(read_words("bloody_day.txt"))
        self.day_toll = re.compile(rf"(?<![^\s\W])(?:[وف]?(?:ال)?(?:{toll_nouns})\s+(?:(?:ال)?(?:{fights})\s+)?"
                                   rf"(?:يوم\s+)?(?:{days})|ليوم\s+(?:{days})|[وبل]?(?:{bloody}))(?![^\W_])")
        self.period_units = {normalize(w): kind for w, kind in read_rows("period_units.tsv")}
        units = _alternatives(self.period_units)
        openers = _alternatives(read_words("period_openers.txt"))
        past = _alternatives(read_words("period_past.txt"))
        # "خلال عشرة أشهر"، "على مدى الأيام الماضية": an opener, at most two words (numbers), a unit of several days;
        # "في الشهور الأخيرة": a unit and a word of the past
        numerals = _alternatives(number_lexicon().words)
        self.period = re.compile(rf"(?<![^\s\W])(?:(?:[وف]?(?:{openers}))\s+(?:(?:[ول]?(?:{numerals}|ال)?\d*)\s+){{0,2}}?"
                                 rf"[بل]?({units})(?![^\W_])"
                                 rf"|[وفبل]?({units})\s+(?:القليله\s+)?(?:{past})(?![^\W_]))")


def _alternatives(words) -> str:
    """A regex alternation of the words, the longest first."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    return Lexicons()


def definite_adjective(word: str) -> bool:
    """A definite nisba adjective after a name ("العسكري"، "الحدودية"، "الدولي"): it describes, it links nothing."""
    w = normalize(word)
    return len(w) > 5 and w.startswith("ال") and w.endswith(("ي", "يه"))


def stem_in(word: str, vocabulary: set[str] | dict[str, str]) -> str | None:
    for form in stems(word):
        if form in vocabulary:
            return form
    return None
