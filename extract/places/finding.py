"""Place mentions: the words of a text that name a place — a gazetteer name, a named site ("مطار كويرس
العسكري") or a name the gazetteer lacks after a place marker or in a list of places ("لقرية خلصة").

Which of them are places at all is decided here (a name must stand after a marker, a preposition or a direction,
in a list, or be a strong name on its own); what they refer to is decided by `resolution`, their role by `roles`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import compress, repeat
from operator import itemgetter
from typing import Sequence

from extract.doc import WordFeatures, feature
from extract.gazetteer import Gazetteer, Place
from extract.lexicon import stems
from extract.morphology import looks_like_adjective, looks_like_verb
from extract.numbers import lexicon as number_lexicon
from extract.places.mention import PlaceMention
from extract.places.quotes import QUOTES, list_goes_on, quoted_name
from extract.text import NormText, Token, normalize, normalize_key
from extract.vocabulary import Lexicons, stem_in

_CACHE_LIMIT = 500_000


@dataclass(frozen=True)
class NameHit:
    """The longest gazetteer name at a token: how many words, the stem it was read from, its key, its readings."""

    length: int
    form: str
    key: str
    readings: tuple[Place, ...] | list[Place]


class PlaceFinder:
    """Finds the place mentions of a text; construct once per gazetteer (it caches per word)."""

    def __init__(self, gazetteer: Gazetteer, lex: Lexicons) -> None:
        self.gaz, self.lex = gazetteer, lex
        self._name_heads_cache: dict[str, tuple] = {}
        self.partial_names = self._first_words_of_communities()

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

    # ------------------------------------------------------------------ the scan
    def find(self, nt: NormText, words: list[WordFeatures]) -> list[PlaceMention]:
        """Every place mention of the text, left to right, not overlapping."""
        tokens, norm, lex = nt.tokens, nt.norm, self.lex
        out: list[PlaceMention] = []
        n, i = len(tokens), 0
        list_open = False  # inside "مدن وبلدات X وY وZ": coordinated names are places
        worth_set = self._worth_a_look(tokens, words)
        worth = sorted(worth_set)
        next_worth = bisect.bisect_left
        heads = self._name_heads_cache
        while i < n:
            quoted_next = list_open and i > 0 and tokens[i - 1].text == "و" and quoted_name(nt, i) is not None
            if i not in worth_set and not quoted_next:  # what the test below decides for such a word, without its work
                list_open = False
                j = next_worth(worth, i + 1)
                i = worth[j] if j < len(worth) else n
                continue
            gap = norm[tokens[i - 1].end:tokens[i].start] if i > 0 else ""
            # (a list of quoted names goes on across their quotes and commas: قرى "بيت فارس"، و"بين حلبية")
            if gap != " " and gap.strip(" ") and not (list_open and list_goes_on(nt, i)):
                list_open = False
            prev_marker = self.name_marker(nt, i) if i > 0 and words[i - 1].marker else None
            if prev_marker and lex.markers[prev_marker] in ("many", "pair"):
                list_open = True
            text = tokens[i].text
            word = words[i]
            if not (word.name_start or word.site_start or prev_marker or text[:1] == "و" or quoted_next):
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
            if found is not None:
                mention, i = self._name_at(nt, words, i, found, prev_marker, list_open, out)
            elif word.site_start or prev_marker or (list_open and text[:1] == "و") or quoted_next:
                mention, i, list_open = self._no_name_at(nt, words, i, prev_marker, list_open, quoted_next)
            else:  # (what _no_name_at decides for a word that opens nothing, without the call)
                mention, i, list_open = None, i + 1, list_open and text[:1] == "و"
            if mention is not None:
                out.append(mention)
        return out

    @staticmethod
    def _worth_a_look(tokens: Sequence[Token], words: list[WordFeatures]) -> set[int]:
        """The words worth a look: a name or a site may start there, a marker stands before, or a list goes on."""
        n = len(tokens)
        texts = list(map(itemgetter(0), tokens))
        return {*compress(range(n), map(feature("name_start"), words)),
                *compress(range(n), map(feature("site_start"), words)),
                *compress(range(n), map(str.startswith, texts, repeat("و"))),
                *compress(range(1, n), map(feature("marker"), words))}

    def _no_name_at(self, nt: NormText, words: list[WordFeatures], i: int, prev_marker: str | None,
                    list_open: bool, quoted_next: bool) -> tuple[PlaceMention | None, int, bool]:
        """Where no gazetteer name starts: a named site, or a name the gazetteer lacks after a marker or in a list.
        Returns the mention (or None), the next token to look at, and whether a list is still open."""
        tokens = nt.tokens
        landmark = self.landmark_at(nt, i) if words[i].site_start else None
        if landmark is not None:
            return landmark, landmark.end, list_open
        in_list = list_open and (tokens[i].text.startswith("و") or quoted_next)
        unresolved = self.unresolved_at(nt, i, prev_marker, in_list) if prev_marker or in_list else None
        if unresolved is not None:
            return unresolved, unresolved.end, list_open
        return None, i + 1, list_open and tokens[i].text.startswith("و")

    def _name_at(self, nt: NormText, words: list[WordFeatures], i: int, found: NameHit, prev_marker: str | None,
                 list_open: bool, out: list[PlaceMention]) -> tuple[PlaceMention | None, int]:
        """A gazetteer name at token i, if it names a place here. Returns the mention (or None) and the next token."""
        tokens, norm, lex = nt.tokens, nt.norm, self.lex
        length, form, readings = found.length, found.form, found.readings
        token, text = tokens[i], tokens[i].text
        clitic = len(token.text) - len(form) if not form.startswith("ال") or token.text.endswith(form) else 0
        clitic = max(0, min(clitic, len(token.text) - 1))
        mention = PlaceMention(i, i + length, list(readings), token.start + clitic, tokens[i + length - 1].end)
        prev = tokens[i - 1].text if i > 0 else ""
        marker = prev_marker
        if marker:
            mention.marker, mention.marker_start, mention.marker_word = lex.markers[marker], i - 1, marker
        elif prev and stem_in(prev, lex.directions):
            mention.direction, mention.marker_start = True, i - 1
        elif normalize(prev) == "من" and i > 1 and stem_in(tokens[i - 2].text, lex.bearings):
            mention.direction, mention.marker_start = True, i - 2  # "الى الشمال الشرقي من دمشق"
        skip = self._not_a_place(nt, words, i, found, marker, clitic)
        if skip is not None:
            return None, skip
        # a headline's "حلب الانصاري الشرقي ||": a quarter named right after its city is that city's quarter
        before_gap = norm[tokens[i - 1].end:token.start] if i > 0 else "|"
        cities = {q.admin4 for q in out[-1].readings if q.kind == "community"} if (
            out and out[-1].end == i and out[-1].kind == "gazetteer" and not text.startswith("و")) else ()
        quarters = [p for p in readings if p.kind == "neighbourhood" and p.admin4 in cities] if before_gap == " " else []
        if quarters:
            mention.readings = quarters
        conjunction_only = clitic > 0 and token.text[:clitic] in ("ف", "فال") and length == 1
        if found.key in lex.stopwords or conjunction_only:
            # ("قرى تل واسط والزيارة وجورين": a common word is a name in a list under a place marker)
            accept = (mention.marker is not None and mention.marker != "region") or (
                list_open and text.startswith("و") and not conjunction_only)
        else:
            accept = bool(quarters) or self._placed_by_context(nt, i, found, mention, clitic, list_open, out)
        if accept:
            mention.titled = length >= 2 and normalize_key(form) in lex.person_titles  # "الشيخ محمد"، "أبو علي"
            if i >= 2 and mention.marker and normalize(tokens[i - 2].text) in ("وهي", "وهو", "اي", "هي", "هو"):
                mention.qualifier = True  # "الغوطة الشرقية وهي منطقة البساتين": an apposition describes
            return mention, i + length
        # "قصر تشرين الرئاسي": القصر alone is no place here
        landmark = self.landmark_at(nt, i) if words[i].site_start else None
        if landmark is not None:
            return landmark, landmark.end
        return None, i + 1

    def _not_a_place(self, nt: NormText, words: list[WordFeatures], i: int, found: NameHit, marker: str | None,
                     clitic: int) -> int | None:
        """The next token to look at when the name at i is something else here (an outlet, a marker word, the
        government, a place abroad, an event word, the common word opening a longer name); None otherwise."""
        tokens, lex = nt.tokens, self.lex
        n, length, form, readings = len(tokens), found.length, found.form, found.readings
        token = tokens[i]
        prev = tokens[i - 1].text if i > 0 else ""
        after = tokens[i + length].text if i + length < n else ""
        # "X اليوم" is an outlet when X is a country's or a governorate's name (حلب اليوم); a quarter or a site
        # named before اليوم is that place today ("حي الحيدرية اليوم"، "مجزرة نهر الشهداء اليوم")
        seat = any(p.kind == "governorate" or p.capital_level == 1 for p in readings)  # a seat of government
        outlet_today = after == "اليوم" and (not marker or lex.markers[marker] == "region") and seat
        if (after and stem_in(after, lex.org_after) and (after != "اليوم" or outlet_today)) or (
                length == 1 and normalize_key(form) in lex.marker_keys | lex.direction_keys):
            return i + 1
        if seat and stem_in(prev, lex.metonyms):
            return i + length  # "حزب الله، حليف دمشق": the government, not the city
        if normalize_key(token.text) in lex.foreign or (
                length == 1 and ((words[i].casualty_start and lex.casualties.match_at(tokens, i))
                                 or (words[i].trigger_start and lex.triggers.match_at(tokens, i)))):
            return i + 1
        if length == 1 and i + 1 < n and normalize(form) in lex.bare_prefixes:
            return i + 1  # "حي باب النيرب": a name opened by a common word, read whole as a name
        return None

    def _placed_by_context(self, nt: NormText, i: int, found: NameHit, mention: PlaceMention, clitic: int,
                           list_open: bool, out: list[PlaceMention]) -> bool:
        """Whether the words around a gazetteer name make it a place: a marker, a direction, a preposition, a list,
        a headline's slug, or a name strong on its own (two words, a governorate, district or city)."""
        tokens, norm, lex = nt.tokens, nt.norm, self.lex
        n, length, readings = len(tokens), found.length, found.readings
        token = tokens[i]
        prev_text = tokens[i - 1].text if i > 0 else ""
        has_clitic_prep = clitic > 0 and any(c in token.text[:clitic] for c in "بل")
        has_prep = has_clitic_prep or normalize(prev_text) in lex.prepositions
        coordinated = (token.text.startswith("و") or prev_text == "و") and (
            (out and out[-1].end in (i, i - 1)) or list_open)
        before_gap = norm[tokens[i - 1].end:token.start] if i > 0 else "|"
        after_gap = norm[tokens[i + length - 1].end:tokens[i + length].start] if i + length < n else "|"
        # a headline's slug: "الحيدرية : لحظة القصف"، "حلب نيوز || الهلك : ..."، "الاشرفية 2 4 2014 ||"
        slug = any(c in before_gap for c in "|:-_") and (
            any(c in after_gap for c in "|:-_") or (i + length < n and tokens[i + length].text.isdigit()))
        strong = length >= 2 or any(p.kind in ("governorate", "district", "region") or p.capital_level <= 2
                                    for p in readings)
        return bool(mention.marker or mention.direction or has_prep or coordinated or strong or slug)

    # ------------------------------------------------------------------ gazetteer names
    def _longest_name_at(self, tokens: Sequence[Token], i: int, norm: str) -> NameHit | None:
        """The longest gazetteer name starting at token i, or None.

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
                best = (hit[0], form, hit[1])
        return NameHit(best[0], best[1], best[2], lookup(best[2])) if best is not None else None

    def _name_heads(self, word: str) -> tuple:
        """Per word, cached: the (form, key, one-word hit) of each of its stems whose key may open a name."""
        prefixes, lookup = self.gaz.prefixes, self.gaz.lookup
        heads = []
        for form in stems(word):
            key = form[2:] if form.startswith("ال") and len(form) > 3 else form
            if key in prefixes:
                heads.append((form, key, (1, key) if len(key) >= 3 and lookup(key) else None))
        heads = tuple(heads)
        if len(self._name_heads_cache) < _CACHE_LIMIT:
            self._name_heads_cache[word] = heads
        return heads

    def name_marker(self, nt: NormText, i: int) -> str | None:
        """The place marker right before token i ("بلدة"، "وبريف"), if it introduces a name: not across
        punctuation, and not a definite noun ("بالمدينة" is anaphoric: the city already named)."""
        if i == 0:
            return None
        prev = nt.tokens[i - 1]
        if nt.norm[prev.end:nt.tokens[i].start].strip(" " + QUOTES):  # ("قرى "بيت فارس"": a quoted name)
            return None
        marker = stem_in(prev.text, self.lex.markers)
        if marker is None:
            return None
        clitics = prev.text[: len(prev.text) - len(marker)]
        if clitics.endswith("ال") or clitics.endswith("لل"):
            return None
        return marker

    # ------------------------------------------------------------------ sites and unknown names
    def landmark_at(self, nt: NormText, i: int) -> PlaceMention | None:
        """A named site opened by a facility word ("مطار كوريس العسكري", "مسجد الإيمان"), up to 4 more words.

        The name stops at punctuation, a preposition, a direction word or a clause connector; a gazetteer
        name inside it ("مطار حلب الدولي") gives its codes, else the place that qualifies it does."""
        tokens, lex = nt.tokens, self.lex
        head = stem_in(tokens[i].text, lex.facilities)
        if head is None or i + 1 >= len(tokens):
            return None
        clitic = len(tokens[i].text) - len(head)
        if clitic and not (tokens[i].text[:clitic] in ("ب", "ل", "و", "وب", "ال", "بال", "وال", "لل")):
            return None
        end = self._site_end(nt, i)
        second = normalize(tokens[i + 1].text) if end > i + 1 else ""
        if end == i + 1 or normalize_key(second) in lex.not_names | lex.generic_site_words or looks_like_adjective(second):
            return None  # "حاجز عسكري"، "طريق دائري": a common noun, not a named site
        if stem_in(tokens[i].text, lex.unit_words) and stem_in(second, lex.unit_names):
            return None  # "كتيبة أحرار الطبقة": a fighting unit, not a site
        inner = self._names_inside(tokens, i, end)
        keep = [p for p in inner if p.kind in ("governorate", "community", "neighbourhood", "region", "locality")]
        return PlaceMention(i, end, keep, tokens[i].start + clitic, tokens[end - 1].end, kind="landmark")

    def _site_end(self, nt: NormText, i: int) -> int:
        """Where the name of a site opened at token i ends (exclusive), at most 4 words after its head."""
        tokens, norm, lex = nt.tokens, nt.norm, self.lex
        end = i + 1
        while end < len(tokens) and end - i <= 4:
            tok = tokens[end]
            if norm[tokens[end - 1].end:tok.start].strip(" "):
                break
            word = tok.text
            if (word in lex.prepositions or normalize(word) in lex.site_stops or stem_in(word, lex.directions)
                    or word in lex.connectors
                    or word[:1] in "وف" and end > i + 1 or (word[:1] in "بل" and not word.startswith("ال"))
                    or stem_in(word, lex.markers) or lex.triggers.match_at(tokens, end)
                    or lex.casualties.match_at(tokens, end) or lex.actors.match_at(tokens, end)
                    or (end > i + 1 and normalize_key(word) in lex.generic_site_words)):
                break
            end += 1
        return end

    def _names_inside(self, tokens: Sequence[Token], i: int, end: int) -> list[Place]:
        """The readings of the longest gazetteer name inside a site's name ("مطار دير الزور")."""
        inner: list[Place] = []
        for j in range(i + 1, end):
            for k in range(end, j, -1):
                key = normalize_key("".join(t.text for t in tokens[j:k]))
                if key not in self.lex.stopwords and self.gaz.lookup(key):
                    inner.extend(self.gaz.lookup(key))
                    break
            if inner:
                break
        return inner

    def unresolved_at(self, nt: NormText, i: int, marker: str | None, in_list: bool) -> PlaceMention | None:
        """A name the gazetteer lacks, right after a place marker ("لقرية خلصة") or in a list of places."""
        tokens, lex = nt.tokens, self.lex
        kind = lex.markers.get(marker) if marker else None
        if not in_list and kind not in ("single", "pair", "many"):
            return None
        token = tokens[i]
        quoted = quoted_name(nt, i)
        if quoted is not None:  # "قرى "بيت فارس"، و"بين حلبية"": the quotes bound the name, whatever its words
            mention = PlaceMention(i, quoted, [], token.start + (1 if in_list and token.text == "و" else 0),
                                   tokens[quoted - 1].end, kind="unresolved")
            if marker and not in_list:
                mention.marker, mention.marker_start, mention.marker_word = kind, i - 1, marker
            return mention
        form = token.text[1:] if in_list else token.text
        partial = self.partial_names.get(normalize_key(form))
        numbered = self._numbered(nt, i, kind, form, in_list)
        if self._no_unknown_name(nt, i, kind, form, in_list, partial, numbered):
            return None
        end = i + 1
        if numbered and number_lexicon().number_word(token.text, first=True):
            end += 1
        elif end < len(tokens) and normalize_key(tokens[end].text) in lex.name_adjectives:
            end += 1  # "الموصلات القديمة"، "الانصاري الشرقي"
        elif normalize(form).replace("ال", "", 1) in lex.name_prefixes or normalize(form) in lex.name_prefixes:
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

    @staticmethod
    def _numbered(nt: NormText, i: int, kind: str | None, form: str, in_list: bool) -> bool:
        """"حي السبع بحرات": a definite number opens a name after a marker ("السبع" is no count of people here)."""
        tokens = nt.tokens
        return (bool(kind) and not in_list and normalize(form).startswith("ال") and i + 1 < len(tokens)
                and not number_lexicon().person(tokens[i + 1].text)
                and not nt.norm[tokens[i].end:tokens[i + 1].start].strip(" "))

    def _no_unknown_name(self, nt: NormText, i: int, kind: str | None, form: str, in_list: bool,
                         partial: tuple[Place, ...] | None, numbered: bool) -> bool:
        """Whether the word at i cannot open a name the gazetteer lacks: a marker, a site word, a place abroad, a
        common word, an adjective or verb, an event, casualty or actor word, a number, a preposition."""
        tokens, lex = nt.tokens, self.lex
        token = tokens[i]
        if stem_in(token.text, lex.markers) or stem_in(token.text, lex.facilities):
            return True
        bare = normalize_key(token.text)
        if bare in lex.foreign or normalize_key(form) in lex.foreign or (
                i + 1 < len(tokens) and normalize_key(form + tokens[i + 1].text) in lex.foreign):
            return True  # (a two-word name abroad: "بلدتي خربة يونين" in Lebanon)
        prefixed = normalize_key(form) in lex.name_prefixes and i + 1 < len(tokens)  # "قرى أبو حوري"
        if bare in lex.not_names or (bare in lex.stopwords and not prefixed):
            return True
        if partial is None and (looks_like_adjective(form) or looks_like_verb(form)):
            return True  # an indefinite adjective ("حي عشوائي"، "منطقة حدودية") or a verb ("قرى يدور فيها") is no name
        if kind == "many" and not in_list:
            # "قرى تتمركز فيها": after a plural marker only a list of names ("قرى أبو حوري والبرهانية") counts
            nxt = next((k for k in range(i + 1, min(i + 3, len(tokens)))
                        if tokens[k].text.startswith("و") and not nt.norm[tokens[k - 1].end:tokens[k].start].strip(
                            " ،" + QUOTES)),
                       None)
            if nxt is None:
                return True
        key = normalize_key(form)
        return (len(key) < 3 or key in lex.not_names or (key in lex.stopwords and not prefixed) or key in lex.marker_keys
                or key in lex.direction_keys or form.isdigit() or lex.triggers.match_at(tokens, i)
                or lex.casualties.match_at(tokens, i) or lex.actors.match_at(tokens, i)
                or bool(number_lexicon().number_word(token.text, first=True) and not numbered)
                or bool(number_lexicon().person(token.text))
                or normalize(token.text) in lex.prepositions or bool(stem_in(token.text, lex.facilities)))
