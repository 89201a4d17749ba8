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


def test_camel_tools_normalisation_is_the_one_to_one_table(shared):
    """NormText normalises with camel-tools' functions at run time; the offsets back to the original rely on
    each character being replaced by one character or deleted, as _TABLE says. On every article of the dev set
    and the corpora the two agree, so a change of camel-tools' behaviour would show here."""
    import json

    from extract.text import _TABLE

    paths = [shared / "eval" / "dev" / "articles.jsonl", *sorted((shared / "corpora").glob("*.jsonl"))]
    checked = 0
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            article = json.loads(line)
            text = (article.get("title") or "") + "\n" + article["body"]
            nt = NormText(text)
            assert nt.norm == text.translate(_TABLE)
            assert len(nt.norm) == (len(nt._map) - 1 if nt._map is not None else len(text))
            checked += 1
    assert checked > 4000


def test_camel_tools_static_data_is_frozen_out_of_the_collector():
    """Importing extract.text imports camel-tools' charsets, then gc.freeze(): a full collection stays cheap."""
    import subprocess
    import sys

    code = "import gc, extract.text; print(gc.get_freeze_count())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert int(out) > 1000
