"""The extractor on real reporting: the seed article (../shared/eval/dev) and sentences from the corpora."""

from __future__ import annotations

import json

import pytest

from extract.records import parse_article

from .conftest import make_article


@pytest.fixture(scope="module")
def seed_events(shared, extractor):
    line = (shared / "eval" / "dev" / "seed_article.jsonl").read_text(encoding="utf-8").splitlines()[0]
    article = parse_article(json.loads(line))
    return article, extractor.extract(article)


def by_place(events, name):
    found = [e for e in events if e.place == name]
    assert found, f"no event at {name}: {[e.place for e in events]}"
    return found[0]


def test_every_evidence_slices_the_article_text(seed_events):
    article, events = seed_events
    assert events
    for e in events:
        assert article.text[e.evidence_start:e.evidence_end] == e.evidence


def test_coordinated_places_each_get_an_event(seed_events):
    # "هجمات استهدفت مناطق الزربة وخان طومان" -> two air strikes, strikes vague 1/2
    _, events = seed_events
    for name, admin4 in (("الزربة", "C1170"), ("خان طومان", "C1015")):
        e = by_place(events, name)
        assert (e.event_type, e.admin2_pcode, e.admin4_pcode, e.actor) == ("air_strike", "SY0200", admin4, "regime")
        assert (e.strikes.low, e.strikes.best, e.strikes.vague) == (1, 2, True)


def test_singular_person_and_vague_injured(seed_events):
    # "قُتلت امرأة وجُرح أشخاص آخرون، بقصفٍ جوي استهدف حي كرم الطراب في مدينة حلب"
    _, events = seed_events
    e = by_place(events, "كرم الطراب")
    assert (e.admin2_pcode, e.admin4_pcode, e.event_date.isoformat()) == ("SY0200", "C1007", "2016-06-03")
    assert (e.killed.low, e.killed.best, e.killed.vague) == (1, 1, False)
    assert (e.injured.low, e.injured.best, e.injured.vague) == (1, 2, True)
    assert e.civilian
    assert not any(x.place == "حلب" for x in events), "the city is the qualifier of the neighbourhood"


def test_dual_strikes_and_district_by_qualifier(seed_events):
    # "طيران النظام استهدف بغارتين مدينة إدلب ظهر اليوم"
    _, events = seed_events
    e = by_place(events, "إدلب")
    assert (e.strikes.low, e.strikes.best, e.strikes.vague) == (2, 2, False)
    assert (e.admin2_pcode, e.admin4_pcode) == ("SY0700", "C3871")
    # "... في بلدة كفرتخاريم شمالي إدلب لمقتل مدني وجرح آخرين" -> Harim district
    e = by_place(events, "كفرتخاريم")
    assert (e.admin2_pcode, e.killed.low, e.injured.best) == ("SY0703", 1, 2)


def test_similar_attacks_inherit_the_type_and_actor(seed_events):
    # "مشيراً إلى ضربات مماثلة طاولت مدينتي الرستن وتلبيسة بريف حمص الشمالي"
    _, events = seed_events
    for name in ("الرستن", "تلبيسة"):
        e = by_place(events, name)
        assert (e.event_type, e.actor, e.admin2_pcode) == ("air_strike", "regime", "SY0404")


def test_yesterday_and_background(seed_events):
    _, events = seed_events
    e = by_place(events, "جسرين")
    assert (e.event_type, e.event_date.isoformat()) == ("armed_clash", "2016-06-02")
    # "وسيطرت الشهر الماضي على ... بلدتا دير العصافير وزبدين": background, not an event
    assert not {"دير العصافير", "زبدين"} & {x.place for x in events}


def test_a_total_over_several_places_goes_on_the_first(seed_events):
    # "قصف بالصواريخ اليوم، بلدتي كفرحمرة وعندان بريف حلب الشمالي، ما أدى لسقوط جرحى"
    _, events = seed_events
    first, second = by_place(events, "كفرحمرة"), by_place(events, "عندان")
    assert (first.injured.low, first.injured.best) == (1, 2)
    assert (second.injured.low, second.injured.best) == (0, 0)


def test_headline_with_barrel_and_explicit_date(extractor):
    # ../shared/corpora/aleppo_headlines_2012_2014.jsonl
    text = "اللحظات الأولى لسقوط برميل متفجر على حي الحيدرية 12 - 9 - 2014"
    # الحيدرية is also a village in Homs and in Hama: bare and with no context the name stays unresolved ...
    assert extractor.extract(make_article(text.replace("حي ", ""), "2014-09-13T18:19:45")) == []
    # ... an Aleppo outlet puts it in Aleppo city, and so does "حي" (only Aleppo has a neighbourhood of that name)
    assert extractor.extract(make_article(text.replace("حي ", ""), "2014-09-13T18:19:45",
                                          source="Halab News Network (شبكة حلب نيوز)"))
    article = make_article(text, "2014-09-13T18:19:45")
    [e] = extractor.extract(article)
    assert (e.event_type, e.actor, e.event_date.isoformat(), e.admin4_pcode) == ("air_strike", "regime", "2014-09-12", "C1007")
    assert (e.strikes.low, e.strikes.best) == (1, 1)


def test_scud_on_a_neighbourhood_with_counts(extractor):
    # ../shared/corpora/news_ar_2013.jsonl (nc-00749)
    article = make_article("أفادت لجان التنسيق المحلية السورية بمقتل شخصين وإصابة عشرات جراء سقوط صاروخ \"سكود\" "
                           "على حي مساكن هنانو في حلب شمال سوريا.", "2013-02-17T11:02:00")
    events = extractor.extract(article)
    assert len(events) == 1
    e = events[0]
    assert (e.event_type, e.place, e.admin2_pcode) == ("shelling", "مساكن هنانو", "SY0200")
    assert (e.killed.low, e.injured.low, e.injured.best) == (2, 10, 12)


def test_long_period_totals_are_not_events(extractor):
    # nc-00026: "وقتل اكثر من 60 الف شخص في سوريا بحسب الامم المتحدة منذ اندلاع حركة الاحتجاج"
    article = make_article("وقتل اكثر من 60 الف شخص في سوريا بحسب الامم المتحدة منذ اندلاع حركة الاحتجاج في "
                           "اذار/مارس 2011 التي تحولت الى نزاع مسلح مع قمع النظام لها.", "2013-01-28T21:03:00")
    assert extractor.extract(article) == []


def test_denied_casualties_are_zero(extractor):
    article = make_article("كما نفذت طائرة روسية غارة على محيط بلدة بسنقول بريف إدلب، دون معلومات عن خسائر بشرية.")
    [e] = extractor.extract(article)
    assert (e.event_type, e.actor, e.killed.low, e.injured.low) == ("air_strike", "russia", 0, 0)


def test_article_without_violence_has_no_events(extractor):
    article = make_article("قال الرئيس الاميركي باراك اوباما الاثنين انه محتار بشأن كيفية التعاطي مع الازمة في سوريا.")
    assert extractor.extract(article) == []
