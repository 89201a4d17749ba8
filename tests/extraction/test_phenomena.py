"""The phenomena of issue 3 on real sentences from ../shared/corpora (article id and publication time quoted)."""

from __future__ import annotations

import pytest

from .conftest import make_article


def events(extractor, body, published, source="test"):
    return extractor.extract(make_article(body, published, source=source))


def only(evs):
    assert len(evs) == 1, [(e.event_type, e.place) for e in evs]
    return evs[0]


def test_dual_strikes_after_a_governorate_scene(extractor):
    # nc-00507: the governorate sets the scene; two raids on Heish; the clash clause after في حين is its own
    evs = events(extractor, "وفي محافظة ادلب (شمال غرب)، شن الطيران الحربي غارتين في محيط بلدة حيش، في حين تجددت "
                            "الاشتباكات في محيط معسكري وادي الضيف والحامدية في ريف معرة النعمان.", "2013-02-10T07:51:15")
    heish = [e for e in evs if e.place == "حيش"]
    assert len(heish) == 1 and heish[0].event_type == "air_strike"
    assert (heish[0].strikes.low, heish[0].strikes.best, heish[0].admin2_pcode) == (2, 2, "SY0702")
    assert not any(e.place in ("ادلب", "إدلب") for e in evs), "the governorate is the scene, not an event place"


def test_tens_of_dead_in_a_suicide_bombing(extractor):
    # nc-00893: "عشرات القتلى والمصابين" -> killed 10/12 vague; a neighbourhood of Damascus
    e = only(events(extractor, "وكانت منطقة المزرعة بدمشق قد شهدت تفجيرا انتحاريا اليوم أدى ، بالإضافة إلى سقوط عشرات "
                               "القتلى والمصابين ، إلى نشوب حريق فى عدد كبير من السيارات المتوقفة.", "2013-02-21T18:54:19"))
    assert (e.event_type, e.place, e.admin2_pcode) == ("explosion", "المزرعة", "SY0100")
    assert (e.killed.low, e.killed.best, e.killed.vague) == (10, 12, True)


def test_at_least_and_yesterday(extractor):
    # nc-00078: "ما لا يقل عن 65" is a floor, low = best = 65, vague; "أمس الثلاثاء" -> the day before
    e = only(events(extractor, "وقد تم العثور أمس الثلاثاء على جثث ما لا يقل عن 65 أشخاص قُتلوا بالرصاص وأيديهم "
                               "مكبلة وراء ظهورهم في إحدى ضواحي حلب.", "2013-01-30T13:52:00"))
    assert (e.event_type, e.event_date.isoformat(), e.admin1_pcode) == ("attack", "2013-01-29", "SY02")
    assert (e.killed.low, e.killed.best, e.killed.vague) == (65, 65, True)


@pytest.mark.parametrize("body,published", [
    # nc-00098: a total since the uprising began
    ("وتقول الامم المتحدة ان ما لا يقل عن 60 الف شخص قتلوا في النزاع السوري منذ انطلاق الانتفاضة ضد نظام الرئيس "
     "بشار الاسد في اذار/مارس 2011.", "2013-01-30T22:21:05"),
    # nc-00050: massacres since the revolution began
    ("وأشار إلى أن \"حلب هي المحافظة الثانية من حيث عدد المجازر بعد حمص التي وقعت فيها نحو 157 مجزرة منذ بداية "
     "الثورة السورية\".", "2013-01-29T20:40:00"),
    # nc-00213: barrels of oil are no barrel bombs
    ("اما سورية، فانتاجها النفطي لم يتعد المئتي الف برميل يوما، وهو رقم ضئيل لا يؤثر في اسعار السوق.",
     "2013-02-01T22:14:00"),
    # nc-00010: a statement, not an event
    ("وقالت فرنسا يوم الخميس انه لا توجد مؤشرات على قرب الإطاحة بالأسد.", "2013-01-28T12:10:00"),
])
def test_totals_statements_and_false_friends_are_not_events(extractor, body, published):
    assert events(extractor, body, published) == []


def test_forecast_is_not_an_event(extractor):
    # nc-00382: "سيحاول ... التقدم": a forecast; the siege "منذ أكثر من شهر" is background
    assert events(extractor, "ومن الواضح أن الجيش السوري سيحاول بعد الاستيلاء على خناصر التقدم نحو بلدة السفيرة "
                             "القريبة والواقعة جنوب غرب مدينة حلب.", "2013-02-05T22:46:27") == []


def test_passive_verb_and_number_word(extractor):
    # nc-00015: "قُتلوا" passive, "عشرة" a number word, Hasakeh a governorate
    e = only(events(extractor, "وأضاف المرصد السوري لحقوق الإنسان أن عشرة متمردين قُتلوا في محافظة الحسكة في شرق "
                               "البلاد خلال المعارك الليلية مع القوات النظامية.", "2013-01-28T15:10:00"))
    assert (e.event_type, e.admin1_pcode, e.geo_precision) == ("armed_clash", "SY08", 3)
    assert (e.killed.low, e.killed.best) == (10, 10)


def test_evening_yesterday_and_dual_verb_of_death(extractor):
    # nc-00015: shelling "مساء أمس" on the Eastern Ghouta, a region across districts: governorate only
    e = only(events(extractor, "ولم تتوقف أعمال القصف مساء أمس على الغوطة الشرقية وهي منطقة البساتين في شرق دمشق، "
                               "حيث لقى اثنان من المتمردين مصرعهما، وفقًا لما أفاد به المرصد السوري.",
                    "2013-01-28T15:10:00"))
    assert (e.event_type, e.event_date.isoformat(), e.admin1_pcode, e.admin2_pcode) == (
        "shelling", "2013-01-27", "SY03", None)
    assert (e.killed.low, e.killed.best) == (2, 2)


def test_car_bomb_with_wounded_in_a_neighbourhood(extractor):
    # nc-00011: a car bomb on Sunday in Qaboun (a Damascus neighbourhood): "سقوط جرحى" -> injured 1/2 vague
    evs = events(extractor, "ميدانيا، افاد المرصد السوري لحقوق الانسان عن تفجير سيارة مفخخة الاحد ادى الى \"اضرار "
                            "مادية وسقوط جرحى\" في شارع تشرين الواقع ضمن حي القابون (شمال شرق).", "2013-01-28T12:12:00")
    e = [x for x in evs if x.event_type == "explosion"]
    assert e and e[0].event_date.isoformat() == "2013-01-27"
    assert (e[0].injured.low, e[0].injured.best, e[0].injured.vague) == (1, 2, True)


def test_suicide_car_bomb_in_palmyra_under_a_beirut_dateline(extractor):
    # nc-00418: "بيروت (ا ف ب) -" is the dateline; the bombing is in Tadmor on Wednesday
    e = only(events(extractor, "بيروت (ا ف ب) - استهدف تفجير انتحاري بسيارة مفخخة صباح الاربعاء مقرا امنيا في مدينة "
                               "تدمر الاثرية وسط سوريا ما اسفر عن سقوط عدد من القتلى واصابة اخرين، حسبما افاد المرصد "
                               "السوري لحقوق الانسان.", "2013-02-06T21:21:04"))
    assert (e.event_type, e.admin2_pcode, e.event_date.isoformat()) == ("explosion", "SY0405", "2013-02-06")
    assert (e.killed.low, e.killed.best, e.injured.low, e.injured.best) == (1, 2, 1, 2)


