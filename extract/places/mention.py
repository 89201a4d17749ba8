"""The place mention as the place stages fill it in: where it stands, its readings in the gazetteer, the reading
chosen, its codes and its role in the sentence."""

from __future__ import annotations

from dataclasses import dataclass

from extract.gazetteer import Place


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

    @property
    def role(self) -> str:
        """place (where an event may be), qualifier ("X بريف حلب"، a reference point), dateline (where a dispatch
        was filed or a source speaks from), absorbed (a site coded at its neighbourhood), vicinity ("قرب دمشق")."""
        return ("qualifier" if self.qualifier else "dateline" if self.dateline else "absorbed" if self.absorbed
                else "vicinity" if self.vicinity else "place")

    @property
    def event_place(self) -> bool:
        """Whether an event of its clause may be coded here: a resolved place in the role of a place."""
        return not self.qualifier and not self.absorbed and not self.dateline and bool(self.admin1)


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
