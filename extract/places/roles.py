"""Place roles: which mentions are not where an event happened. A qualifier locates another place ("X بريف حلب"،
"X شمالي إدلب"), a reference point measures from it ("على مسافة 15 كلم من دمشق"), a dateline is where a dispatch
was filed or a source speaks from, a vicinity is near a city and not in it, a titled name is a person.

The linking of qualifiers also narrows the readings of the place qualified (a homonym outside the qualifier is not
it), so it runs before resolution; vicinity and datelines need the chosen reading, so they run after it."""

from __future__ import annotations

from typing import Sequence

from extract.places.mention import PlaceMention
from extract.text import NormText, normalize
from extract.vocabulary import Lexicons, definite_adjective, stem_in


def _linking(lex: Lexicons, word: str) -> bool:
    """Whether a word between two places links the first to the second, which locates it ("X في مدينة Y")."""
    return normalize(word) in lex.linking or bool(stem_in(word, lex.directions))


def link_qualifiers(lex: Lexicons, mentions: list[PlaceMention], sentence_of: list[int],
                    tokens_text: Sequence[str]) -> None:
    """Qualifiers: "X في مدينة Y", "X بريف Y", "X شمالي Y" — Y contains X and is not an event place."""
    for a, b in zip(mentions, mentions[1:]):
        start_b = b.marker_start if b.marker_start is not None else b.start
        if (b.kind == "landmark" and a.readings and start_b - a.end == 1 and sentence_of[a.start] == sentence_of[b.start]
                and normalize(tokens_text[a.end]) == "علي"):
            b.qualifier = True  # "بلدة صيدا على طريق دمشق عمان": the road locates the town
            continue
        # an adjective may stand between: "مطار كويرس العسكري في ريف حلب"، "مدينة تل أبيض الحدودية في ريف الرقة"
        described = a.end < start_b and definite_adjective(tokens_text[a.end])
        if sentence_of[a.start] != sentence_of[b.start] or start_b - a.end > 2 + described or not all(
                _linking(lex, tokens_text[k]) for k in range(a.end + described, start_b)):
            continue  # "X في مدينة Y"، "X بريف Y"، "X شمالي Y" link; "X المؤدي إلى Y" does not
        if b.direction:  # "X شمالي إدلب", "X جنوب دمشق": Y locates X, even from outside it
            b.qualifier = True
            continue
        if tokens_text[start_b][:1] == "و":
            continue  # "قريتي المشيك والقرقور"، "شارع الثورة وحي باب توما": a place joined by و stands beside the one
            # before it, not around it
        if (not a.readings or a.kind == "landmark") and b.readings:  # a site or a name the gazetteer lacks:
            # "مسجد الإيمان وسط دمشق"، "دوار الحلوانية في حي طريق الباب"
            precise = a.kind == "landmark" and all(
                p.kind == "neighbourhood" or (p.kind == "community" and p.capital_level > 1) for p in b.readings)
            if precise:  # "تفجير وزارة الداخلية في منطقة كفر سوسة": coded at the neighbourhood
                a.absorbed = True
            else:
                b.qualifier = True
            continue
        _qualify(a, b)


def _qualify(a: PlaceMention, b: PlaceMention) -> None:
    """A gazetteer name linked to the place after it: the readings of each that fit inside the other."""
    inside = [ra for ra in a.readings if any(rb.contains(ra) for rb in b.readings)]
    governorate_qualifier = b.marker == "region" or b.marker_word in ("محافظه",)
    if not inside and a.readings and governorate_qualifier and any(rb.kind == "governorate" for rb in b.readings):
        # "مدينة الطبقة بريف الرقة": the text places it; a homonym elsewhere in the tables is not it
        a.readings, a.kind = [], "unresolved"
        b.qualifier = True
        b.readings = [rb for rb in b.readings if rb.kind == "governorate"]
        return
    if inside:
        a.readings = inside
        b.qualifier = True
        b.readings = [rb for rb in b.readings if any(rb.contains(ra) for ra in inside)]