def test_mortars_by_the_free_army_on_a_landmark(extractor):
    # nc-00813: the Free Army shelled the Tishreen palace in Damascus with mortars
    e = only(events(extractor, "أفادت وكالة الأنباء السورية التابعة للمعارضة \"سانا الثورة\" بأن الجيش السوري الحر قصف "
                               "قصر تشرين الرئاسي في العاصمة دمشق بقذائف هاون .", "2013-02-19T17:27:01"))
    assert (e.event_type, e.actor, e.admin2_pcode) == ("shelling", "opposition", "SY0100")
    assert "قصر تشرين" in e.place


def test_reaction_codes_the_known_strike_with_week_precision(extractor):
    # nc-00107: a condemnation of the Israeli strike on Jamraya, no day given -> week precision, israel
    e = only(events(extractor, "أدانت جامعة الدول العربية العدوان الإسرائيلي الغاشم على منطقة جمرايا في ريف دمشق، "
                               "وقصفها بالطائرات مركزا علميا أدى إلى استشهاد وجرح عدد من المواطنين السوريين.",
                    "2013-01-31T01:08:56"))
    assert (e.event_type, e.actor, e.place, e.date_precision) == ("air_strike", "israel", "جمرايا", "week")
    assert (e.admin2_pcode, e.killed.low, e.killed.best) == ("SY0301", 1, 2)


def test_clitics_on_places_and_triggers(extractor):
    # aleppo headline: "وبريف"، "بالبراميل"، "لقصف" — the clitics are stripped before matching
    e = only(events(extractor, "شبكة حلب نيوز :جولة ميدانية في حي الشعار بعد تعرض الحي لقصف بالبراميل المتفجرة 23-7-2014",
                    "2014-07-23T11:55:01Z", source="Halab News Network (شبكة حلب نيوز)"))
    assert (e.event_type, e.actor, e.place, e.admin4_pcode) == ("air_strike", "regime", "الشعار", "C1007")


def test_a_headline_label_is_the_place_of_the_event_after_it(extractor):
    # yt-HI8l2tTmqJk: the quarter is the headline's label; the barrel falls "على الحي"
    e = only(events(extractor, "شبكة حلب نيوز::حي باب النيرب ||ضحايا وجراحى جراء سقوط برميل على الحي 11-11-2014",
                    "2014-11-11T23:57:53", source="Halab News Network (شبكة حلب نيوز)"))
    assert (e.event_type, e.place, e.admin2_pcode, e.actor) == ("air_strike", "باب النيرب", "SY0200", "regime")
    assert (e.killed.low, e.killed.best, e.killed.vague) == (1, 2, True)
    assert e.event_date.isoformat() == "2014-11-11"


def test_a_place_in_a_news_sentence_is_no_label_for_the_next_clause(extractor):
    # nc-00686: the Turkish guns answered a shell that fell in Hatay; the clause before names Idlib and Hama for
    # planes brought down, and they are no label for the shelling after بينما
    evs = events(extractor, "وكانت صور بثها معارضون سوريون على الإنترنت قد أظهرت ان عناصر من الجيش السوري الحر "
                            "المعارض تمكنوا من اسقاط طائرتين حربيتين في محافظتي ادلب وحماة، بينما اعلنت وكالة انباء "
                            "الاناضول التركية بأن مدفعية الجيش التركي ردت بالمثل على قذيفة اطلقت من الاراضي السورية "
                            "وسقطت في منطقة قريبة من بلدة يايلاداغ بولاي هاتاي التركية.", "2013-02-15T15:43:31")
    assert not any(e.event_type == "shelling" for e in evs), [(e.event_type, e.place) for e in evs]


def test_bodies_are_the_dead(extractor):
    # yt-JtOnMuO5dyQ: "جثتين" (a dual of جثة) and "استشهدوا" (a plural verb) count two dead
    e = only(events(extractor, "انتشال جثتين لشخصين استشهدوا في حي الصاخور نتيجة القصف بالبراميل 2 6 2014",
                    "2014-06-02T12:21:26", source="Aleppo Media Center (مركز حلب الإعلامي AMC)"))
    assert (e.event_type, e.place, e.actor) == ("air_strike", "الصاخور", "regime")
    assert (e.killed.low, e.killed.best, e.killed.vague) == (2, 2, False)


def test_a_mountain_names_its_quarter(extractor):
    # yt-wHH46NLb_cU: "جبل الحيدرية" is Aleppo's Haydariyeh hill, not the Homs or Hama village of that name
    e = only(events(extractor, "حلب نيوز || جبل الحيدرية : آثار الدمار الذي حلّ بالحي نتيجة القصف بالطيران الحربي "
                               "11 2 2014", "2014-02-11T12:48:09", source="Halab News Network (شبكة حلب نيوز)"))
    assert (e.event_type, e.place, e.admin2_pcode) == ("air_strike", "الحيدرية", "SY0200")


def test_the_toll_of_the_raid_in_a_later_paragraph(extractor):
    # nc-00134: the raid is placed in one paragraph and its toll given, with "الغارة", two paragraphs later
    body = ("وقصف الطيران الإسرائيلي مركزًا للبحوث العلمية في منطقة جمرايا في ريف دمشق، بحسب ما أعلنت القيادة العامة "
            "للجيش والقوات المسلحة السورية.\n\n"
            "والغارة هي الأولى التي تنفذها إسرائيل داخل سوريا منذ بدء الاحتجاجات المطالبة بإسقاط نظام الرئيس بشار "
            "الأسد، منتصف مارس 2011، والتي تطورت إلى نزاع دام أدى إلى مقتل أكثر من 60 ألف شخص، بحسب أرقام الأمم "
            "المتحدة.\n\n"
            "وأدت الغارة إلى مقتل شخصين وجرح خمسة آخرين، وإلحاق أضرار مادية وتدمير في المكان.")
    e = only(events(extractor, body, "2013-01-31T17:15:00"))
    assert (e.event_type, e.place, e.admin2_pcode, e.actor) == ("air_strike", "جمرايا", "SY0301", "israel")
    assert (e.killed.low, e.killed.best, e.injured.low) == (2, 2, 5)


def test_a_bare_plural_in_a_later_paragraph_is_no_toll_for_the_first_event(extractor):
    # nc-01096: "عدد قتلى الاشتباكات ارتفع" is the observatory's running total, not the mosque clash's toll
    body = ("تدور اشتباكات عنيفة في محيط وداخل باحة الجامع الاموي الكبير في حلب الذي تمكن مقاتلو المعارضة من "
            "اقتحامه، بحسب ما ذكر المرصد السوري لحقوق الانسان.\n"
            "واوضح مدير المرصد رامي عبد الرحمن ان \"مقاتلي المعارضة تمكنوا من اقتحام الجامع، وان المعارك تدور في "
            "حرمه\".\n"
            "وافاد المرصد في وقت سابق عن استمرار الاشتباكات في حي السبع بحرات في وسط حلب وفي احياء المدينة القديمة "
            "وقرب القلعة الاثرية ومحيط الجامع الاموي.\n"
            "وذكرت وكالة الانباء السورية الرسمية \"سانا\" ان \"ارهابيين استهدفوا اليوم بعبوة ناسفة السور الجنوبي "
            "للجامع الاموي الكبير بمدينة حلب ما اسفر عن وقوع اضرار كبيرة فيه وفي المنطقة المجاورة\".\n"
            "قال المرصد السوري لحقوق الإنسان إن عدد قتلى الاشتباكات ارتفع إلى 100 شخص.")
    evs = events(extractor, body, "2013-02-27T01:32:54")
    assert {e.event_type for e in evs} == {"armed_clash", "explosion"}
    assert all(e.admin2_pcode == "SY0200" and e.killed.low == 0 for e in evs), [(e.place, e.killed) for e in evs]


