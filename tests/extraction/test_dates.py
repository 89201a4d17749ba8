"""Time words resolved against the publication day (GUIDELINES section 4)."""

import datetime as dt

import pytest

from extract.dates import choose, find_dates
from extract.text import NormText

from .conftest import make_article

PUBLISHED = dt.date(2016, 6, 3)  # a Friday


def resolve(text: str, published: dt.date = PUBLISHED) -> dt.date | None:
    nt = NormText(text)
    mention = choose(find_dates(nt.norm, nt.tokens, 0, len(nt.tokens), published))
    return mention.date if mention else None


@pytest.mark.parametrize("text,expected", [
    ("شن الطيران الحربي اليوم، غاراتٍ", dt.date(2016, 6, 3)),
    ("بعد أن شن \"فيلق الرحمن\" أمس، هجوماً", dt.date(2016, 6, 2)),
    ("مساء أمس", dt.date(2016, 6, 2)),
    ("أول أمس", dt.date(2016, 6, 1)),
    # begun "منذ مساء أمس", won "اليوم": the later day (seed article)
    ("الذين شنوا هجوماً، منذ مساء أمس، على قرى ... تمكنوا، اليوم، من إحكام قبضتهم", dt.date(2016, 6, 3)),
    ("يوم الخميس الماضي", dt.date(2016, 6, 2)),
    ("الجمعة", dt.date(2016, 6, 3)),
    ("20-5-2016", dt.date(2016, 5, 20)),
    ("2016/5/20", dt.date(2016, 5, 20)),
    ("٢٠ أيار", dt.date(2016, 5, 20)),
    ("20 مايو", dt.date(2016, 5, 20)),
    ("في 12 ديسمبر/ كانون الأول الماضي", dt.date(2015, 12, 12)),
    ("قصف بالبراميل المتفجرة 23-7-2014", dt.date(2014, 7, 23)),  # headline dates (aleppo corpus)
    ("لحظة القصف على المخيم 24 3 2014", dt.date(2014, 3, 24)),
    ("قصف على الحي", None),
    # nc-01806 (published Friday 2013-03-22): a time of day followed by a weekday is that weekday's
    ("قالت وزراة الصحة السورية، مساء الخميس، إن التفجير الذي استهدف مسجد الإيمان", dt.date(2016, 6, 2)),
    ("كما سجل قصف فجر الخميس على بعض الاحياء الجنوبية في دمشق", dt.date(2016, 6, 2)),
    ("مساء", dt.date(2016, 6, 3)),
    # nc-01632: the night from Saturday to Sunday is dated Sunday (published Friday 2016-06-03: Sunday 2016-05-29)
    ("تعرضت قرى ريف القصير لقصف من القوات النظامية بعد منتصف ليل السبت الاحد", dt.date(2016, 5, 29)),
    # yt-PtqPWngdEZs: a headline date opened by a dash
    ("كتيبة أسود الأسلام تستهدف الفرع بقذائف الهاون -5-11-2013", dt.date(2013, 11, 5)),
])
def test_dates(text, expected):
    assert resolve(text) == expected


def test_a_date_after_publication_is_not_taken():
    assert resolve("غارة 5-6-2016") is None


@pytest.mark.parametrize("text,published,expected", [
    # nc-00795: "في أغسطس آب الماضي" -> the last day of that August, month precision
    ("حيث قال سكان للمحققين إن أكثر من 500 مدني قتلوا في أغسطس آب الماضي.", dt.date(2013, 2, 19),
     (dt.date(2012, 8, 31), "month")),
    ("خلال شهر آذار", dt.date(2013, 2, 19), (dt.date(2012, 3, 31), "month")),
    ("في شباط/فبراير 2012", dt.date(2013, 2, 19), (dt.date(2012, 2, 29), "month")),
    # the month of publication: no later than the publication day
    ("في فبراير الماضي", dt.date(2013, 2, 19), (dt.date(2013, 2, 19), "month")),
    # a day with its month stays a day
    ("قتل في 20 مايو", dt.date(2013, 2, 19), (dt.date(2012, 5, 20), "day")),
])
def test_a_month_without_its_day(text, published, expected):
    nt = NormText(text)
    mention = choose(find_dates(nt.norm, nt.tokens, 0, len(nt.tokens), published))
    assert (mention.date, mention.precision) == expected


def test_the_verb_marasa_is_no_month():
    # "مارس" (March) is also the verb "he exercised": only "في مارس" or "مارس الماضي" date an event
    assert resolve("مارس الجيش ضغوطا على المدينة", dt.date(2013, 2, 19)) is None


