"""Mutations of real articles, as scrapers and copy-paste produce them: cut texts, shuffled paragraphs, injected
junk (markup, scripts, control and invisible characters, emoji, Latin), mixed encodings, broken fields."""

from __future__ import annotations

import json
import random
from pathlib import Path

JUNK = [
    "<script>var a = 1; document.write('<div>');</script>", "<div class=\"ad\">", "</p>", "<br/>", "&nbsp;&amp;&#1605;",
    "\u200f\u200e\u202b\u202c", "\ufeff", "\x00\x07\x1b[31m", "🔴🔥💥", "ـــــــ", "\u064e\u064f\u0650\u0651",
    "Lorem ipsum dolor sit amet", "http://example.org/?a=1&b=2", "#خبر_عاجل #سوريا", "٠١٢٣٤٥٦٧٨٩", "1234567890123",
    "((((((", "\"\"\"", "\\u0000", "\t\t\t", "\r\n\r\n", "ﻻ ﷲ ﷺ", "\u0000", "𝟓 𝟔", "؟؟؟!!!", "\ud7ff",
]  # fmt: skip


def load_corpus(shared: Path, n_news: int = 700, n_heads: int = 300, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    news = [json.loads(line) for line in (shared / "corpora" / "news_ar_2013.jsonl").open(encoding="utf-8")]
    heads = [
        json.loads(line)
        for line in (shared / "corpora" / "aleppo_headlines_2012_2014.jsonl").open(encoding="utf-8")
    ]
    return rng.sample(news, n_news) + rng.sample(heads, n_heads)


def truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randint(0, max(0, len(text)))]


def shuffle_paragraphs(text: str, rng: random.Random) -> str:
    parts = text.split("\n") if "\n" in text else text.split(". ")
    rng.shuffle(parts)
    return ("\n" if "\n" in text else ". ").join(parts)


def inject(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 6)):
        at = rng.randint(0, len(text))
        text = text[:at] + rng.choice(JUNK) + text[at:]
    return text


def mojibake(text: str, rng: random.Random) -> str:
    """Arabic UTF-8 read as Windows-1252/Latin-1, or Windows-1256 read as Latin-1: what a wrong decoding leaves."""
    start = rng.randint(0, max(0, len(text) - 1))
    end = min(len(text), start + rng.randint(1, 400))
    piece = text[start:end]
    if rng.random() < 0.5:
        wrong = piece.encode("utf-8").decode("latin-1")
    else:
        wrong = piece.encode("cp1256", "replace").decode("latin-1")
    return text[:start] + wrong + text[end:]


TEXT_MUTATIONS = (truncate, shuffle_paragraphs, inject, mojibake)


def mutate_record(record: dict, rng: random.Random, ids: list[str]) -> dict:
    r = dict(record)
    for _ in range(rng.randint(1, 3)):
        r["body"] = rng.choice(TEXT_MUTATIONS)(r.get("body") or "", rng)
    if rng.random() < 0.2 and r.get("title"):
        r["title"] = rng.choice(TEXT_MUTATIONS)(r["title"], rng)
    roll = rng.random()
    if roll < 0.04:
        r.pop("published_at", None)
    elif roll < 0.08:
        r["published_at"] = rng.choice(["yesterday", "2013-02-30T10:00:00", "٢٠١٣/٠٢/١٠", "13:45", "", "2099-01-01",
                                        "Sun, 10 Feb 2013 08:00:00 +0200", 1360483200, None, ["2013"]])  # fmt: skip
    elif roll < 0.1:
        r["id"] = rng.choice(ids)  # a duplicate id with other content: a new revision
    elif roll < 0.12:
        r["body"] = rng.choice([None, "", 42, ["فقرة", "أخرى"], {"text": "x"}])
    return r


def byte_mutations(line: bytes, rng: random.Random) -> bytes:
    """Damage at the byte level: a cut inside a UTF-8 sequence, a stray byte, a Windows-1256 re-encoding."""
    roll = rng.random()
    if roll < 0.3:
        return line[: rng.randint(0, len(line))]
    if roll < 0.6:
        at = rng.randint(0, len(line))
        return line[:at] + bytes([rng.randint(0x80, 0xFF)]) + line[at:]
    try:
        return line.decode("utf-8").encode("cp1256")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return line