def test_a_subject_before_a_light_verb_is_the_count(extractor):
    # nc-01272: "عشرات المسلحين لقوا مصرعهم" = tens (10 low, 12 best), the toll of the blast reported before
    body = ("ذكرت وكالة الأنباء السورية أن مصنعاً لتصنيع العبوات الناسفة انفجر فى مدينة الباب بريف محافظة حلب.\n"
            "ولم تذكر الوكالة السورية مزيدا من التفاصيل مكتفية بالتأكيد أن عشرات المسلحين لقوا مصرعهم خلال التفجير.")
    e = only(events(extractor, body, "2013-03-05T02:07:00"))
    assert (e.event_type, e.place, e.admin2_pcode) == ("explosion", "الباب", "SY0202")
    assert (e.killed.low, e.killed.best, e.killed.vague) == (10, 12, True)


def test_each_governorate_after_a_comma_keeps_its_own_toll(extractor):
    # nc-01096: "، وفي محافظة دمشق" opens the next report; the 24 dead are Rif Dimashq's, the 15 Damascus's, and
    # they go with the clash, the first event the clause names
    body = ("ففي محافظة ريف دمشق قتل 24 مواطنا بينهم ستة من أفراد المعارضة، وفي محافظة دمشق قتل 15 مواطنا بينهم "
            "ثلاثة أطفال و10 من أفراد المعارضة خلال اشتباكات مع القوات النظامية وقصف تعرض له حي جوبر.")
    evs = {e.event_type: e for e in events(extractor, body, "2013-02-27T01:32:54") if e.place == "جوبر"}
    assert set(evs) == {"armed_clash", "shelling"}
    assert (evs["armed_clash"].killed.low, evs["shelling"].killed.low) == (15, 0)


def test_a_toll_spread_over_places_is_no_event(extractor):
    # nc-00364: a rising national tally, "most of them in Aleppo", is neither an event nor Aleppo's toll
    assert events(extractor, "أعلنت هيئة الثورة السورية ارتفاع أعداد القتلى الذين سقطوا برصاص قوات النظام السوري إلى "
                             "46 قتيلاً أغلبهم في حلب شمال سوريا.", "2013-02-05T17:45:38") == []


def test_a_spread_toll_does_not_raise_the_last_event(extractor):
    # nc-00749: "ارتفاع أعداد قتلى أمس ... إلى 100 شخص معظمهم في دمشق وحلب" is no toll of the airport clashes
    body = ("وذكرت قناة \"الجزيرة\" الفضائية الأحد 17 فبراير، أن معارك عنيفة إندلعت بين الجيش الحر والقوات النظامية "
            "في محيط مطار كوريس العسكري في ريف حلب.\n"
            "في حين أفادت هيئة الثورة السورية بارتفاع أعداد قتلى أمس السبت على يد قوات النظام إلى 100 شخص معظمهم في "
            "دمشق وحلب.")
    evs = events(extractor, body, "2013-02-17T11:02:00")
    assert evs and all(e.killed.low == 0 for e in evs), [(e.place, e.killed) for e in evs]


def test_most_of_them_by_a_cause_keeps_the_toll(extractor):
    # nc-00438: "غالبيتهم نتيجة قصف ... جوبر وزملكا" names the cause: the toll goes on the first place
    evs = events(extractor, "وقدر عدد القتلى خلال الليل بنحو 30 قتيلا، غالبيتهم نتيجة قصف الجيش العنيف لأحياء جوبر "
                            "وزملكا والحجر الأسود التي يسيطر عليها مقاتلو المعارضة.", "2013-02-07T16:10:17")
    assert [(e.place, e.killed.low) for e in evs][:2] == [("جوبر", 30), ("زملكا", 0)]


def test_a_reporting_verb_after_a_comma_opens_a_new_report(extractor):
    # nc-01672: the MiG's raid on Baba Amr killed about twenty; the shelling of al-Marja in Aleppo, reported by
    # activists after "، وقال", killed thirty and is shelling (the MiG belongs to the other clause)
    evs = {e.place: e for e in events(
        extractor, "وفي حمص تمكن الجيش الحر من إسقاط طائرة ميج كانت قد أغارت على حي بابا عمرو وقتلت نحو عشرين "
                   "شخصا ، وقال ناشطون إن قصفا استهدف حي المرجة في حلب أسفر عن مقتل ثلاثين شخصا.",
        "2013-03-19T10:29:00")}
    assert (evs["بابا عمرو"].event_type, evs["بابا عمرو"].killed.low) == ("air_strike", 20)
    assert (evs["المرجة"].event_type, evs["المرجة"].admin2_pcode, evs["المرجة"].killed.low) == ("shelling", "SY0200", 30)


def test_a_town_on_a_road_is_the_place_not_the_road(extractor):
    # nc-01869: the brigade HQ by Saida "على طريق دمشق عمان"; the dead of both sides add up and go on the town
    body = ("وقال المرصد فى بيان \"سيطر مقاتلون من جبهة النصرة ولواء اليرموك وكتائب أخرى على قيادة اللواء 38 دفاع جوى "
            "الواقع بالقرب من بلدة صيدا على طريق دمشق عمان فى محافظة درعا بعد اشتباكات عنيفة استمرت 16 يوما\".\n\n"
            "وأشار إلى أن الهجوم أسفر عن مقتل سبعة مقاتلين معارضين وثمانية عناصر من القوات النظامية بينهم ضابط.")
    e = only(events(extractor, body, "2013-03-23T21:55:00"))
    assert (e.event_type, e.place, e.admin2_pcode, e.killed.low) == ("armed_clash", "صيدا", "SY1200", 15)


def test_a_direction_from_a_city_is_located_by_the_towns_named_after_it(extractor):
    # nc-00169: "الى الشمال الشرقي من دمشق" is where Douma, Harasta and Arbin lie; the three dead go on Douma
    evs = events(extractor, "ودارت اشتباكات الى الشمال الشرقي من دمشق، لا سيما في دوما وحرستا وعربين، ما ادى الى مقتل "
                            "ثلاثة من المقاتلين المعارضين.", "2013-02-01T02:11:04")
    assert [(e.place, e.killed.low) for e in evs] == [("دوما", 3), ("حرستا", 0), ("عربين", 0)]


def test_a_terrorist_attack_is_a_bombing(extractor):
    # nc-00922: "الهجوم الإرهابي" (state-media idiom for a bombing) is an explosion, not a clash
    evs = events(extractor, "وأضافت أن الهجوم الإرهابي الذي وقع بدمشق وذهب ضحيته المدنيون لا يختلف في أهدافه عن "
                            "الغارة التي قامت بها طائرة حربية أصابت مشفى ميدانيا في درعا.", "2013-02-22T11:08:57")
    damascus = [e for e in evs if e.admin2_pcode == "SY0100"]
    assert [e.event_type for e in damascus] == ["explosion"]


