"""Places and days given in another sentence or clause (issue 12, "discourse"), on corpus sentences quoted whole."""

from __future__ import annotations

from .conftest import make_article


def events(extractor, body, published, title=None):
    return extractor.extract(make_article(body, published, title=title))


def test_a_definite_anaphor_is_the_place_named_before(extractor):
    # nc-01243: "وتستمر الاشتباكات في القرية": the village named in the sentence before, معرية
    evs = events(extractor, "كما \"اعدم\" مقاتلون آخرون بالطريقة نفسها، بحسب المرصد، ضابطا برتبة نقيب \"بعد اسره من على حاجز "
                            "استولوا عليه في قرية معرية الحدودية ايضا مع الجولان ومع الاردن والقريبة من السرية\". وتستمر "
                            "الاشتباكات في القرية التي تعرضت لقصف قتل فيه ستة اشخاص من عائلة واحدة.", "2013-03-04T01:31:13")
    referred = [e for e in evs if e.place == "معرية" and "القرية" in e.evidence]
    assert referred, [(e.event_type, e.place, e.evidence) for e in evs]


def test_a_place_of_motive_is_not_where_it_happens(extractor):
    # an Aleppo Media Center headline: a demonstration in Al-Bab "نصرة للقصير" (for al-Qusayr) is not in al-Qusayr
    body = "مظاهرة الباب نصرة للقصير جمعة الغوطة والقصير إرادة لا تنكسر"
    motive = next(p for p in extractor.locate(make_article(body, "2013-06-01T12:00:00")) if p.start == body.index("للقصير"))
    assert motive.role == "qualifier"


def test_a_name_joined_by_wa_is_no_qualifier(extractor):
    # nc-01362: "مدن وبلدات الاتارب والباب وعندان": three towns side by side, each shelled
    evs = events(extractor, "وأضاف المرصد أن مدن وبلدات الاتارب والباب وعندان بريف حلب شمالي سورية تعرضت للقصف من قبل "
                            "القوات النظامية من بعد منتصف ليل الخميس/الجمعة ولم ترد معلومات عن خسائر بشرية.",
                 "2013-03-08T12:07:00")
    assert {"الاتارب", "الباب", "عندان"} <= {e.place for e in evs}
