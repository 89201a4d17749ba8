"""Normalisation must agree with camel-tools and keep exact offsets back to the original text."""

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar

from extract.text import NormText, normalize, normalize_key

# From the seed article (../shared/eval/dev/seed_article.jsonl), with its diacritics.
SEED = "إذ \"قُتلت امرأة وجُرح أشخاص آخرون، بقصفٍ جوي استهدف حي كرم الطراب في مدينة حلب\""


def camel(text: str) -> str:
    return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(text))))


def test_matches_camel_tools_normalisation():
    assert normalize(SEED) == camel(SEED)


def test_arabic_indic_digits_tatweel_and_bidi_marks():
    assert normalize("قتل ١٢ شخصاً\u200f في حلـــب") == "قتل 12 شخصا في حلب"


def test_offsets_map_back_to_the_original():
    nt = NormText(SEED)
    start = nt.norm.index("كرم الطراب")
    a, b = nt.to_original(start, start + len("كرم الطراب"))
    assert SEED[a:b] == "كرم الطراب"
    start = nt.norm.index("قتلت امراه")
    a, b = nt.to_original(start, start + len("قتلت امراه"))
    assert SEED[a:b] == "قُتلت امرأة"


def test_name_keys_join_compounds_and_drop_the_article():
    assert normalize_key("كفر حمرة") == normalize_key("كفرحمرة")
    assert normalize_key("خان طومان") == normalize_key("خانطومان")
    assert normalize_key("الزربة") == normalize_key("زربة")
    assert normalize_key("إدلب") == normalize_key("ادلب")


def test_key_drops_exactly_the_separator_class():
    """normalize_key deletes, in one translate table, what `re.sub(r"[\\s\\-_ـ'\\"]+", "", ...)` would."""
    import re
    import sys

    from extract.text import _CHANGES, _KEY_CHANGES, _KEY_TABLE, _TABLE, KEY_DROPPED

    every_char = "".join(map(chr, range(sys.maxunicode + 1)))
    assert set(re.findall(r"[\s\-_ـ'\"]", every_char)) == set(KEY_DROPPED)
    assert all(_TABLE.get(ord(ch)) is None for ch in KEY_DROPPED)  # none is replaced by normalisation
    # the fast path (no translation) is taken exactly when the table would change nothing
    assert {ord(ch) for ch in _KEY_CHANGES.findall(every_char)} == set(_KEY_TABLE)
    assert {ord(ch) for ch in _CHANGES.findall(every_char)} == set(_TABLE)
    for name in ("كفر حمرة", "كفرحمرة", "الزربة", "عين  العرب - كوباني", "دير_الزور", "حلـب", "'الباب'", "ال"):
        expected = re.sub(r"[\s\-_ـ'\"]+", "", normalize(name))
        expected = expected[2:] if expected.startswith("ال") and len(expected) > 3 else expected
        assert normalize_key(name) == expected


def test_diacritics_are_camel_tools_own():
    from camel_tools.utils.charsets import AR_DIAC_CHARSET as CAMEL_DIAC_CHARSET

    from extract.text import AR_DIAC_CHARSET

    assert AR_DIAC_CHARSET == CAMEL_DIAC_CHARSET