def test_an_adjective_between_a_site_and_its_region_keeps_the_link(extractor):
    # nc-00749: "مطار كوريس العسكري في ريف حلب": the airbase is the place, ريف حلب locates it
    e = only(events(extractor, "وذكرت قناة \"الجزيرة\" الفضائية الأحد 17 فبراير، أن معارك عنيفة إندلعت بين الجيش الحر "
                               "والقوات النظامية في محيط مطار كوريس العسكري في ريف حلب.", "2013-02-17T11:02:00"))
    assert (e.event_type, e.place, e.admin1_pcode) == ("armed_clash", "مطار كوريس", "SY02")


def test_quarters_that_undergo_shelling_and_the_raids_added_to_it(extractor):
    # nc-01296: the quarters before "تتعرض لقصف" are where it fell; "اصوات انفجارات" is its noise, not a bombing;
    # "، اضافة الى غارات" adds air raids on one of them
    evs = events(extractor, "وذكر المرصد ان \"احياء الخالدية وحمص القديمة تتعرض لقصف عنيف من قبل القوات النظامية "
                            "يرافقها اصوات انفجارات\"، اضافة الى غارات بالطيران الحربي على الخالدية.",
                 "2013-03-06T01:32:09")
    assert sorted((e.event_type, e.place) for e in evs) == [
        ("air_strike", "الخالدية"), ("shelling", "الخالدية"), ("shelling", "حمص القديمة")]


def test_the_position_the_guns_fire_from_is_not_the_place(extractor):
    # nc-00438: the Republican Guard fires from Mount Qasioun on Jobar and the southern ring road
    evs = events(extractor, "وذكر أن وحدات الحرس الجمهوري الخاصة المتمركزة على جبل قاسيون في وسط دمشق أطلقت قذائف "
                            "المدفعية والقذائف الصاروخية على حي جوبر الشرقي وعلى الطريق الدائري الجنوبي حيث هاجم "
                            "مقاتلو المعارضة متاريس ومواقع للجيش.", "2013-02-07T16:10:17")
    assert "قاسيون" not in {e.place for e in evs}
    assert ("shelling", "جوبر") in {(e.event_type, e.place) for e in evs}


def test_a_rising_toll_of_the_shelling_the_clause_itself_reports(extractor):
    # nc-00847: "ارتفعت الى 31 قتيلا حصيلة الضحايا ... في قصف ... استهدف حي جبل بدرو" is that shelling's toll
    # (a day's حصيلة is no long-period total), not a rise of the event reported before it
    body = ("سقطت قذيفتان الثلاثاء على مقربة من قصر رئاسي في دمشق.\n"
            "في مدينة حلب في شمال البلاد، ارتفعت الى 31 قتيلا حصيلة الضحايا الذين سقطوا الليلة الماضية في قصف قال "
            "ناشطون انه ناتج عن سقوط صاروخ ارض ارض استهدف حي جبل بدرو عند الاطراف الشرقية لمدينة حلب.")
    evs = {e.place: e for e in events(extractor, body, "2013-02-20T17:31:44")}
    assert (evs["جبل بدرو"].event_type, evs["جبل بدرو"].admin2_pcode, evs["جبل بدرو"].killed.low) == (
        "shelling", "SY0200", 31)
    assert all(e.killed.low == 0 for place, e in evs.items() if place != "جبل بدرو")


def test_a_village_named_by_the_first_word_of_its_full_name(extractor):
    # nc-01508: "قرية جوسية" is COD-AB's "جوسية العمار" (C2707, al-Qusayr); the four dead are there, not in Baba Amr
    body = ("بينما تدور معارك في مناطق سورية عدة ابرزها حي بابا عمرو في حمص وقرب الحدود اللبنانية.\n"
            "وفي محافظة حمص، افاد المرصد عن \"استشهاد اربعة مقاتلين من الكتائب المقاتلة خلال اشتباكات مع القوات "
            "النظامية في قرية جوسية على الحدود السورية اللبنانية\".")
    evs = {e.place: e for e in events(extractor, body, "2013-03-14T03:12:05")}
    assert (evs["جوسية"].admin2_pcode, evs["جوسية"].admin4_pcode, evs["جوسية"].killed.low) == ("SY0402", "C2707", 4)
    assert evs["بابا عمرو"].killed.low == 0


def test_a_site_after_its_city_in_a_headline_label(extractor):
    # yt-PtqPWngdEZs: "حلب - فرع المرور ||": the traffic branch, in Aleppo city, is the place of the shelling
    e = only(events(extractor, "حلب - فرع المرور || كتيبة أسود الأسلام تستهدف الفرع بقذائف الهاون -5-11-2013",
                    "2014-09-04T10:00:00", source="Halab News Network (شبكة حلب نيوز)"))
    assert (e.event_type, e.place, e.admin2_pcode, e.event_date.isoformat()) == (
        "shelling", "فرع المرور", "SY0200", "2013-11-05")


AMC = "Aleppo Media Center (مركز حلب الإعلامي AMC)"
HN = "Halab News Network (شبكة حلب نيوز)"


@pytest.mark.parametrize("body,published,source,expected", [
    # yt-vfkebeB48QM: a local outlet's school, named without its quarter, is in the outlet's city;
    # the site's name stops at جراء
    ("آثار الدمار في مدرسة عين جالوت جراء قصفها بالطيران الحربي 30 4 2014", "2014-04-30T12:51:29Z", AMC,
     ("air_strike", "مدرسة عين جالوت", "SY0200")),
    # yt-PC5g8Pr1JFM: the label names the quarter; the action names only a building of it
    ("حلب نيوز || حي الزهراء 27 4 2014 || الطيران الحربي يستهدف الحي ومحيط مبنى المخابرات بالصواريخ .",
     "2014-09-04T20:12:42Z", HN, ("air_strike", "الزهراء", "SY0200")),
    # yt-rDVQ3Lu0sWI: the label is the area of the housing project named after it
    ("حلب نيوز : الأشرفية : آثار الدمار في السكن الشبابي نتيجة قصف قوات النظام للمنطقة 3-5-2014",
     "2014-05-03T23:26:40Z", HN, ("shelling", "السكن الشبابي", "SY0200")),
    # yt-HMLmXCxPi3w: a roundabout in a quarter is coded at the quarter
    ("اللحظات الأولى لسقوط برميل متفجر على دوار الحلوانية في حي طريق الباب 7 - 7 - 2014", "2014-07-07T10:12:59Z",
     AMC, ("air_strike", "طريق الباب", "SY0200")),
])
def test_headline_sites_and_labels(extractor, body, published, source, expected):
    e = only(events(extractor, body, published, source=source))
    assert (e.event_type, e.place, e.admin2_pcode) == expected


def test_a_fighting_unit_is_no_site(extractor):
    # yt-PtqPWngdEZs: "كتيبة أسود الأسلام" fired the shells; it is not where they fell
    evs = events(extractor, "حلب - فرع المرور || كتيبة أسود الأسلام تستهدف الفرع بقذائف الهاون -5-11-2013",
                 "2014-09-04T10:00:00", source=HN)
    assert [e.place for e in evs] == ["فرع المرور"]


def test_where_the_town_was_shelled_the_clash_is(extractor):
    # nc-00478: "حيث" refers to Daraya: the clash after it is there too
    evs = events(extractor, "والى الجنوب من العاصمة، قصفت القوات النظامية مدينة داريا (جنوب غرب) حيث تدور اشتباكات "
                            "عنيفة بين المقاتلين المعارضين والقوات النظامية.", "2013-02-08T23:31:04")
    assert sorted((e.event_type, e.place) for e in evs) == [("armed_clash", "داريا"), ("shelling", "داريا")]


