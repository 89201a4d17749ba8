"""Stage 2, places: the place mentions of an article, resolved in context (GUIDELINES §3), each with its role.

    finding     which words name a place (gazetteer names, named sites, names the gazetteer lacks)
    roles       which mentions are no event's place (qualifiers, reference points, datelines, vicinity, persons)
    resolution  which reading each names, and codes for the names the gazetteer lacks
    anaphora    which places a definite anaphor ("المدينة"، "القرى المذكورة") refers back to
"""

from __future__ import annotations

from extract.doc import Doc
from extract.gazetteer import Gazetteer
from extract.places.finding import PlaceFinder
from extract.places.mention import LocatedPlace, PlaceMention
from extract.places.resolution import PlaceResolver
from extract.places.roles import (link_qualifiers, mark_motives, mark_reference_points, mark_vicinity_and_datelines,
                                  unplace_persons)
from extract.records import Article
from extract.vocabulary import Lexicons

__all__ = ["LocatedPlace", "PlaceMention", "Placing"]


class Placing:
    """The place stage; construct once per gazetteer (its finder and resolver cache per word and per outlet)."""

    def __init__(self, gazetteer: Gazetteer, lex: Lexicons) -> None:
        self.lex = lex
        self.finder = PlaceFinder(gazetteer, lex)
        self.resolver = PlaceResolver(gazetteer, lex)

    def mentions(self, article: Article, doc: Doc) -> list[PlaceMention]:
        """Every place mention of the article, resolved, with its role marked."""
        mentions = self.finder.find(doc.nt, doc.words)
        outlet = self.resolver.source_governorates(article.source)
        texts = doc.texts
        link_qualifiers(self.lex, mentions, doc.sentence_of, texts)
        mark_motives(self.lex, mentions, doc.sentence_of, texts)
        mark_reference_points(self.lex, mentions, texts, doc.clause_of)
        self.resolver.resolve(mentions, doc.sentence_of, doc.norm, outlet, doc.clause_of, texts)
        mark_vicinity_and_datelines(self.lex, doc.nt, mentions, doc.paragraph_of)
        unplace_persons(mentions, outlet)
        return mentions

    def located(self, article: Article, doc: Doc) -> list[LocatedPlace]:
        """The mentions as the article's text names them, with codes and role (for tests, curators, reports)."""
        nt, out = doc.nt, []
        for m in self.mentions(article, doc):
            start, end = nt.to_original(m.char_start, m.char_end)
            out.append(LocatedPlace(nt.original[start:end], start, end, m.admin1, m.admin2, m.admin4,
                                    m.geo_precision if m.admin1 else None, m.kind, m.role))
        return out
