"""Place mentions from ../shared/corpora coded as a careful coder following GUIDELINES §3 codes them (issue 4).

Every case is a real sentence (or a headline) from news_ar_2013.jsonl or aleppo_headlines_2012_2014.jsonl, passed
to ``Extractor.locate`` with its article id, publication time and outlet; the expected codes were decided from the
COD-AB tables in ../shared/gazetteer and the sentence's context, not from the extractor's output. The mention is
the LocatedPlace whose text equals (else contains) the surface form.

- ORDINARY: a community or neighbourhood whose name (with its spelling in the text) fixes it.
- AMBIGUOUS: a name with several COD-AB rows, or a homonym elsewhere, decided by context: a governorate or ريف X
  next to it, other places in the sentence, or the outlet (the Aleppo headlines' outlets are local).
- GOVERNORATE: mentions that fix only the governorate (precision 3, no district), and named regions: a region inside
  one district takes the district (precision 2).
- NEGATIVES: words that look like places and are not (persons, foreign towns, common words, the outlet's name).

Cases marked xfail(strict=True) are what the extractor gets wrong today; each reason says what and why, so the
list is a work list: when a fix lands, the strict xfail fails and the mark must go.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from .conftest import make_article

HN = "Halab News Network (شبكة حلب نيوز)"
AMC = "Aleppo Media Center (مركز حلب الإعلامي AMC)"
CD = "Syrian Civil Defence - Aleppo (الدفاع المدني السوري - حلب)"

ORDINARY, AMBIGUOUS, GOVERNORATE = "ordinary", "ambiguous", "governorate"


class _Any:
    def __repr__(self) -> str:
        return "ANY"


ANY = _Any()  # the text does not decide this code: not asserted
DAM = (None, "C1001")  # a Damascus place that is no community: admin2 SY0100, admin4 "may" stay null (§3)


@dataclass(frozen=True)
class Mention:
    article: str
    published: str
    source: str
    body: str
    surface: str
    admin1: str | None
    admin2: object
    admin4: object
    geo_precision: object
    role: str | None  # None: not asserted (a community that locates a named site is that site's qualifier)
    category: str


def P(cid: str, category: str, article: str, published: str, source: str, body: str, surface: str,
      admin1: str | None, admin2: object, admin4: object, geo_precision: object, role: str | None = "place",
      xfail: str | None = None):
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(Mention(article, published, source, body, surface, admin1, admin2, admin4, geo_precision,
                                role, category), id=cid, marks=marks)


@dataclass(frozen=True)
class NotAPlace:
    article: str
    published: str
    source: str
    body: str
    surface: str


def N(cid: str, article: str, published: str, source: str, body: str, surface: str, xfail: str | None = None):
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(NotAPlace(article, published, source, body, surface), id=cid, marks=marks)


CASES = [
    # ------------------------------ Damascus and Rif Dimashq
    P("deir-al-asafir", ORDINARY, "nc-00031", "2013-01-29T04:12:02", "masrawy",
      "وفي محيط العاصمة، شن الطيران الحربي غارتين على بلدة دير العصافير، بحسب ما افاد المرصد الذي "
      "تحدث ايضا عن قصف بالقذائف طاول مناطق عدة منها دوما (شمال شرق) وشبعا.",
      "دير العصافير", "SY03", "SY0301", "C2309", 1),
    P("balaliyeh-list", ORDINARY, "nc-00011", "2013-01-28T12:12:00", "elfagr",
      "كذلك، طاولت الغارات بلدات البلالية ودير سلمان وحران العواميد وعقربا ومحيط النشابية وعين "
      "ترما، بحسب المرصد.",
      "البلالية", "SY03", "SY0302", "C2354", 1),
    P("harran-al-awamid-list", ORDINARY, "nc-00011", "2013-01-28T12:12:00", "elfagr",
      "كذلك، طاولت الغارات بلدات البلالية ودير سلمان وحران العواميد وعقربا ومحيط النشابية وعين "
      "ترما، بحسب المرصد.",
      "حران العواميد", "SY03", "SY0302", "C2380", 1),
    P("ein-tarma-list", ORDINARY, "nc-00011", "2013-01-28T12:12:00", "elfagr",
      "كذلك، طاولت الغارات بلدات البلالية ودير سلمان وحران العواميد وعقربا ومحيط النشابية وعين "
      "ترما، بحسب المرصد.",
      "عين ترما", "SY03", "SY0301", "C2315", 1),
    # عقربا: Rif Dimashq (Babella) or Daraa (As-Sanamayn); the Ghouta villages around it and 'في ريف دمشق'
    # decide
    P("aqraba-in-ghouta-list", AMBIGUOUS, "nc-00011", "2013-01-28T12:12:00", "elfagr",
      "في ريف دمشق، شنت مقاتلات حربية سورية غارات عدة الاحد على بلدات في الغوطة الشرقية، لا سيما "
      "منها شبعا \"التي تشهد اطرافها اشتباكات بين مقاتلين من الكتائب المقاتلة والقوات النظامية منذ "
      "اسابيع\". كذلك، طاولت الغارات بلدات البلالية ودير سلمان وحران العواميد وعقربا ومحيط النشابية "
      "وعين ترما، بحسب المرصد.",
      "عقربا", "SY03", "SY0301", "C2292", 1),
    # بريف دمشق decides against Daraa's عقربا
    P("aqraba-rif-dimashq", AMBIGUOUS, "nc-00007", "2013-01-28T08:22:38", "akhbarelyomgate",
      "وأوضح الشهود أن عددا من سكان بلدة عقربا بريف دمشق بدأوا بالعودة تدريجيا لمنازلهم التي "
      "تركوها نتيجة الاشتباكات التي شهدتها على مدى الأسبوعين الماضيين.",
      "عقربا", "SY03", "SY0301", "C2292", 1),
    P("darayya", ORDINARY, "nc-00011", "2013-01-28T12:12:00", "elfagr",
      "في داريا (جنوب غرب دمشق)، دارت اشتباكات رافقها قصف عنيف مع استقدام القوات النظامية تعزيزات "
      "اضافية في محاولتها السيطرة على المدينة بشكل كامل، بحسب المرصد.",
      "داريا", "SY03", "SY0309", "C2498", 1),
    # دوما: Rif Dimashq, Hama or Sweida; 'في ريف دمشق' decides
    P("douma-rif-dimashq-scene", AMBIGUOUS, "nc-00056", "2013-01-29T23:51:10", "masrawy",
      "في ريف دمشق، تعرضت مدينة دوما لقصف من القوات النظامية فجر اليوم، بحسب المرصد.",
      "دوما", "SY03", "SY0302", "C2338", 1),
    # دوما next to حرستا/عربين, north-east of Damascus
    P("douma-listed-with-harasta", AMBIGUOUS, "nc-00169", "2013-02-01T02:11:04", "masrawy",
      "ودارت اشتباكات الى الشمال الشرقي من دمشق، لا سيما في دوما وحرستا وعربين، ما ادى الى مقتل "
      "ثلاثة من المقاتلين المعارضين.",
      "دوما", "SY03", "SY0302", "C2338", 1),
    P("harasta", ORDINARY, "nc-00169", "2013-02-01T02:11:04", "masrawy",
      "ودارت اشتباكات الى الشمال الشرقي من دمشق، لا سيما في دوما وحرستا وعربين، ما ادى الى مقتل "
      "ثلاثة من المقاتلين المعارضين.",
      "حرستا", "SY03", "SY0302", "C2342", 1),
    # المليحة (Rif Dimashq) vs المليحة الغربية/الشرقية (Daraa)
    P("maliha-sw-damascus", AMBIGUOUS, "nc-00015", "2013-01-28T15:10:00", "elfagr",
      "وأضاف المرصد السوري أن المعارك اندلعت أيضًا بالقرب من مبنى الدفاع الجوي في المليحة في جنوب "
      "غرب دمشق.",
      "المليحة", "SY03", "SY0301", "C2308", 1, role=None),
    P("maliha-kafr-batna", AMBIGUOUS, "nc-01413", "2013-03-10T16:51:41", "masrawy",
      "وفي محيط العاصمة، افاد المرصد ان الطيران الحربي اغار على بلدتي كفربطنا والمليحة، في حين ادى "
      "القصف والاشتباكات في مدينة دوما (شمال شرق) الى مقتل عشرة اشخاص بينهم ثلاثة اطفال ومقاتلين "
      "معارضين، بحسب المرصد.",
      "المليحة", "SY03", "SY0301", "C2308", 1),
    # COD-AB writes كفر بطنا
    P("kafr-batna-joined", ORDINARY, "nc-01413", "2013-03-10T16:51:41", "masrawy",
      "وفي محيط العاصمة، افاد المرصد ان الطيران الحربي اغار على بلدتي كفربطنا والمليحة، في حين ادى "
      "القصف والاشتباكات في مدينة دوما (شمال شرق) الى مقتل عشرة اشخاص بينهم ثلاثة اطفال ومقاتلين "
      "معارضين، بحسب المرصد.",
      "كفربطنا", "SY03", "SY0301", "C2319", 1),
    # vocalised عَدْرا; ريف العاصمة is Rif Dimashq
    P("adra-diacritics", ORDINARY, "nc-00381", "2013-02-05T21:25:39", "El.Dostor.News",
      "وفي دمشق، فقد أعلن الجيش الحر أنه سيطر على حاجز  الوتار قرب مدينة عَدْرا بريف العاصمة، في "
      "حين تواصلت المواجهات في معضمية  الشام وداريا وطريق دمشق الدولي بين قوات النظام والجيش الحر.",
      "عَدْرا", "SY03", "SY0302", "C2331", 1),
    P("nabk-diacritics", ORDINARY, "nc-00381", "2013-02-05T21:25:39", "El.Dostor.News",
      "وقصفت قوات النظام دوما والنَبك ويبرود بريف دمشق، وفي العاصمة قصفت قوات النظام أحياء دمشق الجنوبية.",
      "النَبك", "SY03", "SY0306", "C2419", 1),
    P("yabroud", ORDINARY, "nc-00381", "2013-02-05T21:25:39", "El.Dostor.News",
      "وقصفت قوات النظام دوما والنَبك ويبرود بريف دمشق، وفي العاصمة قصفت قوات النظام أحياء دمشق الجنوبية.",
      "يبرود", "SY03", "SY0305", "C2416", 1),
    P("qara-qalamoun", ORDINARY, "nc-00640", "2013-02-14T10:53:00", "fjp",
      "ذكر \"المرصد السوري\" المعارض، أن مسلحين قتلوا أمين عام الجبهة العربية للدفاع عن سوريا علي "
      "اسمندر مع إبنين له وأحد أقاربه إثر كمين نصبه لهم مقاتلون من منطقة القلمون بالقرب من بلدة "
      "قارة بريف دمشق",
      "قارة", "SY03", "SY0306", "C2427", 1, role=None),
    # جوبر in Damascus (neighbourhood, no community) vs جوبر C2504 in Homs
    P("jobar-damascus", AMBIGUOUS, "nc-00227", "2013-02-02T07:31:15", "masrawy",
      "ووقعت، بحسب المرصد، اشتباكات عنيفة بين القوات النظامية ومقاتلين معارضين في حي جوبر في شرق "
      "دمشق، تلت اشتباكات قرب مخيم اليرموك للاجئين الفلسطينيين في جنوب العاصمة.",
      "جوبر", "SY01", "SY0100", DAM, 1),
    # المزرعة: Damascus neighbourhood vs communities in Homs (C2583) and Latakia (C3538)
    P("mazraa-damascus", AMBIGUOUS, "nc-00876", "2013-02-21T12:01:37", "ElWatanNews",
      "وقالت قناة \"الإخبارية السورية\" في شريط إخباري عاجل إن \"التفجير الإرهابي الذي وقع على أطراف "
      "حي المزرعة في دمشق أسفر عن سقوط شهداء وجرحى\".",
      "المزرعة", "SY01", "SY0100", DAM, 1),
    # الصالحية: Damascus neighbourhood vs four communities (Duma C2360, Jisr ash-Shughur, Malikiyeh, Abu
    # Kamal)
    P("salhiyeh-damascus", AMBIGUOUS, "nc-00871", "2013-02-21T07:56:06", "akhbarelyomgate",
      "من جهة أخرى، أفاد ناشطون بأن إشتباكات دارت ليلة أمس بين الجيشين النظامي والحر في حي "
      "الصالحية وسط دمشق ومنطقة حي اليرموك للاجئين الفلسطينيين وسط العاصمة، كما كثفت قوات النظام "
      "السوري قصفها لمناطق عدة في أحياء دمشق وريفها فجرالخميس.",
      "الصالحية", "SY01", "SY0100", DAM, 1),
    # حي تشرين بوسط العاصمة: Damascus, not تشرين in Raqqa (C5731) or Mayadin (C5206)
    P("tishreen-damascus", AMBIGUOUS, "nc-01196", "2013-03-02T11:37:10", "fjp",
      "وكانت اشتباكات عنيفة دارت بين القوات النظامية والجيش الحر في حي تشرين بوسط العاصمة حيث "
      "استهدف عناصر الحر بقذائف \"آر بي جي\" مواقع تتحصن فيها قوات النظام والشبيحة في حيي \"تشرين\" "
      "و\"جوبر\"، ودمروا العديد من الآليات ومدرعات جيش النظام",
      "تشرين", "SY01", "SY0100", DAM, 1,
      xfail="'حي تشرين بوسط العاصمة' is the Damascus neighbourhood; the extractor picks Aleppo's "
            "تشرين (C1007): 'العاصمة' does not count as Damascus context"),
    # مخيم اليرموك: Damascus C1002, not اليرموك C5701 in Raqqa
    P("yarmouk-camp", AMBIGUOUS, "nc-00007", "2013-01-28T08:22:38", "akhbarelyomgate",
      "شهدت أحياء العاصمة السورية دمشق الجنوبية، الليلة الماضية اشتباكات عنيفة بين وحدات من الجيش "
      "السوري والمعارضة المسلحة اشتدت في حي القدم ومخيم اليرموك سقط خلالها عشرات من القتلى "
      "والمصابين.",
      "اليرموك", "SY01", "SY0100", "C1002", 1),
    # a Damascus neighbourhood outside every table
    P("dahadil-damascus", ORDINARY, "nc-00381", "2013-02-05T21:25:39", "El.Dostor.News",
      "من جهتها قالت شبكة شام إن قوات النظام شنت حملة اعتقالات ونهب وحرق للمنازل في حي الدحاديل بدمشق.",
      "الدحاديل", "SY01", "SY0100", DAM, 1),
    # the Husseiniyeh camp by Sayyida Zaynab (Markaz Rif Dimashq); COD-AB's الحسينية C2446 is a Zabadani
    # village 25 km away
    P("husseiniyeh-camp", AMBIGUOUS, "nc-01595", "2013-03-16T17:49:25", "akhbarelyomgate",
      "ومن جهة أخرى، أفاد ناشطون سوريون بانفجار سيارة مفخخة في مخيم الحسينية بريف دمشق مما أسفر عن "
      "سقوط 5 قتلى.",
      "الحسينية", "SY03", "SY0301", None, 1),
    # spans two districts
    P("ghouta-east-standalone", GOVERNORATE, "nc-00015", "2013-01-28T15:10:00", "elfagr",
      "ولم تتوقف أعمال القصف مساء أمس على الغوطة الشرقية وهي منطقة البساتين في شرق دمشق، حيث لقى "
      "اثنان من المتمردين مصرعهما، وفقًا لما أفاد به المرصد السوري.",
      "الغوطة الشرقية", "SY03", None, None, 3),
    P("ghouta-east-qualifier", GOVERNORATE, "nc-00033", "2013-01-29T06:40:00", "cnnarabic",
      "كما أشارت الوكالة إلى أن وحدات الجيش سيطرت على منطقة \"أرض الخليج السكنية\" في مدينة داريا "
      "بريف دمشق، كما دمرت مخازن أسلحة وذخائر في دوما وحرستا بالغوطة الشرقية، أما في حلب وريفها "
      "فقد وقعت مواجهات بحسب الوكالة، أدت إلى إلحاق \"خسائر كبيرة\" في صفوف المسلحين في مرعناز ومنغ "
      "ومنطقة السفيرة وقرى الجلاغيم والعدنانية وخناصر.",
      "الغوطة الشرقية", "SY03", None, None, 3, role="qualifier"),
    P("rif-dimashq-scene", GOVERNORATE, "nc-00011", "2013-01-28T12:12:00", "elfagr",
      "في ريف دمشق، شنت مقاتلات حربية سورية غارات عدة الاحد على بلدات في الغوطة الشرقية، لا سيما "
      "منها شبعا \"التي تشهد اطرافها اشتباكات بين مقاتلين من الكتائب المقاتلة والقوات النظامية منذ "
      "اسابيع\".",
      "ريف دمشق", "SY03", None, None, 3, role=None),
    # spans Darayya, Qatana and Markaz
    P("ghouta-west", GOVERNORATE, "nc-01171", "2013-03-01T19:24:55", "El.Dostor.News",
      "وفي محيط دمشق, أشار مراسل الجزيرة إلى محاولة جديدة من القوات النظامية لاقتحام داريا الواقعة "
      "في الغوطة الغربية من عدة محاور.",
      "الغوطة الغربية", "SY03", None, None, 3, role=None),
    # ------------------------------ Homs
    # احياء في مدينة حمص ... جوبر: Homs' Jobar, itself a community (C2504); not Damascus
    P("jobar-homs", AMBIGUOUS, "nc-00011", "2013-01-28T12:12:00", "elfagr",
      "في محافظة حمص (وسط)، قتل ثلاثة اطفال في قصف على منطقة الحولة، بينما تعرضت احياء في مدينة "
      "حمص لا سيما منها جوبر والسلطانية لقصف مع محاولة النظام السيطرة عليها.",
      "جوبر", "SY04", "SY0401", "C2504", 1,
      xfail="جوبر in 'احياء في مدينة حمص لا سيما منها جوبر والسلطانية' is not emitted at all (the "
            "list after 'لا سيما منها' is not read as places)"),
    # حي الخالدية في مدينة حمص: the Homs city neighbourhood (C2528); C2522 is a village 7 km north, and four
    # more الخالدية elsewhere
    P("khalidiyeh-homs", AMBIGUOUS, "nc-00015", "2013-01-28T15:10:00", "elfagr",
      "وتعرض حي الخالدية المتمرد لأعمال قصف في مدينة حمص التي يُطلق عليها \"عاصمة الثورة\".",
      "الخالدية", "SY04", "SY0401", "C2528", 1),
    P("homs-city", ORDINARY, "nc-00015", "2013-01-28T15:10:00", "elfagr",
      "وتعرض حي الخالدية المتمرد لأعمال قصف في مدينة حمص التي يُطلق عليها \"عاصمة الثورة\".",
      "حمص", "SY04", "SY0401", "C2528", 1, role=None),
    # القصور here is a Homs neighbourhood (أحياء حمص), not Damascus' القصور
    P("qusour-homs", AMBIGUOUS, "nc-00713", "2013-02-16T11:43:41", "akhbarelyomgate",
      "يأتي هذا في الوقت الذي كثفت فيه قوات بشار الأسد قصفها ليلا على العديد من المناطق في حمص "
      "وريفها بينها أحياء حمص القديمة والقصور وجورة الشياح والقرابيص والحولة.",
      "القصور", "SY04", "SY0401", "C2528", 1,
      xfail="'أحياء حمص القديمة والقصور' lists Homs neighbourhoods; القصور is coded as the "
            "Damascus neighbourhood of places_extra"),
    # الحيدرية: Homs village (Qusayr) vs Aleppo neighbourhood vs Hama C3175; 'ريف مدينة حمص' decides
    P("haidariyeh-homs", AMBIGUOUS, "nc-00998", "2013-02-24T08:21:11", "akhbarelyomgate",
      "وقالت الصحيفة، إن وحدات من الجيش السوري نفذت سلسلة من العمليات النوعية استهدفت تجمعات "
      "لمسلحي جبهة النصرة والجيش الحر في ريف مدينة حمص، مشيرة إلى أن بعض هذه العمليات كانت في قرى "
      "البويضة الشرقية والحيدرية والشومرية وكمام وعش الورور وأدت إلى سقوط ما لا يقل عن 300 مسلحا "
      "بين قتيل وجريح.",
      "الحيدرية", "SY04", "SY0402", "C2714", 1,
      xfail="in the village list 'قرى البويضة الشرقية والحيدرية والشومرية' الحيدرية gets role "
            "qualifier instead of place (its codes are right)"),
    P("buwayda-sharqiya", ORDINARY, "nc-00031", "2013-01-29T04:12:02", "masrawy",
      "كذلك، ادت غارة جوية على قرية البويضة الشرقية في ريف حمص الجنوبي الى مقتل شخصين احدهما سيدة، "
      "بحسب المرصد.",
      "البويضة الشرقية", "SY04", "SY0402", "C2715", 1),
    # ريف حمص الجنوبي fixes the governorate only (GUIDELINES §3)
    P("rif-homs-south-qualifier", GOVERNORATE, "nc-00031", "2013-01-29T04:12:02", "masrawy",
      "كذلك، ادت غارة جوية على قرية البويضة الشرقية في ريف حمص الجنوبي الى مقتل شخصين احدهما سيدة، "
      "بحسب المرصد.",
      "ريف حمص الجنوبي", "SY04", None, None, 3, role="qualifier"),
    # كفر لاها: Homs (C2556) or Masyaf (C3435); بريف حمص decides
    P("kafr-laha-homs", AMBIGUOUS, "nc-00796", "2013-02-19T06:30:00", "cnnarabic",
      "من جهتها، قالت وكالة الأنباء السورية الرسمية إن وحدات تابعة للجيش أوقعت أعداداً ممن وصفتهم "
      "بـ\"الإرهابيين\" قتلى ومصابين في سلسلة عمليات نوعية نفذتها ضد تجمعاتهم في آبل وتلدو وكفرلاها "
      "وشمال البويضة الشرقية بريف حمص، وأسفرت عن تدمير عدد من آلياتهم المزودة برشاشات.",
      "كفرلاها", "SY04", "SY0401", "C2556", 1),
    P("taldou", ORDINARY, "nc-00796", "2013-02-19T06:30:00", "cnnarabic",
      "من جهتها، قالت وكالة الأنباء السورية الرسمية إن وحدات تابعة للجيش أوقعت أعداداً ممن وصفتهم "
      "بـ\"الإرهابيين\" قتلى ومصابين في سلسلة عمليات نوعية نفذتها ضد تجمعاتهم في آبل وتلدو وكفرلاها "
      "وشمال البويضة الشرقية بريف حمص، وأسفرت عن تدمير عدد من آلياتهم المزودة برشاشات.",
      "تلدو", "SY04", "SY0401", "C2541", 1),
    P("talbiseh", ORDINARY, "nc-00381", "2013-02-05T21:25:39", "El.Dostor.News",
      "وفي حمص،  قالت الهيئة العامة للثورة إن جيش النظام قصف بطائرات ميغ أحياء عدة في  المدينة، "
      "واستهدف القصف أيضا مدن وبلدات قلعة الحصن وتلبيسة والغـَنطو وعين  حسن.",
      "تلبيسة", "SY04", "SY0404", "C2882", 1),
    # tatweel and a vowel inside the name
    P("ghantu-tatweel", ORDINARY, "nc-00381", "2013-02-05T21:25:39", "El.Dostor.News",
      "وفي حمص،  قالت الهيئة العامة للثورة إن جيش النظام قصف بطائرات ميغ أحياء عدة في  المدينة، "
      "واستهدف القصف أيضا مدن وبلدات قلعة الحصن وتلبيسة والغـَنطو وعين  حسن.",
      "الغـَنطو", "SY04", "SY0404", "C2885", 1),
    # Krak des Chevaliers town = COD-AB الحصن C2841 (Tall Kalakh); COD-AB's قلعة الحصن C4899 is a Hasakeh
    # village
    P("qalaat-al-hosn-homs", AMBIGUOUS, "nc-00381", "2013-02-05T21:25:39", "El.Dostor.News",
      "كما قُصفت الرستن والحولة، مما أدى لمقتل وإصابة أشخاص عدة، كما شهدت قلعة الحصن غرب حمص "
      "اشتباكات بين قوات النظام والجيش الحر.",
      "قلعة الحصن", "SY04", "SY0403", "C2841", 1),
    P("rastan", ORDINARY, "nc-01196", "2013-03-02T11:37:10", "fjp",
      "وذكرت قناة (الجزيرة) الفضائية اليوم السبت أن القوات النظامية قصفت بشكل عنيف مدينتي الرستن "
      "والغنطو في ريف حمص",
      "الرستن", "SY04", "SY0404", "C2870", 1),
    P("rif-homs-qualifier", GOVERNORATE, "nc-01196", "2013-03-02T11:37:10", "fjp",
      "وذكرت قناة (الجزيرة) الفضائية اليوم السبت أن القوات النظامية قصفت بشكل عنيف مدينتي الرستن "
      "والغنطو في ريف حمص",
      "ريف حمص", "SY04", None, None, 3, role="qualifier"),
    # the countryside of one district: district level
    P("rif-qusayr-region", GOVERNORATE, "nc-00056", "2013-01-29T23:51:10", "masrawy",
      "في محافظة حمص (وسط)، افاد المرصد عن استقدام القوات النظامية لتعزيزات الى ريف القصير، في حين "
      "يستمر القصف من القوات النظامية على احياء جوبر والسلطانية ومحيطهما في وسط مدينة حمص.",
      "ريف القصير", "SY04", "SY0402", None, 2, role=None,
      xfail="'ريف القصير' is the countryside of one district (SY0402, precision 2); the extractor "
            "drops ريف and codes the town القصير C2733 at precision 1"),
    # احياء جوبر والسلطانية ... في وسط مدينة حمص: Homs' Jobar (C2504), not Damascus'
    P("jobar-homs-centre", AMBIGUOUS, "nc-00056", "2013-01-29T23:51:10", "masrawy",
      "في محافظة حمص (وسط)، افاد المرصد عن استقدام القوات النظامية لتعزيزات الى ريف القصير، في حين "
      "يستمر القصف من القوات النظامية على احياء جوبر والسلطانية ومحيطهما في وسط مدينة حمص.",
      "جوبر", "SY04", "SY0401", "C2504", 1,
      xfail="جوبر followed by 'في وسط مدينة حمص' is coded as the Damascus neighbourhood from "
            "places_extra; the Homs community C2504 should win in a Homs context"),
    # a Homs city neighbourhood (no community of its own), not سلطانية C1721 in Menbij
    P("sultaniyeh-homs", AMBIGUOUS, "nc-00056", "2013-01-29T23:51:10", "masrawy",
      "في محافظة حمص (وسط)، افاد المرصد عن استقدام القوات النظامية لتعزيزات الى ريف القصير، في حين "
      "يستمر القصف من القوات النظامية على احياء جوبر والسلطانية ومحيطهما في وسط مدينة حمص.",
      "السلطانية", "SY04", "SY0401", "C2528", 1),
    P("rif-tall-kalakh-qualifier", GOVERNORATE, "nc-00068", "2013-01-30T06:30:00", "cnnarabic",
      "وذكرت الوكالة أن قوات حرس الحدود تصدت لمحاولة مجموعات وصفتها بأنها \"إرهابية مسلحة\" التسلل "
      "من الأراضي اللبنانية عند موقع حالات في ريف تلكلخ، وقتلت عددا من أفرادها، في حين انكفأ من "
      "تبقى منهم إلى داخل الأراضي اللبنانية.",
      "ريف تلكلخ", "SY04", "SY0403", None, 2, role="qualifier",
      xfail="'في ريف تلكلخ' becomes the town تلكلخ C2762 (precision 1, role place) instead of the "
            "district's countryside qualifying موقع حالات"),
    # عين الشعرة: Tall Kalakh (C2782) vs Qatana (C2474); 'في ريف تلكلخ' decides
    P("ein-al-shaara-tall-kalakh", AMBIGUOUS, "nc-01545", "2013-03-15T10:40:00", "cnnarabic",
      "، مساء الخميس، إن \"مجموعات إرهابية مسلحة قامت خلال الـ36 ساعة الماضية، وبأعداد كبيرة "
      "بالتسلل من الأراضي اللبنانية إلى الأراضي السورية، في مواقع المتهومة، وعين الشعرة، والجوسية، "
      "وقريات في ريف تلكلخ\"، دون أن تحدد طبيعة هذه المجموعات.",
      "عين الشعرة", "SY04", "SY0403", "C2782", 1, role=None),
    # ------------------------------ Hama
    P("karnaz-diacritics", ORDINARY, "nc-00381", "2013-02-05T21:25:39", "El.Dostor.News",
      "وفي ريف حماة وسط البلاد، قالت لجان التنسيق المحلية إن قوات النظام قصفت بالطائرات مدن وبلدات "
      " كُرناز وكفرنَبُّودة ولِمْغَيِّر.",
      "كُرناز", "SY05", "SY0505", "C3469", 1),
    # vocalised, written joined; COD-AB كفر نبودة
    P("kafr-nabuda-diacritics", ORDINARY, "nc-00381", "2013-02-05T21:25:39", "El.Dostor.News",
      "وفي ريف حماة وسط البلاد، قالت لجان التنسيق المحلية إن قوات النظام قصفت بالطائرات مدن وبلدات "
      " كُرناز وكفرنَبُّودة ولِمْغَيِّر.",
      "كفرنَبُّودة", "SY05", "SY0502", "C3209", 1),
    # لِمْغَيِّر = المغير (colloquial article); Hama C3465 by Karnaz, not Sweida's C6204
    P("lmughayyir-colloquial", AMBIGUOUS, "nc-00381", "2013-02-05T21:25:39", "El.Dostor.News",
      "وفي ريف حماة وسط البلاد، قالت لجان التنسيق المحلية إن قوات النظام قصفت بالطائرات مدن وبلدات "
      " كُرناز وكفرنَبُّودة ولِمْغَيِّر.",
      "مْغَيِّر", "SY05", "SY0505", "C3465", 1),
    P("rif-hama-scene", GOVERNORATE, "nc-00381", "2013-02-05T21:25:39", "El.Dostor.News",
      "وفي ريف حماة وسط البلاد، قالت لجان التنسيق المحلية إن قوات النظام قصفت بالطائرات مدن وبلدات "
      " كُرناز وكفرنَبُّودة ولِمْغَيِّر.",
      "ريف حماة", "SY05", None, None, 3, role=None),
    P("karnaz-rif-hama", ORDINARY, "nc-00452", "2013-02-08T05:41:19", "masrawy",
      "واستعادت القوات النظامية السورية الخميس السيطرة على بلدة كرناز في ريف حماة بعد 16 يوما من "
      "المعارك العنيفة مع مسلحي المعارضة، بحسب ما ذكر المرصد السوري لحقوق الانسان.",
      "كرناز", "SY05", "SY0505", "C3469", 1),
    # an event with no smaller place
    P("rif-hama-south-standalone", GOVERNORATE, "nc-00452", "2013-02-08T05:41:19", "masrawy",
      "من جهة ثانية، كشف المرصد الخميس عن انفجار استهدف حافلة امس الاربعاء في ريف حماة الجنوبي ما "
      "تسبب بمقتل عشرين شخصا بينهم عشر نساء.",
      "ريف حماة الجنوبي", "SY05", None, None, 3),
    # the Hama الجرنية is not in COD-AB; the three COD-AB rows (Al Bab, At Tall, Thawrah) are all wrong here
    P("jurneyyeh-hama", AMBIGUOUS, "nc-00031", "2013-01-29T04:12:02", "masrawy",
      "في محافظة حماة (وسط)، قصفت القوات النظامية بلدات الجرنية وكرناز وكفرنبودة، بحسب المرصد.",
      "الجرنية", "SY05", ANY, ANY, ANY),
    P("salamiyeh-hama", ORDINARY, "nc-00011", "2013-01-28T12:12:00", "elfagr",
      "وتبنت جبهة النصرة الاسلامية المتطرفة تفجيرا انتحاريا الاثنين في بلدة السلمية في محافظة حماة "
      "وسط سوريا، وادى الى مقتل 42 شخصا، بحسب ما اعلنت الاحد في حسابها الخاص على موقع \"تويتر\" "
      "للتواصل الاجتماعي.",
      "السلمية", "SY05", "SY0503", "C3244", 1),
    # ------------------------------ Idleb
    P("taftanaz-airbase", ORDINARY, "nc-00025", "2013-01-28T19:33:00", "elfagr",
      "وكانت الجبهة أعلنت، في وقت سابق، سيطرتها على مطار تفتناز العسكري في ريف إدلب، إضافة إلى "
      "تنفيذ هجوم على أحد المباني التابعة للمخابرات الجوية في شارع بغداد بالعاصمة دمشق.",
      "تفتناز", "SY07", "SY0700", "C3932", 1),
    P("rif-idlib-qualifier", GOVERNORATE, "nc-00025", "2013-01-28T19:33:00", "elfagr",
      "وكانت الجبهة أعلنت، في وقت سابق، سيطرتها على مطار تفتناز العسكري في ريف إدلب، إضافة إلى "
      "تنفيذ هجوم على أحد المباني التابعة للمخابرات الجوية في شارع بغداد بالعاصمة دمشق.",
      "ريف إدلب", "SY07", None, None, 3, role="qualifier"),  # the adjective العسكري does not break the link
    P("rif-idlib-standalone", GOVERNORATE, "nc-00655", "2013-02-14T20:06:49", "El.Dostor.News",
      "قال ناشطون إن الجيش الحر تمكن من إسقاط طائرتين حربيتين تابعتين للجيش النظامي السوري في ريف "
      "إدلب،  وشهدت مدن وبلدات سورية قصفا واشتباكات أوقعت مزيدا من القتلى.",
      "ريف إدلب", "SY07", None, None, 3),
    P("kafr-nubl", ORDINARY, "nc-00630", "2013-02-14T07:01:23", "masrawy",
      "كما قتل عشرة اشخاص بينهم امرأة في قصف تعرضت له بلدة كفرنبل في محافظة ادلب (شمال غرب).",
      "كفرنبل", "SY07", "SY0702", "C4068", 1),
    P("kafruma", ORDINARY, "nc-00655", "2013-02-14T20:06:49", "El.Dostor.News",
      "وردا على ذلك قصف الطيران الحربي أطراف بلدة كفرومة بريف إدلب، حسب ما  أعلنته شبكة شام "
      "الإخبارية، التي ذكرت أن القصف شمل أيضا مدينة خان شيخون  وبلدات في ريف معرة النعمان في إدلب.",
      "كفرومة", "SY07", "SY0702", "C3984", 1),
    P("khan-shaykhun", ORDINARY, "nc-00655", "2013-02-14T20:06:49", "El.Dostor.News",
      "وردا على ذلك قصف الطيران الحربي أطراف بلدة كفرومة بريف إدلب، حسب ما  أعلنته شبكة شام "
      "الإخبارية، التي ذكرت أن القصف شمل أيضا مدينة خان شيخون  وبلدات في ريف معرة النعمان في إدلب.",
      "خان شيخون", "SY07", "SY0702", "C3987", 1),
    # one district's countryside
    P("rif-maarrat-region", GOVERNORATE, "nc-00655", "2013-02-14T20:06:49", "El.Dostor.News",
      "وردا على ذلك قصف الطيران الحربي أطراف بلدة كفرومة بريف إدلب، حسب ما  أعلنته شبكة شام "
      "الإخبارية، التي ذكرت أن القصف شمل أيضا مدينة خان شيخون  وبلدات في ريف معرة النعمان في إدلب.",
      "ريف معرة النعمان", "SY07", "SY0702", None, 2, role=None,
      xfail="'بلدات في ريف معرة النعمان' becomes the town معرة النعمان C3985 (precision 1) instead "
            "of the district SY0702 at precision 2"),
    # name in quotes after مدينة
    P("idlib-city-quoted", ORDINARY, "nc-00040", "2013-01-29T14:32:29", "akhbarelyomgate",
      "تمكنت عناصر من الجيش السوري الحر من السيطرة على السجن المركزي في مدينة \"إدلب\" شمال غرب سوريا.",
      "إدلب", "SY07", "SY0700", "C3871", 1),
    # دير سنبل: Idleb (Ariha, C4293) or Hama (C3190); بجبل الزاوية decides
    P("deir-sunbul-zawiya", AMBIGUOUS, "nc-00040", "2013-01-29T14:32:29", "akhbarelyomgate",
      "ومن جهة أخرى، قصفت قوات النظام براجمات الصواريخ قرى بينين ودير سنبل بجبل الزاوية، كما قصفت "
      "بالمدفعية الثقيلة منطقة الرويحة الواقعة شرق قرية سرجة.",
      "دير سنبل", "SY07", "SY0705", "C4293", 1),
    # COD-AB spells it بنين (Banin, by Deir Sunbul)
    P("binin-zawiya", ORDINARY, "nc-00040", "2013-01-29T14:32:29", "akhbarelyomgate",
      "ومن جهة أخرى، قصفت قوات النظام براجمات الصواريخ قرى بينين ودير سنبل بجبل الزاوية، كما قصفت "
      "بالمدفعية الثقيلة منطقة الرويحة الواقعة شرق قرية سرجة.",
      "بينين", "SY07", "SY0705", "C4274", 1),
    P("sarja", ORDINARY, "nc-00040", "2013-01-29T14:32:29", "akhbarelyomgate",
      "ومن جهة أخرى، قصفت قوات النظام براجمات الصواريخ قرى بينين ودير سنبل بجبل الزاوية، كما قصفت "
      "بالمدفعية الثقيلة منطقة الرويحة الواقعة شرق قرية سرجة.",
      "سرجة", "SY07", "SY0705", "C4273", 1, role=None),
    # spans Ariha and Maarrat an-Numan
    P("jebel-zawiya-qualifier", GOVERNORATE, "nc-00040", "2013-01-29T14:32:29", "akhbarelyomgate",
      "ومن جهة أخرى، قصفت قوات النظام براجمات الصواريخ قرى بينين ودير سنبل بجبل الزاوية، كما قصفت "
      "بالمدفعية الثقيلة منطقة الرويحة الواقعة شرق قرية سرجة.",
      "جبل الزاوية", "SY07", None, None, 3, role="qualifier"),
    P("balyun-zawiya", ORDINARY, "nc-01088", "2013-02-26T18:11:15", "masrawy",
      "ونفذ الطيران الحربي السوري الاثنين غارات في مناطق عدة، قتل في احداها خمسة مواطنين في قرية "
      "بليون في منطقة جبل الزاوية في ادلب (شمال غرب).",
      "بليون", "SY07", "SY0705", "C4302", 1),
    # ------------------------------ Aleppo, in the national press
    P("bustan-al-qasr-news", ORDINARY, "nc-00049", "2013-01-29T20:32:43", "ElWatanNews",
      "تتكدس في إحدى مدارس حي بستان القصر في مدينة حلب بشمال سوريا، أكثر من 65 جثة، غطيت بقماش "
      "أزرق لا يظهر منها سوى الوجه ليتاح للعائلات التعرف إليها، بعد انتشالها الثلاثاء من نهر في "
      "المدينة، وتبادل طرفا النزاع المسؤولية عن قتلهم.",
      "بستان القصر", "SY02", "SY0200", "C1007", 1),
    # بحلب: the Aleppo neighbourhood, not the Homs/Hama villages
    P("haidariyeh-bi-halab-news", AMBIGUOUS, "nc-01171", "2013-03-01T19:24:55", "El.Dostor.News",
      "وكانت امرأة قتلت قبيل ذلك في قصف على حي الحيدرية بحلب أيضا.",
      "الحيدرية", "SY02", "SY0200", "C1007", 1),
    # الأشرفية next to 'بحلب القديمة': Aleppo, not Homs C2514 or Jablah C3579
    P("ashrafiyeh-aleppo-news", AMBIGUOUS, "nc-01463", "2013-03-12T08:35:56", "akhbarelyomgate",
      "وفي الأثناء، تصدى الجيش الحر لمحاولة قوات النظام اقتحام جامع بني أمية الأثري وعدة أحياء "
      "بحلب القديمة، كما دارت اشتباكات في أحياء الأشرفية وبستان الباشا وصلاح الدين.",
      "الأشرفية", "SY02", "SY0200", "C1007", 1),
    # بستان الباشا: Aleppo neighbourhood vs Jablah community C3575
    P("bustan-al-basha-news", AMBIGUOUS, "nc-01463", "2013-03-12T08:35:56", "akhbarelyomgate",
      "وفي الأثناء، تصدى الجيش الحر لمحاولة قوات النظام اقتحام جامع بني أمية الأثري وعدة أحياء "
      "بحلب القديمة، كما دارت اشتباكات في أحياء الأشرفية وبستان الباشا وصلاح الدين.",
      "بستان الباشا", "SY02", "SY0200", "C1007", 1),
    # أحياء الجديدة والسبع بحرات وحلب القديمة, after 'وفي حلب': Aleppo's Jdeideh, not one of five الجديدة
    # communities
    P("jdeideh-aleppo-old-city", AMBIGUOUS, "nc-00655", "2013-02-14T20:06:49", "El.Dostor.News",
      "وفي حلب أفادت شبكة شام بأن مسلحي المعارضة سيطروا على حاجزين عسكريين  ومبنى النفوس، وذكرت أن "
      "قصفا عنيفا بالمدفعية الثقيلة لقوات النظام استهدف  محيط بلدة خان العسل. وقال المرصد السوري "
      "إن اشتباكات عنيفة دارت مع القوات  النظامية في أحياء الجديدة والسبع بحرات وحلب القديمة.",
      "الجديدة", "SY02", "SY0200", "C1007", 1,
      xfail="'أحياء الجديدة والسبع بحرات وحلب القديمة' after 'وفي حلب': Aleppo's Jdeideh quarter "
            "(C1007); the extractor picks الجديدة C1662 in A'zaz"),
    # عمليات ... في حلب: المنصورة C1080 (Jebel Saman), one of six المنصورة
    P("mansoura-aleppo", AMBIGUOUS, "nc-00563", "2013-02-12T04:45:56", "bbcarabicnews",
      "وذكرت الوكالة أن عمليات القوات الحكومية في حلب استهدفت مقار و\"أوكارا للإرهابيين في مدينة "
      "الباب بالقرب من المركز الثقافي، وفي العويجة عند مجبل الزفت، وفي المنصورة عند كازية "
      "القاطرجي، وعند الأربع مفارق في كفر حمرا، وفي تل رحال، والذهبية، وكشيش\".",
      "المنصورة", "SY02", "SY0200", "C1080", 1,
      xfail="'وفي المنصورة عند كازية القاطرجي' in a report on Aleppo is not emitted (C1080, Jebel "
            "Saman, one of six المنصورة)"),
    # COD-AB spells كفر حمرة
    P("kafr-hamra-alef", ORDINARY, "nc-00563", "2013-02-12T04:45:56", "bbcarabicnews",
      "وذكرت الوكالة أن عمليات القوات الحكومية في حلب استهدفت مقار و\"أوكارا للإرهابيين في مدينة "
      "الباب بالقرب من المركز الثقافي، وفي العويجة عند مجبل الزفت، وفي المنصورة عند كازية "
      "القاطرجي، وعند الأربع مفارق في كفر حمرا، وفي تل رحال، والذهبية، وكشيش\".",
      "كفر حمرا", "SY02", "SY0200", "C1134", 1),
    # Khan al-Asal (Jebel Saman) is missing from COD-AB 2015
    P("khan-al-asal", ORDINARY, "nc-01243", "2013-03-04T01:31:13", "masrawy",
      "وقال المرصد في بيان \"سيطر مقاتلون من عدة كتائب على مدرسة الشرطة في بلدة خان العسل بريف حلب "
      "بشكل شبه كامل\" بعد اشتباكات \"استمرت ثمانية ايام واسفرت عن سقوط نحو مئتي قتيل من القوات "
      "النظامية والكتائب المقاتلة\".",
      "خان العسل", "SY02", "SY0200", None, 1,
      xfail="خان العسل (Jebel Saman, west of Aleppo) is missing from COD-AB 2015 and from "
            "places_extra: 'بلدة خان العسل' is not even emitted as unresolved"),
    P("rif-halab-west-qualifier", GOVERNORATE, "nc-01088", "2013-02-26T18:11:15", "masrawy",
      "ميدانيا سقط 46 قتيلا من القوات النظامية والمقاتلين المعارضين خلال 24 ساعة في بلدة خان العسل "
      "ومحيطها، احد آخر معاقل القوات النظامية في ريف حلب الغربي، في معارك عنيفة، بحسب المرصد "
      "السوري لحقوق الانسان.",
      "ريف حلب الغربي", "SY02", None, None, 3, role="qualifier",
      xfail="ريف حلب الغربي qualifies خان العسل ('احد آخر معاقل ... في ريف حلب الغربي'); because "
            "خان العسل is missing from the gazetteer it becomes the event place"),
    P("atarib-list", ORDINARY, "nc-01362", "2013-03-08T12:07:00", "elfagr",
      "وأضاف المرصد أن مدن وبلدات الاتارب والباب وعندان بريف حلب شمالي سورية تعرضت للقصف من قبل "
      "القوات النظامية من بعد منتصف ليل الخميس/الجمعة ولم ترد معلومات عن خسائر بشرية.",
      "الاتارب", "SY02", "SY0200", "C1022", 1),
    P("al-bab-list", ORDINARY, "nc-01362", "2013-03-08T12:07:00", "elfagr",
      "وأضاف المرصد أن مدن وبلدات الاتارب والباب وعندان بريف حلب شمالي سورية تعرضت للقصف من قبل "
      "القوات النظامية من بعد منتصف ليل الخميس/الجمعة ولم ترد معلومات عن خسائر بشرية.",
      "الباب", "SY02", "SY0202", "C1202", 1),
    # ------------------------------ Aleppo, in the local outlets' headlines (the outlet is context)
    # AMC headline: the Aleppo neighbourhood
    P("haidariyeh-amc", AMBIGUOUS, "yt-XdP-qbK-vZg", "2012-11-17T13:25:26", AMC,
      "مركز حلب الإعلامي :مجزرة مروعة في حي الحيدرية 17-11-2012",
      "الحيدرية", "SY02", "SY0200", "C1007", 1),
    # Halab News slug 'حلب - الحيدرية ||'
    P("haidariyeh-hn-slug", AMBIGUOUS, "yt-XJ9Rej5gxFM", "2013-09-05T16:18:30", HN,
      "حلب - الحيدرية || تراكم القمامة التي تسبب لانتشار الأوبئة بين الأطفال 5 9 2013",
      "الحيدرية", "SY02", "SY0200", "C1007", 1),
    # المرجة: Aleppo neighbourhood for an Aleppo outlet; not Damascus' المرجة nor Malikiyeh C4827
    P("marjeh-amc", AMBIGUOUS, "yt-gLEVPr1BetY", "2013-04-15T09:51:05", AMC,
      "إسعاف جرحى قصف الطيران الحربي في حي المرجة 15 4 2013",
      "المرجة", "SY02", "SY0200", "C1007", 1),
    # الميدان: Aleppo, not Homs C2606 or Damascus
    P("midan-amc", AMBIGUOUS, "yt-0qZ_-j6Gtwk", "2013-06-05T18:44:33", AMC,
      "لقطة عامة للدمار في حي الميدان إثر قصف قوات الأسد 5 6 2013",
      "الميدان", "SY02", "SY0200", "C1007", 1),
    # 'حلب - الميدان :'
    P("midan-hn-slug", AMBIGUOUS, "yt-OTYAzGpZJ20", "2013-11-01T16:43:05", HN,
      "حلب نيوز || حلب - الميدان : قصف فرع المداهمة براجمة الصواريخ من قبل لواء السلطان مراد 1 11 2013",
      "الميدان", "SY02", "SY0200", "C1007", 1),
    # الفردوس: Aleppo vs Malikiyeh C4843
    P("firdaws-hn", AMBIGUOUS, "yt-t8lhyKZWJaA", "2013-08-26T14:30:11", HN,
      "حلب - الفردوس || لحظات قليلة بعد سقوط الصاروخ على الحي 26-8-2013",
      "الفردوس", "SY02", "SY0200", "C1007", 1),
    # vs Jablah C3575
    P("bustan-al-basha-amc", AMBIGUOUS, "yt-2FIR3vrqMFQ", "2013-02-16T00:03:02", AMC,
      "احتراق منزل حي بستان الباشا جراء استهدافه برصاص حارق",
      "بستان الباشا", "SY02", "SY0200", "C1007", 1),
    # ملعب الحمدانية: Aleppo, not Maarra C4084 / Hasakeh C4501
    P("hamdaniyeh-stadium-amc", AMBIGUOUS, "yt-pvGfxZvXt8w", "2013-07-03T06:22:29", AMC,
      "الثوار من لواء درع الشام يستهدفون ملعب الحمدانية بمدفع الهاون 3 7 2013",
      "الحمدانية", "SY02", "SY0200", "C1007", 1,
      xfail="'ملعب الحمدانية' in an AMC headline is not emitted (neither as a site nor as the "
            "Aleppo neighbourhood)"),
    # حي العامرية: Aleppo, not Al Bab C1260 / Tall Kalakh / Masyaf
    P("amiriyeh-amc", AMBIGUOUS, "yt-Q5EgRe5NwrA", "2013-03-04T16:35:27", AMC,
      "لواء صقور الأسلام استهداف قناص النظام حي العامرية",
      "العامرية", "SY02", "SY0200", "C1007", 1),
    # حي طريق الباب: an Aleppo neighbourhood, not the town of الباب
    P("tariq-al-bab-amc", AMBIGUOUS, "yt-1kmtNWVZy04", "2013-01-21T12:38:56", AMC,
      "أثارالقصف العشوائي على حي طريق الباب 21-1-2013",
      "طريق الباب", "SY02", "SY0200", "C1007", 1),
    # Aleppo's كرم النزهة (not in the neighbourhood list); must not become Homs' النزهة C2657
    P("karm-al-nuzha-hn", AMBIGUOUS, "yt-_A3F9glyi3c", "2014-01-19T16:39:50", HN,
      "حلب كرم النزهة || أثار القصف الطيران المروحي على الحي 19-1-2014",
      "كرم النزهة", "SY02", "SY0200", "C1007", 1),
    # عين التل (مساكن عين التل, an alias of the عين التينة neighbourhood) 'على الحي'; not التل C2395 in Rif
    # Dimashq
    P("ein-al-tall-hn", AMBIGUOUS, "yt-xijYxXzBb7E", "2014-04-21T20:33:36", HN,
      "ورد الآن || حلب نيوز - عين التل : اللحظات الأولى للقصف على الحي 20 4 2014",
      "عين التل", "SY02", "SY0200", "C1007", 1),
    P("sheikh-maqsoud-amc", ORDINARY, "yt-I_GbJYYizRQ", "2013-03-30T16:01:38", AMC,
      "دمار المنازل في حي الشيخ مقصود نتيجة القصف",
      "الشيخ مقصود", "SY02", "SY0200", "C1007", 1),
    # not هنانو C5922 in Tell Abiad
    P("masakin-hanano-amc", ORDINARY, "yt-tPOmkvwnrLE", "2013-02-16T21:53:42", AMC,
      "جرحى حي مساكن هنانو جراء سقوط سكود 16 2 2013",
      "مساكن هنانو", "SY02", "SY0200", "C1007", 1),
    P("qadi-askar-amc", ORDINARY, "yt-GnvyKVqzSXU", "2013-03-30T12:08:05", AMC,
      "آثار القصف بالطيران الحربي على حي قاضي عسكر 30-3-2013",
      "قاضي عسكر", "SY02", "SY0200", "C1007", 1),
    P("jeb-al-qubba-amc", ORDINARY, "yt-wVWaTpSFTdg", "2013-01-09T12:29:31", AMC,
      "مجزرة في حي جب القبة جـ3 9-1-2013",
      "جب القبة", "SY02", "SY0200", "C1007", 1),
    P("saif-al-dawla-amc", ORDINARY, "yt-NtKsuSRGlZ8", "2013-05-07T18:41:26", AMC,
      "اثار الدمار في منازل حي سيف الدولة جراء القصف 7 5 2013",
      "سيف الدولة", "SY02", "SY0200", "C1007", 1),
    # دير حافر: Aleppo (Al Bab, C1240) or Malikiyeh (C4902); 'ريف حلب -' and the outlet decide
    P("deir-hafer-hn", AMBIGUOUS, "yt-NT5OCGkXzaQ", "2013-08-19T15:12:36", HN,
      "ريف حلب - دير حافر || آثار القصف بالطيران الحربي على المدينة 19-8-2013",
      "دير حافر", "SY02", "SY0202", "C1240", 1),
    # the slug's governorate qualifier
    P("rif-halab-slug-hn", GOVERNORATE, "yt-NT5OCGkXzaQ", "2013-08-19T15:12:36", HN,
      "ريف حلب - دير حافر || آثار القصف بالطيران الحربي على المدينة 19-8-2013",
      "ريف حلب", "SY02", None, None, 3, role=None),
    P("haritan-amc", ORDINARY, "yt-dKCnpyXxGVs", "2013-03-30T18:41:49", AMC,
      "شهادة أهالي حريتان على القصف بصورايخ سكود على المدينة 29-3-2013",
      "حريتان", "SY02", "SY0200", "C1130", 1,
      xfail="'شهادة أهالي حريتان على القصف' yields no place: the name after أهالي is dropped "
            "(plain 'قصف على حريتان' resolves to C1130)"),
    P("al-bab-city-amc", ORDINARY, "yt-C3LD2T7EAm8", "2013-02-06T20:29:17", AMC,
      "آثار القصف المدفعي على مدينة الباب بريف حلب ج1 6 2 2013",
      "الباب", "SY02", "SY0202", "C1202", 1),
    P("rif-halab-qualifier-amc", GOVERNORATE, "yt-C3LD2T7EAm8", "2013-02-06T20:29:17", AMC,
      "آثار القصف المدفعي على مدينة الباب بريف حلب ج1 6 2 2013",
      "ريف حلب", "SY02", None, None, 3, role="qualifier"),
    P("marea-hn", ORDINARY, "yt-NRSMDx43OpA", "2014-07-05T13:28:14", HN,
      "حلب نيوز   مارع  آثار القصف بغارة جوية على مدينة مارع 5 7 2014",
      "مارع", "SY02", "SY0204", "C1643", 1),
    # COD-AB أعزاز
    P("azaz-hn", ORDINARY, "yt-1GwsGJoVeHk", "2014-05-20T07:38:03", HN,
      "حلب نيوز || مدينة إعزاز : لحظة قصف الطيران الحربي للمدينة وتصاعد الدخان 20 5 2014",
      "إعزاز", "SY02", "SY0204", "C1564", 1),
    P("tadef-hn", ORDINARY, "yt-7QJ7aT-vzfk", "2013-12-20T14:52:02", HN,
      "شبكة حلب نيوز - مدينة تادف || انتشال امراءة  كانت عالقة تحت الانقاض جراء القصف على المدينة اليوم",
      "تادف", "SY02", "SY0202", "C1219", 1),
    P("tal-hasil-amc", ORDINARY, "yt-7yJCJa9rEQk", "2013-07-29T20:11:13", AMC,
      "الشهيد محمد حميدة استشهد باشتباكات في تل حاصل بريف حلب الشرقي 29 7 2013",
      "تل حاصل", "SY02", "SY0207", "C2125", 1),
    P("rif-halab-east-qualifier", GOVERNORATE, "yt-7yJCJa9rEQk", "2013-07-29T20:11:13", AMC,
      "الشهيد محمد حميدة استشهد باشتباكات في تل حاصل بريف حلب الشرقي 29 7 2013",
      "ريف حلب الشرقي", "SY02", None, None, 3, role="qualifier"),
    P("maarat-al-artiq-amc", ORDINARY, "yt-2pIp7_Db8-E", "2013-07-12T23:24:47", AMC,
      "أصوات الاشتباكات بين الثوار وقوات النظام في جبل معارة الأرتيق بريف حلب الشمالي",
      "معارة الأرتيق", "SY02", "SY0200", "C1136", 1),
    P("rif-halab-north-qualifier", GOVERNORATE, "yt-2pIp7_Db8-E", "2013-07-12T23:24:47", AMC,
      "أصوات الاشتباكات بين الثوار وقوات النظام في جبل معارة الأرتيق بريف حلب الشمالي",
      "ريف حلب الشمالي", "SY02", None, None, 3, role="qualifier"),
    P("jalbal-hn", ORDINARY, "yt-HjTLpgR7Fug", "2013-10-28T19:49:45", HN,
      "حلب نيوز ||غ ع ش : اشتباكات مع قوات ال ب ك ك داخل قرية جلبل ج1 28 10 2013",
      "جلبل", "SY02", "SY0203", "C1360", 1),
    P("misqan-hn", ORDINARY, "yt-dnJl6DUQdKM", "2014-06-16T18:35:43", HN,
      "شبكة حلب نيوز:ريف حلب: بلدة مسقان اللحظات الاولى للقصف بالبراميل المتفجرة على البلدة 16-6-2014",
      "مسقان", "SY02", "SY0204", "C1627", 1),
    P("anadan-cd", ORDINARY, "yt-O3BFU97ApuQ", "2014-09-09T21:16:00", CD,
      "عندان اليوم -- ريف حلب عندان '' الطيران المروحي يلقي ببرميلين متفجرين أدى لسقوط شهداء وجرحى",
      "عندان", "SY02", "SY0200", "C1121", 1,
      xfail="Civil Defence headline 'عندان اليوم -- ريف حلب عندان' yields only ريف حلب; عندان "
            "(C1121) is dropped"),
    P("hayyan-cd", ORDINARY, "yt-X4efdMW9CPQ", "2014-10-24T11:45:16", CD,
      "قصف بالمدفعية على بلدة حيان ويقوم الدفاع المدني بالتأكد من عدم وجود إصابات",
      "حيان", "SY02", "SY0200", "C1127", 1),
    P("safira-amc", ORDINARY, "yt-0rlyrDGxCSQ", "2013-10-09T17:01:48", AMC,
      "قصف الطيران الحربي على مدينة السفيرة 9-10-2013",
      "السفيرة", "SY02", "SY0207", "C2154", 1),
    # أم حوش شمالي حلب = COD-AB 'معراتة أم حوش' C1641 (Mare', next to الحصية); the exact-name row C5479 is
    # in Safita
    P("umm-hosh-hn", AMBIGUOUS, "yt-ARQGaXEqtCo", "2014-04-05T15:20:56", HN,
      "شبكة حلب نيوز اا +18 ضحايا القصف بالطيران على أم حوش والحصية شمالي حلب مؤثر جدا 5 4 2014",
      "أم حوش", "SY02", "SY0204", "C1641", 1,
      xfail="أم حوش شمالي حلب is COD-AB's 'معراتة أم حوش' C1641 (Mare', by الحصية); the extractor "
            "keeps the Safita row C5479 (admin2 SY1003) and blanks admin1, an inconsistent code "
            "set"),
    P("hasiya-hn", ORDINARY, "yt-ARQGaXEqtCo", "2014-04-05T15:20:56", HN,
      "شبكة حلب نيوز اا +18 ضحايا القصف بالطيران على أم حوش والحصية شمالي حلب مؤثر جدا 5 4 2014",
      "الحصية", "SY02", "SY0204", "C1637", 1),
    # البريج north of Aleppo city (Jebel Saman), not in COD-AB; the two COD-AB rows are in Homs and Tartous
    P("breij-hn", AMBIGUOUS, "yt-EVtQd-bdUsQ", "2014-05-03T08:48:25", HN,
      "حلب نيوز || البريج : اشتباكات عنيفة بين لواء السلطان مراد وقوات النظام على الجبهة 3 5 2014",
      "البريج", "SY02", "SY0200", None, 1,
      xfail="'حلب نيوز || البريج :' yields nothing: the only COD-AB rows are in Homs and Tartous, "
            "and the Aleppo البريج (north of the city) has no row"),
    # تلة الشيخ يوسف, a hill on Aleppo's western edge; COD-AB's الشيخ يوسف C4179 is in Harim (Idleb)
    P("sheikh-yusuf-hill-hn", AMBIGUOUS, "yt-WlLQJJ6kIcc", "2014-02-25T16:35:04", HN,
      "حلب نيوز || لواء السلطان مراد : قصف بهاون 120مم على تجمعات النظام في تلة الشيخ يوسف 25 2 2014",
      "الشيخ يوسف", "SY02", "SY0200", ANY, ANY,
      xfail="'تلة الشيخ يوسف' (a hill at Aleppo) keeps Harim's الشيخ يوسف C4179/SY0703 with admin1 "
            "blanked (titled-name rule), an inconsistent code set"),
    # ------------------------------ Daraa
    P("sheikh-miskin", ORDINARY, "nc-01286", "2013-03-05T14:59:46", "bbcarabicnews",
      "وفي درعا، قتل 8 أشخاص في الشيخ مسكين نتيجة قصف القوات الحكومية بحسب المعارضة.",
      "الشيخ مسكين", "SY12", "SY1203", "C6126", 1),
    P("khirbet-ghazaleh", ORDINARY, "nc-00381", "2013-02-05T21:25:39", "El.Dostor.News",
      "وامتدت الاشتباكات إلى حاجز  المخفر، بينما قصفت قوات النظام براجمات الصواريخ أحياء عدة في "
      "درعا البلد،  وبلدات خربة غزالة والحراك والغارية الغربية والشرقية.",
      "خربة غزالة", "SY12", "SY1200", "C6012", 1),
    P("hirak-town", ORDINARY, "nc-00381", "2013-02-05T21:25:39", "El.Dostor.News",
      "وامتدت الاشتباكات إلى حاجز  المخفر، بينما قصفت قوات النظام براجمات الصواريخ أحياء عدة في "
      "درعا البلد،  وبلدات خربة غزالة والحراك والغارية الغربية والشرقية.",
      "الحراك", "SY12", "SY1203", "C6116", 1),
    # COD-AB misspells it الغارية الغريبة (C6010); الغارية alone is a Sweida village (C6201)
    P("ghariyeh-gharbiyeh", AMBIGUOUS, "nc-00381", "2013-02-05T21:25:39", "El.Dostor.News",
      "وامتدت الاشتباكات إلى حاجز  المخفر، بينما قصفت قوات النظام براجمات الصواريخ أحياء عدة في "
      "درعا البلد،  وبلدات خربة غزالة والحراك والغارية الغربية والشرقية.",
      "الغارية الغربية", "SY12", "SY1200", "C6010", 1),
    P("ghariyeh-sharqiyeh", ORDINARY, "nc-01362", "2013-03-08T12:07:00", "elfagr",
      "وأوضح أن القصف تجدد من قبل القوات النظامية على بلدة صيدا بريف درعا جنوب سورية بينما تعرضت "
      "بلدات الغارية الشرقية والكتيبة وخربة غزالة للقصف من بعد منتصف ليل الخميس/الجمعة.",
      "الغارية الشرقية", "SY12", "SY1200", "C6009", 1),
    # صيدا: Daraa (C5995) or Quneitra (C6302), and Sidon in Lebanon; بريف درعا decides
    P("saida-daraa", AMBIGUOUS, "nc-01362", "2013-03-08T12:07:00", "elfagr",
      "وأوضح أن القصف تجدد من قبل القوات النظامية على بلدة صيدا بريف درعا جنوب سورية بينما تعرضت "
      "بلدات الغارية الشرقية والكتيبة وخربة غزالة للقصف من بعد منتصف ليل الخميس/الجمعة.",
      "صيدا", "SY12", "SY1200", "C5995", 1),
    # زيزون: Daraa (C6037) or Hama (C3161); بريف درعا decides
    P("zayzoun-daraa", AMBIGUOUS, "nc-00713", "2013-02-16T11:43:41", "akhbarelyomgate",
      "سيطر الجيش السوري الحر اليوم السبت على سرية الهجانة رقم 14 في بلدة زيزون بريف درعا .",
      "زيزون", "SY12", "SY1200", "C6037", 1),
    # COD-AB writes بصرالحرير
    P("busr-al-harir-spaced", ORDINARY, "nc-01171", "2013-03-01T19:24:55", "El.Dostor.News",
      "وفي بصر الحرير بدرعا, تحدثت لجان التنسيق وشبكة شام عن تدمير دبابة وصهريج عسكري في هجوم "
      "لمقاتلين على موقع للقوات النظامية.",
      "بصر الحرير", "SY12", "SY1203", "C6105", 1),
    # نوى: Daraa (C6124), Homs (C2928) or Hama (C3255); بدرعا decides
    P("nawa-daraa", AMBIGUOUS, "nc-01171", "2013-03-01T19:24:55", "El.Dostor.News",
      "وفي نوى بدرعا, أعدم ثلاثة أشخاص بعد اعتقالهم عند حاجز عسكري.",
      "نوى", "SY12", "SY1203", "C6124", 1,
      xfail="'وفي نوى بدرعا,' yields only درعا; نوى (C6124) is not emitted"),
    # عابدين: Daraa (C6023) or Idleb (C3990); 'جنوب قرية جملة في ريف درعا' decides
    P("abidin-daraa", AMBIGUOUS, "nc-01373", "2013-03-09T01:31:04", "masrawy",
      "وميدانيا، وبالقرب من مكان احتجاز المراقبين الدوليين \"تدور اشتباكات عنيفة بين معارضين مسلحين "
      "والقوات النظامية \"اثر هجوم نفذه مقاتلون على سرية القوات النظامية في قرية عابدين الواقعة "
      "جنوب قرية جملة في ريف درعا (جنوب)\"، حسبما افاد المرصد السوري لحقوق الانسان.",
      "عابدين", "SY12", "SY1200", "C6023", 1),
    P("sanamayn-guillemets", ORDINARY, "nc-00725", "2013-02-16T19:34:26", "Tahrir.News.Official",
      "ذكر مصدر عسكري سوري ، أن وحدة من الجيش السوري تصدت اليوم لمجموعة مسلحة حاولت الاعتداء على "
      "نقطة عسكرية في مدينة «الصنمين» بريف درعا ، وأوقعت جميع أفرادها بين قتيل ومصاب .",
      "الصنمين", "SY12", "SY1202", "C6051", 1),
    # الشجرة in Daraa (C6021) vs شجرة in Menbij/Qamishli
    P("shajara-daraa", AMBIGUOUS, "nc-00725", "2013-02-16T19:34:26", "Tahrir.News.Official",
      "وأشار المصدر إلى أن وحدات من الجيش لاحقت مجموعات مسلحة كانت تقوم بأعمال ترويع وسلب ونهب في "
      "بلدات الشجرة وبيت ارة واليادودة بريف درعا وأوقعت العديد من أفرادها بين قتيل ومصاب.",
      "الشجرة", "SY12", "SY1200", "C6021", 1),
    P("rif-daraa-standalone", GOVERNORATE, "nc-00585", "2013-02-12T16:41:32", "fjp",
      "وأضافت أن الطيران الحربي شن قصفا عنيفا على ريف درعا، وعلى بلدة المسيفرة والسهول المحيطة بها "
      "ترافق مع القصف المدفعي على بلدات الجيزة وكحيل، مشيرة إلى نشوب اشتباكات بين الجيشين الحر "
      "والنظامي في محاولة من الجيش الحر لتحرير كتيبة",
      "ريف درعا", "SY12", None, None, 3),
    P("jamleh-daraa", ORDINARY, "nc-01243", "2013-03-04T01:31:13", "masrawy",
      "في محافظة درعا (جنوب)، افاد المرصد عن سيطرة مقاتلين معارضين على مركز سرية مدفعية في قرية "
      "جملة الواقعة على الحدود مع الجولان السوري المحتل من اسرائيل، اثر معارك قتل فيها ثمانية "
      "مقاتلين معارضين.",
      "جملة", "SY12", "SY1200", "C6024", 1),
    # ------------------------------ The north-east, the east and the coast
    P("hasakeh-governorate", GOVERNORATE, "nc-00015", "2013-01-28T15:10:00", "elfagr",
      "وأضاف المرصد السوري لحقوق الإنسان أن عشرة متمردين قُتلوا في محافظة الحسكة في شرق البلاد "
      "خلال المعارك الليلية مع القوات النظامية.",
      "الحسكة", "SY08", None, None, 3),
    P("tal-hmis", ORDINARY, "nc-00933", "2013-02-22T13:43:46", "akhbarelyomgate",
      "أفادت الهيئة العامة للثورة السورية بأن الجيش الحر سيطر على مقرات أمنية في منطقة تل حميس "
      "بمحافظة الحسكة شمال شرق البلاد.",
      "تل حميس", "SY08", "SY0802", "C4639", 1),
    # القحطانية: Hasakeh (C4751), Raqqa (C5726) or Quneitra (C6270); في ريف الحسكة decides
    P("qahtaniyeh-hasakeh", AMBIGUOUS, "nc-01235", "2013-03-03T20:11:31", "masrawy",
      "كما سيطر مقاتلون اكراد على مدينة القحطانية في ريف الحسكة \"بعد انسحاب كافة عناصر المفارز "
      "الامنية والشرطة المدنية منها دون مقاومة اثر حصار استمر اسبوعا\".",
      "القحطانية", "SY08", "SY0802", "C4751", 1),
    # اليعربية and the Iraqi border crossing, 'شمال شرق البلاد': Hasakeh (C4969), not A'zaz (C1657)
    P("yarubiyeh-iraq-border", AMBIGUOUS, "nc-01182", "2013-03-02T01:31:04", "masrawy",
      "وفي شمال شرق البلاد، قال المرصد ان \"مقاتلين من جبهة النصرة والفاروق واحرار الشام "
      "(الاسلامية) وكتائب اخرى، سيطروا على مدينة اليعربية والمعبر الحدودي مع العراق في شكل كامل\".",
      "اليعربية", "SY08", "SY0803", "C4969", 1),
    # COD-AB calls it الثورة
    P("tabqa-alias", ORDINARY, "nc-00012", "2013-01-28T13:19:43", "ElWatanNews",
      "أفادت لجان التنسيق المحلية السورية، أن الجيش الحر استولى على رتل عسكري تابع لقوات النظام، "
      "في مدينة الطبقة بريف الرقة.",
      "الطبقة", "SY11", "SY1103", "C5929", 1),
    P("rif-raqqa-qualifier", GOVERNORATE, "nc-00012", "2013-01-28T13:19:43", "ElWatanNews",
      "أفادت لجان التنسيق المحلية السورية، أن الجيش الحر استولى على رتل عسكري تابع لقوات النظام، "
      "في مدينة الطبقة بريف الرقة.",
      "ريف الرقة", "SY11", None, None, 3, role="qualifier"),
    # المنصورة بمحافظة الرقة: C5942, one of six المنصورة
    P("mansoura-raqqa", AMBIGUOUS, "nc-00300", "2013-02-04T09:02:38", "akhbarelyomgate",
      "نجح الجيش السوري الحر المسلحة فجر الاثنين 4 فبراير، في إحكام السيطرة الجزئية على سد البعث "
      "الواقع تحديدا في مدينة المنصورة بمحافظة الرقة.",
      "المنصورة", "SY11", "SY1103", "C5942", 1, role=None),
    P("tal-abyad-raqqa", ORDINARY, "nc-00838", "2013-02-20T14:15:06", "ElWatanNews",
      "ومن جهتها، أوردت شبكة \"سوريا مباشر\" نبأ سقوط صاروخ بالستي شرق مدينة تل أبيض الحدودية في ريف "
      "الرقة الشمالي، مشيرة إلى حدوث اشتباكات بين الجيش الحر وجيش النظام في محيط مطار حلب الدولي، "
      "والنيرب العسكري في ريف حلب الشرقي.",
      "تل أبيض", "SY11", "SY1102", "C5792", 1, role=None),
    P("rif-raqqa-north-qualifier", GOVERNORATE, "nc-00838", "2013-02-20T14:15:06", "ElWatanNews",
      "ومن جهتها، أوردت شبكة \"سوريا مباشر\" نبأ سقوط صاروخ بالستي شرق مدينة تل أبيض الحدودية في ريف "
      "الرقة الشمالي، مشيرة إلى حدوث اشتباكات بين الجيش الحر وجيش النظام في محيط مطار حلب الدولي، "
      "والنيرب العسكري في ريف حلب الشرقي.",
      "ريف الرقة الشمالي", "SY11", None, None, 3, role="qualifier"),  # past the adjective الحدودية
    P("raqqa-city-mosque", ORDINARY, "nc-01286", "2013-03-05T14:59:46", "bbcarabicnews",
      "وأضاف مراسلنا نقلا عن مصادر المعارضة أن سيارة مفخخة انفجرت عند جامع الشهداء في مدينة الرقة "
      "ما أسفر عن مقتل عشرة أشخاص وإصابة آخرين.",
      "الرقة", "SY11", "SY1101", "C5710", 1, role=None),
    P("deir-ez-zor-quoted", ORDINARY, "nc-00040", "2013-01-29T14:32:29", "akhbarelyomgate",
      "وكان ناشطون سوريون قد أفادوا في وقت سابق بأن الثوار تمكنوا من السيطرة على مقر فرع الأمن "
      "السياسي في مدينة \"دير الزور\" شرقي البلاد.",
      "دير الزور", "SY09", "SY0901", "C5086", 1, role=None),
    P("rif-deir-west-qualifier", GOVERNORATE, "nc-00959", "2013-02-23T08:28:31", "akhbarelyomgate",
      "ومن جهة أخرى ، فرض الجيش السوري الحر سيطرته على كتيبة الدفاع الجوي 113 بريف دير الزور الغربي.",
      "ريف دير الزور الغربي", "SY09", None, None, 3, role=None),
    # a Deir ez-Zor city neighbourhood
    P("huweiqa-deir", ORDINARY, "nc-00529", "2013-02-11T04:31:16", "masrawy",
      "ويسيطر المقاتلون على ريف دير الزور، في حين لا تزال القوات النظامية مسيطرة على المدينة التي "
      "شهدت اليوم اشتباكات عنيفة في حيي المطار القديم والحويقة.",
      "الحويقة", "SY09", "SY0901", "C5086", 1),
    P("rif-latakia-qualifier", GOVERNORATE, "nc-00524", "2013-02-10T21:15:26", "El.Dostor.News",
      "قالت الشبكة السورية لحقوق الإنسان إن 54 شخصا قتلوا الأحد معظمهم في دير الزور ودمشق وريفها، "
      "وفي وقت قصفت قوات النظام قرى جبل الأكراد بريف اللاذقية وأحياء عدة في دمشق وحمص ودير الزور "
      "وحلب، سيطر الجيش الحر على مبنى مديرية المنطقة في مدينة الطبقة بريف الرقة.",
      "ريف اللاذقية", "SY06", None, None, 3, role="qualifier"),
    # Jebel al-Akrad (Salma C3704, Kinsabba C3750 ...) lies in Al-Haffa district SY0603
    P("jebel-akrad-haffa", GOVERNORATE, "nc-00524", "2013-02-10T21:15:26", "El.Dostor.News",
      "قالت الشبكة السورية لحقوق الإنسان إن 54 شخصا قتلوا الأحد معظمهم في دير الزور ودمشق وريفها، "
      "وفي وقت قصفت قوات النظام قرى جبل الأكراد بريف اللاذقية وأحياء عدة في دمشق وحمص ودير الزور "
      "وحلب، سيطر الجيش الحر على مبنى مديرية المنطقة في مدينة الطبقة بريف الرقة.",
      "جبل الأكراد", "SY06", "SY0603", None, 2),
    # Rabia and Qastal Maaf sub-districts, Latakia district
    P("jebel-turkman", GOVERNORATE, "nc-01243", "2013-03-04T01:31:13", "masrawy",
      "وقتل 15 مقاتلا معارضا، بحسب المرصد، في محافظة اللاذقية (غرب)، في اشتباكات مع القوات "
      "النظامية في قرى جبل التركمان.",
      "جبل التركمان", "SY06", "SY0600", None, 2),
    P("latakia-governorate", GOVERNORATE, "nc-01243", "2013-03-04T01:31:13", "masrawy",
      "وقتل 15 مقاتلا معارضا، بحسب المرصد، في محافظة اللاذقية (غرب)، في اشتباكات مع القوات "
      "النظامية في قرى جبل التركمان.",
      "اللاذقية", "SY06", None, None, 3, role=None),
]


NEGATIVES = [
    # the president, not a place
    N("assad-person", "nc-00010", "2013-01-28T12:10:00", "elfagr",
      "وقالت فرنسا يوم الخميس انه لا توجد مؤشرات على قرب الإطاحة بالأسد وهو ما يتناقض مع توقعاتها "
      "خلال الشهور الماضية بأن نهاية الرئيس السوري باتت قريبة.",
      "بالأسد"),
    # the academy's eponym
    N("assad-academy", "nc-01171", "2013-03-01T19:24:55", "El.Dostor.News",
      "كما أسقط الجيش الحر طائرة حربية  خلف أكاديمية الأسد العسكرية في حلب حسب لجان التنسيق.",
      "الأسد"),
    # لبنان must not be read as ل + بنان (C2185, As-Safira)
    N("lebanon-not-banan", "nc-00084", "2013-01-30T16:59:05", "bbcarabicnews",
      "ونفى مصدر في لبنان وقوع غارة إسرائيلية على الأراضي اللبنانية.",
      "لبنان"),
    # شبكة حلب نيوز is the outlet
    N("halab-in-outlet-name-hn", "yt-HZpi4BIaAQc", "2013-09-14T23:22:04", HN,
      "شبكة حلب نيوز :: إزدحام شديد على أحد المكاتب الإغاثية في حي الشعار",
      "حلب"),
    # مركز حلب الإعلامي is the outlet
    N("halab-in-outlet-name-amc", "yt-XdP-qbK-vZg", "2012-11-17T13:25:26", AMC,
      "مركز حلب الإعلامي :مجزرة مروعة في حي الحيدرية 17-11-2012",
      "حلب"),
    # الحراك السياسي: movement, not the Daraa town
    N("hirak-political-movement", "nc-00462", "2013-02-08T15:01:10", "akhbarelyomgate",
      "يذكر أن هذا الحراك السياسي يتزامن مع تواصل المعارك بين القوات النظامية السورية ومسلحي "
      "المعارضة في ريف دمشق وأطراف العاصمة غداة يوم دام شهدته المنطقة، وراح ضحيته أمس أكثر من 200 "
      "قتيل.",
      "الحراك"),
    # 'الارض الطيبة' (the good land), not one of six الطيبة
    N("tayyiba-adjective", "nc-00529", "2013-02-11T04:31:16", "masrawy",
      "وقال الكاردينال الراعي ان \"كل انسان، بل كل دم بريء، يسقط على هذه الارض الطيبة هو دمعة من "
      "عيون المسيح\".",
      "الطيبة"),
    # قناة الميادين, a TV channel
    N("mayadeen-tv", "nc-00337", "2013-02-05T03:31:00", "elfagr",
      "وأكد أحمدى نجاد فى حوار خاص مع قناة \"الميادين\" اللبنانية عشية توجهه إلى القاهرة فى أول "
      "زيارة لرئيس إيرانى منذ انتصار الثورة الإسلامية فى إيران، أن \"هذين البلدين قادران على تغيير "
      "المعادلات فإذا اتفقا على تحرير فلسطين بالكامل فإن الأمر سيتحقق\".",
      "الميادين",
      xfail="'قناة \"الميادين\"' (a TV channel) is coded as the town الميادين C5192"),
    # public squares
    N("mayadeen-squares", "nc-00057", "2013-01-30T00:14:00", "bbcarabicnews",
      "ووقف الرجال والنساء جنبا إلى جنب في الميادين العامة يرقصون ويصفقون على أنغام أغاني تنادي بالحرية.",
      "الميادين",
      xfail="'في الميادين العامة' (public squares) is coded as the town الميادين C5192"),
    # 'المواضيع الهامة' (important), not الهامة in Rif Dimashq
    N("hama-adjective-important", "nc-00261", "2013-02-03T06:00:00", "cnnarabic",
      "ودعا الوزير في بيان صحافي، السبت، وسائل الاعلام الى توخي الدقة في نقل المعلومات وتناول مثل "
      "هذا المواضيع الهامة، موضحا \"ان وزارة الصحة لم تصرح او حتى تلمح حول هذا الموضوع\".",
      "الهامة"),
    # the revolution, not الثورة (Tabqa C5929 / Qamishli C4528)
    N("thawra-revolution", "nc-00050", "2013-01-29T20:40:00", "elfagr",
      "وأشار إلى أن \"حلب هي المحافظة الثانية من حيث عدد المجازر بعد حمص التي وقعت فيها نحو 157 "
      "مجزرة منذ بداية الثورة السورية\".",
      "الثورة"),
    # the Egyptian city (الدقهلية)
    N("mansoura-egypt", "nc-00850", "2013-02-20T18:04:51", "ElWatanNews",
      "نعت المنصورة شهيدا جديدا من أبنائها في سوريا بعد 52 يوما من جهاده في صفوف الجيش الحر، ليرفع "
      "عدد شهداء الدقهلية خلال الفترة الأخيرة إلى شهيدين.",
      "المنصورة"),
    # Sidon, Lebanon
    N("saida-lebanon", "nc-00133", "2013-01-31T17:05:00", "elfagr",
      "وتسللت الطائرات الى المجال الجوي اللبناني فوق مدينتي الشاطئ صور وصيدا وعند الساعة 21:00 "
      "توجهت نحو بلدة الناقورة، المجاورة لرأس الناقورة وغادرت المجال الجوي اللبناني.",
      "صيدا"),
    # a Saudi imam, not الشيخ علي C1031
    N("sheikh-ali-person", "nc-00296", "2013-02-04T06:30:00", "cnnarabic",
      "وفي تفاصيل ما نشرته الصحيفة المصرية: تعرضت سيارة إمام المسجد النبوي الشريف، الشيخ علي بن "
      "عبدالرحمن الحذيفي، أمس، لسرقة من قبل مجهولين من أمام منزله.",
      "الشيخ علي"),
    # Moaz al-Khatib's title and name
    N("sheikh-ahmad-person", "nc-01036", "2013-02-25T02:39:00", "masrawy",
      "ولفت إلى أنه جرى في اللقاء بحث خطة إطار الحل السياسي التي أقرها الائتلاف الوطني السوري في "
      "اجتماعه يوم 15 فبراير الجاري، وما آلت اليه الجهود والاتصالات المبذولة للبناء على المبادرة "
      "التي أطلقها رئيس الائتلاف الشيخ أحمد معاذ الخطيب.",
      "الشيخ أحمد"),
    # مسجد بني أمية, not أمية C4666/C5895
    N("umayyad-mosque", "nc-01089", "2013-02-26T18:14:10", "bbcarabicnews",
      "ومن جهته، قال المرصد السوري لحقوق الانسان، ومقره بريطانيا، إن اشتباكات وقعت بين القوات "
      "الحكومية وقوات المعارضة المسلحة بالرصاص والقنابل بالقرب من مسجد بني أمية.",
      "أمية"),
    # وكشيش near Aleppo must not be read as و + ك + شيش (C2080, Ain al-Arab)
    N("kashish-not-ka-shish", "nc-00563", "2013-02-12T04:45:56", "bbcarabicnews",
      "وذكرت الوكالة أن عمليات القوات الحكومية في حلب استهدفت مقار و\"أوكارا للإرهابيين في مدينة "
      "الباب بالقرب من المركز الثقافي، وفي العويجة عند مجبل الزفت، وفي المنصورة عند كازية "
      "القاطرجي، وعند الأربع مفارق في كفر حمرا، وفي تل رحال، والذهبية، وكشيش\".",
      "كشيش",
      xfail="'وكشيش' is split as و + ك + شيش and coded شيش C2080 (Ain al-Arab); ك is no clitic "
            "before a place name here"),
    # Nasserist
    N("nasserist-adjective", "nc-00594", "2013-02-12T23:20:11", "fjp",
      "بهذه الكلمات التي تظهر مدى الحزن الذي سببته هذه الزيارة على بعض مستخدمي الفيس بوك هاجم "
      "العضو «أحمد متولى» الزيارة الناصرية من أعضاء جبهة الإنقاذ لبشار وهجومهم الثوار بوصفهم "
      "بالمتآمرين.",
      "الناصرية"),
]


def _locate(extractor, article: str, published: str, source: str, body: str):
    return extractor.locate(make_article(body, published, id=article, source=source))


def _same(expected, got) -> bool:
    return expected is ANY or got == expected or (isinstance(expected, tuple) and got in expected)


@pytest.mark.parametrize("m", CASES)
def test_place_mention_codes(extractor, m: Mention):
    places = _locate(extractor, m.article, m.published, m.source, m.body)
    found = [p for p in places if p.text == m.surface] or [p for p in places if m.surface in p.text]
    assert found, f"no mention of {m.surface!r}; got {[(p.text, p.admin4, p.role) for p in places]}"
    p = found[0]
    expected = (m.admin1, m.admin2, m.admin4, m.geo_precision)
    got = (p.admin1, p.admin2, p.admin4, p.geo_precision)
    assert all(_same(e, g) for e, g in zip(expected, got)), f"{m.surface}: expected {expected}, got {got} ({p.kind})"
    if m.role is not None:
        assert p.role == m.role, f"{m.surface}: role {p.role}, expected {m.role}"


@pytest.mark.parametrize("n", NEGATIVES)
def test_look_alike_is_not_a_place(extractor, n: NotAPlace):
    places = _locate(extractor, n.article, n.published, n.source, n.body)
    start = n.body.index(n.surface)
    end = start + len(n.surface)
    wrong = [(p.text, p.admin1, p.admin2, p.admin4, p.role) for p in places
             if p.start < end and p.end > start and p.role in ("place", "qualifier") and p.admin1 is not None]
    assert not wrong, f"{n.surface!r} is no place here: {wrong}"


def test_case_mix():
    """The issue asks for at least 80 mentions, 15 ambiguous names and 10 governorate-level mentions."""
    mentions = [c.values[0] for c in CASES]
    by_category = {k: sum(m.category == k for m in mentions) for k in (ORDINARY, AMBIGUOUS, GOVERNORATE)}
    assert len(mentions) >= 80 and by_category[AMBIGUOUS] >= 15 and by_category[GOVERNORATE] >= 10, by_category
    assert sum(m.category == GOVERNORATE and m.geo_precision == 3 and m.admin2 is None for m in mentions) >= 10
    assert len(NEGATIVES) >= 5
    assert len({(m.article, m.surface) for m in mentions}) == len(mentions), "a mention is listed twice"


def test_near_damascus_is_in_rif_dimashq(extractor):
    # nc-00120: "قصفت مركز أبحاث دفاعي بالقرب من دمشق": near the city-governorate, so in Rif Dimashq (governorate only)
    from .conftest import make_article

    body = ("ولكن في بيان لاحق، نفى الجيش السوري أن الغارة كانت على الحدود السورية -اللبنانية وقال، بدلا من ذلك، \"إن "
            "الطائرات الإسرائيلية قصفت مركز أبحاث دفاعي بالقرب من دمشق\"")
    evs = extractor.extract(make_article(body, "2013-01-31T12:04:43"))
    assert [(e.event_type, e.admin1_pcode, e.admin2_pcode, e.geo_precision) for e in evs] == [("air_strike", "SY03", None, 3)]
    # "في دمشق" stays the city
    evs = extractor.extract(make_article(body.replace("بالقرب من دمشق", "في دمشق"), "2013-01-31T12:04:43"))
    assert [(e.admin1_pcode, e.admin2_pcode) for e in evs] == [("SY01", "SY0100")]


def test_a_reference_point_of_a_distance_is_no_event_place(extractor):
    # nc-00180: "في منطقة جمرايا على مسافة 15 كلم من دمشق": the raid is in Jamraya; Damascus only measures the distance
    # (the security sources' convoy "في المنطقة المذكورة" names no place of its own)
    from .conftest import make_article

    evs = extractor.extract(make_article("واعلن الجيش السوري مساء الاربعاء ان طائرات حربية اسرائيلية قصفت احد مراكز البحث "
                                         "العلمي في منطقة جمرايا على مسافة 15 كلم من دمشق قرب الحدود اللبنانية، في حين "
                                         "تحدثت مصادر امنية عن غارة اسرائيلية على قافلة كانت تقل اسلحة في المنطقة المذكورة",
                                         "2013-02-01T05:31:32"))
    assert [(e.place, e.admin2_pcode) for e in evs] == [("جمرايا", "SY0301")]


def test_a_site_name_ends_before_a_relative_pronoun(extractor):
    # nc-00056: "مجمل سجن ادلب الذي يبعد حوالى ..." names the prison of Idlib, not "سجن ادلب الذي يبعد حوالى"
    from .conftest import make_article

    body = ("في ادلب (شمال غرب)، تمكن مقاتلو المعارضة صباح اليوم من السيطرة تقريبا على مجمل سجن ادلب الذي يبعد حوالى "
            "ثلاثة كيلومترات من المدينة التي لا تزال تسيطر عليها قوات النظام")
    places = [p.text for p in extractor.locate(make_article(body, "2013-01-29T23:51:10")) if p.kind == "landmark"]
    assert places == ["سجن ادلب"]