def test_a_town_that_undergoes_shelling_named_after_the_verb(extractor):
    # nc-00478: "تتعرض مدينة زملكا (شرق دمشق) لقصف ... استخدم خلالها الطيران الحربي"; "، تزامنا مع اشتباكات"
    # opens the next report
    body = ("وقال المرصد في بريد الكتروني \"تتعرض مدينة زملكا (شرق دمشق) لقصف عنيف من قبل القوات النظامية استخدم "
            "خلالها الطيران الحربي\"، تزامنا مع اشتباكات عنيفة بين القوات النظامية والمقاتلين المعارضين \"عند اطراف "
            "المدينة من جهة المتحلق الجنوبي\".")
    evs = {(e.event_type, e.place): e for e in events(extractor, body, "2013-02-08T23:31:04")}
    assert ("air_strike", "زملكا") in evs and evs[("air_strike", "زملكا")].actor == "regime"


def test_syrian_warplanes_are_the_regime_s(extractor):
    # nc-00478: the lead names "الطيران الحربي السوري"; a later unattributed raid is the regime's (GUIDELINES §5)
    body = ("بيروت (ا ف ب) - شن الطيران الحربي السوري الجمعة غارات على مناطق في ريف دمشق.\n"
            "في محافظة ادلب (شمال غرب)، نفذت طائرات حربية غارات جوية على مدينة معرة النعمان وبلدة كفرومة في ريف، ما "
            "ادى الى \"اضرار مادية وانباء عن سقوط جرحى\"، بحسب المرصد.")
    evs = {e.place: e for e in events(extractor, body, "2013-02-08T23:31:04")}
    assert evs["معرة النعمان"].actor == evs["كفرومة"].actor == "regime"


def test_information_about_an_imminent_attack_is_no_event(extractor):
    # nc-00478: a pre-emptive operation "بعد معلومات عن هجوم وشيك" reports no attack
    assert events(extractor, "وكانت صحيفة \"الوطن\" السورية القريبة من السلطات قالت امس ان القوات النظامية السورية "
                             "شنت \"عملية استباقية\" في منطقة دمشق بعد معلومات عن هجوم وشيك للمجموعات المعارضة.",
                  "2013-02-08T23:31:04") == []


def test_a_city_before_a_comma_sets_the_scene_of_the_quarter_shelled(extractor):
    # nc-01632: "وفي دمشق، تعرض حي الحجر الاسود ... للقصف": the quarter, not the city
    evs = events(extractor, "وفي دمشق، تعرض حي الحجر الاسود في جنوب العاصمة فجر الاحد للقصف من قبل القوات النظامية.",
                 "2013-03-17T12:00:00")
    assert [(e.event_type, e.place) for e in evs] == [("shelling", "الحجر الاسود")]


def test_a_site_name_stops_at_a_time_of_day(extractor):
    # nc-00686: "قاعدة النيرب الجوية صباح الجمعة": the base, then its time
    evs = events(extractor, "وقال مدير المرصد السوري رامي عبدالرحمن إن \"الجيش قصف المناطق المحيطة بمطار حلب الدولي "
                            "وقاعدة النيرب الجوية صباح الجمعة\".", "2013-02-15T15:43:31")
    assert "قاعدة النيرب الجوية" in {e.place for e in evs}


def test_a_quarter_named_with_a_number_in_the_centre_of_a_city(extractor):
    # nc-01096: "حي السبع بحرات" (Seven Fountains) is a name, not a count; "وسط حلب" is Aleppo city's centre
    evs = events(extractor, "وافاد المرصد في وقت سابق عن استمرار الاشتباكات في حي السبع بحرات في وسط حلب.",
                 "2013-02-27T01:32:54")
    assert [(e.event_type, e.place, e.admin2_pcode) for e in evs] == [("armed_clash", "السبع بحرات", "SY0200")]


def test_the_fiercest_clashes_are_still_clashes(extractor):
    # nc-00483: "شهدت الاشتباكات الاعنف على الاطلاق" is an event (a superlative is no long-period total), with the
    # mortar fire reported in the same clause
    evs = events(extractor, "وذكر سكان محليون في دمشق أن مزارع ريما في يبرود بريف دمشق شهدت الاشتباكات الاعنف على "
                            "الاطلاق استخدمت خلالها المدفعية وسقطت العديد من قذائف الهاون.", "2013-02-09T11:14:03")
    assert sorted((e.event_type, e.place, e.admin2_pcode) for e in evs) == [
        ("armed_clash", "ريما", "SY0305"), ("shelling", "ريما", "SY0305")]


def test_an_earlier_bombing_after_a_comma_is_its_own_event(extractor):
    # nc-00169: "، بعد ساعات من انفجار عبوة ناسفة في منطقة الزاهرة" is another event; العسالي was shelled
    evs = events(extractor, "وقصفت القوات النظامية الخميس مناطق في جنوب العاصمة منها حي العسالي، بعد ساعات من انفجار "
                            "عبوة ناسفة في منطقة الزاهرة الجديدة (جنوب) ادت الى جرح شخص.", "2013-02-01T02:11:04")
    got = {(e.event_type, e.place): e for e in evs}
    assert set(got) == {("shelling", "العسالي"), ("explosion", "الزاهرة")}
    assert got[("explosion", "الزاهرة")].injured.low == 1 and got[("shelling", "العسالي")].injured.low == 0


def test_a_later_toll_of_a_known_bombing(extractor):
    # nc-01805: the risen toll (49) of a bombing the article takes as known, with no day of its own: week
    # precision (GUIDELINES §4); the pluperfect "وكان ... قد أعلن" reports the same known incident
    body = ("ارتفع عدد قتلى التفجير الذي استهدف جامع الإيمان بدمشق، وأودى بحياة رجل الدين الموالي لنظام الأسد محمد "
            "سعيد رمضان البوطي، إلى 49 شخصا بحسب وزارة الصحة السورية.\n"
            "وكان التلفزيون السوري الرسمي قد أعلن مقتل رجل الدين محمد سعيد رمضان البوطي - وهو كردي - في مسجد الإيمان "
            "من جراء \"هجوم انتحاري إرهابي.\"")
    evs = events(extractor, body, "2013-03-22T13:17:59")
    assert {e.date_precision for e in evs} == {"week"}
    toll = next(e for e in evs if e.place == "جامع الإيمان")
    assert (toll.event_type, toll.killed.low, toll.killed.best) == ("explosion", 49, 49)


def test_a_national_tally_that_rose_is_no_place_s_toll(extractor):
    # nc-01672: "ارتفاع حصيلة قتلى النظام ... إلى 110 أشخاص في مناطق مختلفة" is a tally over places
    evs = events(extractor, "استهدف الجيش السوري الحر مواقع تابعة للنظام السوري في العاصمة دمشق، من بينها قصر تشرين "
                            "الرئاسي ومطار دمشق الدولي، في الوقت الذي أعلنت فيه الشبكة السورية لحقوق الإنسان عن ارتفاع "
                            "حصيلة قتلى النظام السورى إلى 110 أشخاص في مناطق مختلفة من البلاد.", "2013-03-19T10:29:00")
    assert evs and all(e.killed.low == 0 for e in evs)


