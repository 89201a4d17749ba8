"""Crashes: `rasd run` killed (SIGKILL, no chance to clean up) in the middle of extraction, then in the middle of
the dbt build, then run again, must end with the same warehouse as one clean run -- and while it lies killed, what
is downstream shows no partial rows: every article is extracted whole or not at all, and each model is the
previous build's or the new one's, never a mix.

    warehouse W: a complete run on inbox A (150 corpus articles)           -> marts M_A
    inbox A + B (400 articles), `rasd run` killed at the 230th extraction  -> raw complete, 1 batch of 200 extracted,
                                                                              marts still M_A
    `rasd run` again, killed while dbt builds the marts                     -> each model M_A's or R's
    `rasd run` again                                                        -> W == R
    reference R: one clean run on A + B in a fresh warehouse
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from .warehouse_state import base_tables, differences, files_beside, snapshot

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
MANIFEST = REPO / "dbt_project" / "target" / "manifest.json"
KILL_AT_ARTICLE = 230  # of the 250 new ones: one batch of 200 is committed, 30 are in memory
KILL_AT_MODEL = 3  # dbt is killed when it starts building its third table (or incremental) model
MODEL_START = re.compile(r"START sql (table|incremental) model (\S+)")


def nth_model_start(n: int):
    seen: list[str] = []

    def predicate(line: str) -> bool:
        match = MODEL_START.search(line)
        if match:
            seen.append(match.group(2))
        return len(seen) >= n

    predicate.seen = seen
    return predicate


def write_corpus_inbox(shared: Path, folder: Path) -> None:
    lines = (shared / "corpora" / "news_ar_2013.jsonl").read_text(encoding="utf-8").splitlines()
    folder.mkdir(parents=True)
    (folder / "a_news.jsonl").write_text("\n".join(lines[:150]) + "\n", encoding="utf-8")
    (folder / "b_later.jsonl").write_text("\n".join(lines[150:400]) + "\n", encoding="utf-8")


def rasd_run(env: dict[str, str], kill_when=None, timeout: float = 600) -> tuple[int, str]:
    """`rasd run` in its own process group; with kill_when (a function of a line of output), SIGKILL the whole
    group (dbt too) at the first line it is true of. Returns the exit code (-9 when killed) and the output."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "orchestration.cli", "run"], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    out: list[str] = []
    deadline = time.monotonic() + timeout
    try:
        for line in proc.stdout:
            out.append(line)
            if kill_when is not None and kill_when(line):
                os.killpg(proc.pid, signal.SIGKILL)
                break
            if time.monotonic() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                raise AssertionError("rasd run took too long:\n" + "".join(out[-40:]))
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.stdout.close()
    return code, "".join(out)


def pipeline_env(tmp: Path, inbox: Path, warehouse: Path, gazetteer_dir: Path) -> dict[str, str]:
    # One hash seed for every run: this test is about crashes; whether the extractor's output depends on the seed
    # is test_determinism's question (it once did).
    return {**os.environ, "DAGSTER_HOME": str(tmp / "dagster_home"), "RASD_INBOX": str(inbox),
            "RASD_WAREHOUSE": str(warehouse), "RASD_GAZETTEER_DIR": str(gazetteer_dir), "PYTHONHASHSEED": "0",
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "RASD_LOG_LEVEL": "WARNING"}  # fmt: skip


def models(state: dict[str, list[tuple]], tables: set[str]) -> dict[str, list[tuple]]:
    """The dbt models that are tables: what the build wrote. (Views show the raw tables live, and those are
    consistent article by article: assert_extraction_consistent.)"""
    return {rel: rows for rel, rows in state.items() if rel.startswith('"main".') and rel in tables}


def query(warehouse: Path, sql: str) -> list[tuple]:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def assert_extraction_consistent(warehouse: Path) -> int:
    """Every extracted article has exactly its recorded number of mentions, no mention lacks its bookkeeping.
    Returns how many articles are extracted."""
    half_written = query(warehouse, """
        SELECT e.article_id, e.n_events, count(m.mention_id) FROM meta.extractions AS e
        LEFT JOIN raw.event_mentions AS m USING (article_id) GROUP BY ALL HAVING count(m.mention_id) <> e.n_events
        UNION ALL
        SELECT m.article_id, NULL, count(*) FROM raw.event_mentions AS m
        WHERE m.article_id NOT IN (SELECT article_id FROM meta.extractions) GROUP BY ALL
    """)  # fmt: skip
    assert half_written == []
    return query(warehouse, "SELECT count(*) FROM meta.extractions")[0][0]


