"""A bad inbox: every kind of bad input the ingest must survive, in every format, each with what must become of
it. Written by `write_bad_inbox`; the expectations say, per (file, line), "loaded" or a word of the reason."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

NOW = dt.datetime(2024, 4, 1, 12, 0)  # the time of ingest the expectations assume

BODY = "قتل مدني وجرح اثنان آخران في قصف مدفعي استهدف بلدة سرمين في ريف إدلب اليوم."
BODY_2 = "شن الطيران الحربي غارتين على مدينة أريحا، صباح اليوم، دون أنباء عن إصابات."
ZW_BODY = "قتل\u200c مدني\u200f في\u200b غارة\u202b جوية\u202c على\u2066 بلدة\u2069 بنش\ufeff اليوم."
ENGLISH = "Three civilians were killed today in shelling on the town of Sarmin, activists said."
HTML_JUNK = (
    '<div class="nav"><ul><li><a href="/">الرئيسية</a></li><li><a href="/news">أخبار</a></li></ul></div>'
    '<script type="text/javascript">var _gaq = _gaq || []; _gaq.push(["_setAccount", "UA-1"]);</script>'
    '<div class="ad-slot" data-slot="top-banner" style="width:728px;height:90px"></div>'
)
LIGHT_HTML = "<p>قتل مدنيان في قصف على بلدة النيرب اليوم.</p><p>وأصيب ثلاثة آخرون.</p>"


def article(id: str, body: object = BODY, published_at: object = "2024-03-09T13:20:00Z", **extra) -> dict:
    return {"id": id, "source": "وكالة رصد التجريبية", "url": None, "published_at": published_at,
            "title": "خبر تجريبي", "body": body, **extra}  # fmt: skip


@dataclass(frozen=True)
class Expect:
    file: str
    line: int
    outcome: str  # "loaded", "revision", "cleaned", or a word the rejection reason must contain
    what: str  # the bad input, for the figures


def write_bad_inbox(folder: Path, max_body_chars: int = 100_000) -> list[Expect]:
    folder.mkdir(parents=True, exist_ok=True)
    expect: list[Expect] = []

    # --- JSON lines -------------------------------------------------------------------------------------
    lines: list[bytes] = []

    def line(record: object | bytes | str, outcome: str, what: str) -> None:
        if isinstance(record, bytes):
            lines.append(record)
        elif isinstance(record, str):
            lines.append(record.encode("utf-8"))
        else:
            lines.append(json.dumps(record, ensure_ascii=False).encode("utf-8"))
        expect.append(Expect("a_lines.jsonl", len(lines), outcome, what))

    line(article("j-good"), "loaded", "a good article")
    line(
        '{"id": "j-bad-json", "published_at": "2024-03-09", "body": "نص',
        "not valid JSON",
        "malformed JSON line",
    )
    line({k: v for k, v in article("j-no-body").items() if k != "body"}, "body is missing", "missing body")
    line(article("j-empty-body", body="   \n "), "body is missing", "empty body")
    line(article("j-english", body=ENGLISH), "not Arabic", "body that is not Arabic")
    line(
        article("j-huge", body="قصف " * (max_body_chars // 4 + 10)),
        "over the limit",
        "body over the size limit",
    )
    line({k: v for k, v in article("j-no-date").items() if k != "published_at"}, "published_at is missing",
         "missing published_at")  # fmt: skip
    line(article("j-bad-date", published_at="قبل ساعتين"), "not a date", "unparseable published_at")
    line(article("j-future", published_at="2031-05-01T10:00:00Z"), "in the future", "future published_at")
    line(b'{"id": "j-bytes", "body": "\xd9\x82\xd8 \xff\xfe", "published_at": "2024-03-09"}', "not valid UTF-8",
         "undecodable bytes")  # fmt: skip
    line(article("j-html-junk", body=HTML_JUNK), "HTML markup", "HTML junk instead of text")
    line(article("j-zero-width", body=ZW_BODY), "cleaned", "zero-width characters and bidi marks")
    line(article("j-light-html", body=LIGHT_HTML), "loaded", "light HTML in the body (tags removed)")
    line(article("j-number-body", body=12345), "not text", "body that is a number")
    line('["an", "array"]', "expected a JSON object", "a JSON array instead of an object")
    line('{"id": "j-surrogate", "published_at": "2024-03-09", "body": "\\ud83d قصف"}', "escapes",
         "unpaired surrogate escape")  # fmt: skip
    line(article("j-revised", body=BODY), "loaded", "first content of an id")
    line(article("j-revised", body=BODY + " وارتفع عدد الجرحى إلى ثلاثة."), "revision",
         "duplicate id with different content")  # fmt: skip
    line(article("j-revised", body=BODY + " وارتفع عدد الجرحى إلى ثلاثة."), "loaded", "exact duplicate")
    line(article("j-epoch", published_at=0), "before 1990", "published_at at Unix time 0")
    line(article("j-page", body=f"<!DOCTYPE html><html><body><nav>الرئيسية</nav><p>{BODY}</p></body></html>"),
         "whole HTML page", "a whole HTML page saved into the body")  # fmt: skip
    line(article("j-stray-script", body=BODY + "<script>ga('send');</script> " + BODY_2), "cleaned",
         "a stray script inside the text (removed)")  # fmt: skip
    (folder / "a_lines.jsonl").write_bytes(b"\n".join(lines) + b"\n")

    # --- a JSON array with a broken item in the middle and a cut end ----------------------------------------
    items = [json.dumps(article(f"arr-{n}", body=BODY_2), ensure_ascii=False) for n in range(1, 5)]
    items[1] = items[1].replace('"body":', '"body" ')  # item 2 is broken
    text = "[\n" + ",\n".join(items) + ",\n" + items[0][:40]  # and the file is cut inside a fifth item
    (folder / "b_array.json").write_text(text, encoding="utf-8")
    expect += [Expect("b_array.json", 2, "loaded", "a good array item"),
               Expect("b_array.json", 3, "not valid JSON", "malformed item in a JSON array"),
               Expect("b_array.json", 4, "loaded", "a good array item after a broken one"),
               Expect("b_array.json", 5, "loaded", "a good array item"),
               Expect("b_array.json", 6, "not valid JSON", "a JSON array cut in the middle of an item")]  # fmt: skip

    # --- CSV: mixed encodings, a broken UTF-8 row, a shifted row, a Latin row in Windows-1256 ----------------
    def csv_row(*cells: str) -> bytes:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerow(cells)
        return buf.getvalue().encode("utf-8")

    rows = [
        csv_row("id", "title", "body", "published_at"),
        csv_row("c-utf8", "عنوان", BODY, "2024-03-09 10:00"),
        csv_row("c-1256", "عنوان", BODY_2, "09/03/2024 11:00").decode("utf-8").encode("cp1256"),
        csv_row("c-broken", "عنوان", BODY, "2024-03-09")[:-20] + b"\xd8" + csv_row("", "", "", "")[-20:],
        csv_row("c-shifted", "عنوان", BODY, "2024-03-09", "extra"),
        csv_row("c-latin", "titre", "Trois civils ont été tués aujourd'hui à Sarmin.", "2024-03-09")
        .decode("utf-8")
        .encode("cp1256"),
        csv_row("c-nodate", "عنوان", BODY, ""),
    ]
    (folder / "c_scrape.csv").write_bytes(b"".join(rows))
    expect += [Expect("c_scrape.csv", 2, "loaded", "a UTF-8 CSV row"),
               Expect("c_scrape.csv", 3, "loaded", "a Windows-1256 row in a UTF-8 CSV (mixed encodings)"),
               Expect("c_scrape.csv", 4, "not valid UTF-8", "undecodable bytes in a CSV row"),
               Expect("c_scrape.csv", 5, "field(s) but the header", "CSV row with an extra field"),
               Expect("c_scrape.csv", 6, "not Arabic", "French text in a Windows-1256 CSV row"),
               Expect("c_scrape.csv", 7, "published_at is missing", "CSV row without a date")]  # fmt: skip

    # --- Parquet: a good row, a row without a body, a future row; and a file that is not Parquet ------------
    table = pa.table({
        "id": ["p-good", "p-no-body", "p-future"],
        "text": [BODY, None, BODY_2],
        "published": pa.array([dt.datetime(2024, 3, 9, 8, tzinfo=dt.UTC)] * 2
                              + [dt.datetime(2030, 1, 1, tzinfo=dt.UTC)], pa.timestamp("us", tz="UTC")),
    })  # fmt: skip
    pq.write_table(table, folder / "d_rows.parquet")
    (folder / "e_not_really.parquet").write_bytes(b"PAR1 this is not a parquet file")
    expect += [Expect("d_rows.parquet", 1, "loaded", "a Parquet row"),
               Expect("d_rows.parquet", 2, "body is missing", "Parquet row without a body"),
               Expect("d_rows.parquet", 3, "in the future", "Parquet row dated in the future"),
               Expect("e_not_really.parquet", 0, "not a readable Parquet", "a corrupt Parquet file")]  # fmt: skip

    # --- saved pages: a page of navigation and scripts only, a page with no date ------------------------
    (folder / "f_junk_page.html").write_text(
        "<html><head><title>خطأ</title><script>location.href='/';</script></head>"
        "<body><nav><a href='/'>الرئيسية</a></nav></body></html>", encoding="utf-8")  # fmt: skip
    (folder / "g_undated_page.html").write_text(
        "<html><head><meta charset='utf-8'><title>قصف على سرمين</title></head><body><article><h1>قصف على سرمين</h1>"
        f"<p>{BODY}</p><p>{BODY_2}</p><p>وقال ناشطون إن القصف استمر حتى ساعات المساء.</p></article></body></html>",
        encoding="utf-8")  # fmt: skip
    expect += [Expect("f_junk_page.html", 1, "no article text", "an HTML page with no article in it"),
               Expect("g_undated_page.html", 1, "no publication date", "a saved page without a date")]  # fmt: skip

    # --- feeds: an entry without a date, an entry with an unreadable date; a file that is no feed ----------
    (folder / "h_feed.rss").write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>شبكة تجريبية</title>
<item><title>خبر</title><link>https://feed.example/1</link><pubDate>Sat, 09 Mar 2024 10:00:00 GMT</pubDate>
<description>{BODY}</description></item>
<item><title>خبر بلا تاريخ</title><link>https://feed.example/2</link><description>{BODY_2}</description></item>
<item><title>خبر</title><link>https://feed.example/3</link><pubDate>السبت الماضي</pubDate>
<description>{BODY}</description></item>
</channel></rss>""", encoding="utf-8")  # fmt: skip
    (folder / "i_sitemap.xml").write_text("this is not XML at all { }", encoding="utf-8")
    expect += [Expect("h_feed.rss", 1, "loaded", "a feed entry"),
               Expect("h_feed.rss", 2, "published_at is missing", "a feed entry without a date"),
               Expect("h_feed.rss", 3, "not a date", "a feed entry with an unreadable date"),
               Expect("i_sitemap.xml", 0, "not an RSS or Atom feed", "a .xml file that is no feed")]  # fmt: skip

    # --- compressed: a good gzipped JSON-lines file and a corrupt one -----------------------------------
    (folder / "j_packed.jsonl.gz").write_bytes(
        gzip.compress((json.dumps(article("gz-good"), ensure_ascii=False) + "\n").encode("utf-8"))
    )
    (folder / "k_corrupt.jsonl.gz").write_bytes(gzip.compress(b'{"id": 1}\n' * 50)[:30])
    expect += [Expect("j_packed.jsonl.gz", 1, "loaded", "a gzipped JSON-lines file"),
               Expect("k_corrupt.jsonl.gz", 0, "gzip", "a corrupt gzip file")]  # fmt: skip

    (folder / "notes.txt").write_text("not an inbox file\n", encoding="utf-8")  # left alone, and said so
    return expect
