"""The extractor's stages one at a time (doc, places, frames, casualties, relevance, discourse, assembly) and
`explain`, which shows them per sentence. Sentences are small invented examples in the shape of the reports the
code's comments quote, or corpus articles read from ../shared (the test is skipped without it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import shared_dir

from extract import casualties, frames, relevance
from extract.discourse import Discourse
from extract.doc import WordFeatures, read
from extract.explain import MERGED, explain, render
from extract.reading import Evidence, read_clause
from extract.records import Count
from orchestration import cli

from .conftest import make_article


def test_doc_names_word_features_and_cuts_clauses_at_connectors(extractor) -> None:
    doc = read("قتل 24 مواطنا في قصف على بلدة كفرحمرة، فيما دارت اشتباكات في حي جوبر", extractor.words)
    words = dict(zip(doc.texts, doc.words))
    assert isinstance(words["قصف"], WordFeatures)
    assert words["قصف"].trigger_start and words["قتل"].casualty_start
    assert words["بلده"].marker == "بلده" and words["حي"].marker == "حي"
    assert words["مواطنا"].marker is None and not words["مواطنا"].trigger_start
    # "فيما" opens the second clause; both belong to sentence 0 of paragraph 0
    assert doc.clauses == [(0, 8), (8, 14)] and doc.texts[8] == "فيما"
    second = doc.clause(1)
    assert (second.lo, second.hi, second.sentence, second.s_lo, second.s_hi) == (8, 14, 0, 0, 14)


def test_doc_of_an_empty_text_is_none(extractor) -> None:
    assert read(" \n ", extractor.words) is None


def test_places_mark_the_qualifier_and_resolve_the_place_it_locates(extractor) -> None:
    article = make_article("قتل 24 مواطنا في قصف على بلدة كفرحمرة بريف حلب")
    doc = read(article.text, extractor.words)
    mentions = extractor.placing.mentions(article, doc)
    roles = {doc.norm[m.char_start:m.char_end]: (m.role, m.admin1, m.admin4) for m in mentions}
    assert roles["كفرحمره"] == ("place", "SY02", "C1134")
    assert roles["ريف حلب"][0] == "qualifier" and not mentions[1].event_place


def test_places_role_of_a_speakers_place_is_dateline(extractor) -> None:
    located = extractor.locate(make_article("وقال ناشط في دمشق، إن القصف استهدف حي جوبر"))
    assert [(p.text, p.role) for p in located] == [("دمشق", "dateline"), ("جوبر", "place")]


def test_frames_type_the_triggers_of_a_clause(extractor) -> None:
    lex = extractor.lex
    doc = read("قتل 24 مواطنا في قصف على بلدة كفرحمرة، فيما دارت اشتباكات في حي جوبر", extractor.words)
    triggers = frames.find_triggers(lex, doc.nt, doc.words)
    assert [(doc.texts[t.start], t.kind) for t in triggers] == [("قصف", "strike"), ("اشتباكات", "armed_clash")]
    first_clause = [t for t in triggers if t.start < 8]
    typed = frames.event_types(lex, first_clause, False, None, doc.tokens, [], 0, 8)
    assert [t.event_type for t in typed] == ["shelling"]  # a strike with no aircraft in the clause
    with_aircraft = frames.event_types(lex, first_clause, True, None, doc.tokens, [], 0, 8, aircraft_in_clause=True)
    assert [t.event_type for t in with_aircraft] == ["air_strike"]


def test_casualties_count_and_total_a_clause(extractor) -> None:
    lex = extractor.lex
    doc = read("قتل 24 مواطنا وجرح 10 آخرون في قصف على بلدة كفرحمرة", extractor.words)
    matches = frames.scan(lex.casualties, doc.tokens, doc.words, "casualty_start")
    found = casualties.find_casualties(lex, doc.tokens, matches, 0, len(doc.tokens))
    toll = casualties.totals(found)
    assert toll.killed == Count(24, 24, False) and toll.injured == Count(10, 10, False)


def _read_all(extractor, body: str) -> Discourse:
    article = make_article(body, "2013-03-02T18:00:00")
    doc = read(article.text, extractor.words)
    evidence = Evidence.gather(extractor.lex, article, doc, extractor.placing.mentions(article, doc))
    state = Discourse()
    for order in range(len(doc.clauses)):
        read_clause(evidence, doc.clause(order), state)
    return state


def test_relevance_drops_a_background_year_with_its_reason(extractor) -> None:
    state = _read_all(extractor, "تعود الغارة الى العام 2007، حين هاجمت طائرات حربية موقعا في محافظة دير الزور")
    assert not state.drafts
    assert relevance.BACKGROUND_YEAR in [d.reason for d in state.dropped]


def test_discourse_carries_the_place_of_where(extractor) -> None:
    # "حيث" stands for the place of the clause before it in the same sentence
    state = _read_all(extractor, "قصفت القوات النظامية مدينة داريا، حيث تدور اشتباكات عنيفة")
    assert state.where is not None and [m.name_key for m in state.where.places] == ["داريا"]
    assert [(d.event_type, d.mention.name_key) for d in state.drafts] == [("shelling", "داريا"),
                                                                          ("armed_clash", "داريا")]


def test_discourse_gives_a_later_toll_to_the_event_before(extractor) -> None:
    # "ارتفعت حصيلة القتلى إلى ثمانية عشر": the toll of the event just reported, no event of its own
    state = _read_all(extractor, "قتل 12 مواطنا في قصف على بلدة كفرحمرة. وارتفعت حصيلة القتلى الى 18 قتيلا")
    assert len(state.drafts) == 1 and state.drafts[0].killed == Count(12, 18, False)


@pytest.fixture(scope="module")
def seed_article():
    path = shared_dir() / "eval" / "dev" / "articles.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    from ingest.inbox import parse_line

    for line in path.read_text(encoding="utf-8").splitlines():
        if '"seed-0001"' in line:
            return parse_line(line)
    pytest.skip("seed-0001 not in the dev articles")


def test_explain_a_real_article_gives_the_extractors_records_and_reasons(extractor, seed_article) -> None:
    explanation = explain(extractor, seed_article)
    assert [r.to_dict() for r in explanation.records] == [r.to_dict() for r in extractor.extract(seed_article)]
    by_sentence = [r for s in explanation.sentences for r in s.records]
    assert len(by_sentence) == len(explanation.records) == 16
    first = explanation.sentences[0]
    assert first.text.startswith("في السياق ذاته، أحرزت فصائل")
    # "بينما هدأت حدة المعارك بريف دمشق اليوم ...": a lull is no event
    assert [d["reason"] for d in first.dropped] == [relevance.NON_EVENT]
    assert [(f["event_type"], f["places"]) for f in first.frames] == [("armed_clash", ["خلصة"])]
    assert first.state["where"]["places"] == ["خلصه"]
    # the lead "حلب" of sentence 2 merges into its details
    assert any(d["reason"] == MERGED for s in explanation.sentences for d in s.dropped)
    text = render(explanation)
    assert "dropped  armed_clash,raid,control" in text and "record   air_strike" in text
    json.dumps(explanation.to_dict(), ensure_ascii=False)


def test_cli_explain_prints_json_for_one_article(gazetteer_dir: Path, seed_article, capsys) -> None:
    path = shared_dir() / "eval" / "dev" / "articles.jsonl"
    assert cli.main(["explain", str(path), "--id", "seed-0001", "--json", "--gazetteer", str(gazetteer_dir)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["article_id"] == "seed-0001" and sum(len(s["records"]) for s in out["sentences"]) == 16
    assert cli.main(["explain", str(path), "--id", "no-such-id", "--gazetteer", str(gazetteer_dir)]) == 1
