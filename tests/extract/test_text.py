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