@pytest.mark.parametrize("body,published,place", [
    # yt headline (Halab News, 2014-10-24): after a marker, "X اليوم" is the quarter today, not an outlet
    # ("حلب اليوم" is one)
    ("هام - حلب نيوز | لحظة سقوط برميل متفجر على حيّ الحيدرية اليوم 24-10-2014", "2014-10-24T12:00:00Z", "الحيدرية"),
    # AMC (2014-06-18): "ضيعة" (a village) is a place marker
    ("الدمار الذي خلّفه سقوط برميلين متفجرين على ضيعة الأنصاري صباح اليوم 18 - 6 - 2014", "2014-06-18T12:00:00Z",
     "الأنصاري"),
])
def test_barrels_on_marked_places_in_headlines(extractor, body, published, place):
    e = only(events(extractor, body, published, source=HN))
    assert (e.event_type, e.place, e.admin2_pcode, e.actor) == ("air_strike", place, "SY0200", "regime")


def test_a_trigger_typed_into_the_word_before_it(extractor):
    # yt--wUdCO0BVX8: "يظهرآثارالدمارجراءالقصف" ends with "القصف"; the label quarter is where it fell
    e = only(events(extractor, "حي السكري-تقريرمصور يظهرآثارالدمارجراءالقصف بالطيران الحربي على مدرسة لتحفيظ القرآن "
                               "الكريم 24-12-2013", "2013-12-24T12:00:00Z", source=HN))
    assert (e.event_type, e.place, e.admin2_pcode) == ("air_strike", "السكري", "SY0200")


def test_examples_of_an_area_are_the_places(extractor):
    # nc-00749: "في عدد من مناطق دمشق خاصة حي الحجر الأسود وبلدة السبينة": the two examples, not Damascus
    evs = events(extractor, "وتواصلت الاشتباكات العنيفة الليلة الماضية وحتى الساعات الأولى من صباح اليوم بين وحدات "
                            "الجيش السوري والمعارضة المسلحة في عدد من مناطق دمشق خاصة حي الحجر الأسود وبلدة السبينة.",
                 "2013-02-17T11:02:00")
    assert sorted(e.place for e in evs) == ["الحجر الأسود", "السبينة"]


def test_the_disengagement_force_is_no_clash(extractor):
    # nc-01543: UNDOF, "قوة مراقبة فض الاشتباك", names no fighting
    assert events(extractor, "وامتنعت دمشق عن التعليق لكن مسؤولين إسرائيليين أكدا أن قوة مراقبة فض الاشتباك "
                             "التابعة للأمم المتحدة في الجولان أبلغت عن الحادث.", "2013-03-15T12:00:00") == []


def test_seizing_a_checkpoint_is_a_clash(extractor):
    # nc-01869: "الاستيلاء على حاجزى العلان وجلين فى بلدة سحم الجولان"
    e = only(events(extractor, "كما تمكن مقاتلون معارضون من الاستيلاء على حاجزى العلان وجلين فى بلدة سحم الجولان فى "
                               "درعا وغنموا منهما آليات وذخيرة، بحسب ناشطين والمرصد.", "2013-03-23T21:55:00"))
    assert (e.event_type, e.place, e.admin2_pcode, e.actor) == ("armed_clash", "سحم الجولان", "SY1200", "opposition")


def test_a_unit_named_for_its_town_is_no_site(extractor):
    # nc-00533: "كتيبة أحرار الطبقة" is a fighting unit; its name is no place of its own
    evs = events(extractor, "وقال ناشطون إن مقاتلين من كتيبة أحرار الطبقة سيطروا على سرية المدفعية في مدينة الطبقة "
                            "في محافظة الرقة واستولوا على أسلحة.", "2013-02-10T12:00:00")
    assert evs and not any(e.place.startswith("كتيبة") for e in evs)


def test_the_ally_of_damascus_is_its_government(extractor):
    # nc-00170: "حزب الله، حليف دمشق" names the government; the raid is not in Damascus
    evs = events(extractor, "وعبر خبراء عسكريون ومسؤولون اسرائيليون عن خشية الدولة العبرية من انتقال اسلحة سورية "
                            "متطورة الى حزب الله، حليف دمشق وعدو اسرائيل الاول، ملتزمين في الوقت نفسه الصمت المطبق "
                            "حيال الغارة.", "2013-02-01T02:11:30")
    assert not any(e.place == "دمشق" for e in evs)


def test_dead_on_a_front_are_a_clash_and_a_front_alone_is_not(extractor):
    # yt-08m4MvePNYw: soldiers "قتلهم على جبهة عزيزة" -> a clash at Aziza (Aleppo) with their dead
    e = only(events(extractor, "شبكة حلب نيوز||هام|| جثث قوات النظام على دوار المرجة بعد قتلهم على جبهة عزيزة||24-2-2014||",
                    "2014-02-24T11:00:09Z", source=HN))
    assert (e.event_type, e.place, e.admin2_pcode, e.killed.low, e.killed.best) == ("armed_clash", "عزيزة", "SY0200", 1, 2)
    # an interview about "الوضع العسكري على جبهة" reports no fighting
    assert events(extractor, "مقابلة مع قائد ميداني حول الوضع العسكري على جبهة صلاح الدين 10 4 2013",
                  "2013-04-10T12:00:00Z", source=HN) == []


def test_the_massacre_at_the_river_of_martyrs(extractor):
    # yt-G4Ovuz5O3Hk: "نهر الشهداء" (the Queiq in Aleppo) is a place; "X اليوم" after it is today, not an outlet
    e = only(events(extractor, "شهداء مجزرة نهر الشهداء اليوم 10 3 2013", "2013-03-10T14:16:39Z", source=HN))
    assert (e.event_type, e.place, e.admin2_pcode, e.killed.low) == ("attack", "نهر الشهداء", "SY0200", 1)


def test_an_incident_in_an_investigators_report_is_a_known_one(extractor):
    # nc-00795: a UN investigators' report cites the attack on al-Hirak: no day of its own -> week precision
    evs = events(extractor, "وجاء في التقرير \"في بعض الوقائع مثل الهجوم على الحراك وقع قصف عشوائي أعقبته عمليات برية "
                            "ارتكبت خلالها القوات الحكومية عمليات قتل جماعي.\"", "2013-02-19T05:21:04")
    assert evs and {e.date_precision for e in evs} == {"week"}


def test_a_planned_ceasefire_and_a_unit_of_martyrs(extractor):
    # nc-01372: "وقفا لاطلاق النار والقصف" is the condition of a deal, not shelling; "لواء شهداء اليرموك" is a unit's
    # name, not its dead
    assert events(extractor, "جاء ذلك فيما افاد المرصد السوري لحقوق الانسان بأنه علم من مسؤول في \"لواء شهداء اليرموك\" "
                             "الذي يحتجز المراقبين انه \"تم التوصل الى اتفاق من اجل تسليم المراقبين الموجودين في قرية "
                             "جملة بين الساعة العاشرة من صباح السبت والثانية عشرة ظهرا على ان تشهد المنطقة وقتها وقفا "
                             "لاطلاق النار والقصف\".", "2013-03-08T23:49:53") == []


