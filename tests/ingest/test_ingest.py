"""Ingest: inbox JSON lines -> raw.articles / raw.rejected_articles, idempotent, nothing dropped silently;
and the gazetteer -> ref.admin1..4."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from ingest.inbox import RAW_RECORD_LIMIT, content_hash
from orchestration.assets.ingest import articles as articles_asset
from orchestration.assets.reference import gazetteer as gazetteer_asset
from orchestration.resources import Locations, RasdPaths, warehouse_resource
from warehouse.articles import ingest
from warehouse.connection import connect, ensure_schema
from warehouse.reference import GAZETTEER_FILES, GAZETTEER_TABLES

GOOD_1 = {
    "id": "t-1",
    "source": "وكالة رصد التجريبية",
    "url": "https://example.org/1",
    "published_at": "2024-03-09T13:20:00Z",
    "title": "غارة على سرمين",
    "body": "قتل مدني في غارة جوية على بلدة سرمين اليوم.",
}
GOOD_2 = {
    "id": "t-2",
    "source": "شبكة الشمال",
    "url": None,
    "published_at": "2024-03-10T09:00:00+03:00",
    "title": None,
    "body": "قصف مدفعي على أريحا.",
}


def write_inbox(folder: Path, name: str, lines: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    write_inbox(
        folder,
        "batch.jsonl",
        [
            dumps(GOOD_1),  # line 1
            "",  # line 2: blank, skipped
            '{"id": "bad-json", "published_at": "2024-03-09", "body": "x"',  # line 3: malformed JSON
            dumps({"id": "no-body", "published_at": "2024-03-09T00:00:00Z", "body": "  "}),  # line 4
            dumps({**GOOD_1, "id": "bad-date", "published_at": "yesterday"}),  # line 5
            dumps(GOOD_2),  # line 6
            dumps({**GOOD_1, "id": "no-body-key", "body": None}),  # line 7
        ],
    )
    return folder


def table(conn: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return conn.execute(sql).fetchall()


def test_good_rows_inserted_bad_rows_rejected_with_reasons(inbox: Path, warehouse: Path) -> None:
    with connect(warehouse) as conn:
        ensure_schema(conn)
        report = ingest(conn, inbox)
        rows = table(
            conn,
            "SELECT article_id, source, url, published_at, title, body, source_file, source_line "
            "FROM raw.articles ORDER BY article_id",
        )
        rejected = table(
            conn,
            "SELECT source_file, source_line, reason, raw_record FROM raw.rejected_articles "
            "ORDER BY source_line",
        )

    assert (report.rows_read, report.inserted, report.updated, report.unchanged) == (6, 2, 0, 0)
    assert (report.rejected, report.rejected_new, report.total_rows, report.total_rejected) == (4, 4, 2, 4)

    assert [r[0] for r in rows] == ["t-1", "t-2"]
    t1, t2 = rows
    assert t1[3] == dt.datetime(2024, 3, 9, 13, 20)  # "Z" -> naive UTC
    assert t2[3] == dt.datetime(2024, 3, 10, 6, 0)  # +03:00 -> naive UTC
    assert t2[2] is None and t2[4] is None
    assert (t1[6], t1[7], t2[7]) == ("batch.jsonl", 1, 6)

    by_line = {line: (file, reason, raw) for file, line, reason, raw in rejected}
    assert sorted(by_line) == [3, 4, 5, 7]
    assert all(file == "batch.jsonl" for file, _, _ in by_line.values())
    assert "not valid JSON" in by_line[3][1]
    assert "body" in by_line[4][1]
    assert "published_at" in by_line[5][1] and "yesterday" in by_line[5][1]
    assert "body" in by_line[7][1]
    assert by_line[3][2].startswith('{"id": "bad-json"')


def test_second_ingest_adds_and_changes_nothing(inbox: Path, warehouse: Path) -> None:
    with connect(warehouse) as conn:
        ensure_schema(conn)
        ingest(conn, inbox, now=dt.datetime(2025, 1, 1))
        before = (
            table(conn, "SELECT * FROM raw.articles ORDER BY article_id"),
            table(conn, "SELECT * FROM raw.rejected_articles ORDER BY rejection_id"),
        )
        report = ingest(conn, inbox, now=dt.datetime(2025, 1, 2))
        after = (
            table(conn, "SELECT * FROM raw.articles ORDER BY article_id"),
            table(conn, "SELECT * FROM raw.rejected_articles ORDER BY rejection_id"),
        )
    assert (report.inserted, report.updated, report.unchanged, report.rejected_new) == (0, 0, 2, 0)
    assert report.rejected == 4  # still reported, not stored twice
    assert after == before  # ingested_at / rejected_at untouched too


def test_changed_content_replaces_the_row(inbox: Path, warehouse: Path) -> None:
    with connect(warehouse) as conn:
        ensure_schema(conn)
        ingest(conn, inbox)
        (old_hash,) = conn.execute(
            "SELECT content_hash FROM raw.articles WHERE article_id = 't-1'"
        ).fetchone()
        write_inbox(inbox, "z_correction.jsonl", [dumps({**GOOD_1, "body": GOOD_1["body"] + " وجرح آخرون."})])
        report = ingest(conn, inbox)
        rows = table(
            conn,
            "SELECT article_id, body, content_hash, source_file, source_line FROM raw.articles "
            "WHERE article_id = 't-1'",
        )
        total = conn.execute("SELECT count(*) FROM raw.articles").fetchone()[0]
    assert (report.inserted, report.updated, report.unchanged, report.duplicates_in_inbox) == (0, 1, 1, 1)
    assert total == 2
    [(_, body, new_hash, source_file, source_line)] = rows
    assert body.endswith("وجرح آخرون.") and new_hash != old_hash
    assert (source_file, source_line) == ("z_correction.jsonl", 1)


def test_content_hash_follows_the_contract() -> None:
    from extract.records import parse_article

    article = parse_article(GOOD_1)
    expected = hashlib.sha256(
        (GOOD_1["title"] + "\n" + GOOD_1["body"] + "2024-03-09T13:20:00").encode("utf-8")
    ).hexdigest()
    assert content_hash(article) == expected


def test_non_utf8_and_long_lines_are_rejected_not_dropped(tmp_path: Path, warehouse: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    long_bad = '{"id": "long", "body": "' + "ب" * 5000 + '"}'  # no published_at
    (folder / "mixed.jsonl").write_bytes(b'{"id": "\xff\xfe"}\n' + long_bad.encode("utf-8") + b"\n")
    (folder / "ignored.txt").write_text("not an inbox file\n", encoding="utf-8")
    with connect(warehouse) as conn:
        ensure_schema(conn)
        report = ingest(conn, folder)
        rejected = table(
            conn,
            "SELECT source_line, reason, length(raw_record) FROM raw.rejected_articles ORDER BY source_line",
        )
    assert report.files == ["mixed.jsonl"]
    assert report.rows_read == 2 and report.rejected == 2
    assert rejected[0][:2] == (1, "line is not valid UTF-8 text (byte(s) 0xFF at byte 9)")
    assert rejected[1][0] == 2 and "published_at" in rejected[1][1] and rejected[1][2] == RAW_RECORD_LIMIT


def test_missing_inbox_is_an_error(tmp_path: Path, warehouse: Path) -> None:
    with connect(warehouse) as conn:
        ensure_schema(conn)
        with pytest.raises(FileNotFoundError, match="RASD_INBOX"):
            ingest(conn, tmp_path / "nowhere")


def test_articles_asset_metadata(inbox: Path, warehouse: Path) -> None:
    resources = {"duckdb": warehouse_resource(warehouse), "rasd": RasdPaths(inbox=str(inbox))}
    for run in (1, 2):
        result = dg.materialize(
            [articles_asset], resources=resources, instance=dg.DagsterInstance.ephemeral()
        )
        assert result.success
        [materialization] = result.asset_materializations_for_node("articles")
        meta = {key: getattr(value, "value", value) for key, value in materialization.metadata.items()}
        assert meta["rows_read"] == 6 and meta["rejected"] == 4 and meta["dagster/row_count"] == 2
        assert (meta["inserted"], meta["unchanged"]) == ((2, 0) if run == 1 else (0, 2))
        assert meta["rejected_new"] == (4 if run == 1 else 0)
        assert "| batch.jsonl | line 5 |" in meta["rejections"] and "yesterday" in meta["rejections"]


def test_gazetteer_asset_loads_ref_tables(gazetteer_dir: Path, warehouse: Path) -> None:
    resources = {"duckdb": warehouse_resource(warehouse), "rasd": RasdPaths(gazetteer_dir=str(gazetteer_dir))}
    for _ in range(2):  # create or replace: a second load gives the same tables
        result = dg.materialize(
            [gazetteer_asset], resources=resources, instance=dg.DagsterInstance.ephemeral()
        )
        assert result.success
    with connect(warehouse, read_only=True) as conn:
        counts = {
            t: conn.execute(f"SELECT count(*) FROM ref.{t}").fetchone()[0]
            for t in ("admin1", "admin2", "admin3", "admin4")
        }
        described = {t.name: conn.execute(f"DESCRIBE {t.qualified}").fetchall() for t in GAZETTEER_TABLES.values()}
        idlib = conn.execute(
            "SELECT admin2Name_en, admin2Name_ar FROM ref.admin2 WHERE admin2Pcode = 'SY0700'"
        ).fetchone()
    csv_rows = {
        table: len(list(csv.DictReader((gazetteer_dir / name).read_text(encoding="utf-8").splitlines())))
        for name, table in GAZETTEER_FILES.items()
    }
    assert counts == csv_rows and counts["admin1"] == 14
    # the shared gazetteer has exactly the declared columns, with the declared types (warehouse/schema.py)
    for table in GAZETTEER_TABLES.values():
        assert [r[:2] for r in described[table.name]] == [(c.name, c.type) for c in table.columns], table.name
    assert idlib == ("Idleb", "مركز إدلب")


def test_gazetteer_asset_without_gazetteer_fails_with_instructions(tmp_path: Path, warehouse: Path) -> None:
    empty = tmp_path / "no_gazetteer"
    empty.mkdir()
    resources = {"duckdb": warehouse_resource(warehouse), "rasd": RasdPaths(gazetteer_dir=str(empty))}
    result = dg.materialize(
        [gazetteer_asset], resources=resources, instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
    )
    assert not result.success
    [failure] = [e for e in result.all_events if e.is_step_failure]
    error = failure.step_failure_data.error
    text = error.to_string() + (error.cause.to_string() if error.cause else "")
    assert "GazetteerMissing" in text and "rasd gazetteer download" in text and "RASD_GAZETTEER_DIR" in text


# --- the formats users have: realistic files in tests/fixtures/formats -----------------------------------

FORMATS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
INGEST_TIME = dt.datetime(2024, 4, 1, 12, 0)
MAPPING_TOML = """
[[ingest.files]]
glob = "mapped_*.csv"
columns = { id = "Story ID", body = "Story Text", published_at = "Posted (GMT)", source = "Outlet" }
date_formats = ["%d.%m.%Y - %H:%M"]
"""

# id -> (file, position, published_at UTC, source, title, words of the body)
EXPECTED_FROM_FORMATS = {
    # JSON array, other field names (article_id, site, link, date, headline, text), offsets and naive times
    "agency-101": ("agency_dump.json", "item 1 (line 2)", "2024-03-15 06:30", "وكالة رصد التجريبية",
                   "قصف مدفعي على أطراف سراقب", "إصابة ثلاثة مدنيين"),
    "agency-102": ("agency_dump.json", "item 2 (line 10)", "2024-03-15 14:00", "وكالة رصد التجريبية",
                   "انفجار عبوة ناسفة في مدينة الباب", "وسط مدينة الباب"),
    "agency-103": ("agency_dump.json", "item 3 (line 18)", "2024-03-16 07:10", "وكالة رصد التجريبية",
                   "اشتباكات على محور كبانة", "كبانة في جبل الأكراد بريف اللاذقية.\nوأفادت"),  # paragraphs joined
    # CSV, UTF-8 with a BOM and CRLF, a quoted body over two lines
    "csv-201": ("scrape_utf8.csv", "row 2 (lines 2-3)", "2024-03-17 11:05", "شبكة الشمال الإخبارية",
                "غارات على معرة النعمان", "جنوبي إدلب.\nوأفاد الدفاع المدني"),
    "csv-202": ("scrape_utf8.csv", "row 3 (line 4)", "2024-03-17 06:30", "شبكة الشمال الإخبارية",
                "قصف صاروخي على أريحا", "صواريخ أرض-أرض"),
    # CSV in Windows-1256, ';'-separated, Arabic column names, day-first dates, no outlet (its URL's host)
    "south-301": ("scrape_cp1256.csv", "row 2 (line 2)", "2024-03-17 08:45", "south.example", "قصف على درعا البلد",
                  "مقتل طفل وإصابة امرأة"),
    "south-302": ("scrape_cp1256.csv", "row 3 (line 3)", "2024-03-17 10:20", "south.example", "اغتيال في بصرى الشام",
                  "بصرى الشام"),
    # CSV whose columns the settings map
    "M-1": ("mapped_columns.csv", "row 2 (line 2)", "2024-03-18 10:15", "وكالة الخرائط", "غارة على الأتارب",
            "مدينة الأتارب"),
    "M-2": ("mapped_columns.csv", "row 3 (line 3)", "2024-03-18 12:40", "وكالة الخرائط", "قصف على عندان",
            "بلدة عندان"),
    # saved pages: UTF-8 with article:published_time; Windows-1256 with JSON-LD datePublished
    "https://north.example/2024/03/18/kafranbel-raids": (
        "north_news_kafranbel.html", "page", "2024-03-18 13:40", "شبكة الشمال الإخبارية",
        "مقتل ثلاثة مدنيين بغارات على كفرنبل", "بلدة كفرنبل في ريف إدلب الجنوبي"),
    "south_news_tafas.html": ("south_news_tafas.html", "page", "2024-03-19 07:15", "شبكة الجنوب الإخبارية",
                              "قصف بالهاون على مدينة طفس", "مدينة طفس بريف درعا الغربي"),
    # RSS 2.0 (content:encoded HTML, RFC 2822 dates) and Atom (escaped HTML content, a summary-only entry)
    "north-7781": ("north_news_feed.rss", "entry 1", "2024-03-19 07:30", "شبكة الشمال الإخبارية",
                   "قصف مدفعي على بلدة تلمنس", "بلدة تلمنس في ريف إدلب الشرقي"),
    "https://north.example/2024/03/19/jisr": ("north_news_feed.rss", "entry 2", "2024-03-19 08:05",
                                              "شبكة الشمال الإخبارية", "غارة روسية على جسر الشغور", "جسر الشغور"),
    "tag:center.example,2024:entry-501": ("center_news.atom", "entry 1", "2024-03-20 05:45", "شبكة الوسط الإخبارية",
                                          "انفجار سيارة مفخخة في تلبيسة", "مدينة تلبيسة بريف حمص الشمالي"),
    "tag:center.example,2024:entry-502": ("center_news.atom", "entry 2", "2024-03-20 08:20", "شبكة الوسط الإخبارية",
                                          "اشتباكات على أطراف الرستن", "أطراف مدينة الرستن"),
}  # fmt: skip


def formats_inbox(tmp_path: Path) -> Path:
    import shutil

    folder = tmp_path / "formats_inbox"
    shutil.copytree(FORMATS_DIR, folder)
    return folder


def test_every_format_loads_from_realistic_files(tmp_path: Path, warehouse: Path) -> None:
    import tomllib

    from ingest.settings import parse_config

    config = parse_config(tomllib.loads(MAPPING_TOML))
    with connect(warehouse) as conn:
        ensure_schema(conn)
        report = ingest(conn, formats_inbox(tmp_path), now=INGEST_TIME, config=config)
        rows = {
            r[0]: r[1:]
            for r in table(
                conn,
                "SELECT article_id, source_file, source_position, strftime(published_at, '%Y-%m-%d %H:%M'), source, "
                "title, body, revision FROM raw.articles",
            )
        }
        rejected = table(conn, "SELECT source_file, source_position, reason FROM raw.rejected_articles")
    assert rejected == []
    assert report.formats == {
        "agency_dump.json": "json", "center_news.atom": "feed", "mapped_columns.csv": "csv",
        "north_news_feed.rss": "feed", "north_news_kafranbel.html": "html", "scrape_cp1256.csv": "csv",
        "scrape_utf8.csv": "csv", "south_news_tafas.html": "html",
    }  # fmt: skip
    assert set(rows) == set(EXPECTED_FROM_FORMATS)
    for article_id, (file, position, published, source, title, words) in EXPECTED_FROM_FORMATS.items():
        got = rows[article_id]
        assert got[:5] == (file, position, published, source, title), article_id
        assert words in got[5], (article_id, got[5])
        assert "<" not in got[5] and "\ufffd" not in got[5], article_id  # no markup, no broken decoding
        assert got[6] == 1
    # the saved page: the main text without menus, share buttons, adverts or the footer, and not its headline again
    page = rows["https://north.example/2024/03/18/kafranbel-raids"][5]
    assert page.startswith("قُتل ثلاثة مدنيين") and page.count("\n") == 2
    for boilerplate in ("الرئيسية", "الأكثر قراءة", "جميع الحقوق", "فيسبوك", "إعلان"):
        assert boilerplate not in page


def test_formats_without_the_mapping_reject_with_a_hint(tmp_path: Path, warehouse: Path) -> None:
    from ingest.settings import IngestConfig

    with connect(warehouse) as conn:
        ensure_schema(conn)
        ingest(conn, formats_inbox(tmp_path), now=INGEST_TIME, config=IngestConfig())
        rejected = table(
            conn, "SELECT source_file, source_line, reason FROM raw.rejected_articles ORDER BY 2"
        )
    assert [r[:2] for r in rejected] == [("mapped_columns.csv", 2), ("mapped_columns.csv", 3)]
    assert all("[ingest.columns]" in r[2] and "published_at is missing" in r[2] for r in rejected)


def test_settings_file_from_rasd_config(tmp_path: Path, warehouse: Path) -> None:
    settings = tmp_path / "my_rasd.toml"
    settings.write_text(MAPPING_TOML, encoding="utf-8")
    # RASD_CONFIG is read once, when the resources are built, and reaches the asset as resource config
    locations = Locations.from_environment({"RASD_CONFIG": str(settings)}, inbox=formats_inbox(tmp_path))
    resources = {"duckdb": warehouse_resource(warehouse), "rasd": RasdPaths.from_locations(locations)}
    result = dg.materialize([articles_asset], resources=resources, instance=dg.DagsterInstance.ephemeral())
    assert result.success
    [materialization] = result.asset_materializations_for_node("articles")
    meta = {key: getattr(value, "value", value) for key, value in materialization.metadata.items()}
    assert meta["settings"] == str(settings)
    assert meta["rejected"] == 0 and meta["dagster/row_count"] == len(EXPECTED_FROM_FORMATS)


def test_bad_settings_say_what_is_wrong(tmp_path: Path) -> None:
    from ingest.settings import ConfigError, load_config

    settings = tmp_path / "rasd.toml"
    cases = {
        "[ingest.columns]\nbodyy = 'text'\n": "unknown field",
        "[ingest]\nmax_body_chars = -5\n": "max_body_chars",
        "[[ingest.files]]\nglob = '*.csv'\nencoding = 'klingon'\n": "unknown encoding",
        "[[ingest.files]]\nformat = 'csv'\n": "needs a glob",
        "[ingest\n": "not valid TOML",
    }
    for text, words in cases.items():
        settings.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=words):
            load_config(settings)
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "missing.toml")


def test_repository_settings_file_is_valid() -> None:
    from ingest.settings import REPO_ROOT, IngestConfig, load_config

    path = REPO_ROOT / "rasd.toml"
    assert path.is_file()
    config = load_config(path)
    assert (config.max_body_chars, config.min_arabic_share) == (IngestConfig().max_body_chars, 0.3)


def test_parquet_with_its_own_types(tmp_path: Path, warehouse: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "inbox"
    folder.mkdir()
    table_ = pa.table({
        "doc_id": pa.array([501, 502], pa.int64()),
        "headline": ["غارة على سرمين", None],
        "paragraphs": pa.array([["قتل مدني في غارة على بلدة سرمين اليوم.", "وجرح آخرون."],
                                ["قصف مدفعي على أريحا."]], pa.list_(pa.large_string())),
        "published": pa.array([dt.datetime(2024, 3, 9, 16, 20, tzinfo=dt.timezone(dt.timedelta(hours=3))),
                               dt.datetime(2024, 3, 10, 6, 0, tzinfo=dt.UTC)],
                              pa.timestamp("ms", tz="Asia/Damascus")),
        "outlet": pa.array(["شبكة الشمال", "شبكة الشمال"]).dictionary_encode(),
    })  # fmt: skip
    pq.write_table(table_, folder / "export.parquet")
    with connect(warehouse) as conn:
        ensure_schema(conn)
        report = ingest(conn, folder, now=INGEST_TIME)
        rows = table(conn, "SELECT article_id, source, published_at, title, body, source_position FROM raw.articles "
                           "ORDER BY 1")  # fmt: skip
    assert report.rejected == 0
    assert rows == [
        ("501", "شبكة الشمال", dt.datetime(2024, 3, 9, 13, 20), "غارة على سرمين",
         "قتل مدني في غارة على بلدة سرمين اليوم.\nوجرح آخرون.", "row 1"),
        ("502", "شبكة الشمال", dt.datetime(2024, 3, 10, 6, 0), None, "قصف مدفعي على أريحا.", "row 2"),
    ]  # fmt: skip


def test_json_object_holding_the_articles_and_ids_derived(tmp_path: Path, warehouse: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    body = "قتل مدني في غارة على بلدة سرمين اليوم."
    (folder / "export.json").write_text(json.dumps({"status": "ok", "data": [
        {"url": "https://example.org/a", "published_at": "2024-03-09T10:00:00Z", "body": body},
        {"published_at": "2024-03-09T11:00:00Z", "body": body + " وجرح آخرون."},
    ]}, ensure_ascii=False), encoding="utf-8")  # fmt: skip
    (folder / "one.json").write_text(json.dumps({"id": "single", "published_at": "2024-03-09", "body": body},
                                                ensure_ascii=False), encoding="utf-8")  # fmt: skip
    with connect(warehouse) as conn:
        ensure_schema(conn)
        report = ingest(conn, folder, now=INGEST_TIME)
        ids = [
            r[0]
            for r in table(
                conn, "SELECT article_id, source_position FROM raw.articles ORDER BY source_file, 2"
            )
        ]
    assert report.rejected == 0
    assert (
        ids[:2] == ["https://example.org/a", ids[1]] and ids[1].startswith("sha256:") and ids[2] == "single"
    )


# --- revisions -------------------------------------------------------------------------------------------


def revisions(conn: duckdb.DuckDBPyConnection) -> list[tuple]:
    return table(conn, "SELECT article_id, revision, source_file, source_line, body FROM raw.article_revisions "
                       "ORDER BY article_id, revision")  # fmt: skip


def test_a_changed_article_is_a_new_revision_and_the_latest_wins(inbox: Path, warehouse: Path) -> None:
    v2 = {**GOOD_1, "body": GOOD_1["body"] + " وارتفع عدد القتلى إلى اثنين."}
    v3 = {**GOOD_1, "title": "غارة جوية على سرمين", "body": v2["body"]}
    with connect(warehouse) as conn:
        ensure_schema(conn)
        ingest(conn, inbox, now=INGEST_TIME)
        # the same inbox file gains a correction, and a later file a second one
        write_inbox(inbox, "c_update.jsonl", [dumps(GOOD_1), dumps(v2)])
        first = ingest(conn, inbox, now=INGEST_TIME)
        write_inbox(inbox, "d_update.jsonl", [dumps(v3)])
        second = ingest(conn, inbox, now=INGEST_TIME)
        again = ingest(conn, inbox, now=INGEST_TIME)
        current = table(
            conn, "SELECT title, body, revision, source_file FROM raw.articles WHERE article_id = 't-1'"
        )
        history = [r for r in revisions(conn) if r[0] == "t-1"]
        # a revert to an earlier content: that revision is current again, and no new revision is made
        (inbox / "d_update.jsonl").unlink()
        write_inbox(inbox, "e_revert.jsonl", [dumps(GOOD_1)])
        revert = ingest(conn, inbox, now=INGEST_TIME)
        after_revert = table(conn, "SELECT revision, body FROM raw.articles WHERE article_id = 't-1'")
        n_revisions = len([r for r in revisions(conn) if r[0] == "t-1"])
    assert (first.updated, first.revisions_new, first.revised[0][:3]) == (1, 1, ("t-1", 2, "c_update.jsonl"))
    assert (second.updated, second.revisions_new) == (1, 1)
    assert (again.inserted, again.updated, again.revisions_new) == (0, 0, 0)
    assert current == [("غارة جوية على سرمين", v2["body"], 3, "d_update.jsonl")]
    assert [(r[1], r[2], r[3], r[4]) for r in history] == [
        (1, "batch.jsonl", 1, GOOD_1["body"]), (2, "c_update.jsonl", 2, v2["body"]), (3, "d_update.jsonl", 1, v2["body"]),
    ]  # fmt: skip
    assert (revert.updated, revert.revisions_new) == (1, 0)
    assert after_revert == [(1, GOOD_1["body"])] and n_revisions == 3


def test_rows_from_before_revisions_are_backfilled(inbox: Path, warehouse: Path) -> None:
    with connect(warehouse) as conn:
        ensure_schema(conn)
        ingest(conn, inbox, now=INGEST_TIME)
        conn.execute("DELETE FROM raw.article_revisions")
        conn.execute("UPDATE raw.articles SET revision = NULL")
        report = ingest(conn, inbox, now=INGEST_TIME)
        rows = table(conn, "SELECT article_id, revision FROM raw.articles ORDER BY 1")
        history = [(r[0], r[1]) for r in revisions(conn)]
    assert report.inserted == report.updated == report.revisions_new == 0
    assert rows == history == [("t-1", 1), ("t-2", 1)]


def test_zero_width_and_bidi_marks_are_cleaned_not_rejected(tmp_path: Path, warehouse: Path) -> None:
    folder = tmp_path / "inbox"
    body = "قتل\u200c مدني\u200f في غارة\u202b على\u2066 بلدة\u2069 سرمين\ufeff اليوم\u00ad."
    write_inbox(folder, "zw.jsonl", [dumps({**GOOD_1, "title": "\u200fغارة على سرمين\u200e", "body": body})])
    with connect(warehouse) as conn:
        ensure_schema(conn)
        report = ingest(conn, folder, now=INGEST_TIME)
        [(title, stored)] = table(conn, "SELECT title, body FROM raw.articles")
    assert report.rejected == 0 and report.cleaned == 1
    assert stored == "قتل مدني في غارة على بلدة سرمين اليوم." and title == "غارة على سرمين"


def test_files_of_other_kinds_are_listed_not_read(tmp_path: Path, warehouse: Path) -> None:
    folder = tmp_path / "inbox"
    write_inbox(folder, "a.jsonl", [dumps(GOOD_1)])
    (folder / "readme.txt").write_text("notes", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    (folder / "sub").mkdir()
    with connect(warehouse) as conn:
        ensure_schema(conn)
        report = ingest(conn, folder, now=INGEST_TIME)
        folders = conn.execute("SELECT source_file, reason FROM raw.rejected_articles").fetchall()
    # a sub-folder is not read, and says so (files put there would otherwise be ignored without a word)
    assert report.files == ["a.jsonl"] and report.skipped_files == ["sub", "readme.txt"]
    assert [(name, "is a folder" in reason) for name, reason in folders] == [("sub", True)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-09T13:20:00Z", "2024-03-09 13:20"),
        ("2024-03-09T16:20:00+03:00", "2024-03-09 13:20"),
        ("2024-03-09 13:20:00", "2024-03-09 13:20"),
        ("Sat, 09 Mar 2024 16:20:00 +0300", "2024-03-09 13:20"),  # RSS
        ("09/03/2024 13:20", "2024-03-09 13:20"),  # day first, as Arabic sites write it
        ("٠٩/٠٣/٢٠٢٤", "2024-03-09 00:00"),  # Arabic-Indic digits
        ("السبت، 9 مارس 2024 13:20", "2024-03-09 13:20"),  # Arabic month names
        ("9 آذار 2024", "2024-03-09 00:00"),  # Levantine month names, as Syrian sites write them
        ("الأحد 27 كانون الثاني 2013 - 10:30 م", "2013-01-27 22:30"),
        ("١٧ شباط / فبراير ٢٠١٣ الساعة ٠٩:١٥", "2013-02-17 09:15"),
        ("1709990400", "2024-03-09 13:20"),  # Unix time
        (1709990400000, "2024-03-09 13:20"),  # in milliseconds
        (dt.date(2024, 3, 9), "2024-03-09 00:00"),
    ],
)
def test_publication_times_in_the_forms_scrapers_write(value, expected: str) -> None:
    from ingest.formats.text import parse_published

    assert parse_published(value, now=INGEST_TIME).strftime("%Y-%m-%d %H:%M") == expected


def test_publication_time_in_a_configured_zone() -> None:
    from ingest.formats.text import parse_published

    stamp = parse_published("2024-03-09 16:20", zone="Asia/Damascus", now=INGEST_TIME)
    assert stamp == dt.datetime(2024, 3, 9, 13, 20)  # Syria keeps UTC+3 all year since 2022
