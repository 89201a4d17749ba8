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

from orchestration.assets.ingest import articles as articles_asset
from orchestration.assets.reference import gazetteer as gazetteer_asset
from orchestration.ingest import RAW_RECORD_LIMIT, content_hash, ingest
from orchestration.paths import GAZETTEER_FILES
from orchestration.resources import RasdPaths, warehouse_resource
from orchestration.warehouse import connect, ensure_schema

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
        ingest(conn, inbox, now=dt.datetime(2024, 1, 1))
        before = (
            table(conn, "SELECT * FROM raw.articles ORDER BY article_id"),
            table(conn, "SELECT * FROM raw.rejected_articles ORDER BY rejection_id"),
        )
        report = ingest(conn, inbox, now=dt.datetime(2024, 1, 2))
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
    assert rejected[0][:2] == (1, "line is not valid UTF-8 text")
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
        assert "| batch.jsonl | 5 |" in meta["rejections"] and "yesterday" in meta["rejections"]


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
        admin2_columns = [r[0] for r in conn.execute("DESCRIBE ref.admin2").fetchall()]
        admin4_types = dict(r[:2] for r in conn.execute("DESCRIBE ref.admin4").fetchall())
        idlib = conn.execute(
            "SELECT admin2Name_en, admin2Name_ar FROM ref.admin2 WHERE admin2Pcode = 'SY0700'"
        ).fetchone()
    csv_rows = {
        table: len(list(csv.DictReader((gazetteer_dir / name).read_text(encoding="utf-8").splitlines())))
        for name, table in GAZETTEER_FILES.items()
    }
    assert counts == csv_rows and counts["admin1"] == 14
    assert admin2_columns == [
        "admin2Pcode",
        "admin2Name_en",
        "admin2Name_ar",
        "admin1Pcode",
        "admin1Name_en",
        "admin1Name_ar",
        "area_sqkm",
    ]
    assert admin4_types["admin4Pcode"] == "VARCHAR" and admin4_types["latitude"] == "DOUBLE"
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
