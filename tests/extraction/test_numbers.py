"""Counts as GUIDELINES section 6 codes them, on phrases from real reports."""

import pytest

from extract.numbers import parse_count, parse_number, parse_sum
from extract.records import Count
from extract.text import NormText


def count(text: str) -> Count | None:
    tokens = NormText(text).tokens
    phrase = parse_count(tokens, 0, len(tokens))
    return phrase.count if phrase else None


@pytest.mark.parametrize("text,value", [
    ("12", 12), ("١٢", 12), ("اثنا عشر", 12), ("ثلاثة عشر", 13), ("خمسة وعشرين", 25), ("ثلاثين", 30),
    ("مئة وخمسين", 150), ("مائة", 100), ("ثلاثة آلاف", 3000), ("60 ألف", 60000), ("ألف", 1000),
])
def test_numbers_in_digits_and_words(text, value):
    tokens = NormText(text).tokens
    assert parse_number(tokens, 0)[0] == value


@pytest.mark.parametrize("text,expected", [
    ("طفلين", Count(2, 2, False)),          # a dual
    ("امرأتين", Count(2, 2, False)),
    ("طفل", Count(1, 1, False)),            # a singular person: "مقتل طفل"
    ("مدني", Count(1, 1, False)),
    ("أشخاص آخرين", Count(1, 2, True)),     # an unnumbered plural
    ("عشرات", Count(10, 12, True)),
    ("مئات", Count(100, 100, True)),
    ("نحو ٢٠", Count(20, 20, True)),        # about N
    ("أكثر من 60 ألف شخص", Count(60000, 60000, True)),
    ("ما لا يقل عن 8", Count(8, 8, True)),
    ("١٢ مدنياً", Count(12, 12, False)),
])
def test_count_phrases(text, expected):
    assert count(text) == expected


def test_a_person_noun_says_whether_the_dead_were_civilians():
    tokens = NormText("خمسة مدنيين").tokens
    assert parse_count(tokens, 0, len(tokens)).civilian
    tokens = NormText("ثلاثة عناصر").tokens
    assert not parse_count(tokens, 0, len(tokens)).civilian


@pytest.mark.parametrize("text,expected", [
    # nc-01869: two groups of dead joined by و, an adjective between them
    ("سبعة مقاتلين معارضين وثمانية عناصر من القوات النظامية بينهم ضابط", 15),
    ("5 رجال وطفل", 6),
    # nc-00438: the women and children are among the six, not added to them
    ("ستة أشخاص بينهم امرأة وثلاثة أطفال", 6),
    # a compound number is one number
    ("خمسة وعشرين شخصا", 25),
    # a number without its noun is not a group of people
    ("ثلاثة أشخاص و10", 3),
])
def test_groups_of_people_joined_by_and_add_up(text, expected):
    tokens = NormText(text).tokens
    phrase = parse_sum(tokens, 0, len(tokens))
    assert phrase is not None and (phrase.count.low, phrase.count.best) == (expected, expected)


def test_singular_nouns_after_bayna_sort_a_group_and_count_no_one(extractor):
    # nc-01138: "وإيقاع أفراد مجموعة حاولت التسلل من لبنان بين قتيل ومصاب": an unnumbered group, dead and wounded
    # (1 low, 2 best, vague each), not one dead and one wounded
    from .conftest import make_article

    body = ("أما وكالة الأنباء السورية الرسمية فأشارت إلى أن الوحدات الموالية لنظام الرئيس بشار الأسد تمكنت من القضاء على "
            "عدد ممن وصفتهم بـ\"الإرهابيين\" وتكبيدهم خسائر كبيرة في حلب وأرياف دمشق وحماة وإدلب وإيقاع أفراد مجموعة حاولت "
            "التسلل من لبنان بين قتيل ومصاب")
    e = next(e for e in extractor.extract(make_article(body, "2013-02-28T06:40:00")) if e.killed.low)
    assert (e.killed.low, e.killed.best, e.killed.vague) == (1, 2, True)
    assert (e.injured.low, e.injured.best, e.injured.vague) == (1, 2, True)