def mark_motives(lex: Lexicons, mentions: list[PlaceMention], sentence_of: list[int],
                 tokens_text: Sequence[str]) -> None:
    """"نصرة لمدينة الزبداني"، "انتقاما لجنوده المحاصرين في بلدتي كفريا والفوعة": a place up to six words after a
    word of motive followed by its object, in its sentence, is the motive, not where the action happens."""
    for m in mentions:
        if any(_motive_at(lex, tokens_text, k) for k in range(max(0, m.start - 6), m.start)) and \
                sentence_of[max(0, m.start - 6)] == sentence_of[m.start]:
            m.qualifier = True


def _motive_at(lex: Lexicons, texts: Sequence[str], k: int) -> bool:
    """A word of motive, indefinite and followed by its object ("نصرة لمدينة"، "انتقاما لجنوده"، "تضامنا مع"), not a
    name that holds it ("جبهة النصرة")."""
    word = normalize(texts[k])
    return (word in lex.motives or (word[:1] == "و" and word[1:] in lex.motives)) and k + 1 < len(texts) \
        and (texts[k + 1][:1] == "ل" or texts[k + 1] in ("مع", "علي"))


def mark_reference_points(lex: Lexicons, mentions: list[PlaceMention], tokens_text: Sequence[str],
                          clause_of: Sequence[int] | None) -> None:
    """A distance from a place ("على مسافة 15 كلم من دمشق") and a bearing followed by the places it points at
    ("اشتباكات الى الشمال الشرقي من دمشق، لا سيما في دوما وحرستا") locate, they are no event's place."""
    for m in mentions:
        if m.start > 1 and tokens_text[m.start - 1] == "من" and any(
                normalize(tokens_text[k]) in lex.distance_units for k in range(max(0, m.start - 4), m.start - 1)):
            m.qualifier = True  # "على مسافة 15 كلم من دمشق": a reference point
    for n, m in enumerate(mentions):
        if m.direction and not m.qualifier and clause_of is not None and any(
                o.readings and not o.direction and clause_of[o.start] == clause_of[m.start] for o in mentions[n + 1:]):
            # "اشتباكات الى الشمال الشرقي من دمشق، لا سيما في دوما وحرستا": the places named after locate it
            m.qualifier = True


def mark_vicinity_and_datelines(lex: Lexicons, nt: NormText, mentions: list[PlaceMention],
                                paragraph_of: list[int]) -> None:
    """"قرب دمشق" is near the city (and, for a capital, in the governorate around it); "دمشق (ا ف ب) -" and
    "وقال ناشط في دمشق، إن ..." are where the report comes from."""
    tokens, norm = nt.tokens, nt.norm
    for m in mentions:
        back = [tokens[k].text for k in range(max(0, m.start - 2), m.start)]
        if m.chosen is not None and (m.chosen.kind == "governorate" or m.chosen.capital_level <= 1) and any(
                stem_in(w, lex.vicinity) for w in back):
            m.vicinity = True
            around = lex.around_capitals.get(m.admin1 or "")
            if around is not None and any(stem_in(w, lex.near) for w in back):
                # "مركز أبحاث بالقرب من دمشق": near the city-governorate, so in the one around it (ريف دمشق)
                m.admin1, m.admin2, m.admin4, m.geo_precision = around, None, None, 3
        paragraph_start = m.start == 0 or paragraph_of[m.start - 1] != paragraph_of[m.start]
        after = norm[tokens[m.end - 1].end:tokens[m.end - 1].end + 3].strip(" ")
        if paragraph_start and after[:1] in ("(", "-", "_", "–", ":", "،", ",") and len(norm) > 200:
            m.dateline = True  # a dispatch's dateline; in a headline the same shape is its slug
        # "وقال ناشط في دمشق، إن القصف ...": where the speaker is, not where the event is
        nxt = normalize(tokens[m.end].text) if m.end < len(tokens) else ""
        if nxt in ("ان", "بان", "انه", "انها") and after[:1] in ("،", ",", ""):
            m.dateline = True


def unplace_persons(mentions: list[PlaceMention], outlet: Sequence[str]) -> None:
    """"بحياة الشيخ محمد سعيد البوطي": a titled name is a person, not the village of that name, unless a marker
    introduces it or the article is about its governorate."""
    home = {m.admin1 for m in mentions if m.admin1 and not m.titled} | set(outlet)
    for m in mentions:
        if m.titled and not (m.marker or m.admin1 in home):
            m.admin1 = None
