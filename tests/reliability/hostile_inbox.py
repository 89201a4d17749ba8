"""A hostile inbox: the inputs of issue 16 that an adversarial user tried, written by the tests (nothing is read from
outside the test's folders), each with what must become of it. Ingest-level rows only; the rows about extraction,
publishing and running live in their tests."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

NOW = dt.datetime(2024, 4, 1, 12, 0)
BODY = "قتل مدني وجرح اثنان آخران في قصف مدفعي استهدف بلدة سرمين في ريف إدلب اليوم."
SECRET = "RASD_TEST_SECRET_TOKEN=7f3a9c1e"  # what a file outside the inbox holds; must never be read
# "حلب" in Windows-1256: a name as a Windows share or a zip gives it, not UTF-8
CP1256_NAME = "حلب_اخبار".encode("cp1256") + b".jsonl"


def article(id: object, body: str = BODY, published_at: object = "2024-03-09T13:20:00Z", **extra) -> dict:
    return {"id": id, "source": "وكالة رصد التجريبية", "url": None, "published_at": published_at,
            "title": "خبر تجريبي", "body": body, **extra}  # fmt: skip


def jsonl(*records: dict) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in records)


@dataclass
class Hostile:
    """What was written: per row of the issue, the inputs tried and the good records that must load."""

    inputs: dict[str, int] = field(default_factory=dict)  # row of the issue -> inputs tried
    good: set[str] = field(default_factory=set)  # ids of the good records that must all load
    outside: Path | None = None  # a folder outside the inbox holding the secret


def write_hostile_inbox(folder: Path) -> Hostile:
    folder.mkdir(parents=True, exist_ok=True)
    h = Hostile()

    # A file name that is not UTF-8, among four ordinary files: all five load.
    with open(os.fsencode(folder) + b"/" + CP1256_NAME, "wb") as out:
        out.write(jsonl(article("name-cp1256")))
    for n in range(1, 5):
        (folder / f"ordinary_{n}.jsonl").write_bytes(jsonl(article(f"name-ordinary-{n}")))
    h.inputs["file name not UTF-8"] = 1
    h.good |= {"name-cp1256"} | {f"name-ordinary-{n}" for n in range(1, 5)}

    # One Parquet value out of range among 4,999 good rows: only its row is rejected.
    n_rows = 5000
    stamps = [int(dt.datetime(2024, 3, 9, 10).timestamp() * 1_000_000) + i for i in range(n_rows)]
    stamps[2048] = 2**62  # year ~146,000: Arrow stores it, Python cannot read it
    pq.write_table(pa.table({
        "id": [f"pq-{i}" for i in range(n_rows)],
        "body": [BODY] * n_rows,
        "published_at": pa.array(stamps, pa.timestamp("us")),
    }), folder / "columnar.parquet", row_group_size=1000)  # fmt: skip
    h.inputs["Parquet value out of range"] = 1
    h.good |= {f"pq-{i}" for i in range(n_rows) if i != 2048}

    # Links and things that are not files: never followed, never read, each rejected with the reason.
    outside = folder.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "environ").write_text(SECRET + "\n", encoding="utf-8")
    (outside / "articles.jsonl").write_bytes(
        jsonl(article("outside-1", body=BODY + " " + SECRET))
    )
    os.symlink(outside / "environ", folder / "environ.jsonl")
    os.symlink(outside / "articles.jsonl", folder / "linked.jsonl")
    os.symlink(outside, folder / "linked_folder.jsonl")
    os.symlink(folder / "missing.jsonl", folder / "dangling.jsonl")
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "sub.jsonl").mkdir()
    h.outside = outside
    h.inputs["symlink or not a regular file"] = 6

    # A gzip bomb: 1,000 times its size; beside it a small good .jsonl.gz that loads.
    bad_line = b'{"id": "x", "body": "0"}\n'
    bomb = gzip.compress(bad_line * (40 * 1024 * 1024 // len(bad_line)), compresslevel=9)
    (folder / "bomb.jsonl.gz").write_bytes(bomb)
    (folder / "small.jsonl.gz").write_bytes(gzip.compress(jsonl(article("gz-good"))))
    h.inputs["gzip bomb"] = 1
    h.good.add("gz-good")

    # "<a" and 400 KB of spaces as a title and as a body (the tag pattern was quadratic).
    (folder / "tags.jsonl").write_bytes(jsonl(
        article("tag-title", title="<a" + " " * 400_000),
        article("tag-body", body=BODY + " <a" + " " * 400_000),
        article("tag-after"),
    ))  # fmt: skip
    h.inputs["<a and spaces"] = 2
    h.good |= {"tag-after"}

    # A CSV with an unclosed quote on line 3: lines 4 and 5 load.
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "title", "body", "published_at"])
    writer.writerow(["csv-1", "عنوان", BODY, "2024-03-09 10:00"])
    buf.write(f'csv-broken,"عنوان مقطوع,{BODY},2024-03-09 10:00\n')
    writer.writerow(["csv-3", "عنوان", BODY, "2024-03-09 11:00"])
    writer.writerow(["csv-4", "عنوان \"مقتبس\"", BODY + "\nسطر ثان", "2024-03-09 12:00"])
    (folder / "quotes.csv").write_text(buf.getvalue(), encoding="utf-8")
    h.inputs["CSV unclosed quote"] = 1
    h.good |= {"csv-1", "csv-3", "csv-4"}

    # Ids that differ only by a NUL, a bidi mark, surrounding spaces or JSON quoting: never merged.
    (folder / "ids.jsonl").write_bytes(jsonl(
        article("42", body=BODY + " ١"),
        article("42\u0000", body=BODY + " ٢"),
        article("\u200f42", body=BODY + " ٣"),
        article(" 42 ", body=BODY + " ٤"),
        article(42, body=BODY + " ٥"),
    ))  # fmt: skip
    h.inputs["ids differing by NUL, bidi, spaces, quoting"] = 5
    h.good |= {"42", "42\u0000", "\u200f42", " 42 "}

    # A leap second.
    (folder / "leap.jsonl").write_bytes(jsonl(article("leap", published_at="2016-12-31T23:59:60Z")))
    h.inputs["leap second"] = 1
    h.good.add("leap")

    # Limits: a 9 MiB line, a published_at of 100,000 characters, then a good line; 1,500 bad lines then a good one.
    (folder / "long.jsonl").write_bytes(
        jsonl(article("too-long", body="ب" * (9 * 1024 * 1024 // 2)))
        + jsonl(article("long-date", published_at="2024-03-09 " + "٠" * 100_000))
        + jsonl(article("after-long"))
    )
    (folder / "garbage.jsonl").write_bytes(b"not json\n" * 1500 + jsonl(article("after-garbage")))
    h.inputs["limits: line length, date length, rejections per file"] = 3
    h.good |= {"after-long", "after-garbage"}
    return h
