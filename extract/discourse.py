"""The discourse state: what an article's earlier clauses leave for the later ones, made explicit.

A report runs over several clauses and sentences: a paragraph names its place in a label before the event
("حي باب النيرب || ضحايا جراء سقوط برميل على الحي"), a clause goes on at the place of the one before ("... مدينة
داريا حيث تدور اشتباكات"), a toll follows its event in a clause of its own ("وأدت الغارة إلى مقتل شخصين"), an
earlier report is placed by the sentence that continues it. `Discourse` holds exactly that state, clause after
clause, and `snapshot()` shows it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from extract.assembly import Draft
from extract.dates import DateMention
from extract.frames import Frame
from extract.places import PlaceMention
from extract.relevance import Dropped


@dataclass(frozen=True)
class Where:
    """The last place named by a clause, and its sentence: "حيث" in that sentence stands for it."""

    sentence: int
    places: list[PlaceMention]


@dataclass(frozen=True)
class KnownLead:
    """An earlier report that named no place (told in the pluperfect or in a reaction), the kinds of its triggers
    and the rank of the last sentence that went on with it: the next sentence may place it."""

    kinds: frozenset[str]
    rank: int


@dataclass(frozen=True)
class FrameAt:
    """A frame as a clause bound it, with the places it was drafted at."""

    clause: int
    sentence: int
    frame: Frame
    places: list[PlaceMention]


@dataclass
class Discourse:
    drafts: list[Draft] = field(default_factory=list)  # every event drafted so far, in order
    last_in_paragraph: dict[int, Draft] = field(default_factory=dict)  # the last draft of each paragraph
    topics: dict[int, list[PlaceMention]] = field(default_factory=dict)  # places a paragraph names before any event
    where: Where | None = None
    known_lead: KnownLead | None = None
    statement_days: dict[str, dt.date] | None = None  # built when a quote says "today" (see dating.statement_days)
    report_days: dict[int, list[DateMention]] = field(default_factory=dict)  # each sentence's days (dating.report_day)
    mourned: set[str] | None = None  # the words naming who a reaction mourns (see relevance.mourned), when needed
    dropped: list[Dropped] = field(default_factory=list)
    frames: list[FrameAt] = field(default_factory=list)  # every frame bound so far

    @property
    def last(self) -> Draft | None:
        return self.drafts[-1] if self.drafts else None

    def add(self, draft: Draft) -> None:
        self.drafts.append(draft)
        self.last_in_paragraph[draft.paragraph] = draft

    def snapshot(self) -> dict:
        """The state as plain data (for `rasd explain`)."""
        return {
            "drafts": len(self.drafts),
            "paragraphs_with_events": sorted(self.last_in_paragraph),
            "topics": {para: [m.name_key for m in places] for para, places in self.topics.items()},
            "where": None if self.where is None else {
                "sentence": self.where.sentence, "places": [m.name_key for m in self.where.places]},
            "known_lead": None if self.known_lead is None else {
                "kinds": sorted(self.known_lead.kinds), "rank": self.known_lead.rank},
            "statement_days": {k: d.isoformat() for k, d in (self.statement_days or {}).items()},
        }
