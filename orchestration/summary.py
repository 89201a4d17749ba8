"""The summary `rasd run` prints from the result of its Dagster run: what the run read and found (the
materializations' metadata), the districts with most killed and strikes, and where the marts were published."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dagster as dg
import duckdb

TOP_KILLED_SQL = """
SELECT admin2_pcode, any_value(admin2_name_en), any_value(admin2_name_ar),
       sum(killed_low) AS killed_low, sum(killed_best) AS killed_best
FROM main.daily_district_casualties
GROUP BY admin2_pcode
HAVING sum(killed_best) > 0
ORDER BY killed_low DESC, killed_best DESC, admin2_pcode
LIMIT ?
"""
TOP_STRIKES_SQL = """
SELECT admin2_pcode, any_value(admin2_name_en), any_value(admin2_name_ar),
       sum(strikes_low) AS strikes_low, sum(strikes_best) AS strikes_best
FROM main.daily_district_strikes
GROUP BY admin2_pcode
ORDER BY strikes_low DESC, strikes_best DESC, admin2_pcode
LIMIT ?
"""


def run_metadata(result: dg.ExecuteInProcessResult) -> dict[str, dict[str, Any]]:
    """asset key (as a string) -> the metadata values of its materialization in this run."""
    out: dict[str, dict[str, Any]] = {}
    for event in result.all_events:
        if event.is_step_materialization:
            materialization = event.step_materialization_data.materialization
            out[materialization.asset_key.to_user_string()] = {
                key: getattr(value, "value", value) for key, value in materialization.metadata.items()
            }
    return out


def top_districts(warehouse: Path | str, limit: int = 10) -> tuple[list[tuple], list[tuple]]:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return conn.execute(TOP_KILLED_SQL, [limit]).fetchall(), conn.execute(
            TOP_STRIKES_SQL, [limit]
        ).fetchall()
    finally:
        conn.close()


def format_table(headers: list[str], rows: list[tuple]) -> str:
    cells = [[str(c) if c is not None else "" for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
    return "\n".join(lines)


def print_summary(warehouse: Path | str, result: dg.ExecuteInProcessResult, limit: int = 10) -> None:
    meta = run_metadata(result)
    articles, mentions = meta.get("articles", {}), meta.get("event_mentions", {})
    print()
    print("Rasd run summary")
    print(
        f"  articles read: {articles.get('rows_read', '?')} lines "
        f"(inserted {articles.get('inserted', '?')}, updated {articles.get('updated', '?')}, "
        f"unchanged {articles.get('unchanged', '?')}), rejected {articles.get('rejected', '?')}; "
        f"{articles.get('dagster/row_count', '?')} articles in the warehouse"
    )
    print(
        f"  events found: {mentions.get('events_found', '?')} in {mentions.get('articles_extracted', '?')} "
        f"newly extracted article(s) (extractor {mentions.get('extractor_version', '?')}); "
        f"{mentions.get('dagster/row_count', '?')} event mentions in the warehouse"
    )
    killed, strikes = top_districts(warehouse, limit)
    print(f"\nTop {limit} districts by killed (day-precision events):")
    print(
        format_table(["admin2", "district", "المنطقة", "killed_low", "killed_best"], killed)
        if killed
        else "  (none)"
    )
    print(f"\nTop {limit} districts by strikes:")
    print(
        format_table(["admin2", "district", "المنطقة", "strikes_low", "strikes_best"], strikes)
        if strikes
        else "  (none)"
    )
    print_suspects(warehouse)
    print(f"\nwarehouse: {Path(warehouse).resolve()}")
    report = meta.get("report")
    if report:
        print(f"report: {report.get('path')}")
    published = meta.get("published_marts")
    if published:
        state = "published" if published.get("republished") else "unchanged, still published"
        print(f"marts version {published.get('version')} ({state}) for readers, opened read-only:")
        print(f"  serving DuckDB: {published.get('serving_file')}")
        print(
            f"  Parquet files:  {published.get('parquet_dir')}/<mart>.parquet  ->  {published.get('version_dir')}"
        )
        rows = {k.removeprefix("rows_"): v for k, v in published.items() if k.startswith("rows_")}
        if rows:
            print("  rows: " + ", ".join(f"{mart} {n}" for mart, n in rows.items()))


def print_suspects(warehouse: Path | str, limit: int = 5) -> None:
    """How many incidents look like something else (mart suspect_incidents), and the worst `limit`."""
    from outputs.suspect import suspect_summary, worst_rows
    from outputs.warehouse import read_only

    with read_only(warehouse) as conn:
        summary = suspect_summary(conn, limit)
    if summary is None:
        return
    print(
        f"\nSuspect incidents: {summary.count} (killed_low {summary.killed_low} of {summary.total_killed_low}, "
        f"{summary.killed_share:.0%}); read their evidence before publishing (mart suspect_incidents)"
    )
    if summary.worst:
        print(format_table(["#", "day", "district", "killed", "why"], worst_rows(summary)))
