"""Why an article gave the records it gave: per sentence, its places with their roles, the frames its clauses
bound, the discourse state after it, the records it yields and every candidate dropped with its reason. This is
how one debugs the extractor on a new outlet (`rasd explain`).

It runs the same stages as `Extractor.extract`, clause by clause, and its records are the extractor's."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extract.assembly import Draft, merge, record
from extract.discourse import Discourse
from extract.doc import Doc, read
from extract.extractor import Extractor
from extract.reading import Evidence, read_clause
from extract.records import Article, Count, EventRecord

MERGED = "merged into another report of the same event (a headline, a twin, or a lead with its detail)"


@dataclass
class SentenceReport:
    sentence: int  # the sentence's number in the article
    start: int  # offsets in the original text
    end: int
    text: str
    places: list[dict[str, Any]] = field(default_factory=list)
    frames: list[dict[str, Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    dropped: list[dict[str, Any]] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)  # the discourse state after the sentence


@dataclass
class Explanation:
    article_id: str
    published: str
    sentences: list[SentenceReport]
    records: list[EventRecord]

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "published": self.published,
                "sentences": [vars(s) for s in self.sentences]}


def explain(extractor: Extractor, article: Article) -> Explanation:
    """The extraction of one article, sentence by sentence."""
    published = article.published_at.isoformat()
    doc = read(article.text, extractor.words)
    if doc is None:
        return Explanation(article.id, published, [], [])
    mentions = extractor.placing.mentions(article, doc)
    evidence = Evidence.gather(extractor.lex, article, doc, mentions)
    state = Discourse()
    reports = {number: _sentence(doc, number) for number in doc.sentence_bounds}
    for order in range(len(doc.clauses)):
        clause = doc.clause(order)
        read_clause(evidence, clause, state)
        reports[clause.sentence].state = state.snapshot()
    drafts = list(state.drafts)
    kept = merge(extractor.lex, state.drafts, doc)
    records = [record(article, doc.nt, d) for d in kept]
    _fill(doc, reports, mentions, state, drafts, kept, records)
    return Explanation(article.id, published, list(reports.values()), records)


def _sentence(doc: Doc, number: int) -> SentenceReport:
    lo, hi = doc.sentence_bounds[number]
    start, end = doc.nt.to_original(doc.tokens[lo].start, doc.tokens[hi - 1].end)
    return SentenceReport(number, start, end, doc.nt.original[start:end])


def _fill(doc: Doc, reports: dict[int, SentenceReport], mentions: list, state: Discourse, drafts: list[Draft],
          kept: list[Draft], records: list[EventRecord]) -> None:
    """Put the places, frames, records and dropped candidates on their sentences."""
    nt, sentence_of = doc.nt, doc.sentence_of
    for m in mentions:
        start, end = nt.to_original(m.char_start, m.char_end)
        reports[sentence_of[m.start]].places.append({
            "text": nt.original[start:end], "role": m.role, "kind": m.kind, "admin1": m.admin1, "admin2": m.admin2,
            "admin4": m.admin4})
    for at in state.frames:
        trigger = at.frame.trigger
        start, end = nt.to_original(doc.tokens[trigger.start].start, doc.tokens[trigger.end - 1].end)
        reports[at.sentence].frames.append({
            "clause": at.clause, "event_type": at.frame.event_type, "trigger": nt.original[start:end],
            "actor": at.frame.actor, "strikes": _count(at.frame.strikes),
            "places": [_mention_text(doc, m) for m in at.places]})
    for d, rec in zip(kept, records):
        reports[d.sentence].records.append(rec.to_dict())
    for dropped in state.dropped:
        start, end = nt.to_original(dropped.start, dropped.end)
        reports[dropped.sentence].dropped.append({
            "clause": dropped.clause, "triggers": list(dropped.triggers), "reason": dropped.reason,
            "text": nt.original[start:end]})
    kept_ids = {id(d) for d in kept}
    for d in drafts:
        if id(d) not in kept_ids:
            reports[d.sentence].dropped.append({
                "clause": d.order, "triggers": [d.event_type], "reason": MERGED, "text": _mention_text(doc, d.mention)})


def _mention_text(doc: Doc, m: Any) -> str:
    start, end = doc.nt.to_original(m.char_start, m.char_end)
    return doc.nt.original[start:end]


def _count(c: Count) -> str:
    return f"{c.low}-{c.best}{'~' if c.vague else ''}" if c.low != c.best else f"{c.best}{'~' if c.vague else ''}"


def render(explanation: Explanation) -> str:
    """The explanation as a terminal table: one block per sentence that has anything to show."""
    lines = [f"== {explanation.article_id}  published {explanation.published}  "
             f"{len(explanation.records)} record(s)"]
    for s in explanation.sentences:
        lines.append(f"[{s.sentence}] {s.text}")
        for p in s.places:
            codes = "/".join(code for code in (p["admin1"], p["admin2"], p["admin4"]) if code) or "-"
            lines.append(f"    place    {p['text']}  {p['role']}  {p['kind']}  {codes}")
        for f in s.frames:
            lines.append(f"    frame    {f['event_type']}  «{f['trigger']}»  actor={f['actor']}  "
                         f"strikes={f['strikes']}  at {', '.join(f['places'])}")
        for r in s.records:
            lines.append(f"    record   {r['event_type']}  {r['event_date']} ({r['date_precision']})  {r['place']}  "
                         f"{r['admin2_pcode'] or r['admin1_pcode']}  actor={r['actor']}  "
                         f"killed={_count(Count(**r['killed']))}  injured={_count(Count(**r['injured']))}")
        for d in s.dropped:
            lines.append(f"    dropped  {','.join(d['triggers'])}  «{d['text']}»  {d['reason']}")
        if s.places or s.frames or s.records or s.dropped:
            lines.append(f"    state    {_state_line(s.state)}")
    return "\n".join(lines)


def _state_line(state: dict[str, Any]) -> str:
    parts = [f"drafts={state.get('drafts', 0)}"]
    if state.get("where"):
        parts.append(f"where=s{state['where']['sentence']}:{','.join(state['where']['places'])}")
    if state.get("topics"):
        parts.append("topics=" + ";".join(f"p{k}:{','.join(v)}" for k, v in state["topics"].items()))
    if state.get("known_lead"):
        parts.append(f"known_lead={','.join(state['known_lead']['kinds'])}@{state['known_lead']['rank']}")
    if state.get("statement_days"):
        parts.append("statement_days=" + ",".join(f"{k}:{v}" for k, v in state["statement_days"].items()))
    return "  ".join(parts)
