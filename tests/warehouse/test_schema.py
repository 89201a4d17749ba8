"""warehouse/schema.py is the one declaration of the raw, meta and ref tables: the DDL, the writers' Arrow schemas,
dbt's _sources.yml and docs/contracts.md agree with it, and no other Python file declares a table."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import pytest
import yaml

from warehouse import schema
from warehouse.schema import ARTICLES, EVENT_MENTIONS, TABLES, ensure_schema, insert_rows

REPO = Path(__file__).resolve().parents[2]


def _described(conn: duckdb.DuckDBPyConnection, table: schema.Table) -> list[tuple[str, str, bool]]:
    return [
        (name, kind, null == "NO")
        for name, kind, null, *_ in conn.execute(f"DESCRIBE {table.qualified}").fetchall()
    ]


def test_the_ddl_creates_the_declared_columns() -> None:
    conn = duckdb.connect()
    ensure_schema(conn)
    ensure_schema(conn)  # idempotent
    for table in (*schema.RAW_TABLES, *schema.META_TABLES):
        declared = [(c.name, c.type, c.not_null or table.primary_key == (c.name,)) for c in table.columns]
        assert _described(conn, table) == declared, table.qualified


def test_a_warehouse_from_before_the_added_columns_gets_them_at_the_end() -> None:
    conn = duckdb.connect()
    conn.execute("CREATE SCHEMA raw; CREATE SCHEMA meta")
    for table in schema.RAW_TABLES:
        first_release = tuple(c for c in table.columns if not c.added)
        conn.execute(
            schema.Table(
                table.schema, table.name, "", first_release, table.primary_key, table.unique
            ).create_sql()
        )
    conn.execute(
        "INSERT INTO raw.articles VALUES ('old', 's', NULL, '2024-03-01', NULL, 'قصف', 'h', 'f', 1, '2024-03-02')"
    )
    ensure_schema(conn)
    for table in schema.RAW_TABLES:
        assert [c for c, *_ in _described(conn, table)] == table.names, table.qualified
    assert conn.execute("SELECT article_id, revision, source_position FROM raw.articles").fetchall() == [
        ("old", None, None)
    ]


def test_writers_insert_through_the_declared_arrow_schemas() -> None:
    conn = duckdb.connect()
    ensure_schema(conn)
    now = dt.datetime(2024, 3, 11, 12)
    insert_rows(conn, ARTICLES, [{
        "article_id": "a1", "published_at": now, "body": "قصف", "content_hash": "h", "source_file": "f.jsonl",
        "source_line": 1, "ingested_at": now,
    }])  # fmt: skip
    assert conn.execute("SELECT article_id, source, revision FROM raw.articles").fetchall() == [
        ("a1", None, None)
    ]
    with pytest.raises(duckdb.ConstraintException):  # a NOT NULL column left out is refused, not defaulted
        insert_rows(conn, EVENT_MENTIONS, [{"mention_id": "a1#0", "article_id": "a1"}])
    with pytest.raises(KeyError, match="no column bogus"):
        ARTICLES.row(bogus=1)


def test_dbt_sources_match_the_declaration() -> None:
    """dbt's _sources.yml: every raw/ref table dbt reads, its columns in order, their descriptions, and the asset
    that writes it, as declared; and the file is the one `python -m warehouse.schema` writes."""
    path = REPO / "dbt_project" / "models" / "staging" / "_sources.yml"
    sources = yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]
    seen = set()
    for source in sources:
        for table in source["tables"]:
            declared = TABLES[f"{source['schema']}.{table['name']}"]
            seen.add(declared.qualified)
            assert [c["name"] for c in table["columns"]] == declared.names, declared.qualified
            assert [c["description"] for c in table["columns"]] == [c.description for c in declared.columns]
            assert table["config"]["meta"]["dagster"]["asset_key"] == [declared.asset]
    assert seen == {t.qualified for t in TABLES.values() if t.asset is not None}
    assert path.read_text(encoding="utf-8") == schema.sources_yml(), "run `python -m warehouse.schema`"


def test_contracts_doc_shows_the_declaration() -> None:
    text = (REPO / "docs" / "contracts.md").read_text(encoding="utf-8")
    assert schema.contracts_md(text) == text, "run `python -m warehouse.schema`"
    for table in TABLES.values():
        assert f"<!-- schema: {table.qualified} -->" in text, table.qualified


def test_no_other_python_file_declares_a_table_or_an_arrow_schema() -> None:
    """Each raw column's type is written in one place of Python: warehouse/schema.py."""
    pattern = re.compile(
        r"CREATE TABLE (IF NOT EXISTS )?(raw|meta|ref)\.|pa\.schema\(|^\s*\(\"\w+\", pa\.", re.I | re.M
    )
    offenders = []
    for folder in ("ingest", "warehouse", "orchestration", "extract", "tests"):
        for path in (REPO / folder).rglob("*.py"):
            if path == REPO / "warehouse" / "schema.py" or path == Path(__file__).resolve():
                continue
            if pattern.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(REPO)))
    assert offenders == []
