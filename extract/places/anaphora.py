"""Definite anaphors of places (GUIDELINES §3): "غارات على المدينة" is the city named before, "البلدتين" the last
two towns, "القرى المذكورة" the villages of the last list. Lexicon place_anaphors.tsv gives each anaphor's number
(1, 2, or a plural) and the kind of place it may stand for."""

from __future__ import annotations

from extract.doc import Doc
from extract.lexicon import stems
from extract.places.mention import PlaceMention
from extract.vocabulary import Lexicons


def antecedents(lex: Lexicons, doc: Doc, mentions: list[PlaceMention], lo: int, hi: int,
                trigger: int) -> list[PlaceMention]:
    """The places a definite anaphor after the clause's trigger refers back to, in this paragraph or the one before,
    at most three sentences back; none when the anaphor is not after the trigger."""
    tokens, sentence_of, paragraph_of = doc.tokens, doc.sentence_of, doc.paragraph_of
    found = next(((k, lex.place_anaphors[form]) for k in range(trigger + 1, min(hi, trigger + 8))
                  for form in stems(tokens[k].text) if form in lex.place_anaphors), None)
    if found is None:
        return []
    _k, (number, kind) = found
    sent = sentence_of[lo]
    before = [m for m in mentions if m.end <= lo and m.admin1 and not m.qualifier and not m.dateline
              and not m.absorbed and sent - sentence_of[m.start] <= 3
              and paragraph_of[lo] - paragraph_of[m.start] <= 1 and _refers_to(m, kind)]
    if not before:
        return []
    if number == "1":
        return before[-1:]
    last = sentence_of[before[-1].start]
    group = [m for m in before if sentence_of[m.start] == last]
    if number == "2":
        return group[-2:] if len(group) >= 2 else []
    return group if len(group) >= 2 else []


def _refers_to(m: PlaceMention, kind: str) -> bool:
    """Whether a place can be what an anaphor of that kind refers to (a quarter for الحي, a town for البلدة ...)."""
    chosen = m.chosen
    if kind == "quarter":
        return (chosen is not None and chosen.kind == "neighbourhood") or m.marker_word in ("حي", "حيي", "احياء")
    if kind == "area":
        return chosen is None or chosen.kind not in ("governorate",)
    return chosen is None or chosen.kind in ("community", "locality", "alias")