def test_the_day_nearest_the_place_when_a_clause_names_two():
    # nc-00134 (published Thursday 2013-01-31): the statement is today's, the raid Wednesday's; with the place as
    # anchor, the day named next to it
    text = "انتقد الخطيب، اليوم الخميس، إحجام النظام عن التصدي للمقاتلات الإسرائيلية، التي قصفت فجر الأربعاء، مركزًا قرب دمشق"
    nt = NormText(text)
    mentions = find_dates(nt.norm, nt.tokens, 0, len(nt.tokens), dt.date(2013, 1, 31))
    assert choose(mentions, nt.norm.index("دمشق")).date == dt.date(2013, 1, 30)
    assert choose(mentions, nt.norm.index("الخطيب")).date == dt.date(2013, 1, 31)


def test_today_in_a_quoted_statement_is_the_day_of_the_statement(extractor):
    # nc-00152 (published Thursday 31 January): the army's statement, made "مساء الاربعاء", says "فجر اليوم": the raid
    # on Jamraya was at Wednesday's dawn, not Thursday's
    body = ("واعلن الجيش السوري مساء الاربعاء ان القوات الجوية الاسرائيلية \"قصفت بشكل مباشر\" مركزا للابحاث العسكرية بين "
            "دمشق والحدود اللبنانية، في اول غارة من نوعها منذ العام 2007.\n"
            "وصرح الجيش في بيان ان \"طائرات حربية اسرائيلية اخترقت مجالنا الجوي فجر اليوم وقصفت بشكل مباشر احد مراكز "
            "البحث  العلمي المسؤولة عن رفع مستوى المقاومة والدفاع عن النفس الواقع في منطقة جمرايا بريف دمشق\" مشيرا الى "
            "مقتل شخصين واصابة خمسة بجروح فضلا عن \"اضرار مادية كبيرة وتدمير بالمبنى\".")
    e = next(e for e in extractor.extract(make_article(body, "2013-01-31T20:41:04")) if e.place == "جمرايا")
    assert (e.event_type, e.event_date.isoformat(), e.date_precision, e.killed.low) == ("air_strike", "2013-01-30", "day", 2)
    # without the statement dated elsewhere, "فجر اليوم" is the publication day
    e = next(e for e in extractor.extract(make_article(body.split("\n")[1], "2013-01-31T20:41:04")) if e.place == "جمرايا")
    assert e.event_date.isoformat() == "2013-01-31"


def test_yesterday_in_a_quoted_statement_counts_from_the_statement(extractor):
    # nc-00390 (published Wednesday 6 February, 01:41): the Observatory's report of Tuesday quotes "مساء امس": Monday
    body = ("واورد المرصد معلومات الثلاثاء عن مقتل «ما لا يقل عن عشرين مقاتلا من عدة كتائب مقاتلة مساء امس خلال "
            "اشتباكات مع القوات النظامية التي تحاول اعادة السيطرة على حي الشيخ سعيد».")
    e = next(e for e in extractor.extract(make_article(body, "2013-02-06T01:41:52")) if e.place == "الشيخ سعيد")
    assert (e.event_type, e.event_date.isoformat(), e.killed.low) == ("armed_clash", "2013-02-04", 20)


def test_a_sentence_going_on_with_an_earlier_report_is_that_known_incident(extractor):
    # nc-00686: the Observatory's report of yesterday (وكان ... قد افاد) names no place; the next sentence places its
    # fighting ("وأسفر القتال عن ...") and gives no day of its own: the known incident, week precision (GUIDELINES §4)
    body = ("وكان المرصد قد افاد يوم امس بإن 100 من جنود الجيش السوري على الأقل قتلوا في مواجهات مع مسلحي \"جبهة النصرة\" "
            "استمرت لثلاثة أيام، شرقي البلاد قرب الحدود مع العراق.\n"
            "وأسفر القتال عن استيلاء جماعة \"النصرة\" على بلدة شدادي في محافظة الحسكة.")
    e = next(e for e in extractor.extract(make_article(body, "2013-02-15T15:43:31")) if e.place == "شدادي")
    assert (e.event_type, e.admin2_pcode, e.date_precision) == ("armed_clash", "SY0800", "week")
    # the same sentence after a report of the day is that day's fighting
    body = body.replace("وكان المرصد قد افاد يوم امس بإن", "وافاد المرصد اليوم بإن")
    e = next(e for e in extractor.extract(make_article(body, "2013-02-15T15:43:31")) if e.place == "شدادي")
    assert (e.event_date.isoformat(), e.date_precision) == ("2013-02-15", "day")