def test_a_condemnation_today_thursday_codes_its_incident_as_known(extractor):
    # nc-00136 (published Thursday): the Arab League condemns the raid on Jamraya; "اليوم الخميس" dates the
    # condemnation, not the raid -> week precision, and the lead naming Rif Dimashq does not change that
    body = ("حملت الجامعة العربية اليوم الخميس المجتمع الدولي مسؤولية هجوم الطيران الاسرائيلي على «منشأة علمية» في ريف "
            "دمشق، أسفر عن سقوط قتلى.\n"
            "وأدانت الأمانة العامة لجامعة الدول العربية في بيان صحافي: \"العدوان الإسرائيلي الغاشم على منطقة جمرايا في "
            "ريف دمشق، وقصفها بالطائرات مركزا علميا أدى الى استشهاد وجرح عدد من المواطنين السورريين\".")
    evs = {e.place: e for e in events(extractor, body, "2013-01-31T17:40:00")}
    assert (evs["جمرايا"].event_type, evs["جمرايا"].date_precision) == ("air_strike", "week")


def test_a_toll_shared_out_with_the_other_is_one_dead_at_each_place(extractor):
    # nc-01096: of Daraa's six dead, two fighters: one in al-Qadam (Damascus), "والآخر" in al-Jiza (Daraa). Each
    # place has one dead; the six are the governorate's tally, placed nowhere
    evs = {e.place: e for e in events(extractor, "وفي محافظة درعا قتل ستة مواطنين بينهم اثنان من المعارضة خلال "
                                                 "اشتباكات مع القوات النظامية في حي القدم بمدينة دمشق والآخر خلال "
                                                 "اشتباكات في بلدة الجيزة بريف درعا.", "2013-02-27T01:32:54")}
    assert (evs["القدم"].admin2_pcode, evs["القدم"].killed.low, evs["القدم"].killed.best) == ("SY0100", 1, 1)
    assert (evs["الجيزة"].admin2_pcode, evs["الجيزة"].killed.low, evs["الجيزة"].killed.best) == ("SY1200", 1, 1)
    assert sum(e.killed.low for e in evs.values()) == 2


def test_the_dead_under_rubble_are_a_strike_and_clearing_rubble_is_none(extractor):
    # yt-jVuq51U-50o: martyrs pulled from under the rubble in al-Ansari (a quarter named after its city): a strike
    # there, its weapon unnamed (shelling), its dead an unnumbered plural
    e = only(events(extractor, "حلب الانصاري الشرقي || محاولة استخراج الشهداء من تحت ركام الانقاض 23-2-2013",
                    "2014-02-23T14:30:37Z", source=HN))
    assert (e.event_type, e.place, e.admin2_pcode, e.event_date.isoformat()) == ("shelling", "الانصاري", "SY0200", "2013-02-23")
    assert (e.killed.low, e.killed.best, e.strikes.low, e.strikes.best) == (1, 2, 1, 2)
    # yt-zmUhTjDibvU: the local council clears rubble: no casualties, no event
    assert events(extractor, "ترحيل الأنقاض في حي طريق الباب من قبل المجلس المحلي لمدينة حلب 10-6-2013",
                  "2013-06-10T09:55:52Z", source="Aleppo Media Center (مركز حلب الإعلامي AMC)") == []
    # nc-01015: a toll that rose when bodies were found under rubble is no new strike
    assert events(extractor, "وأوضح المرصد السوري أن حصيلة القتلى ارتفعت بعد أن تم انتشال جثث نساء وأطفال من تحت الأنقاض "
                             "أمس السبت في حي طارق الباب", "2013-02-24T15:12:00") == []


def test_a_quarter_named_right_after_its_city_is_the_place(extractor):
    # yt-1WUIIa_lwOQ: "حلب الراموسة": the clash is in al-Ramousa, not somewhere in Aleppo
    e = only(events(extractor, "حلب الراموسة اشتباكات طاحنة بالرشاشات الثقيلة ألوية فاستقم كما أمرت 17 3 2013",
                    "2013-03-17T12:19:29Z", source="Aleppo Media Center (مركز حلب الإعلامي AMC)"))
    assert (e.event_type, e.place, e.admin4_pcode, e.geo_precision) == ("armed_clash", "الراموسة", "C1007", 1)


@pytest.mark.parametrize("body,published,place", [
    # nc-01626: the Free Army's attack on the Air Force Intelligence is no air strike (the opposition has no aircraft)
    ("أفاد ناشطون سوريون الأحد 17 مارس، بأن الجيش الحر استهدف مقر المخابرات الجوية في ساحة العباسيين بدمشق",
     "2013-03-17T14:14:42", "ساحة العباسيين"),
    # nc-00686: the army shelled the area around an air base
    ("وقال مدير المرصد السوري رامي عبدالرحمن إن \"الجيش قصف المناطق المحيطة بمطار حلب الدولي وقاعدة النيرب الجوية صباح "
     "الجمعة\"", "2013-02-15T15:43:31", "قاعدة النيرب الجوية"),
])
def test_an_air_word_in_a_branch_or_a_site_name_is_no_aircraft(extractor, body, published, place):
    evs = [e for e in events(extractor, body, published) if e.place == place]
    assert evs and all(e.event_type != "air_strike" for e in evs), [(e.event_type, e.place) for e in evs]


def test_the_dead_of_both_sides_of_a_clash_add_up(extractor):
    # nc-01508: four opposition fighters, and soldiers "مقتل وجرح واسر جنود القوات النظامية" (an unnumbered plural):
    # the clash at Jousiyeh killed both, 4 + 1 (low) and 4 + 2 (best)
    e = only(events(extractor, "وفي محافظة حمص، افاد المرصد عن \"استشهاد اربعة مقاتلين من الكتائب المقاتلة خلال اشتباكات مع "
                               "القوات النظامية في قرية جوسية على الحدود السورية اللبنانية\"، متحدثا عن \"معلومات عن مقتل "
                               "وجرح واسر جنود القوات النظامية على الحاجز\".", "2013-03-14T03:12:05"))
    assert (e.event_type, e.place, e.killed.low, e.killed.best, e.killed.vague) == ("armed_clash", "جوسية", 5, 6, True)
    # nc-00674: 30 of al-Nusra and 100 of the army's intelligence and soldiers, over a battle of three days: a total
    # over several days is no incident's count (issue 12), and the clash has week precision (GUIDELINES §4)
    e = only(events(extractor, "وبحسب المرصد ايضا فقد \"اسفرت عملية تفجير السيارات المفخخة والاشتباكات التي استمرت 3 ايام في "
                               "مدينة الشدادي بريف الحسكة (شرق) عن استشهاد ما لا يقل عن 30 من جبهة النصرة بينهم 5 من جنسيات "
                               "كويتية وعراقية ومقتل ما لا يقل عن 100 من عناصر المخابرات والجيش النظامي السوري\"",
                    "2013-02-15T12:00:00"))
    assert (e.place, e.date_precision, e.killed.low) == ("الشدادي", "week", 0)


def test_a_count_of_other_places_is_not_added_to_the_first(extractor):
    # nc-01711: 18 civilians in al-Marja; the 7 fighters died "فى محافظات الحسكة وحلب وريف دمشق": a tally, not al-Marja's
    evs = events(extractor, "وأوضح المرصد أنه \"تم توثيق استشهاد 18 مواطنا بينهم أطفال كانوا قضوا أمس جراء القصف على حى المرجة "
                            "بمدينة حلب، واستشهد 7 مقاتلين من الكتائب المقاتلة مجهولى الهوية حتى اللحظة خلال قصف واشتباكات "
                            "فى محافظات الحسكة وحلب وريف دمشق\"", "2013-03-19T12:00:00")
    marja = next(e for e in evs if e.place == "المرجة")
    assert (marja.admin2_pcode, marja.killed.low) == ("SY0200", 18)


