"""The one declaration of the tables the Python side of Rasd owns: `raw.*` (what ingest and extraction write),
`meta.*` (their bookkeeping and the incremental build's) and `ref.*` (the COD-AB gazetteer).

Everything else is derived from it, so the contract cannot drift between copies:

- the DDL that `ensure_schema` runs before any asset writes (`ddl()`);
- the Arrow schemas the writers register before `INSERT ... BY NAME` (`Table.arrow_schema()`);
- the rows test fixtures insert (`Table.row()`, `insert_rows()`);
- dbt's `dbt_project/models/staging/_sources.yml` and the column tables of `docs/contracts.md`
  (`python -m warehouse.schema` rewrites both; tests/warehouse/test_schema.py fails when they are stale).

A column added after the first release is declared `added=True`: warehouses created before it get it by
`ALTER TABLE ... ADD COLUMN IF NOT EXISTS`, and new ones have it in the same position (the table's end).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

REPO_ROOT = Path(__file__).resolve().parents[1]
SOURCES_YML = REPO_ROOT / "dbt_project" / "models" / "staging" / "_sources.yml"
CONTRACTS_MD = REPO_ROOT / "docs" / "contracts.md"

# DuckDB type -> Arrow type of the writers.
ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    not_null: bool = False
    added: bool = False  # added after the first release (see the module docstring)


@dataclass(frozen=True)
class Table:
    schema: str
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()
    asset: str | None = None  # the Dagster asset that writes it, when dbt reads it as a source
    typed: bool = True  # False: loaded as published; only its VARCHAR columns (codes, names) are fixed

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def create_sql(self) -> str:
        lines = []
        for c in self.columns:
            pk = " PRIMARY KEY" if self.primary_key == (c.name,) else ""
            lines.append(f"    {c.name} {c.type}{pk}{' NOT NULL' if c.not_null and not pk else ''}")
        if len(self.primary_key) > 1:
            lines.append(f"    PRIMARY KEY ({', '.join(self.primary_key)})")
        if self.unique:
            lines.append(f"    UNIQUE ({', '.join(self.unique)})")
        body = ",\n".join(lines)
        return f"CREATE TABLE IF NOT EXISTS {self.qualified} (\n{body}\n);"

    def alter_sql(self) -> list[str]:
        return [
            f"ALTER TABLE {self.qualified} ADD COLUMN IF NOT EXISTS {c.name} {c.type};"
            for c in self.columns
            if c.added
        ]

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([(c.name, ARROW_TYPES[c.type]) for c in self.columns])

    def row(self, **values: Any) -> dict[str, Any]:
        """A row with every column of the table, None where `values` gives nothing; an unknown name raises."""
        unknown = set(values) - set(self.names)
        if unknown:
            raise KeyError(f"{self.qualified} has no column {', '.join(sorted(unknown))}")
        return {name: values.get(name) for name in self.names}


def _c(name: str, type_: str, description: str, not_null: bool = False, added: bool = False) -> Column:
    return Column(name, type_, description, not_null, added)


V, I, T, D, B, F = "VARCHAR", "INTEGER", "TIMESTAMP", "DATE", "BOOLEAN", "DOUBLE"

ARTICLES = Table(
    "raw",
    "articles",
    "One row per article id; the latest content of an article wins.",
    (
        _c(
            "article_id",
            V,
            "The `id` of the input record (mapped field); without one, its URL, else `sha256:` + "
            "a digest of title and body. Primary key.",
        ),
        _c("source", V, "News outlet; without one, the host of its URL, else the inbox file name."),
        _c("url", V, "Article URL, may be null."),
        _c(
            "published_at",
            T,
            "Publication time, UTC, naive (a `Z` or offset is converted; a time without a zone "
            "is UTC unless the settings give one).",
            not_null=True,
        ),
        _c("title", V, "Headline, may be null."),
        _c("body", V, "Arabic text, at most `max_body_chars` (100,000) characters.", not_null=True),
        _c("content_hash", V, "sha256 of title + newline + body + published_at (ISO 8601).", not_null=True),
        _c("source_file", V, "Inbox file name the row came from.", not_null=True),
        _c(
            "source_line",
            I,
            "Where the record starts: the 1-based line in a text file (JSON lines, JSON, CSV), "
            "the row of a Parquet file, the entry of a feed, 1 for a saved page.",
            not_null=True,
        ),
        _c("ingested_at", T, "When the row was written.", not_null=True),
        _c("revision", I, "Which revision of raw.article_revisions this content is.", added=True),
        _c(
            "source_position",
            V,
            "The same position for people: `line 3`, `item 2 (line 5)`, `row 4 (line 5)`, "
            "`row 17`, `entry 2`, `page`.",
            added=True,
        ),
    ),
    primary_key=("article_id",),
    asset="articles",
)

ARTICLE_REVISIONS = Table(
    "raw",
    "article_revisions",
    "One row per distinct content an article id has had, numbered in the order it was first seen; append-only. "
    "raw.articles holds the latest (its content_hash and revision say which).",
    (
        _c("article_id", V, "As in raw.articles.", not_null=True),
        _c("revision", I, "1 = the first content seen.", not_null=True),
        _c("content_hash", V, "As in raw.articles.", not_null=True),
        _c("source", V, "The outlet of that revision."),
        _c("url", V, "The URL of that revision."),
        _c("published_at", T, "The publication time of that revision.", not_null=True),
        _c("title", V, "The headline of that revision."),
        _c("body", V, "The text of that revision.", not_null=True),
        _c("source_file", V, "Where that content was first read: the file.", not_null=True),
        _c("source_line", I, "Where that content was first read: the line.", not_null=True),
        _c("source_position", V, "Where that content was first read, for people."),
        _c("seen_at", T, "When it was first ingested.", not_null=True),
    ),
    primary_key=("article_id", "revision"),
    unique=("article_id", "content_hash"),
)

REJECTED_ARTICLES = Table(
    "raw",
    "rejected_articles",
    "One row per rejected input record; re-ingesting the same record adds nothing.",
    (
        _c("rejection_id", V, "sha256 of source_file + line + raw text. Primary key."),
        _c("source_file", V, "Inbox file name.", not_null=True),
        _c("source_line", I, "As in raw.articles; 0 when the whole file could not be read.", not_null=True),
        _c(
            "reason",
            V,
            "Why the record was rejected, a sentence a person understands; several problems of one "
            'record are joined by "; ".',
            not_null=True,
        ),
        _c("raw_record", V, "The offending text, cut to 2,000 characters."),
        _c("rejected_at", T, "When the record was rejected.", not_null=True),
        _c("source_position", V, "As in raw.articles, or `whole file`.", added=True),
        _c(
            "resolved_at",
            T,
            "When a later reading of the same file no longer gave this rejection (the file was fixed); null while "
            "open. Kept as history; the rejected-rate check counts only open rejections, and one that comes back "
            "is open again.",
            added=True,
        ),
    ),
    primary_key=("rejection_id",),
    asset="articles",
)

_COUNT = "count of {what} (GUIDELINES.md §6), >= 0."
EVENT_MENTIONS = Table(
    "raw",
    "event_mentions",
    "One row per event record extracted from an article (GUIDELINES.md §1); re-extraction replaces all of an "
    "article's rows.",
    (
        _c("mention_id", V, "`{article_id}#{ordinal}`. Primary key."),
        _c("article_id", V, "The article the event was read from.", not_null=True),
        _c("ordinal", I, "0-based position of the record in the article.", not_null=True),
        _c("extractor_version", V, "Version of the extractor that wrote the row.", not_null=True),
        _c(
            "event_type",
            V,
            "air_strike, shelling, armed_clash, explosion or attack (GUIDELINES.md §2).",
            not_null=True,
        ),
        _c("event_date", D, "The day the event happened (GUIDELINES.md §4).", not_null=True),
        _c("date_precision", V, "day, week or month.", not_null=True),
        _c("place", V, "Place name as written, clitics removed."),
        _c("admin1_pcode", V, "Governorate P-code, null when the text does not fix it."),
        _c("admin2_pcode", V, "District P-code, null when the text does not fix it."),
        _c("admin4_pcode", V, "Community P-code, null when the text does not fix it."),
        _c("geo_precision", I, "1 community, 2 sub-district/district, 3 governorate (GUIDELINES.md §3)."),
        _c(
            "actor",
            V,
            "Side that carried the event out (GUIDELINES.md §5): regime, russia, coalition, opposition, "
            "isis, kurdish, turkey, israel, unknown.",
        ),
        _c("killed_low", I, "Conservative " + _COUNT.format(what="dead"), not_null=True),
        _c("killed_best", I, "Likeliest " + _COUNT.format(what="dead"), not_null=True),
        _c("killed_vague", B, "True when the text gives no exact number of dead.", not_null=True),
        _c("injured_low", I, "Conservative " + _COUNT.format(what="injured"), not_null=True),
        _c("injured_best", I, "Likeliest " + _COUNT.format(what="injured"), not_null=True),
        _c("injured_vague", B, "True when the text gives no exact number of injured.", not_null=True),
        _c("strikes_low", I, "Conservative " + _COUNT.format(what="raids/shells"), not_null=True),
        _c("strikes_best", I, "Likeliest " + _COUNT.format(what="raids/shells"), not_null=True),
        _c("strikes_vague", B, "True when the text gives no exact number of strikes.", not_null=True),
        _c("civilian", B, "True when the text says the dead were civilians.", not_null=True),
        _c("evidence", V, "Shortest span of article text showing the event."),
        _c("evidence_start", I, "Start offset of the evidence in coalesce(title || '\\n', '') || body."),
        _c("evidence_end", I, "End offset of the evidence in the same text."),
        _c("extracted_at", T, "When the row was written.", not_null=True),
        _c(
            "place_kind",
            V,
            "How the place was found: gazetteer, landmark (a named site) or unresolved (a name the "
            "gazetteer lacks).",
            added=True,
        ),
    ),
    primary_key=("mention_id",),
    asset="event_mentions",
)

EXTRACTIONS = Table(
    "meta",
    "extractions",
    "Which article was extracted by which extractor version, at which content (one row per article, the latest).",
    (
        _c("article_id", V, "Primary key."),
        _c("extractor_version", V, "The version that extracted it.", not_null=True),
        _c("content_hash", V, "The content it extracted.", not_null=True),
        _c("n_events", I, "How many event records it found.", not_null=True),
        _c("extracted_at", T, "When.", not_null=True),
    ),
    primary_key=("article_id",),
)

EXTRACTION_FAILURES = Table(
    "meta",
    "extraction_failures",
    "Articles the extractor raised on, with the error; they stay pending and every run tries them again.",
    (
        _c("article_id", V, "Primary key."),
        _c("extractor_version", V, "The version that failed.", not_null=True),
        _c("content_hash", V, "The content it failed on.", not_null=True),
        _c("error", V, "Exception type and message.", not_null=True),
        _c("failed_at", T, "When.", not_null=True),
    ),
    primary_key=("article_id",),
)

QUARANTINED_MENTIONS = Table(
    "meta",
    "quarantined_mentions",
    "Event mentions the extractor found whose date cannot be the event's (before 2011, or after the article's "
    "publication day: warehouse/extraction.py), kept with the reason and never counted; re-extraction replaces "
    "an article's rows.",
    (
        _c("mention_id", V, "As in raw.event_mentions. Primary key."),
        _c("article_id", V, "As in raw.event_mentions.", not_null=True),
        _c("extractor_version", V, "As in raw.event_mentions.", not_null=True),
        _c("event_type", V, "As in raw.event_mentions."),
        _c("event_date", D, "The implausible date the extractor read."),
        _c("date_precision", V, "As in raw.event_mentions."),
        _c("place", V, "As in raw.event_mentions."),
        _c("evidence", V, "As in raw.event_mentions."),
        _c("reason", V, "Why the date cannot be the event's, a sentence a person understands.", not_null=True),
        _c("quarantined_at", T, "When the mention was quarantined.", not_null=True),
    ),
    primary_key=("mention_id",),
)

DBT_BUILD_STATE = Table(
    "meta",
    "dbt_build_state",
    "One row: what the last successful, complete `dbt build` was built from (warehouse/incremental.py).",
    (
        _c(
            "project_fingerprint",
            V,
            "sha256 of the dbt project files that decide what the models compute.",
            not_null=True,
        ),
        _c("reference_fingerprint", V, "Fingerprint of the ref.* tables.", not_null=True),
        _c("built_at", T, "When.", not_null=True),
    ),
)

DBT_BUILT_MENTIONS = Table(
    "meta",
    "dbt_built_mentions",
    "The mentions the last complete `dbt build` read; the next build reprocesses the event days of those that "
    "differ, widened by `week_link_days`.",
    (
        _c("mention_id", V, "As in raw.event_mentions.", not_null=True),
        _c("event_date", D, "Its event day then.", not_null=True),
        _c(
            "fingerprint",
            V,
            "md5 of the mention and its article's source, url and published_at.",
            not_null=True,
        ),
    ),
)


def _ref(level: int, description: str, extra: tuple[Column, ...]) -> Table:
    """ref.admin<level>: its codes and names, those of the levels above it, then `extra`."""
    columns: list[Column] = []
    for n in range(level, 0, -1):
        unit = {1: "Governorate", 2: "District", 3: "Sub-district", 4: "Community"}[n]
        columns += [
            _c(f"admin{n}Pcode", V, f"{unit} P-code."),
            _c(f"admin{n}Name_en", V, f"{unit} name, English."),
            _c(f"admin{n}Name_ar", V, f"{unit} name, Arabic."),
        ]
        if n == 4:
            columns.append(_c("admin4Name_en_ref", V, "Community name, English, as referenced by OCHA."))
    return Table("ref", f"admin{level}", description, (*columns, *extra), asset="gazetteer", typed=False)


_AREA = _c("area_sqkm", "BIGINT", "Area in square kilometres.")
REF_ADMIN1 = _ref(1, "Governorates (14).", (_AREA,))
REF_ADMIN2 = _ref(2, "Districts (61), with their governorate.", (_AREA,))
REF_ADMIN3 = _ref(3, "Sub-districts, rebuilt from the admin4 attributes, with district and governorate.", ())
REF_ADMIN4 = _ref(
    4,
    "Communities (towns, villages, city units), with sub-district, district, governorate and centroid.",
    (
        _c("latitude", F, "Centroid latitude."),
        _c("longitude", F, "Centroid longitude."),
        _c("capital_level", "BIGINT", "Admin level of which the community is the capital (0: none)."),
        _c("name_ar_truncated", "BIGINT", "1 when the Arabic name was cut in the source."),
    ),
)

RAW_TABLES = (ARTICLES, ARTICLE_REVISIONS, REJECTED_ARTICLES, EVENT_MENTIONS)
META_TABLES = (EXTRACTIONS, EXTRACTION_FAILURES, QUARANTINED_MENTIONS, DBT_BUILD_STATE, DBT_BUILT_MENTIONS)
REF_TABLES = (REF_ADMIN1, REF_ADMIN2, REF_ADMIN3, REF_ADMIN4)
TABLES: dict[str, Table] = {t.qualified: t for t in (*RAW_TABLES, *META_TABLES, *REF_TABLES)}

SOURCES = {  # dbt source -> its description
    "raw": "Tables written by the Python side (ingest/, warehouse/): ingested articles, rejected input records "
    "and the event mentions the extractor found. Declared once in warehouse/schema.py (docs/contracts.md).",
    "ref": "The OCHA COD-AB gazetteer of Syria (HDX, 2015 edition), loaded by the Python side with its original "
    "column names (warehouse/reference.py).",
}


def ddl() -> str:
    """The statements that create the raw, ref and meta schemas and the raw/meta tables (ref.* is created by the
    gazetteer's loader, as published); every statement is idempotent."""
    parts = [f"CREATE SCHEMA IF NOT EXISTS {s};" for s in ("raw", "ref", "meta")]
    for table in (*RAW_TABLES, *META_TABLES):
        parts.append(table.create_sql())
    for table in (*RAW_TABLES, *META_TABLES):
        parts.extend(table.alter_sql())
    return "\n".join(parts)


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the raw, ref and meta schemas and the raw/meta tables if they do not exist yet."""
    conn.execute(ddl())


def insert_rows(conn: duckdb.DuckDBPyConnection, table: Table, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert `rows` (column -> value; missing columns are null) into `table` through its Arrow schema."""
    data = pa.Table.from_pylist([table.row(**row) for row in rows], schema=table.arrow_schema())
    name = f"incoming_{table.schema}_{table.name}"
    conn.register(name, data)
    try:
        conn.execute(f"INSERT INTO {table.qualified} BY NAME SELECT * FROM {name}")
    finally:
        conn.unregister(name)
    return data.num_rows


# --- the generated documents ---------------------------------------------------------------------------------


def _yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    import json

    return json.dumps(text, ensure_ascii=False)


def sources_yml() -> str:
    """dbt's _sources.yml: the raw and ref tables dbt reads, their columns and the Dagster asset that writes each."""
    lines = [
        "# Generated by `python -m warehouse.schema` from warehouse/schema.py: edit the declaration there, not here.",
        "sources:",
    ]
    for source, description in SOURCES.items():
        lines += [f"  - name: {source}", f"    description: {_yaml_string(description)}", f"    schema: {source}",
                  "    tables:"]  # fmt: skip
        for table in TABLES.values():
            if table.schema != source or table.asset is None:
                continue
            lines += [
                f"      - name: {table.name}",
                f"        description: {_yaml_string(table.description)}",
                "        config:",
                "          meta:",
                "            dagster:",
                f'              asset_key: ["{table.asset}"]',
                "        columns:",
            ]
            for c in table.columns:
                lines += [
                    f"          - name: {c.name}",
                    f"            description: {_yaml_string(c.description)}",
                ]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _type_cell(table: Table, c: Column) -> str:
    words = [c.type.lower()]
    if table.primary_key == (c.name,):
        words.append("primary key")
    elif c.not_null:
        words.append("not null")
    return ", ".join(words)


def contract_table(table: Table) -> str:
    """The markdown table of one table's columns, as docs/contracts.md shows it."""
    rows = ["| column | type | description |", "|---|---|---|"]
    for c in table.columns:
        description = c.description.replace("|", "\\|")
        rows.append(f"| {c.name} | {_type_cell(table, c)} | {description} |")
    keys = []
    if len(table.primary_key) > 1:
        keys.append(f"Primary key ({', '.join(table.primary_key)})")
    if table.unique:
        keys.append(f"unique ({', '.join(table.unique)})")
    if not table.typed:
        keys.append(
            "Loaded as published: codes and names are read as text, the other types are as DuckDB reads them "
            "(shown for the shared gazetteer), and a CSV's further columns are kept"
        )
    return "\n".join(rows) + ("\n\n" + "; ".join(keys) + "." if keys else "")


_BLOCK = re.compile(
    r"(<!-- schema: (?P<name>[a-z_0-9.]+) -->\n)(?:(?!<!-- schema:).)*?(<!-- /schema -->)", re.DOTALL
)


def contracts_md(text: str) -> str:
    """`text` (docs/contracts.md) with every `<!-- schema: x.y -->` ... `<!-- /schema -->` block rewritten."""
    return _BLOCK.sub(
        lambda m: m.group(1) + contract_table(TABLES[m.group("name")]) + "\n" + m.group(3), text
    )


def main(argv: list[str] | None = None) -> int:
    """Rewrite _sources.yml and the column tables of docs/contracts.md; with --check, exit 1 when either is stale."""
    check = "--check" in (argv if argv is not None else sys.argv[1:])
    stale = []
    for path, render in ((SOURCES_YML, lambda _: sources_yml()), (CONTRACTS_MD, contracts_md)):
        current = path.read_text(encoding="utf-8")
        wanted = render(current)
        if current != wanted:
            stale.append(str(path))
            if not check:
                path.write_text(wanted, encoding="utf-8")
    if stale:
        print(("stale: " if check else "rewrote: ") + ", ".join(stale))
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