def test_an_event_of_a_past_year_is_background(extractor):
    # nc-00152: the last Israeli raid "تعود ... الى العام 2007": background, not an event of the article's day
    body = ("وتعود الغارة الاسرائيلية الاخيرة داخل الاراضي السورية الى العام 2007، حين هاجمت طائرات مقاتلة ما يشتبه "
            "بانه \"مفاعل نووي\" في محافظة دير الزور (شرق).")
    assert extractor.extract(make_article(body, "2013-01-31T20:41:04")) == []
    # the article's next sentence, the raid on Jamraya told in the army's statement, is still an event
    body += ("\nوصرح الجيش في بيان ان \"طائرات حربية اسرائيلية اخترقت مجالنا الجوي فجر اليوم وقصفت بشكل مباشر احد مراكز "
             "البحث العلمي الواقع في منطقة جمرايا بريف دمشق\"")
    assert [e.place for e in extractor.extract(make_article(body, "2013-01-31T20:41:04"))] == ["جمرايا"]


def test_a_death_the_article_mourns_is_a_known_incident(extractor):
    # nc-01508: the EU "علمت بحزن شديد بموت احمد شحادة المستشار"; his death, told with no day ("مقتل مستشار سوري"،
    # "ان شحادة ... قتل بصاروخ اطلق في ضاحية داريا"), is a known incident: week precision (GUIDELINES §4)
    body = ("في غضون ذلك، اعلن الاتحاد الاوروبي عن مقتل مستشار سوري يعمل معه في القصف في دمشق.\n"
            "في بروكسل، قالت وزيرة خارجية الاتحاد الاوروبي كاثرين اشتون انها \"علمت بحزن شديد بموت احمد شحادة المستشار "
            "في ممثلية الاتحاد الاوروبي في سوريا\".\n"
            "واوضحت اشتون ان شحادة الذي كان يهتم خصوصا بمسائل تجارية \"قتل بصاروخ اطلق في ضاحية داريا حيث كان يقيم\".")
    evs = {e.place: e for e in extractor.extract(make_article(body, "2013-03-14T03:12:05"))}
    assert {place: e.date_precision for place, e in evs.items()} == {"دمشق": "week", "داريا": "week"}
    # without the mourning, the same reports are of the day
    plain = "\n".join(line for line in body.split("\n") if "بحزن" not in line)
    assert {e.date_precision for e in extractor.extract(make_article(plain, "2013-03-14T03:12:05"))} == {"day"}


def test_a_press_review_cites_known_incidents(extractor):
    # nc-00922 "صحف قطرية: ...": the editorial's Damascus attack and Daraa raid are incidents its readers know (week)
    body = ("وأضافت أن الهجوم الإرهابي الذي وقع بدمشق وذهب ضحيته المدنيون لا يختلف في أهدافه عن الغارة التي قامت بها "
            "طائرة حربية أصابت مشفى ميدانيا في درعا بجنوب سوريا، ذهب ضحيته 18 شخصا بينهم نساء وأطفال.")
    review = extractor.extract(make_article(body, "2013-02-22T11:08:57",
                                            title="صحف قطرية: تنحي الأسد المخرج الحقيقي للأزمة السورية"))
    assert review and {e.date_precision for e in review} == {"week"}
    # the same words under a news title are the day's
    news = extractor.extract(make_article(body, "2013-02-22T11:08:57", title="الجيش الحر يتقدم في درعا"))
    assert news and {e.date_precision for e in news} == {"day"}


@pytest.mark.parametrize("title", [" ", "", None, "صحف"])
def test_a_blank_or_bare_title_is_no_press_review_error(extractor, title):
    # a title of white space only (found by tests/reliability/test_properties.py) has no first word; the body is the
    # headline yt-1WUIIa_lwOQ
    body = "حلب الراموسة اشتباكات طاحنة بالرشاشات الثقيلة ألوية فاستقم كما أمرت 17 3 2013"
    evs = extractor.extract(make_article(body, "2013-03-17T12:19:29", title=title))
    assert [(e.place, e.date_precision) for e in evs] == [("الراموسة", "day")]


@pytest.mark.parametrize("text,published,expected", [
    # an Aleppo Media Center headline of 2013-10-15, the first day of Eid al-Adha in Syria (its own date agrees)
    ("لقاء مع العقيد عبد الجبار العكيدي بعد جولته على جبهات حلب في أول ايام عيد الأضحى", dt.date(2013, 10, 15),
     dt.date(2013, 10, 15)),
    # the same feast's second day, told two days later
    ("قصف على حي بستان القصر في ثاني أيام عيد الأضحى", dt.date(2013, 10, 17), dt.date(2013, 10, 16)),
    # a feast of more than a month before dates nothing
    ("في أول ايام عيد الفطر", dt.date(2013, 10, 15), None),
])
def test_a_feast_day_dates_an_event(text, published, expected):
    assert resolve(text, published) == expected


def test_a_feast_after_since_is_no_day():
    # "منذ أول أيام عيد الفطر" tells when the shelling began, not its day
    assert resolve("تتعرض لقصف شديد منذ أول أيام عيد الفطر", dt.date(2015, 7, 22)) is None