def start_clean_run(root: Path, shared: Path, gazetteer_dir: Path) -> tuple[subprocess.Popen, Path]:
    """The reference: one clean `rasd run` on A + B in a fresh warehouse, started in the background (it runs
    beside the test's first run, on the other core)."""
    write_corpus_inbox(shared, root / "inbox")
    (root / "wh").mkdir()
    warehouse = root / "wh" / "warehouse.duckdb"
    log = (root / "run.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "orchestration.cli", "run"],
                            env=pipeline_env(root, root / "inbox", warehouse, gazetteer_dir), stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    log.close()
    return proc, warehouse


def test_killed_mid_extraction_and_mid_dbt_then_rerun_equals_a_clean_run(
    shared: Path, gazetteer_dir: Path, tmp_path: Path
) -> None:
    if not MANIFEST.exists():
        pytest.fail(f"{MANIFEST} is missing: run `make dbt-parse` first")
    (tmp_path / "clean").mkdir()
    clean, clean_warehouse = start_clean_run(tmp_path / "clean", shared, gazetteer_dir)
    try:
        inbox, warehouse = tmp_path / "inbox", tmp_path / "wh" / "warehouse.duckdb"
        write_corpus_inbox(shared, inbox)
        later = (inbox / "b_later.jsonl").rename(tmp_path / "b_later.jsonl")
        warehouse.parent.mkdir()
        env = pipeline_env(tmp_path, inbox, warehouse, gazetteer_dir)
        code, out = rasd_run(env)  # the state before: inbox A, complete
        assert code == 0, out[-5000:]
        assert clean.wait(timeout=600) == 0, (tmp_path / "clean" / "run.log").read_text()[-5000:]
    finally:
        if clean.poll() is None:
            os.killpg(clean.pid, signal.SIGKILL)
            clean.wait()
    reference = snapshot(clean_warehouse, drop_run_times=True)
    before = snapshot(warehouse, drop_run_times=True)
    published_before = files_beside(warehouse)  # what readers see: the marts published after a complete build
    later.rename(inbox / later.name)  # then B arrives

    # 1. killed in the middle of extraction
    code, out = rasd_run({**env, "RASD_FAILPOINTS": f"extraction.article={KILL_AT_ARTICLE}"})
    assert code == -signal.SIGKILL, out[-3000:]
    killed = snapshot(warehouse, drop_run_times=True)
    for table in ('"raw"."articles"', '"raw"."article_revisions"', '"raw"."rejected_articles"'):
        assert killed[table] == reference[table], f"{table}: the ingest committed before extraction began"
    assert_extraction_consistent(warehouse)
    by_killed_run = query(
        warehouse,
        "SELECT count(*) FROM meta.extractions "
        "WHERE extracted_at = (SELECT max(extracted_at) FROM meta.extractions)",
    )[0][0]
    assert by_killed_run == 200  # the one batch it committed before the kill, whole
    tables = base_tables(warehouse)
    assert models(killed, tables) == models(before, tables), "downstream changed before the run finished"

    # 2. run again, killed while dbt builds the marts
    code, out = rasd_run(env, kill_when=nth_model_start(KILL_AT_MODEL))
    assert code == -signal.SIGKILL, out[-3000:]
    mid_dbt = snapshot(warehouse, drop_run_times=True)
    assert assert_extraction_consistent(warehouse) == 400
    leftovers = query(warehouse, "SELECT table_schema || '.' || table_name FROM information_schema.tables "
                                 "WHERE table_name LIKE '%__dbt_tmp%' OR table_name LIKE '%__dbt_backup%'")  # fmt: skip
    tables = base_tables(warehouse)
    mixed = [rel for rel, rows in models(mid_dbt, tables).items()
             if rows != reference.get(rel) and rows != before.get(rel)]  # fmt: skip
    assert mixed == [], f"models that are neither the previous build nor the new one: {mixed}"
    assert files_beside(warehouse) == published_before, "the published marts changed before a build completed"

    # 3. run again: it completes the work
    code, out = rasd_run(env)
    assert code == 0, out[-5000:]
    final = snapshot(warehouse, drop_run_times=True)
    assert not differences(final, reference), differences(final, reference)
    print(
        f"\nkill and rerun: killed at article {KILL_AT_ARTICLE} of 250 (200 committed), then during dbt "
        f"({len([r for r in models(mid_dbt, tables) if mid_dbt[r] == reference.get(r) and before.get(r) != reference.get(r)])} "
        f"models already rebuilt, leftover temporary relations: {leftovers or 'none'}); rerun == clean run on "
        f"{len(final)} relations, {sum(len(v) for v in final.values())} rows"
    )
    assert leftovers == [] or all(rel.split(".", 1)[1] not in {r.split(".", 1)[1].strip('"') for r in final}
                                  for rel in leftovers)  # fmt: skip