def test_each_place_has_its_own_dead_when_a_clause_gives_them_apart(extractor):
    # nc-00832: five dead in Ain Tarma, "ومقتل سبعة آخرين" in Kafr Batna: not seven (the larger count) in Ain Tarma
    evs = {e.place: e for e in events(extractor, "كما افاد المرصد عن مقتل خمسة مواطنين من عائلة واحدة بينهم امرأتان وطفل في "
                                                 "قصف على بلدة عين ترما في الريف الدمشقي، ومقتل سبعة آخرين بينهم طفل نتيجة "
                                                 "قصف القوات النظامية على بلدة كفربطنا", "2013-02-20T12:00:00")}
    assert (evs["عين ترما"].killed.low, evs["كفربطنا"].killed.low) == (5, 7)
    assert evs["عين ترما"].evidence.startswith("مقتل خمسة") and "سبعة" not in evs["عين ترما"].evidence


def test_a_two_word_village_abroad_is_no_event_place(extractor):
    # nc-01672: Syrian aircraft bombed two Lebanese villages; "خربة يونين" is in Lebanon, not an unresolved Syrian place
    body = ("وقالت \"الجزيرة\" إن القصف النظامي طال الأراضي اللبنانية، حيث قام الطيران الحربي السوري بقصف بلدتي خربة يونين "
            "ووادي الخيل في جرود عرسال شرق البلاد، وقال شهود عيان من بلدة عرسال إن الطائرات أطلقت أربعة صواريخ سقطت على "
            "الأراضي اللبنانية.")
    assert not any("يونين" in p.text for p in extractor.locate(make_article(body, "2013-03-19T10:29:00")))
    assert not any("يونين" in e.place for e in events(extractor, body, "2013-03-19T10:29:00"))


@pytest.mark.parametrize("body,published,place,killed", [
    # nc-00851: "ما أودى بحياة ثلاثة عناصر" counts three dead
    ("وشن 13 عنصرا من جبهة النصرة الإسلامية هجوما على دورية لحزب الله في قرية زيتا، ما أودى بحياة ثلاثة عناصر من الحزب، "
     "وفقا للمصادر", "2013-02-20T18:41:30", "زيتا", 3),
    # nc-00601: "راح ضحيتها 14 شخصا"
    ("قررت تركيا إغلاق البوابة الحدودية «جيلفه جوزو» المقابلة للبوابة الحدودية السورية «باب الهوى» بعد عملية الانفجار التي "
     "راح ضحيتها 14 شخصا منهم 4 أتراك وإصابة 32 شخصا آخرين", "2013-02-13T13:18:54", "باب الهوى", 14),
    # yt-dhcZ6yRSGos: one body under the rubble
    ("لحظة استخراج جثة طفل من تحت الأنقاض في كرم الطراب 13-2", "2013-02-13T12:00:00Z", "كرم الطراب", 1),
])
def test_idioms_of_death_count_the_dead(extractor, body, published, place, killed):
    e = next(e for e in events(extractor, body, published) if e.place == place)
    assert (e.killed.low, e.killed.best) == (killed, killed)


def test_the_noun_after_a_verb_of_death_counts_once(extractor):
    # nc-00139: "وراح ضحيته قتيلان" is two dead, not an unnumbered plural beside them
    evs = events(extractor, "أكد دبلوماسي سوري، الخميس، بأن بلاده تمتلك قرار المفاجأة في الرد على الهجوم الإسرائيلي، الذي "
                            "زعمت دمشق أنه استهدف مركزاً للبحوث العلمية بريف دمشق، وراح ضحيته قتيلان", "2013-01-31T12:00:00")
    assert max(e.killed.low for e in evs) == 2 and all(e.killed.best == e.killed.low for e in evs if e.killed.low)


def test_a_site_named_again_beside_its_quarter_is_one_event(extractor):
    # nc-00878: the car bomb "قرب مقر حزب البعث في وسط دمشق" and "في منطقة المزرعة ... بالقرب من فرع حزب البعث" are one
    # bombing, coded in al-Mazraa; a bombing in another quarter that does not name the site stays apart
    body = ("تسبب انفجار السيارة المفخخة الذي وقع الخميس قرب مقر حزب البعث في وسط دمشق بسقوط قتلى وجرحى.\n"
            "وذكر المرصد من جهته في بيان \"سقط قتلى وجرحى اثر انفجار سيارة مفخخة في منطقة المزرعة امام حاجز للقوات "
            "النظامية بالقرب من فرع حزب البعث العربي الاشتراكي الحاكم في سورية\".")
    evs = [e for e in events(extractor, body, "2013-02-21T12:31:57") if e.event_type == "explosion"]
    assert [(e.place, e.admin2_pcode, e.killed.low, e.killed.best) for e in evs] == [("المزرعة", "SY0100", 1, 2)]
    other = body.replace("بالقرب من فرع حزب البعث العربي الاشتراكي الحاكم في سورية", "")
    assert len([e for e in events(extractor, other, "2013-02-21T12:31:57") if e.event_type == "explosion"]) == 2


def test_a_campaign_actor_does_not_cross_paragraphs(extractor):
    # nc-01096: the opposition stormed Aleppo's mosque; the next paragraph's Damascus toll "خلال اشتباكات مع القوات
    # النظامية" names no attacker (its "10 من أفراد المعارضة" are dead, not the side that attacked): unknown
    body = ("تدور اشتباكات عنيفة في محيط وداخل باحة الجامع الاموي الكبير في حلب الذي تمكن مقاتلو المعارضة من اقتحامه.\n"
            "وفي محافظة دمشق قتل 15 مواطنا بينهم ثلاثة أطفال و10 من أفراد المعارضة خلال اشتباكات مع القوات النظامية "
            "وقصف تعرض له حي جوبر.")
    jobar = [e for e in events(extractor, body, "2013-02-27T01:32:54") if e.place == "جوبر"]
    assert jobar and {e.actor for e in jobar} == {"unknown"}


def test_rockets_that_fell_abroad_are_no_detail_of_a_syrian_strike(extractor):
    # nc-01672: four rockets that fell in Lebanon (بلدة عرسال، الأراضي اللبنانية) are not the number of shells of the
    # shelling of al-Marja reported before
    body = ("وفي حمص تمكن الجيش الحر من إسقاط طائرة ميج كانت قد أغارت على حي بابا عمرو وقتلت نحو عشرين شخصا ، وقال "
            "ناشطون إن قصفا استهدف حي المرجة في حلب أسفر عن مقتل ثلاثين شخصا.\n"
            "وقالت \"الجزيرة\" إن القصف النظامي طال الأراضي اللبنانية، حيث قام الطيران الحربي السوري بقصف بلدتي خربة "
            "يونين ووادي الخيل في جرود عرسال شرق البلاد، وقال شهود عيان من بلدة عرسال إن الطائرات أطلقت أربعة صواريخ "
            "سقطت على الأراضي اللبنانية.")
    marja = next(e for e in events(extractor, body, "2013-03-19T10:29:00") if e.place == "المرجة")
    assert (marja.strikes.low, marja.strikes.best, marja.strikes.vague) == (1, 2, True)
