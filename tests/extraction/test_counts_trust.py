"""Counts an analyst can trust (issue 12): the biggest tolls of ../shared/corpora that were not one incident's.

Each sentence is quoted whole from its corpus article (id and publication time given). Each of these tolls stood
among the thirty deadliest incidents the pipeline reported before the rules they test.
"""

from __future__ import annotations

from .conftest import make_article


def events(extractor, body, published, title=None):
    return extractor.extract(make_article(body, published, title=title))


def max_killed(evs) -> int:
    return max((e.killed.low for e in evs), default=0)


def test_a_year_is_never_a_count(extractor):
    # nc-00249: the Hama massacre of 1982 was read as 1982 dead at Hama on the publication day
    evs = events(extractor, "ونقلت قناة ( الجزيرة ) الفضائية اليوم السبت عن لجان التنسيق المحلية وشبكة شام تأكيدهما \" أن "
                            "إضرابا عاما شل مدينة الرقة في ذكرى مجزرة\xa0 حماة التي ارتكبتها القوات السورية عام 1982، وقتل "
                            "فيها ما يقرب من 20 ألف شخص وفقا لبعض التقديرات ،", "2013-02-02T20:17:19")
    assert max_killed(evs) == 0


def test_a_day_before_the_war_is_background(extractor):
    # nc-01531: a stampede in London in 1943, told in a story about Syrian children
    evs = events(extractor, "روت لي وهي تسترجع ذكريات عاشتها في 3 مارس/آذار 1943 في محطة مترو بثنال جرين عندما لقي 173 "
                            "شخصا مصرعهم في حادث تدافع، تقول :\"كنت في حالة ذعر مطلق، أتذكر أبي كنت أقدره جدا، كان رجلا "
                            "كبيرا، ولكنه بكى في هذا اليوم\".", "2013-03-14T22:52:22")
    assert max_killed(evs) == 0


def test_the_countrys_daily_toll_is_no_incidents(extractor):
    # nc-00599: the day's toll "في سوريا", with the places of the day's fighting after it
    evs = events(extractor, "قال المرصد السوري لحقوق الانسان المعارض ومقره بريطانيا ان ما لايقل عن 220 شخصا قتلوا أمس "
                            "الثلاثاء في سوريا، وان عدة مناطق في حلب وريف دمشق ودير الزور ودرعا تشهد قصفا واشتباكات بين "
                            "القوات الحكومية والمعارضة المسلحة.", "2013-02-13T06:50:49")
    assert evs, "the shelling and clashes of the day are still events"
    assert max_killed(evs) == 0


def test_a_days_toll_named_for_its_day(extractor):
    # nc-00995: "حصيلة ضحايا السبت": the day's toll; "نظام دمشق" (with its clitic) is the government, no place
    evs = events(extractor, "واشنطن، الولايات المتحدة الأمريكية (CNN) -- نددت الولايات المتحدة، السبت، باستخدام النظام "
                            "السوري صواريخ \"سكود\" في الهجوم على حلب، الجمعة، ووصفته بأنه البرهان الأحدث على \"البطش\" الذي "
                            "يمارسه ضد الشعب الذي يزعم بأنه يمثله\"، فيما بلغت حصيلة ضحايا السبت ممن قتلوا برصاص القوات "
                            "الموالية لنظام دمشق 213 قتيلا.", "2013-02-24T07:00:00")
    assert max_killed(evs) == 0
    assert not any(e.admin2_pcode == "SY0100" for e in evs)


def test_a_tally_over_several_governorates(extractor):
    # nc-00068: 228 dead of the whole day, the largest share in Aleppo, a capture in Deir ez-Zor
    evs = events(extractor, "دبي، الإمارات العربية المتحدة (CNN) -- أكدت المعارضة السورية أنها تمكنت من توثيق مقتل 228 "
                            "شخصا الثلاثاء، وكانت الحصيلة الأكبر من نصيب حلب بعد العثور على 80 جثة في حي بستان القصر، "
                            "وأشارت إلى السيطرة على مقر الأمن السياسي بديرالزور شرق البلاد، بينما أشارت السلطات إلى تنفيذ "
                            "عمليات ضد مسلحين في أرياف دمشق وإدلب وحماة.", "2013-01-30T06:30:00")
    assert max_killed(evs) < 228


def test_a_toll_over_a_battle_of_days(extractor):
    # nc-01251: about 200 dead "في معركة استمرت 8 أيام": no one day's clash
    evs = events(extractor, "في غضون ذلك، أعلن المرصد السوري لحقوق الإنسان مقتل نحو 200 عنصر من قوات النظام ومقاتلي المعارضة "
                            "في معركة استمرت 8 أيام في بلدة خان العسل في ريف حلب انتهت بسيطرة مسلحي المعارضة «بشكل شبه كامل» "
                            "أمس على مدرسة الشرطة في البلدة.", "2013-03-04T10:40:00")
    assert max_killed(evs) == 0


