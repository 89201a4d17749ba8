"""Hypothesis strategies for the text news scrapers give us: Arabic words from the extractor's own lexicons and the
gazetteer, numbers in three digit sets, dates, punctuation, diacritics, invisible marks, Latin and any character."""

from __future__ import annotations

import csv
import datetime as dt
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

from extract.lexicon import LEXICON_DIR

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u2066", "\u2069",
             "\ufeff", "\u061c", "\u00ad", "\u0640"]  # fmt: skip
DIACRITICS = ["\u064b", "\u064c", "\u064d", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0670"]
PUNCTUATION = [
    "،",
    "؛",
    "؟",
    ".",
    ",",
    ":",
    "-",
    "–",
    "/",
    "(",
    ")",
    '"',
    "«",
    "»",
    "\n",
    "\n\n",
    " | ",
    "...",
    "!",
]
FILLER = ["في", "على", "من", "إلى", "و", "بلدة", "مدينة", "ريف", "اليوم", "أمس", "قتل", "جرح", "مقتل", "إصابة",
          "غارة", "غارات", "قصف", "الطيران", "النظام", "مدنيين", "أطفال", "عشرات", "نحو", "أكثر", "الحربي"]  # fmt: skip


@lru_cache(maxsize=1)
def lexicon_words() -> list[str]:
    words: set[str] = set(FILLER)
    for path in sorted(Path(LEXICON_DIR).iterdir()):
        if path.suffix not in (".tsv", ".txt"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                words.add(line.split("\t")[0].strip())
    return sorted(w for w in words if w)


@lru_cache(maxsize=4)
def place_names(gazetteer_dir: str) -> list[str]:
    names: set[str] = set()
    for name, column in (("syr_admin4_communities.csv", "admin4Name_ar"), ("syr_admin2_districts.csv", "admin2Name_ar"),
                         ("syr_admin1_governorates.csv", "admin1Name_ar")):  # fmt: skip
        with (Path(gazetteer_dir) / name).open(encoding="utf-8-sig", newline="") as handle:
            names.update(row[column] for row in csv.DictReader(handle) if row.get(column))
    return sorted(names)[::7]  # a spread of about a thousand names


def arabic_digits(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


numbers = st.integers(min_value=0, max_value=10**12).flatmap(
    lambda n: st.sampled_from(
        [str(n), arabic_digits(n), str(n).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))]
    )
)
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).flatmap(
    lambda d: st.sampled_from([f"{d.day}/{d.month}/{d.year}", f"{d.year}-{d.month:02}-{d.day:02}",
                               f"{d.day}-{d.month}-{d.year}", f"{d.day} {d.month} {d.year}", f"{d.day}.{d.month}.{d.year}"])
)  # fmt: skip


def arabic_text(places: list[str] | None = None, max_size: int = 80) -> st.SearchStrategy[str]:
    """News-like text: lexicon words, place names, numbers, dates, with punctuation and noise between them."""
    pieces = [st.sampled_from(lexicon_words()), numbers, dates, st.sampled_from(PUNCTUATION),
              st.sampled_from(INVISIBLE + DIACRITICS), st.text(max_size=6)]  # fmt: skip
    if places:
        pieces.append(st.sampled_from(places))
    token = st.one_of(*pieces)
    separator = st.sampled_from([" ", " ", " ", "", "\n", "\u00a0", "\t"])
    return st.lists(st.tuples(token, separator), max_size=max_size).map(
        lambda ts: "".join(a + b for a, b in ts)
    )


def any_text(places: list[str] | None = None) -> st.SearchStrategy[str]:
    texts = st.one_of(arabic_text(places), st.text(max_size=300), arabic_text(places, max_size=400))
    return texts
