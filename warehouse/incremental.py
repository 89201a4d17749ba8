"""Which event days an incremental `dbt build` must reprocess, and the bookkeeping that tells.

The dbt marts are incremental by event day (dbt_project/macros/event_day_window.sql): a run replaces
the rows of the days in [min_event_date, max_event_date] (dbt vars). Linking reports reaches across days
(a funeral report links to the bombing up to `week_link_days` days before it), so the window is the
span of event days whose mentions changed since the last successful build, widened by LINK_REACH_DAYS
on each side: every incident whose reports or linkage can have changed has its day in that window
(docs/architecture.md, "Incremental builds").

What "changed" means is kept in the warehouse, by the warehouse asset, after each successful complete
`dbt build`:

    meta.dbt_built_mentions  mention_id, event_date, fingerprint of each mention (and of its article's
                             source, url and publication time) as that build read it
    meta.dbt_build_state     fingerprints of the dbt project (models, macros, dbt_project.yml) and of the
                             gazetteer (ref.*) that build used

A build that fails, or builds only some models, records nothing, so the next run reprocesses the same
days again. The build is a full refresh when there is no record yet, when the dbt project or the
gazetteer changed since (every row may change), or when an incremental table is missing.

A partitioned run (a range of publication days, orchestration/partitions.py) also reprocesses the event
days its partitions can hold, whether or not their mentions changed: materialising a partition means
rebuilding what depends on it. An article's events happen on its publication day or before it (the
asset check no_event_after_publication), mostly within a week: "أمس", a weekday name, a funeral or a
later toll (week precision). So the partitions [first, last] map to the event days
[first - RELATIVE_DATE_REACH_DAYS - LINK_REACH_DAYS, last + LINK_REACH_DAYS] (linkage reaches
LINK_REACH_DAYS on each side). Explicit dates reach further back ("في 3 آذار" in a June article): those
mentions are in the changed span, and the window passed to dbt is the smallest one that holds both the
partitions' days and the changed span, so nothing that changed is left out. On both corpora
(../shared/corpora, extractor 0.1.0+b4624659b5) 99.1% of the 4,520 mentions are dated 0 to 7 days
before publication; the rest (43) are explicit dates up to a year back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb

from warehouse.connection import rollback
from warehouse.schema import DBT_BUILD_STATE, DBT_BUILT_MENTIONS

# = var week_link_days in dbt_project/dbt_project.yml (a test checks they agree): how far, in days, a
# report's linkage can reach from its own event day.
LINK_REACH_DAYS = 7

# How far before its publication day an article's relative time words reach (أمس = 1, a weekday name up
# to 7, week precision 7): the event days a publication-day partition holds, explicit dates aside.
RELATIVE_DATE_REACH_DAYS = 7

# The empty window (min > max): the incremental models replace no day.
NO_DAYS = (date(9999, 12, 31), date(1, 1, 1))

STATE_DDL = "CREATE SCHEMA IF NOT EXISTS meta;\n" + "\n".join(t.create_sql() for t in (DBT_BUILD_STATE, DBT_BUILT_MENTIONS))

# Every mention as dbt reads it: its own columns and the article columns the models use.
MENTION_FINGERPRINTS_SQL = """
SELECT m.mention_id, m.event_date,
       md5(CAST(m AS VARCHAR) || '|' || coalesce(a.source, '') || '|' || coalesce(a.url, '') || '|'
           || coalesce(CAST(a.published_at AS VARCHAR), '')) AS fingerprint