def test_each_count_follows_its_own_verb(extractor):
    # nc-00990: 37 dead (19 children among them), and 150 others wounded: not 150 dead
    evs = events(extractor, "وبحسب المرصد فان 37 شخصا بينهم 19 طفلا قتلوا و150 شخصا اخرين اصيبوا  بجروح الجمعة اثر سقوط "
                            "ثلاثة صواريخ ارض-ارض في شرق حلب، كبرى مدن الشمال  السوري.", "2013-02-23T22:34:38")
    e = next(e for e in evs if e.killed.low)
    assert (e.killed.low, e.injured.low) == (37, 150)


def test_a_headlines_toll_is_not_the_event_listed_after_it(extractor):
    # nc-00834: the day's toll and an advance in Homs, two items of one title; the body spreads the toll (معظمهم في)
    evs = events(extractor, "دبي، الإمارات العربية المتحدة (CNN) -- أكدت المعارضة السورية توثيق مقتل 159 شخصا الثلاثاء، سقط "
                            "معظمهم في دمشق وريفها، وكذلك في مدينة حلب، إلى جانب السيطرة على حي \"القرابيص\" في حمص بعد "
                            "معارك عنيفة مع القوات الحكومية التي أعلنت من جانبها عن تنفيذ عمليات ضد مجموعات مسلحة في أرياف "
                            "دمشق وحلب وحمص.", "2013-02-20T09:30:00", title="سوريا: 159 قتيلا وتقدم للمعارضة في حمص")
    assert evs
    assert max_killed(evs) == 0


def test_the_last_days_give_week_precision(extractor):
    # nc-00331: captures "خلال اليومين الماضيين": events of those days, with no day of their own
    evs = events(extractor, "واستهدف عناصر الجيش الحر إدارة المركبات من الجهة المطلة على بلدة مديرة مستخدمين آليات ومدرعات "
                            "وأسلحة ثقيلة، ونجحوا في السيطرة على مبان عدة فيها، كما سيطر الجيش الحر خلال اليومين الماضيين "
                            "على منطقة الصوا وحواجز عدة في حرستا وعين ترما بريف العاصمة.", "2013-02-04T23:20:41")
    later = [e for e in evs if e.place in ("حرستا", "عين ترما")]
    assert later and all(e.date_precision == "week" for e in later)


def test_a_toll_is_not_handed_to_fighting_across_governorates(extractor):
    # nc-00400: "the clashes of yesterday" left 110 dead across the country, not in the Idlib named last
    evs = events(extractor, "في غضون ذلك، تتواصل المعارك بين القوات الحكومية السورية والمعارضة المسلحة في عدد من مناطق "
                            "البلاد، من بينها حلب وحماة وإدلب.\nوأفاد المرصد السوري لحقوق الإنسان بأن المواجهات التي وقعت "
                            "أمس خلفت مئة وعشرة قتلى على الأقل، بينهم خمسة وثمانون مدنيا، بالإضافة إلى مقاتلين معارضين، "
                            "وجنود منشقين، وما لايقل عن ثمانية عشر من القوات النظامية.", "2013-02-06T10:24:11")
    assert max_killed(evs) == 0


def test_a_toll_shared_out_over_places_keeps_only_the_places_part(extractor):
    # nc-01221: 133 dead of the day, "منهم 36 سقطوا في دمشق": Damascus's part, never 133 in Damascus
    evs = events(extractor, "وفي الأثناء، قدرت \"لجان التنسيق المحلية في سوريا\" المعارضة حصيلة القتلى من سقطوا برصاص القوات "
                            "الموالية للنظام، السبت، بـ133 قتيلاً، منهم 36 سقطوا في دمشق.", "2013-03-03T06:30:00")
    assert max_killed(evs) < 133


def test_the_toll_of_a_days_clashes_and_of_a_bloody_day(extractor):
    # nc-00707: "حصيلة ضحايا مواجهات الجمعة ارتفعت إلى 89 قتيلاً": the day's clashes over governorates
    evs = events(extractor, "وذكرت لجان التنسيق المحلية، كبرى جماعات المعارضة العاملة داخل سوريا، أن حصيلة ضحايا مواجهات "
                            "الجمعة ارتفعت إلى 89 قتيلاً، بينهم سيدتان وستة أطفال، وسجلت محافظتي دمشق وريفها أكبر عدد من "
                            "الضحايا، بواقع 29 قتيلاً، بالإضافة إلى 20 في إدلب، و12 في حلب، وتسعة في حمص، و5 في الرقة، "
                            "ومثلهم في دير الزور، إضافة إلى أربعة في الحسكة.", "2013-02-16T06:40:00")
    assert max_killed(evs) < 89
    # nc-00462: "غداة يوم دام شهدته المنطقة، وراح ضحيته أمس أكثر من 200 قتيل": the region's bloody day
    evs = events(extractor, "يذكر أن هذا الحراك السياسي يتزامن مع تواصل المعارك بين القوات النظامية السورية ومسلحي المعارضة "
                            "في ريف دمشق وأطراف العاصمة غداة يوم دام شهدته المنطقة، وراح ضحيته أمس أكثر من 200 قتيل.",
                 "2013-02-08T15:01:10")
    assert evs and max_killed(evs) == 0