FROM raw.event_mentions AS m
LEFT JOIN raw.articles AS a ON a.article_id = m.article_id
"""

CHANGED_DAYS_SQL = f"""
WITH current AS ({MENTION_FINGERPRINTS_SQL}),
previous AS (SELECT mention_id, event_date, fingerprint FROM meta.dbt_built_mentions),
changed AS (
    (SELECT * FROM current EXCEPT SELECT * FROM previous)
    UNION ALL
    (SELECT * FROM previous EXCEPT SELECT * FROM current)
)
SELECT count(*), min(event_date), max(event_date) FROM changed
"""

REFERENCE_TABLES = ("admin1", "admin2", "admin3", "admin4")

# dbt project content that decides what the models compute (tests do not).
PROJECT_PARTS = ("models", "macros", "seeds", "snapshots", "dbt_project.yml")


@dataclass(frozen=True)
class BuildPlan:
    """How to run `dbt build`: a full refresh, or the window of event days to reprocess."""

    full_refresh: bool
    reason: str
    window: tuple[date, date] | None = None
    changed_mentions: int = 0
    project_fingerprint: str = ""
    reference_fingerprint: str = ""
    publication_window: tuple[date, date] | None = None  # the partitions of a partitioned run

    def dbt_args(self, warehouse: str | None = None) -> list[str]:
        """The arguments of `dbt build`; `warehouse` (the var dbt_project/profiles.yml reads) names the file."""
        extra = {"warehouse": warehouse} if warehouse else {}
        if self.full_refresh:
            return ["--full-refresh", *(["--vars", json.dumps(extra)] if extra else [])]
        low, high = self.window or NO_DAYS
        days = {"min_event_date": low.isoformat(), "max_event_date": high.isoformat()}
        return ["--vars", json.dumps(days | extra)]

    def describe(self) -> str:
        if self.full_refresh:
            return f"full refresh: {self.reason}"
        if self.window is None or self.window == NO_DAYS:
            return "incremental: no mention changed since the last build, no event day to reprocess"
        low, high = self.window
        partitions = ""
        if self.publication_window is not None:
            first, last = self.publication_window
            partitions = f"; publication-day partitions {first} .. {last}"
        return (
            f"incremental: {self.changed_mentions} mention row(s) changed since the last build{partitions}; "
            f"reprocessing event days {low} .. {high}"
        )


def project_fingerprint(project_dir: Path) -> str:
    """sha256 over the dbt project files that decide what the models compute."""
    digest = hashlib.sha256()
    for part in PROJECT_PARTS:
        root = project_dir / part
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in files:
            if path.is_file():
                digest.update(path.relative_to(project_dir).as_posix().encode())
                digest.update(b"\0")
                digest.update(path.read_bytes())
                digest.update(b"\0")
    return digest.hexdigest()


def _table_exists(conn: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    return bool(
        conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
            [schema, name],
        ).fetchall()[0][0]
    )


def reference_fingerprint(conn: duckdb.DuckDBPyConnection) -> str:
    parts = []
    for table in REFERENCE_TABLES:
        if _table_exists(conn, "ref", table):
            count, xor = conn.execute(
                f"SELECT count(*), coalesce(bit_xor(hash(CAST(t AS VARCHAR))), 0) FROM ref.{table} AS t"
            ).fetchall()[0]
            parts.append(f"{table}:{count}:{xor}")
        else:
            parts.append(f"{table}:missing")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def incremental_models(manifest_path: Path) -> list[str]:
    """The relation names of the dbt models materialised as incremental."""
    nodes = json.loads(Path(manifest_path).read_text(encoding="utf-8"))["nodes"].values()
    return sorted(
        n["alias"]
        for n in nodes
        if n["resource_type"] == "model" and n["config"].get("materialized") == "incremental"
    )


def partition_event_days(publication_window: tuple[date, date]) -> tuple[date, date]:
    """The event days to reprocess for a range of publication-day partitions (module docstring)."""
    first, last = publication_window
    low, _ = _widen(first, first, RELATIVE_DATE_REACH_DAYS + LINK_REACH_DAYS)
    _, high = _widen(last, last)
    return low, high


def plan_build(
    conn: duckdb.DuckDBPyConnection,
    project_dir: Path,
    manifest_path: Path,
    publication_window: tuple[date, date] | None = None,
) -> BuildPlan:
    """The plan for the next `dbt build` on the warehouse `conn` is connected to; `publication_window` (first,
    last day, both included) when the run is partitioned, None when not (then only the changes decide)."""
    plan = _plan_from_changes(conn, project_dir, manifest_path)
    if plan.full_refresh or publication_window is None:
        return plan
    low, high = partition_event_days(publication_window)
    if plan.window is not None and plan.window != NO_DAYS:
        low, high = min(low, plan.window[0]), max(high, plan.window[1])
    return BuildPlan(
        False,
        "partitioned run" + (f"; {plan.reason}" if plan.changed_mentions else ""),
        (low, high),
        plan.changed_mentions,
        plan.project_fingerprint,
        plan.reference_fingerprint,
        publication_window,
    )


def _plan_from_changes(conn: duckdb.DuckDBPyConnection, project_dir: Path, manifest_path: Path) -> BuildPlan:
    """The plan from what changed since the last complete build alone."""
    conn.execute(STATE_DDL)
    project_fp = project_fingerprint(project_dir)
    reference_fp = reference_fingerprint(conn)
    fingerprints = {"project_fingerprint": project_fp, "reference_fingerprint": reference_fp}

    state = conn.execute(
        "SELECT project_fingerprint, reference_fingerprint FROM meta.dbt_build_state"
    ).fetchall()
    if not state:
        return BuildPlan(True, "no complete build recorded yet", **fingerprints)
    if state[0][0] != project_fp:
        return BuildPlan(True, "the dbt project changed since the last build", **fingerprints)
    if state[0][1] != reference_fp:
        return BuildPlan(True, "the gazetteer changed since the last build", **fingerprints)
    missing = [m for m in incremental_models(manifest_path) if not _table_exists(conn, "main", m)]
    if missing:
        return BuildPlan(True, f"incremental table(s) missing: {', '.join(missing)}", **fingerprints)

    changed, first, last = conn.execute(CHANGED_DAYS_SQL).fetchall()[0]
    if not changed:
        return BuildPlan(False, "nothing changed", NO_DAYS, 0, **fingerprints)
    return BuildPlan(False, "mentions changed", _widen(first, last), int(changed), **fingerprints)


def _widen(
    first: date, last: date, before: int = LINK_REACH_DAYS, after: int = LINK_REACH_DAYS
) -> tuple[date, date]:
    """[first, last] widened by `before` and `after` days (LINK_REACH_DAYS by default), within the dates Python
    can represent."""
    back, ahead = timedelta(days=before), timedelta(days=after)
    low = first - back if first - date.min >= back else date.min
    high = last + ahead if date.max - last >= ahead else date.max
    return low, high


def record_build(conn: duckdb.DuckDBPyConnection, plan: BuildPlan) -> int:
    """Record what a successful complete build read; returns the number of mentions recorded."""
    conn.execute(STATE_DDL)
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute("DELETE FROM meta.dbt_built_mentions")
        conn.execute(f"INSERT INTO meta.dbt_built_mentions {MENTION_FINGERPRINTS_SQL}")
        conn.execute("DELETE FROM meta.dbt_build_state")
        conn.execute(
            "INSERT INTO meta.dbt_build_state VALUES (?, ?, current_timestamp::TIMESTAMP)",
            [plan.project_fingerprint, plan.reference_fingerprint],
        )
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)  # keeps the real error (a full disk) when the transaction is already gone
        raise
    return conn.execute("SELECT count(*) FROM meta.dbt_built_mentions").fetchall()[0][0]
